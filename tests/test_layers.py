"""The house's rooms: an app may import the apps below it, never one above it or beside it (so no circles).

accounts (staff sign-in) is the bottom floor, then reviews; themes stands on them; learning and actions stand on
all three. scrportal (settings, URLs, the front door) puts them together and may use them all; no app imports it,
except its small shared tools.
"""

import ast
from pathlib import Path

from django.conf import settings

BELOW = {
    "accounts": set(),
    "reviews": {"accounts"},
    "themes": {"accounts", "reviews"},
    "learning": {"accounts", "reviews", "themes"},
    "actions": {"accounts", "reviews", "themes"},
}
# scrportal modules that any app may use: plumbing with no knowledge of the apps.
SHARED_TOOLS = {
    "scrportal.checks", "scrportal.embedded_db", "scrportal.middleware", "scrportal.ratelimit", "scrportal.settings",
}  # fmt: skip


def imports_of(path: Path, package: str) -> set[str]:
    """Absolute module names this file imports (relative imports resolved against its package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            else:
                found.add(node.module)
    return found


def violations() -> list[str]:
    root = Path(settings.BASE_DIR)
    found = []
    for app, allowed in BELOW.items():
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # migrations name other apps' migrations as dependencies, by design
            package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
            for module in imports_of(path, package):
                top = module.split(".")[0]
                upward = top in BELOW and top != app and top not in allowed
                if upward or (top == "scrportal" and module not in SHARED_TOOLS):
                    found.append(f"{path.relative_to(root)} imports {module}")
    return sorted(found)


def test_no_app_imports_an_app_above_or_beside_it():
    assert violations() == []


def test_the_layer_check_sees_an_upward_import(tmp_path):
    upward = tmp_path / "upward.py"
    upward.write_text("from themes.models import Theme\nfrom ..learning import feeds\n")
    assert imports_of(upward, "reviews.search") == {"themes.models", "reviews.learning"}

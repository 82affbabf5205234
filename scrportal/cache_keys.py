"""The database cache's key function: markers of what is current sort after every other key.

When the database cache is full, Django deletes the first third of its keys in key order. The markers
(`trends:generation`, `actions:tracker:generation`, `learning:feeds:generation`: the token that cached figures are
filed under, replaced when the data changes) must not be among them: a lost marker makes every process compute
its figures again at once. Ordinary keys start with their version number (`:1:trends:...`); a marker's key starts
with a letter, which sorts after digits and after `:` in every collation PostgreSQL offers, so culling, which
takes a third of the keys from the front, never reaches the markers.
"""

MARKER_SUFFIX = ":generation"


def make_key(key: str, key_prefix: str, version: int) -> str:
    if key.endswith(MARKER_SUFFIX):
        return f"~current:{key_prefix}:{version}:{key}"
    return f"{key_prefix}:{version}:{key}"

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.permissions import NATIONAL_EDITORS_GROUP
from accounts.two_factor import AUTHENTICATOR_NAME, new_recovery_codes
from reviews.models import Board, Review


def busiest_recent_board() -> Board | None:
    """The board with the most reviews published in the last three years: the editor's pages then have recent
    reviews, actions and figures to show."""
    since = timezone.localdate() - datetime.timedelta(days=3 * 365)
    recent = Count("reviews", filter=Q(reviews__in=Review.objects.published().filter(published_on__gte=since)))
    return Board.objects.annotate(recent=recent).order_by("-recent", "name").first()


def logins_path() -> Path:
    return settings.BASE_DIR / "var" / "demo-logins.json"


class Command(BaseCommand):
    help = (
        "Make and print the demo's staff logins: a password and, for the two-step sign-in, a recovery code "
        "(each works once; the next run prints the next one). Local demos only (DJANGO_DEBUG=1); kept in var/."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo logins are for local demos only: run with DJANGO_DEBUG=1, never in production.")
        path = logins_path()
        passwords = json.loads(path.read_text()) if path.exists() else {}

        admin, _ = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
        editor, created = User.objects.get_or_create(username="editor", defaults={"is_staff": True})
        if created:
            editor.groups.add(Group.objects.get(name="Board editors"))
            board = busiest_recent_board()
            if board:
                board.editors.add(editor)
        national, created = User.objects.get_or_create(username="national", defaults={"is_staff": True})
        if created:
            national.groups.add(Group.objects.get(name=NATIONAL_EDITORS_GROUP))
        for user in (admin, editor, national):
            if user.username not in passwords or not user.check_password(passwords[user.username]):
                passwords[user.username] = get_random_string(16)
                user.set_password(passwords[user.username])
                user.save(update_fields=["password"])
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(passwords))
        path.chmod(0o600)

        boards = ", ".join(editor.boards.values_list("name", flat=True)) or "no board"
        self.stdout.write("Demo logins for http://127.0.0.1:8000/admin/ (password, then the code shown)")
        for user, who in (
            (admin, "all boards"),
            (editor, f"board editor for {boards}"),
            (national, "national editor (glossary, theme pages, themes)"),
        ):
            code = self._recovery_code(user)
            self.stdout.write(f"  {who}:  {user.username} / {passwords[user.username]}  then code {code}")
        self.stdout.write("  Each code works once; run `manage.py demo_logins` again for the next.")

    @staticmethod
    def _recovery_code(user: User) -> str:
        """An unused recovery code, after giving the user an authenticator app so the code page is the one shown."""
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)
        token = StaticToken.objects.filter(device__user=user, device__confirmed=True).order_by("id").first()
        return token.token if token else new_recovery_codes(user=user)[0]

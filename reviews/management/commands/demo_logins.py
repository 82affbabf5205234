import datetime
import json

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import get_random_string

from reviews.models import Board, Review


def busiest_recent_board() -> Board | None:
    """The board with the most reviews published in the last three years: the editor's pages then have recent
    reviews, actions and figures to show."""
    since = timezone.localdate() - datetime.timedelta(days=3 * 365)
    recent = Count("reviews", filter=Q(reviews__in=Review.objects.published().filter(published_on__gte=since)))
    return Board.objects.annotate(recent=recent).order_by("-recent", "name").first()


class Command(BaseCommand):
    help = "Make and print the demo's admin and board-editor logins (local demos only; kept in var/)."

    def handle(self, *args, **options):
        path = settings.BASE_DIR / "var" / "demo-logins.json"
        passwords = json.loads(path.read_text()) if path.exists() else {}

        admin, _ = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
        editor, created = User.objects.get_or_create(username="editor", defaults={"is_staff": True})
        if created:
            editor.groups.add(Group.objects.get(name="Board editors"))
            board = busiest_recent_board()
            if board:
                board.editors.add(editor)
        for user in (admin, editor):
            if user.username not in passwords or not user.check_password(passwords[user.username]):
                passwords[user.username] = get_random_string(16)
                user.set_password(passwords[user.username])
                user.save(update_fields=["password"])
        path.write_text(json.dumps(passwords))
        path.chmod(0o600)

        boards = ", ".join(editor.boards.values_list("name", flat=True)) or "no board"
        self.stdout.write("Demo logins for http://127.0.0.1:8000/admin/")
        self.stdout.write(f"  all boards:  admin / {passwords['admin']}")
        self.stdout.write(f"  board editor for {boards}:  editor / {passwords['editor']}")

import json

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from reviews.models import Board


class Command(BaseCommand):
    help = "Make and print the demo's admin and board-editor logins (local demos only; kept in var/)."

    def handle(self, *args, **options):
        path = settings.BASE_DIR / "var" / "demo-logins.json"
        passwords = json.loads(path.read_text()) if path.exists() else {}

        admin, _ = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
        editor, created = User.objects.get_or_create(username="editor", defaults={"is_staff": True})
        if created:
            editor.groups.add(Group.objects.get(name="Board editors"))
            board = Board.objects.order_by("name").first()
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

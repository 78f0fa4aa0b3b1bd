"""`trienlam member`: give a person a role, creating their account if needed.

    trienlam member nguyenvana --role curator --institution ttlt-lang-son --email a@example.vn
    trienlam member bientap01 --role editor
    trienlam member nguyenvana --role curator --institution ttlt-lang-son --remove
"""

from __future__ import annotations

import secrets
import sys
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from trienlam.catalogue.models import Institution, Membership


class Command(BaseCommand):
    help = "Give a user a role (institution curator or exhibition editor), creating the account."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Membership.Role.values)
        parser.add_argument("--institution", help="The institution's slug (for a curator).")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the new account's password from standard input instead of generating one.",
        )
        parser.add_argument("--remove", action="store_true", help="Remove this membership.")

    def handle(self, *args: Any, **options: Any) -> None:
        institution = None
        if options["institution"]:
            institution = Institution.objects.filter(slug=options["institution"]).first()
            if institution is None:
                raise CommandError(
                    _("No institution has the slug “%(slug)s”.") % {"slug": options["institution"]}
                )
        if options["role"] == Membership.Role.CURATOR and institution is None:
            raise CommandError(_("A curator belongs to an institution: give --institution."))
        users = get_user_model()
        with transaction.atomic():
            user = users.objects.filter(username=options["username"]).first()
            if options["remove"]:
                self.remove(user, options["role"], institution)
                return
            if user is None:
                user = self.create_user(users, options)
            membership, created = Membership.objects.get_or_create(
                user=user, role=options["role"], institution=institution
            )
        self.stdout.write(
            (_("Added: %(membership)s") if created else _("Already there: %(membership)s"))
            % {"membership": membership}
        )

    def create_user(self, users: Any, options: dict[str, Any]) -> Any:
        user = users(username=options["username"], email=options["email"], is_staff=True)
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        else:
            password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        self.stdout.write(_("Created the account “%(user)s”.") % {"user": user.username})
        if not options["password_stdin"]:
            self.stdout.write(
                _("Password: %(password)s (give it to the person, who can change it in the admin)")
                % {"password": password}
            )
        return user

    def remove(self, user: Any, role: str, institution: Institution | None) -> None:
        deleted, _rows = Membership.objects.filter(
            user=user, role=role, institution=institution
        ).delete()
        if not deleted:
            raise CommandError(_("There is no such membership."))
        self.stdout.write(_("Removed."))

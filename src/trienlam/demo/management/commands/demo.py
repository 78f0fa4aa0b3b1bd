"""`trienlam demo`: build the illustrative demo exhibition."""

from __future__ import annotations

from argparse import ArgumentParser
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from trienlam.catalogue.display import kind_counts_text
from trienlam.demo.build import ADMIN_PASSWORD, ADMIN_USERNAME, DemoError, build_demo
from trienlam.demo.render import FontsMissing

SITE_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Build the illustrative demo exhibition (rendered documents and photos, clearly "
        "labelled as illustrations) and a demo administrator account."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Scale every page image down (0 < S ≤ 1) for a quicker, smaller demo.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo exhibition and the demo's own items, then build them again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = build_demo(scale=options["scale"], reset=options["reset"], stdout=self.stdout)
        except (DemoError, FontsMissing) as exc:
            raise CommandError(str(exc)) from exc
        if not result.created:
            self.stdout.write(result.message)
            return
        kinds = kind_counts_text(Counter(result.items_by_kind))
        self.stdout.write(self.style.SUCCESS(result.message))
        self.stdout.write(
            _("Public items: %(public)d (%(kinds)s); not public: %(hidden)d.")
            % {"public": result.public_items, "kinds": kinds, "hidden": result.unpublished_items}
        )
        self.stdout.write(
            _("Contributing institutions: %(institutions)d. Page images: %(pages)d.")
            % {"institutions": result.institutions, "pages": result.pages}
        )
        self.stdout.write(
            _(
                "Time: %(total).1f s (rendering %(render).1f s: %(rendered)d new, "
                "%(reused)d reused)."
            )
            % {
                "total": result.seconds,
                "render": result.render_seconds,
                "rendered": result.rendered,
                "reused": result.reused,
            }
        )
        if result.admin_created:
            self.stdout.write(
                _("Demo administrator: username “%(user)s”, password “%(password)s” (demo only).")
                % {"user": ADMIN_USERNAME, "password": ADMIN_PASSWORD}
            )
            self.stdout.write(
                _(
                    "To try the roles, with the same password: “canbo-langson” (curator of the "
                    "Lạng Sơn archive) and “bientap” (exhibition editor)."
                )
            )
        else:
            self.stdout.write(
                _("An account named “%(user)s” already exists; its password was not changed.")
                % {"user": ADMIN_USERNAME}
            )
        self.stdout.write(
            _("Site: %(url)s (once the server runs, e.g. ./run serve).") % {"url": SITE_URL}
        )

"""Validating one catalogue row: the same ModelForm path as the admin.

`ItemImportForm` is a plain ModelForm over Item: identifier format and uniqueness, the order of
the dates, "a quotation needs its text" and NFC all come from the model (`full_clean`), exactly
as in the admin. The importer only turns spreadsheet text into form data (institution names to
ids, "khoảng 1950" to a date range) and maps the form's errors back to column headers.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model, Q
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from trienlam.catalogue import roles
from trienlam.catalogue.forms import ItemChecks
from trienlam.catalogue.importing.columns import HEADERS, kind_value
from trienlam.catalogue.importing.reasons import date_message
from trienlam.catalogue.models import Institution, Item, Province
from trienlam.lib.dates import DateError, parse_archival_date

FORM_FIELDS = [
    "identifier", "kind", "title", "summary", "date_text", "date_start", "date_end",
    "doc_number", "creator", "languages", "institution", "province", "repository", "fonds",
    "series", "file_unit", "sheet", "other_code", "source_title", "source_page", "occasion",
    "quote_text", "rights", "transcription", "status",
]  # fmt: skip

# Form fields that have no column of their own: their errors belong to this column's field.
FIELD_COLUMN = {"date_start": "date_text", "date_end": "date_text"}


class ItemImportForm(ItemChecks):
    """An item as a row of the spreadsheet gives it: the admin's checks (`ItemChecks`) and
    the model's own validation."""

    def __init__(self, *args: Any, actor: AbstractBaseUser, **kwargs: Any) -> None:
        self.actor = actor
        super().__init__(*args, **kwargs)

    class Meta(ItemChecks.Meta):
        fields = FORM_FIELDS


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def resolve(model: type[Model], text: str) -> Model | None:
    """An Institution or Province named by slug, exact name or short name (NFC, casefold)."""
    wanted = _key(text)
    if not wanted:
        return None
    names = ["slug", "name"] + (["short_name"] if model is Institution else [])
    query = Q()
    for name in names:
        query |= Q(**{f"{name}__iexact": text.strip()})
    for candidate in model._default_manager.filter(query):  # type: ignore[attr-defined]
        if any(_key(getattr(candidate, name)) == wanted for name in names):
            return candidate
    # SQLite's iexact folds ASCII only: compare in Python when the fast path misses.
    for candidate in model._default_manager.all():  # type: ignore[attr-defined]
        if any(_key(getattr(candidate, name)) == wanted for name in names):
            return candidate
    return None


class RowCheck:
    """The outcome of checking one row: a bound form (valid or not) and problems by field."""

    def __init__(self) -> None:
        self.problems: list[tuple[str | None, str]] = []  # (field or None, message)
        self.form: ItemImportForm | None = None
        self.existing: Item | None = None

    def add(self, field: str | None, message: str) -> None:
        self.problems.append((field, message))


def check_row(
    values: dict[str, str],
    *,
    present: set[str],
    actor: AbstractBaseUser,
    reported: frozenset[str] = frozenset(),
) -> RowCheck:
    """Check one row (*values*: field -> text, *present*: fields that have a column).

    Form errors on fields in *reported* are left out (the caller has said what is wrong)."""
    check = RowCheck()
    identifier = values.get("identifier", "")
    existing = Item.objects.filter(identifier=identifier).first() if identifier else None
    if existing is not None:
        if not roles.may_edit_item(actor, existing):
            check.add(
                "identifier",
                _("the identifier %(identifier)s is already used by an item of another "
                  "institution; importing into it is refused.")
                % {"identifier": identifier},
            )
            return check
        if (
            existing.status not in roles.CURATOR_STATES
            and not roles.is_editor(actor)
        ):
            check.add(
                "identifier",
                _("the item %(identifier)s is %(status)s; only an exhibition editor can "
                  "change it.")
                % {"identifier": identifier, "status": existing.get_status_display()},
            )
            return check
        check.existing = existing
        data: dict[str, Any] = model_to_dict(existing, fields=FORM_FIELDS)
    else:
        data = {"languages": "vi", "status": Item.Status.IN_REVIEW}
    for field in present:
        if field in ("files", "alt_text"):
            continue
        data[field] = values.get(field, "")
    if "languages" in present and not data["languages"]:
        data["languages"] = "vi"

    unresolved: set[str] = set(reported)
    if "kind" in present and values.get("kind"):
        kind = kind_value(values["kind"])
        if kind is None:
            unresolved.add("kind")
            check.add(
                "kind",
                _("“%(value)s” is not a kind; write one of: tài liệu, hình ảnh, câu trích, "
                  "ghi âm, phim.")
                % {"value": values["kind"]},
            )
        data["kind"] = kind or ""
    for field, model in (
        ("institution", Institution),
        ("repository", Institution),
        ("province", Province),
    ):
        if field not in present:
            continue
        text = values.get(field, "")
        found = resolve(model, text) if text else None
        if text and found is None:
            unresolved.add(field)
            message = (
                _("no institution is called “%(value)s” (write its name, short name or slug).")
                if model is Institution
                else _("no province is called “%(value)s”.")
            )
            check.add(field, message % {"value": text})
        data[field] = found.pk if found is not None else None
    if "date_text" in present:
        text = values.get("date_text", "")
        try:
            parsed = parse_archival_date(text)
        except DateError as exc:
            check.add("date_text", date_message(text, exc))
            unresolved.add("date_text")
            parsed = None
        data["date_start"] = parsed.start if parsed else None
        data["date_end"] = parsed.end if parsed else None

    form = ItemImportForm(data=data, instance=existing, actor=actor)
    check.form = form
    if not form.is_valid():
        for field, errors in form.errors.as_data().items():
            column_field = FIELD_COLUMN.get(field, field)
            if column_field in unresolved:
                continue  # already said, in the spreadsheet's words
            for error in errors:
                for message in error.messages:
                    check.add(None if field == "__all__" else column_field, message)
    return check


def column_of(field: str | None) -> str | None:
    """The spreadsheet header of *field* (None for row-level problems)."""
    if field is None:
        return None
    return HEADERS.get(field, field)

"""Importing promoting agencies from a spreadsheet (.xlsx or .csv), all or nothing.

The same rules as the catalogue importer: the file is read by `lib.tabular` (header row,
formulas refused, CSV encodings recognised and named), every row goes through the same
ModelForm the admin uses, every problem names its row and column, and nothing is written
unless every row is correct (one transaction). A dry run only checks.

Re-importing updates: a row whose referral code is already registered updates that agency;
a row without a code updates the agency of the same name in the same province (names compared
without regard to case); any other row creates an agency (with a new code if none is given).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from trienlam.catalogue import roles
from trienlam.catalogue.importing.run import Problem
from trienlam.catalogue.importing.validate import resolve
from trienlam.catalogue.models import Province
from trienlam.lib.tabular import TableError, read_rows, write_csv
from trienlam.outreach.models import Agency, AgencyGroup

# Header text -> field. Vietnamese first (the template), English accepted too.
COLUMNS: dict[str, str] = {
    "Tên cơ quan, đơn vị": "name",
    "Tên cơ quan": "name",
    "Name": "name",
    "Nhóm": "group",
    "Group": "group",
    "Tỉnh": "province",
    "Province": "province",
    "Trang web": "website",
    "Website": "website",
    "Liên hệ": "contact",
    "Contact": "contact",
    "Mã giới thiệu": "code",
    "Referral code": "code",
}
HEADERS = {
    "name": "Tên cơ quan, đơn vị",
    "group": "Nhóm",
    "province": "Tỉnh",
    "website": "Trang web",
    "contact": "Liên hệ",
    "code": "Mã giới thiệu",
}
REQUIRED = ("name",)
EXAMPLE = {
    "name": "Sở Văn hóa, Thể thao và Du lịch (ví dụ)",
    "group": "Sở, ban, ngành",
    "province": "Lạng Sơn",
    "website": "https://svhttdl.example.gov.vn",
    "contact": "Văn phòng Sở, 0205 000 000",
    "code": "",
}


class AgencyForm(forms.ModelForm):
    """The admin's form and the importer's row check: the model's own validation."""

    website = forms.URLField(
        label=Agency._meta.get_field("website").verbose_name,
        max_length=200,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Agency
        fields = ["name", "group", "province", "website", "contact", "code"]


@dataclass
class AgencyImportReport:
    dry_run: bool
    rows: int = 0
    created: list[str] = field(default_factory=list)  # referral codes
    updated: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        bad = len({p.row for p in self.problems if p.row is not None})
        return _("%(rows)d rows: %(created)d new, %(updated)d updated, %(bad)d with errors.") % {
            "rows": self.rows,
            "created": len(self.created),
            "updated": len(self.updated),
            "bad": bad,
        }


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def _group(text: str) -> AgencyGroup | None:
    wanted = _key(text)
    return next((g for g in AgencyGroup.objects.all() if _key(g.name) == wanted), None)


def _existing(code: str, name: str, province: Province | None) -> Agency | None:
    if code:
        found = Agency.objects.filter(code=code).first()
        if found is not None:
            return found
    wanted = _key(name)
    candidates = (
        Agency.objects.filter(province=province)
        if province
        else Agency.objects.filter(province__isnull=True)
    )
    return next((a for a in candidates if _key(a.name) == wanted), None)


@dataclass
class _Plan:
    row: int
    form: AgencyForm
    existing: Agency | None


def import_agencies(*, sheet: Path, actor: AbstractBaseUser, dry_run: bool) -> AgencyImportReport:
    """Check every row of *sheet*; unless *dry_run*, and only if nothing is wrong, store them
    all in one transaction. Never raises for bad input: the report lists every problem."""
    report = AgencyImportReport(dry_run=dry_run)
    plans = _validate(Path(sheet), actor, report)
    if report.problems or dry_run:
        return report
    try:
        with transaction.atomic():
            for plan in plans:
                agency = plan.form.save()
                (report.updated if plan.existing else report.created).append(agency.code)
    except Exception as exc:  # a constraint the checks could not see (a concurrent edit)
        report.created, report.updated = [], []
        report.problems.append(
            Problem(
                None,
                None,
                None,
                _("the import stopped and nothing was saved: %(reason)s") % {"reason": exc},
            )
        )
    return report


def _validate(sheet: Path, actor: AbstractBaseUser, report: AgencyImportReport) -> list[_Plan]:
    problems = report.problems
    if not roles.is_editor(actor):
        problems.append(Problem(None, None, None, _("You may not import agencies.")))
        return []
    try:
        table = read_rows(sheet, COLUMNS, required=REQUIRED)
    except (TableError, OSError) as exc:
        problems.append(
            Problem(
                None,
                None,
                sheet.name,
                _("the spreadsheet cannot be read: %(reason)s") % {"reason": exc},
            )
        )
        return []
    for header in table.missing_columns:
        problems.append(
            Problem(
                None,
                HEADERS.get(COLUMNS.get(header, ""), header),
                None,
                _("the required column is missing."),
            )
        )
    if table.missing_columns:
        return []
    report.rows = len(table.rows)
    if not table.rows:
        problems.append(Problem(None, None, sheet.name, _("the spreadsheet has no rows.")))
        return []
    present = set(table.columns)
    seen_codes: dict[str, int] = {}
    seen_names: dict[tuple[str, int | None], int] = {}
    matched: dict[int, int] = {}  # agency pk -> row
    plans: list[_Plan] = []
    for row in table.rows:
        number = row.number
        bad = False

        def problem(field_name: str | None, message: str, number: int = number) -> None:
            column = table.columns.get(field_name or "")
            header = column.header if column else HEADERS.get(field_name or "")
            problems.append(Problem(number, header, None, message))

        for field_name, cell in row.cells.items():
            if cell.is_formula:
                problem(
                    field_name,
                    _(
                        "the cell holds a formula; formulas are not accepted "
                        "(type the value itself)."
                    ),
                )
                bad = True
        if bad:
            continue
        values = {name: row.get(name) for name in present}
        name = values.get("name", "")
        code = values.get("code", "").strip().lower()
        group = None
        if values.get("group"):
            group = _group(values["group"])
            if group is None:
                names = ", ".join(g.name for g in AgencyGroup.objects.all())
                problem(
                    "group",
                    _(
                        "“%(value)s” is not an agency group; write one of: "
                        "%(groups)s (an administrator can add groups)."
                    )
                    % {"value": values["group"], "groups": names},
                )
                bad = True
        province = None
        if values.get("province"):
            province = resolve(Province, values["province"])
            if province is None:
                problem(
                    "province",
                    _("no province is called “%(value)s”.") % {"value": values["province"]},
                )
                bad = True
        if bad:
            continue
        existing = _existing(code, name, province)
        if existing is not None and code and existing.code != code:
            problem(
                "code",
                _(
                    "%(name)s already has the referral code %(old)s, which its "
                    "banners and links carry; leave the cell empty or write %(old)s."
                )
                % {"name": existing.name, "old": existing.code},
            )
            continue
        if existing is not None and existing.pk in matched:
            problem(
                None,
                _("this row and row %(first)d are the same agency.")
                % {"first": matched[existing.pk]},
            )
            continue
        if code:
            if code in seen_codes:
                problem(
                    "code",
                    _("the referral code %(code)s is already used in row %(first)d of this file.")
                    % {"code": code, "first": seen_codes[code]},
                )
                continue
            seen_codes[code] = number
        name_key = (_key(name), province.pk if province else None)
        if name and name_key in seen_names:
            problem(
                "name",
                _("the same agency (name and province) is already in row %(first)d of this file.")
                % {"first": seen_names[name_key]},
            )
            continue
        seen_names[name_key] = number
        data = (
            {f: getattr(existing, f) for f in ("name", "website", "contact", "code")}
            | {"group": existing.group_id, "province": existing.province_id}
            if existing
            else {"code": Agency._meta.get_field("code").get_default()}
        )
        for field_name in present:
            if field_name == "code" and not code:
                continue  # keep the agency's code (or the new one)
            data[field_name] = values[field_name]
        if "code" in present and code:
            data["code"] = code
        if "group" in present:
            data["group"] = group.pk if group else None
        if "province" in present:
            data["province"] = province.pk if province else None
        form = AgencyForm(data=data, instance=existing)
        if not form.is_valid():
            for field_name, errors in form.errors.as_data().items():
                for error in errors:
                    for message in error.messages:
                        problem(None if field_name == "__all__" else field_name, message)
            continue
        if existing is not None:
            matched[existing.pk] = number
        plans.append(_Plan(number, form, existing))
    return plans


def template_rows() -> list[list[str]]:
    return [list(HEADERS.values()), [EXAMPLE[f] for f in HEADERS]]


def template_csv() -> bytes:
    import io

    buffer = io.StringIO(newline="")
    write_csv(template_rows(), buffer)
    return buffer.getvalue().encode("utf-8")


def template_xlsx() -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Cơ quan"
    for row in template_rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in "ABCDEF":
        sheet.column_dimensions[column].width = 30
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

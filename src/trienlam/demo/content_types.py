"""Plain data shapes of the demo content, and helpers that keep items consistent.

The helpers derive what must agree from one value: the document number drawn
on the page and stored on the item, the date line and national heading from
the date, the archival mark from the reference fields, a stable seed from the
identifier.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date
from typing import Literal

from trienlam.demo.render import (
    CLOSING,
    PAGE_BREAK,
    DocumentSpec,
    Format,
    PhotoSpec,
    Scene,
    document_text,
    national_heading,
    page_count,
)
from trienlam.lib.dates import parse_archival_date

ILLUSTRATIVE_RIGHTS = "Dữ liệu minh họa – không phải tài liệu lưu trữ thật"
ILLUSTRATIVE_SOURCE = "Dữ liệu minh họa của bản demo (lời viết cho triển lãm mẫu)"

Kind = Literal["document", "photo", "quotation"]
Status = Literal["draft", "in_review", "published", "withdrawn"]


@dataclass(frozen=True)
class SiteData:
    site_name: str
    agency: str
    address: str
    person_in_charge: str
    phone: str
    email: str
    licence_note: str
    privacy_note: str
    illustrative: bool = True


@dataclass(frozen=True)
class ProvinceData:
    slug: str
    name: str
    position: int
    note: str = ""


@dataclass(frozen=True)
class InstitutionData:
    slug: str
    name: str
    short_name: str
    kind: str
    province: str | None
    address: str
    website: str = ""


@dataclass(frozen=True)
class ExhibitionData:
    slug: str
    title: str
    subtitle: str
    introduction: str
    legal_basis: tuple[str, ...]
    organisers: tuple[str, ...]
    co_organisers: tuple[str, ...]
    occasion: str
    venue: str
    cover: str
    status: str = "published"
    position: int = 0


@dataclass(frozen=True)
class SectionData:
    slug: str
    title: str
    label: str = ""
    introduction: str = ""
    parent: str | None = None


@dataclass(frozen=True)
class ItemData:
    identifier: str
    kind: Kind
    section: str
    institution: str
    title: str
    summary: str = ""
    province: str | None = None
    repository: str | None = None
    date_text: str = ""
    date_start: date | None = None
    date_end: date | None = None
    doc_number: str = ""
    creator: str = ""
    fonds: str = ""
    series: str = ""
    file_unit: str = ""
    sheet: str = ""
    other_code: str = ""
    source_title: str = ""
    source_page: str = ""
    occasion: str = ""
    quote_text: str = ""
    rights: str = ILLUSTRATIVE_RIGHTS
    transcribe: bool = False
    status: Status = "published"
    caption: str = ""
    document: DocumentSpec | None = None
    photo: PhotoSpec | None = None
    image_format: Format = "jpeg"
    greyscale: bool = False
    alt_text: str = ""

    @property
    def pages(self) -> int:
        """Number of page images (laid out on first use, which needs the fonts)."""
        if self.document is not None:
            return page_count(self.document)
        return 1 if self.photo is not None else 0

    @property
    def transcription(self) -> str:
        """The text drawn on the pages, for documents marked for transcription."""
        if self.document is not None and self.transcribe:
            return document_text(self.document)
        return ""

    def page_alt(self) -> str:
        if self.photo is not None:
            return self.alt_text
        # The page number is the item page's to add ("— trang 1/3"), for every item alike.
        return f"{self.title} (bản dựng minh họa)"


def seed_of(identifier: str) -> int:
    """A seed that is the same in every process and every run (unlike hash())."""
    return zlib.crc32(identifier.encode("utf-8"))


def parse_date_text(text: str) -> tuple[date, date]:
    """The earliest and latest dates an archivist's date text stands for, read exactly as
    the importer and the admin read it (`trienlam.lib.dates`): "khoảng năm 1960" is
    1955–1965 there, so it is here."""
    parsed = parse_archival_date(text)
    if parsed.start is None or parsed.end is None:
        raise ValueError(f"the demo's date {text!r} names no day, month or year")
    return parsed.start, parsed.end


def date_line(place: str, text: str) -> str:
    """The place-and-date line as printed: blanks where the archivist had to estimate."""
    start, end = parse_date_text(text)
    exact = not text.startswith("khoảng") and "-" not in text
    if exact and start == end:
        return f"{place}, ngày {start.day} tháng {start.month} năm {start.year}"
    if exact and start.month == end.month and start.year == end.year:
        return f"{place}, ngày      tháng {start.month} năm {start.year}"
    if exact:
        return f"{place}, ngày      tháng      năm {start.year}"
    return f"{place}, ngày      tháng      năm        "


def document(
    identifier: str,
    *,
    section: str,
    institution: str,
    province: str | None,
    title: str,
    summary: str,
    date_text: str,
    creator: str,
    issuer: str,
    issuer_parent: str = "",
    place: str,
    number: str,
    doc_type: str,
    subject: str,
    body: tuple[str, ...],
    signature: tuple[str, ...] = (),
    recipients: tuple[str, ...] = (),
    addressees: tuple[str, ...] = (),
    fonds: str = "",
    series: str = "",
    file_unit: str = "",
    sheet: str = "",
    repository: str | None = None,
    transcribe: bool = False,
    caption: str = "",
    status: Status = "published",
    dpi: int = 200,
    image_format: Format = "jpeg",
    greyscale: bool = False,
) -> ItemData:
    start, end = parse_date_text(date_text)
    mark = " · ".join(p for p in (fonds, series, file_unit, f"tờ {sheet}" if sheet else "") if p)
    spec = DocumentSpec(
        issuer_parent=issuer_parent,
        issuer=issuer,
        number=number,
        national=national_heading(start.year, start.month, start.day),
        date_line=date_line(place, date_text),
        doc_type=doc_type,
        subject=subject,
        body=body,
        signature=signature,
        recipients=recipients,
        addressees=addressees,
        archive_mark=mark,
        typeface="condensed" if start.year < 1990 else "serif",
        paper="aged" if start.year < 2000 else "white",
        dpi=dpi,
        seed=seed_of(identifier),
    )
    return ItemData(
        identifier=identifier,
        kind="document",
        section=section,
        institution=institution,
        province=province,
        repository=repository,
        title=title,
        summary=summary,
        date_text=date_text,
        date_start=start,
        date_end=end,
        doc_number=number,
        creator=creator,
        fonds=fonds,
        series=series,
        file_unit=file_unit,
        sheet=sheet,
        transcribe=transcribe,
        status=status,
        caption=caption,
        document=spec,
        image_format=image_format,
        greyscale=greyscale,
    )


SCENE_ALT: dict[str, str] = {
    "mountains": "núi đồi nhiều lớp, rặng cây và một nếp nhà sàn dưới thung lũng",
    "terraces": "ruộng bậc thang uốn theo sườn đồi, phía xa là núi",
    "harvest": "người đội nón làm việc trên ruộng bậc thang",
    "road": "con đường mới mở vào vùng núi, vài người mang dụng cụ lao động",
    "village": "mấy nếp nhà sàn giữa vườn cây, người đi lại trước bản",
    "stage": "hội trường có băng rôn, bàn chủ tọa và các hàng ghế đại biểu",
    "hall": "phòng họp có băng rôn, bàn chủ tọa, bục phát biểu và người dự họp",
}


def photo(
    identifier: str,
    *,
    section: str,
    institution: str,
    province: str | None,
    title: str,
    summary: str,
    date_text: str,
    scene: Scene,
    other_code: str,
    banner: str = "",
    tone: Literal["sepia", "grey"] = "sepia",
    creator: str = "",
    fonds: str = "",
    series: str = "",
    file_unit: str = "",
    caption: str = "",
    status: Status = "published",
    image_format: Format = "jpeg",
    greyscale: bool = False,
) -> ItemData:
    start, end = parse_date_text(date_text)
    spec = PhotoSpec(scene=scene, caption=title, banner=banner, tone=tone, seed=seed_of(identifier))
    alt = f"Ảnh dựng minh họa (không phải ảnh thật): {SCENE_ALT[scene]}"
    if banner:
        alt += f"; băng rôn ghi “{banner}”"
    return ItemData(
        identifier=identifier,
        kind="photo",
        section=section,
        institution=institution,
        province=province,
        title=title,
        summary=summary,
        date_text=date_text,
        date_start=start,
        date_end=end,
        creator=creator,
        fonds=fonds,
        series=series,
        file_unit=file_unit,
        other_code=other_code,
        status=status,
        caption=caption,
        photo=spec,
        image_format=image_format,
        greyscale=greyscale,
        alt_text=alt,
    )


def quotation(
    identifier: str,
    *,
    section: str,
    institution: str,
    title: str,
    quote_text: str,
    creator: str,
    occasion: str,
    summary: str = "",
    province: str | None = None,
    source_title: str = ILLUSTRATIVE_SOURCE,
    source_page: str = "",
    date_text: str = "",
    rights: str = ILLUSTRATIVE_RIGHTS,
    caption: str = "",
) -> ItemData:
    start, end = parse_date_text(date_text) if date_text else (None, None)
    return ItemData(
        identifier=identifier,
        kind="quotation",
        section=section,
        institution=institution,
        province=province,
        title=title,
        summary=summary,
        date_text=date_text,
        date_start=start,
        date_end=end,
        creator=creator,
        occasion=occasion,
        quote_text=quote_text,
        source_title=source_title,
        source_page=source_page,
        rights=rights,
        caption=caption,
    )


PAGE_MARK = "~~~"
CLOSING_MARK = "[ký]"


def blocks(text: str) -> tuple[str, ...]:
    """Body paragraphs from a wrapped text: blank lines separate paragraphs, lines of a
    paragraph are joined, table rows ("|…|") stay one per block, "~~~" breaks the page and
    "[ký]" places the recipients and signature (before an annex)."""
    out: list[str] = []
    for chunk in text.strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines == [PAGE_MARK]:
            out.append(PAGE_BREAK)
        elif lines == [CLOSING_MARK]:
            out.append(CLOSING)
        elif lines[0].startswith("|"):
            out.extend(lines)
        else:
            out.append(" ".join(lines))
    return tuple(out)

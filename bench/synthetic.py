"""A synthetic Vietnamese archival catalogue, for benchmarks (reusable by any of them).

Call it inside a configured Django (``django.setup()`` done, database migrated — see
``bench/search.py`` or ``bench/import_catalogue.py`` for how a benchmark sets that up)::

    from synthetic import generate          # bench/ on sys.path
    cat = generate(10_000, seed=0)          # -> SyntheticCatalogue
    cat.item_ids, cat.exhibition, cat.parts, cat.provinces, cat.institutions

:func:`generate` creates real rows with ``bulk_create`` (about 10k items per second on SQLite):

- the seven provinces of the Cụm thi đua (Hà Giang, Cao Bằng, Lạng Sơn, Lào Cai, Lai Châu,
  Điện Biên, Sơn La), reused when a province with the same slug exists;
- one "(tổng hợp)" archive per province plus two national bodies, slugs ``<prefix>-...``;
- ``n_items`` **published** items ``<PREFIX>-000001``… of every kind, with Vietnamese titles,
  summaries and transcriptions built from word lists (place names of the provinces, their
  districts and communes, archival vocabulary, name-like phrases), document numbers such as
  ``15/SL`` or ``123/QĐ-UBHC``, archival references (fonds, series, file, sheet), dates as
  archivists write them with their normalised range (1945–1999);
- one published exhibition ``<prefix>-trien-lam`` with three parts of two sections each, and
  placements for about 70% of the items (a third of them with a caption of their own).

Everything is deterministic for a given ``seed`` (same text, same dates, same placements).
Nothing here describes real holdings: every institution name says "(tổng hợp)". No media
files are made unless ``images=k`` asks for a tiny JPEG page on the first *k* items (built
with Pillow; the items then need ``trienlam process_media`` for their derivatives).

Bulk creation bypasses ``save()`` and signals, as a real bulk load would: whatever keeps
derived data (e.g. the search index) up to date must cope with that.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

PROVINCES: tuple[tuple[str, str], ...] = (
    ("ha-giang", "Hà Giang"),
    ("cao-bang", "Cao Bằng"),
    ("lang-son", "Lạng Sơn"),
    ("lao-cai", "Lào Cai"),
    ("lai-chau", "Lai Châu"),
    ("dien-bien", "Điện Biên"),
    ("son-la", "Sơn La"),
)

# Districts (as named before 2025) and a few communes/towns of each province.
PLACES: dict[str, tuple[str, ...]] = {
    "ha-giang": (
        "Đồng Văn",
        "Mèo Vạc",
        "Yên Minh",
        "Quản Bạ",
        "Bắc Mê",
        "Hoàng Su Phì",
        "Xín Mần",
        "Vị Xuyên",
        "Bắc Quang",
        "Quang Bình",
        "Lũng Cú",
        "Sà Phìn",
        "Phó Bảng",
        "Thanh Thủy",
    ),
    "cao-bang": (
        "Bảo Lạc",
        "Bảo Lâm",
        "Hà Quảng",
        "Trùng Khánh",
        "Hạ Lang",
        "Quảng Hòa",
        "Hòa An",
        "Nguyên Bình",
        "Thạch An",
        "Pác Bó",
        "Trường Hà",
        "Đàm Thủy",
        "Tà Lùng",
        "Nước Hai",
    ),
    "lang-son": (
        "Tràng Định",
        "Văn Lãng",
        "Văn Quan",
        "Bình Gia",
        "Bắc Sơn",
        "Hữu Lũng",
        "Chi Lăng",
        "Cao Lộc",
        "Lộc Bình",
        "Đình Lập",
        "Đồng Đăng",
        "Na Sầm",
        "Thất Khê",
        "Kỳ Lừa",
    ),
    "lao-cai": (
        "Bát Xát",
        "Mường Khương",
        "Si Ma Cai",
        "Bắc Hà",
        "Bảo Thắng",
        "Bảo Yên",
        "Sa Pa",
        "Văn Bàn",
        "Y Tý",
        "Cốc Lếu",
        "Phố Lu",
        "Tả Van",
        "Bản Phiệt",
        "Phong Hải",
    ),
    "lai-chau": (
        "Tam Đường",
        "Phong Thổ",
        "Sìn Hồ",
        "Mường Tè",
        "Than Uyên",
        "Tân Uyên",
        "Nậm Nhùn",
        "Pa Tần",
        "Dào San",
        "Ma Lù Thàng",
        "Bình Lư",
        "Mường Kim",
        "Pa Ủ",
        "Nậm Tăm",
    ),
    "dien-bien": (
        "Mường Nhé",
        "Mường Chà",
        "Tủa Chùa",
        "Tuần Giáo",
        "Điện Biên Đông",
        "Mường Ảng",
        "Nậm Pồ",
        "Mường Lay",
        "Mường Thanh",
        "Thanh Xương",
        "Him Lam",
        "A Pa Chải",
        "Na Son",
        "Sín Thầu",
    ),
    "son-la": (
        "Quỳnh Nhai",
        "Thuận Châu",
        "Mường La",
        "Bắc Yên",
        "Phù Yên",
        "Mộc Châu",
        "Yên Châu",
        "Mai Sơn",
        "Sông Mã",
        "Sốp Cộp",
        "Vân Hồ",
        "Chiềng Sinh",
        "Tà Xùa",
        "Chiềng Mai",
    ),
}

DOC_TYPES = (
    "Công văn",
    "Quyết định",
    "Chỉ thị",
    "Báo cáo",
    "Tờ trình",
    "Biên bản",
    "Thông tư",
    "Nghị quyết",
    "Danh sách",
    "Thông báo",
    "Kế hoạch",
    "Điện",
    "Sắc lệnh",
    "Bằng khen",
    "Giấy khen",
    "Tờ khai",
    "Đơn",
    "Thư",
)
ISSUERS = (
    "Ủy ban hành chính tỉnh {p}",
    "Ủy ban kháng chiến hành chính tỉnh {p}",
    "Tỉnh ủy {p}",
    "Ban thi đua tỉnh {p}",
    "Ủy ban nhân dân tỉnh {p}",
    "Ty Giáo dục {p}",
    "Ty Y tế {p}",
    "Ty Thủy lợi {p}",
    "Ty Giao thông {p}",
    "Hội đồng nhân dân tỉnh {p}",
    "Ủy ban hành chính huyện {d}",
    "Ban chỉ huy dân công huyện {d}",
    "Khu tự trị Việt Bắc",
    "Khu tự trị Thái Mèo",
    "Bộ Nội vụ",
    "Phủ Thủ tướng",
)
SUBJECTS = (
    "phong trào thi đua yêu nước",
    "thi đua lao động sản xuất",
    "khen thưởng chiến sĩ thi đua",
    "xây dựng hợp tác xã nông nghiệp",
    "huy động dân công hỏa tuyến",
    "vận chuyển lương thực",
    "bình dân học vụ và xóa nạn mù chữ",
    "phòng chống dịch bệnh",
    "làm thủy lợi nhỏ",
    "mở đường giao thông liên xã",
    "bảo vệ biên giới",
    "đoàn kết các dân tộc",
    "tăng gia sản xuất",
    "thu thuế nông nghiệp",
    "định canh định cư",
    "trồng cây gây rừng",
    "chăm sóc thương binh liệt sĩ",
    "tuyển quân",
    "phát triển giáo dục miền núi",
    "xây dựng trường học",
    "khai hoang phục hóa",
    "chống hạn",
    "chống lũ lụt",
    "cải cách ruộng đất",
    "kiểm tra công tác thi đua",
    "tổng kết phong trào thi đua",
    "tiếp vận cho chiến dịch Điện Biên Phủ",
    "bầu cử Hội đồng nhân dân",
    "phổ biến kỹ thuật cấy lúa",
    "chăn nuôi trâu bò",
    "phát triển nghề dệt thổ cẩm",
)
OBJECTS = (
    "các bản vùng cao",
    "đồng bào các dân tộc",
    "cán bộ xã",
    "hợp tác xã",
    "nông trường",
    "các đội dân công",
    "giáo viên",
    "y tá thôn bản",
    "bộ đội biên phòng",
    "thanh niên xung phong",
    "phụ nữ",
    "thiếu nhi",
    "các trường phổ thông",
    "bà con người Mông",
    "bà con người Tày",
    "bà con người Thái",
    "bà con người Dao",
    "bà con người Nùng",
    "bà con người Hà Nhì",
)
VERBS = (
    "đã hoàn thành",
    "tích cực tham gia",
    "được biểu dương",
    "đạt thành tích xuất sắc",
    "vượt kế hoạch",
    "được tặng bằng khen",
    "đề nghị khen thưởng",
    "báo cáo kết quả",
    "tổ chức học tập",
    "phát động thi đua",
    "góp công góp của",
    "đảm bảo an toàn",
)
SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Nông",
    "Lò",
    "Hà",
    "Giàng",
    "Sùng",
    "Lường",
    "Triệu",
)
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Ngọc", "Xuân", "A", "Seo", "Quang", "Hữu")
GIVEN = (
    "Thụy",
    "Hòa",
    "Đường",
    "Dương",
    "Thủy",
    "Khoa",
    "Lan",
    "Hùng",
    "Tuấn",
    "Mai",
    "Pao",
    "Chứ",
    "Sính",
    "Khánh",
    "Quế",
    "Lụa",
    "Thắm",
    "Nghĩa",
    "Thuận",
    "Xuyên",
)
SYMBOLS = ("SL", "QĐ", "CT", "BC", "TTr", "UB", "UBHC", "NĐ", "TTg", "TT", "KH", "TB")
KINDS = (("document", 60), ("photo", 20), ("quotation", 8), ("audio", 6), ("video", 6))
PART_TITLES = (
    ("phan-1", "Phần I", "Khởi nguồn phong trào thi đua ái quốc (1945–1954)"),
    ("phan-2", "Phần II", "Thi đua xây dựng và bảo vệ miền núi biên giới (1955–1975)"),
    ("phan-3", "Phần III", "Đổi mới và hội nhập (1976–1999)"),
)


@dataclass
class SyntheticCatalogue:
    """What :func:`generate` made (primary keys; query the models for the rows)."""

    prefix: str
    seed: int
    item_ids: list[int] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    provinces: dict[str, int] = field(default_factory=dict)  # slug -> pk
    institutions: dict[str, int] = field(default_factory=dict)  # slug -> pk
    exhibition: int | None = None
    exhibition_slug: str = ""
    parts: dict[str, int] = field(default_factory=dict)  # part slug -> pk
    sections: dict[str, int] = field(default_factory=dict)  # section slug -> pk
    placements: int = 0
    seconds: float = 0.0


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _date(rng: random.Random) -> tuple[str, dt.date | None, dt.date | None]:
    """A date as an archivist writes it, and its range."""
    year = rng.choices(
        range(1945, 2000), weights=[3 if y < 1976 else 1 for y in range(1945, 2000)]
    )[0]
    form = rng.random()
    if form < 0.45:
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        day_ = dt.date(year, month, day)
        return f"{day}/{month}/{year}", day_, day_
    if form < 0.7:
        month = rng.randint(1, 12)
        end = (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
        return f"tháng {month} năm {year}", dt.date(year, month, 1), end
    if form < 0.9:
        return f"năm {year}", dt.date(year, 1, 1), dt.date(year, 12, 31)
    if form < 0.96:
        decade = year - year % 10
        return f"thập niên {decade}", dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31)
    return "không rõ năm", None, None


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _sentence(rng: random.Random, province: str, place: str) -> str:
    templates = (
        "{o} xã {pl} {v} về {s}.",
        "Năm {y}, {o} huyện {pl}, tỉnh {p} {v} trong {s}.",
        "Đồng chí {n} {v}, góp phần vào {s} của tỉnh {p}.",
        "{i} yêu cầu các huyện, trước hết là {pl}, đẩy mạnh {s}.",
        "Trong đợt {s}, {o} ở {pl} {v}.",
        "Danh sách gồm đồng chí {n} và đồng chí {n2}, xã {pl}.",
        "Kèm theo báo cáo số liệu {s} của {o} tỉnh {p}.",
    )
    district = rng.choice(PLACES[province])
    return rng.choice(templates).format(
        o=rng.choice(OBJECTS),
        pl=place,
        v=rng.choice(VERBS),
        s=rng.choice(SUBJECTS),
        p=dict(PROVINCES)[province],
        y=rng.randint(1945, 1999),
        n=_person(rng),
        n2=_person(rng),
        i=rng.choice(ISSUERS).format(p=dict(PROVINCES)[province], d=district),
    )


def _tiny_jpeg(folder: Path, index: int) -> Path:
    from PIL import Image, ImageDraw

    path = folder / f"synthetic-{index:06d}.jpg"
    image = Image.new("RGB", (64, 90), (244, 236, 220))
    draw = ImageDraw.Draw(image)
    for line in range(8):
        draw.line((8, 12 + line * 9, 56 - (index + line) % 20, 12 + line * 9), fill=(60, 50, 40))
    image.save(path, "JPEG", quality=80)
    return path


def generate(
    n_items: int,
    *,
    seed: int = 0,
    prefix: str = "SY",
    images: int = 0,
    batch_size: int = 2000,
) -> SyntheticCatalogue:
    """Create a synthetic catalogue of *n_items* published items (see the module docstring).

    *prefix* (letters) makes identifiers ``<PREFIX>-000001`` and slugs ``<prefix>-…``, so
    several catalogues can live side by side; calling twice with the same prefix fails on
    the unique identifiers. *images* attaches one tiny JPEG page to each of the first
    *images* items.
    """
    import tempfile
    import time

    from django.db import transaction

    from trienlam.catalogue.models import Institution, Item, Province
    from trienlam.exhibitions.models import Exhibition, Placement, Section

    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    low = prefix.lower()
    result = SyntheticCatalogue(prefix=prefix, seed=seed)
    with transaction.atomic():
        for position, (slug, name) in enumerate(PROVINCES, start=1):
            province = (
                Province.objects.filter(slug=slug).first()
                or Province.objects.filter(name=name).first()
                or Province.objects.create(slug=slug, name=name, position=position)
            )
            result.provinces[slug] = province.pk
        institutions = [
            Institution(
                name=_nfc(f"Trung tâm Lưu trữ lịch sử tỉnh {name} ({prefix} tổng hợp)"),
                short_name=_nfc(f"TTLTLS {name} ({prefix})"),
                slug=f"{low}-ttlt-{slug}",
                kind=Institution.Kind.PROVINCIAL_ARCHIVE,
                province_id=result.provinces[slug],
            )
            for slug, name in PROVINCES
        ] + [
            Institution(
                name=_nfc(f"Trung tâm Lưu trữ quốc gia III ({prefix} tổng hợp)"),
                short_name=_nfc(f"TTLTQG III ({prefix})"),
                slug=f"{low}-ttlt-qg-3",
                kind=Institution.Kind.NATIONAL_ARCHIVE,
            ),
            Institution(
                name=_nfc(f"Ban Thi đua – Khen thưởng Trung ương ({prefix} tổng hợp)"),
                short_name=_nfc(f"Ban TĐKT TƯ ({prefix})"),
                slug=f"{low}-ban-tdkt",
                kind=Institution.Kind.EMULATION_BOARD,
            ),
        ]
        for institution in Institution.objects.bulk_create(institutions):
            result.institutions[institution.slug] = institution.pk
        by_province = {slug: result.institutions[f"{low}-ttlt-{slug}"] for slug, _ in PROVINCES}
        national = [result.institutions[f"{low}-ttlt-qg-3"], result.institutions[f"{low}-ban-tdkt"]]

        exhibition = Exhibition.objects.create(
            slug=f"{low}-trien-lam",
            title=_nfc(f"Triển lãm tổng hợp {prefix}: thi đua yêu nước bảy tỉnh miền núi"),
            introduction=_nfc("Dữ liệu tổng hợp cho đo hiệu năng, không phải tài liệu thật."),
            status=Exhibition.Status.PUBLISHED,
        )
        result.exhibition, result.exhibition_slug = exhibition.pk, exhibition.slug
        sections: list[Section] = []
        for position, (slug, label, title) in enumerate(PART_TITLES):
            part = Section.objects.create(
                exhibition=exhibition,
                label=label,
                title=_nfc(title),
                slug=slug,
                introduction=_nfc(f"{title}: tài liệu tổng hợp."),
                position=position,
            )
            result.parts[slug] = part.pk
            for k in (1, 2):
                section = Section.objects.create(
                    exhibition=exhibition,
                    parent=part,
                    title=_nfc(f"{title} – nhóm {k}"),
                    slug=f"{slug}-{k}",
                    position=position * 10 + k,
                )
                result.sections[section.slug] = section.pk
                sections.append(section)

        kinds = [k for k, _ in KINDS]
        weights = [w for _, w in KINDS]
        province_slugs = [slug for slug, _ in PROVINCES]
        pending: list[Item] = []
        captions: dict[str, str | None] = {}

        def flush() -> None:
            created = Item.objects.bulk_create(pending, batch_size=batch_size)
            if created and created[0].pk is None:  # backends without RETURNING
                ids = dict(
                    Item.objects.filter(identifier__in=[i.identifier for i in created]).values_list(
                        "identifier", "pk"
                    )
                )
                for item in created:
                    item.pk = ids[item.identifier]
            placements = []
            for item in created:
                result.item_ids.append(item.pk)
                result.identifiers.append(item.identifier)
                caption = captions.pop(item.identifier, None)
                if caption is None:
                    continue
                year = item.date_start.year if item.date_start else 1960
                part = 0 if year < 1955 else 1 if year < 1976 else 2
                section = sections[part * 2 + item.pk % 2]
                placements.append(
                    Placement(
                        exhibition_id=exhibition.pk,
                        section_id=section.pk,
                        item_id=item.pk,
                        position=item.pk,
                        caption=caption,
                    )
                )
            Placement.objects.bulk_create(placements, batch_size=batch_size)
            result.placements += len(placements)
            pending.clear()

        for n in range(1, n_items + 1):
            province = rng.choice(province_slugs)
            pname = dict(PROVINCES)[province]
            place = rng.choice(PLACES[province])
            kind = rng.choices(kinds, weights)[0]
            date_text, start, end = _date(rng)
            doc_type = rng.choice(DOC_TYPES)
            subject = rng.choice(SUBJECTS)
            issuer = rng.choice(ISSUERS).format(p=pname, d=place)
            doc_number = ""
            if kind == "document" and rng.random() < 0.8:
                symbol = rng.choice(SYMBOLS)
                if rng.random() < 0.4:
                    symbol = f"{symbol}-{rng.choice(('UB', 'UBHC', 'TU', 'BTĐ'))}"
                doc_number = f"{rng.randint(1, 999)}/{symbol}"
            if kind == "photo":
                title = f"Ảnh: {rng.choice(OBJECTS)} ở {place} ({pname}) trong {subject}"
            elif kind == "quotation":
                title = f"Lời {_person(rng)} về {subject}"
            elif kind in ("audio", "video"):
                what = "Ghi âm" if kind == "audio" else "Phim tư liệu"
                title = f"{what} về {subject} ở {place}, {pname}"
            else:
                title = f"{doc_type} của {issuer} về {subject}"
            summary = " ".join(_sentence(rng, province, place) for _ in range(rng.randint(1, 3)))
            transcription = ""
            if kind == "document" and rng.random() < 0.7:
                transcription = " ".join(
                    _sentence(rng, province, rng.choice(PLACES[province]))
                    for _ in range(rng.randint(3, 9))
                )
            inst = by_province[province] if rng.random() < 0.85 else rng.choice(national)
            identifier = f"{prefix}-{n:06d}"
            pending.append(
                Item(
                    identifier=identifier,
                    kind=kind,
                    title=_nfc(title[:500]),
                    summary=_nfc(summary),
                    date_text=_nfc(date_text),
                    date_start=start,
                    date_end=end,
                    doc_number=_nfc(doc_number),
                    creator=_nfc(issuer if kind != "quotation" else _person(rng)),
                    institution_id=inst,
                    province_id=result.provinces[province],
                    fonds=_nfc(f"Phông {issuer}") if kind == "document" else "",
                    series=str(rng.randint(1, 40)) if kind == "document" else "",
                    file_unit=str(rng.randint(1, 900)) if kind == "document" else "",
                    sheet=f"{rng.randint(1, 60)}" if kind == "document" else "",
                    other_code=f"AN-{rng.randint(1, 9999):04d}" if kind == "photo" else "",
                    quote_text=_nfc(summary) if kind == "quotation" else "",
                    rights=_nfc("Dữ liệu tổng hợp cho đo hiệu năng"),
                    transcription=_nfc(transcription),
                    status=Item.Status.PUBLISHED,
                )
            )
            if rng.random() < 0.7:
                captions[identifier] = (
                    _nfc(_sentence(rng, province, place)) if rng.random() < 0.33 else ""
                )
            if len(pending) >= batch_size:
                flush()
        flush()

    if images:
        from trienlam.catalogue.media import add_media

        with tempfile.TemporaryDirectory(prefix="synthetic-") as tmp:
            for index, pk in enumerate(result.item_ids[:images]):
                item = Item.objects.get(pk=pk)
                add_media(item=item, source=_tiny_jpeg(Path(tmp), index), alt_text=item.title)
    result.seconds = time.perf_counter() - started
    return result

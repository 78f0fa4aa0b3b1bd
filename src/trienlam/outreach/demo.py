"""Illustrative promoting agencies for the demo, so that its promotion kit has a list to choose
from. Labelled "(minh họa)", without websites or contacts: they stand for the kinds of agency
the organiser's letter addresses, not for real ones."""

from __future__ import annotations

from trienlam.catalogue.models import Province
from trienlam.outreach.models import Agency, AgencyGroup

# (referral code, name, group as seeded by migration 0003, province slug)
AGENCIES: tuple[tuple[str, str, str, str], ...] = (
    ("mh-so-noi-vu", "Sở Nội vụ (minh họa)", "Sở, ban, ngành", "lang-son"),
    ("mh-so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch (minh họa)", "Sở, ban, ngành", "lang-son"),
    ("mh-so-gddt", "Sở Giáo dục và Đào tạo (minh họa)", "Sở, ban, ngành", "cao-bang"),
    ("mh-tinh-doan", "Tỉnh đoàn (minh họa)", "Tổ chức chính trị - xã hội, đoàn thể", "lang-son"),
    (
        "mh-hoi-lhpn",
        "Hội Liên hiệp Phụ nữ tỉnh (minh họa)",
        "Tổ chức chính trị - xã hội, đoàn thể",
        "cao-bang",
    ),
    (
        "mh-cong-ty-dien",
        "Công ty Điện lực (minh họa)",
        "Doanh nghiệp thuộc các khối thi đua",
        "lang-son",
    ),
    ("mh-ubnd-phuong", "UBND phường Trung tâm (minh họa)", "UBND xã, phường", "lang-son"),
    ("mh-ubnd-xa", "UBND xã Biên giới (minh họa)", "UBND xã, phường", "cao-bang"),
)


def seed_agencies() -> int:
    """Create the illustrative agencies that do not exist yet; return how many were made."""
    made = 0
    for code, name, group_name, province_slug in AGENCIES:
        if Agency.objects.filter(code=code).exists():
            continue
        group = AgencyGroup.objects.get_or_create(name=group_name)[0]
        province = Province.objects.filter(slug=province_slug).first()
        Agency.objects.create(code=code, name=name, group=group, province=province)
        made += 1
    return made

"""The illustrative demo exhibition, as plain data.

It rebuilds the *structure* of the real online exhibition described in the
project seed (the patriotic emulation movement of the seven northern
mountainous border provinces, launched in Lạng Sơn on 5 March 2024). The
names of provinces and public bodies, the legal basis, the occasion and the
one quotation of President Hồ Chí Minh are public facts; every document,
photo and other quotation is an illustrative reconstruction written for the
demo, labelled as such and carrying archival references prefixed "MH-"
(minh họa). No person is named and no holding of any archive is claimed.
"""

from __future__ import annotations

from trienlam.demo.content_part1 import ITEMS as PART1_ITEMS
from trienlam.demo.content_part2 import ITEMS as PART2_ITEMS
from trienlam.demo.content_part3 import ITEMS as PART3_ITEMS
from trienlam.demo.content_types import (
    ExhibitionData,
    InstitutionData,
    ItemData,
    ProvinceData,
    SectionData,
    SiteData,
)

SITE = SiteData(
    site_name="Triển lãm tài liệu lưu trữ trực tuyến",
    agency="Ban Tổ chức triển lãm (minh họa) – bản demo của hệ thống Trienlam",
    address="Địa chỉ minh họa – bản demo không có trụ sở thật",
    person_in_charge="Chánh Văn phòng Ban Tổ chức (minh họa)",
    phone="0200 000 0000",
    email="lienhe@trienlam.example",
    licence_note=(
        "Bản demo với dữ liệu minh họa – không phải trang thông tin điện tử chính thức "
        "của cơ quan nhà nước."
    ),
    privacy_note=(
        "Trang này không đặt cookie đối với người xem và không lưu địa chỉ IP của người "
        "truy cập.\n\n"
        "Khi cán bộ quản trị đăng nhập, hệ thống dùng một cookie phiên để giữ trạng thái "
        "đăng nhập và một cookie chống giả mạo yêu cầu (CSRF) cho biểu mẫu đăng nhập; "
        "cookie phiên hết hiệu lực khi đăng xuất hoặc hết phiên.\n\n"
        "Số liệu thống kê lượt xem, nếu được bật, chỉ là số tổng hợp theo ngày, không gắn "
        "với từng người.\n\n"
        "Đây là bản demo với dữ liệu minh họa; thông tin liên hệ ở chân trang cũng là thông "
        "tin minh họa."
    ),
    illustrative=True,
)

PROVINCES: tuple[ProvinceData, ...] = (
    ProvinceData("ha-giang", "Hà Giang", 1, "Từ 1/7/2025 hợp nhất vào tỉnh Tuyên Quang"),
    ProvinceData("cao-bang", "Cao Bằng", 2),
    ProvinceData("lang-son", "Lạng Sơn", 3),
    ProvinceData(
        "lao-cai", "Lào Cai", 4, "Từ 1/7/2025 hợp nhất với tỉnh Yên Bái, lấy tên tỉnh Lào Cai"
    ),
    ProvinceData("lai-chau", "Lai Châu", 5),
    ProvinceData("dien-bien", "Điện Biên", 6),
    ProvinceData("son-la", "Sơn La", 7),
)


def _provincial_archive(slug: str, name: str) -> InstitutionData:
    return InstitutionData(
        slug=f"ttlt-{slug}",
        name=f"Trung tâm Lưu trữ lịch sử tỉnh {name}",
        short_name=f"TTLTLS {name}",
        kind="provincial_archive",
        province=slug,
        address=name,
    )


INSTITUTIONS: tuple[InstitutionData, ...] = (
    InstitutionData(
        slug="ttlt-quoc-gia-3",
        name="Trung tâm Lưu trữ quốc gia III",
        short_name="TTLTQG III",
        kind="national_archive",
        province=None,
        address="Hà Nội",
    ),
    InstitutionData(
        slug="ban-tdkt-tw",
        name="Ban Thi đua - Khen thưởng Trung ương",
        short_name="Ban TĐKT TW",
        kind="emulation_board",
        province=None,
        address="Hà Nội",
    ),
    *(_provincial_archive(p.slug, p.name) for p in PROVINCES),
)

EXHIBITION = ExhibitionData(
    slug="cum-thi-dua-7-tinh",
    title="Phong trào thi đua yêu nước Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc",
    subtitle=(
        "Bản demo minh họa – dựng lại cấu trúc triển lãm tài liệu lưu trữ trực tuyến "
        "của Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc"
    ),
    introduction=(
        "Đây là triển lãm mẫu của hệ thống Trienlam. Triển lãm dựng lại cấu trúc của "
        "triển lãm tài liệu lưu trữ trực tuyến “Phong trào thi đua yêu nước Cụm 7 tỉnh "
        "miền núi biên giới phía Bắc” – triển lãm thật do Ủy ban nhân dân các tỉnh trong "
        "Cụm phối hợp tổ chức, được công bố tại Hội nghị tổng kết công tác thi đua, khen "
        "thưởng của Cụm tổ chức tại tỉnh Lạng Sơn ngày 05/3/2024.\n\n"
        "Toàn bộ văn bản, hình ảnh và các câu trích trong bản demo (trừ một câu nói của "
        "Chủ tịch Hồ Chí Minh được ghi rõ nguồn) là dữ liệu minh họa do nhóm phát triển "
        "biên soạn: văn bản được dựng lại theo thể thức hành chính, ảnh được vẽ bằng hình "
        "khối, mọi ký hiệu lưu trữ đều bắt đầu bằng “MH-”. Đây không phải tài liệu lưu trữ "
        "thật, không phản ánh hồ sơ đang được bảo quản tại các cơ quan được nêu tên và "
        "không nêu tên bất kỳ cá nhân nào.\n\n"
        "Giống triển lãm thật, bản demo gồm ba phần: Chủ tịch Hồ Chí Minh – người khởi "
        "xướng và tổ chức phong trào thi đua yêu nước; tổ chức và hoạt động của Cụm thi "
        "đua; công tác thi đua, khen thưởng của các tỉnh qua các thời kỳ. Các mục được giới "
        "thiệu như do Trung tâm Lưu trữ quốc gia III, Ban Thi đua - Khen thưởng Trung ương "
        "và Trung tâm Lưu trữ lịch sử bảy tỉnh Hà Giang, Cao Bằng, Lạng Sơn, Lào Cai, Lai "
        "Châu, Điện Biên, Sơn La đóng góp.\n\n"
        "Bản demo giúp cán bộ lưu trữ, biên tập viên và người xem thử mọi chức năng: xem "
        "tài liệu nhiều trang, phóng to từng trang, đọc bản chép lại, tìm kiếm có dấu hoặc "
        "không dấu, chia sẻ đường dẫn và gắn banner tuyên truyền lên trang thông tin điện "
        "tử của cơ quan, đơn vị."
    ),
    legal_basis=(
        "Chỉ thị số 05/2007/CT-TTg ngày 02/3/2007 của Thủ tướng Chính phủ về tăng cường "
        "bảo vệ và phát huy giá trị tài liệu lưu trữ",
        "Quyết định số 2194/QĐ-TTg ngày 24/12/2021 của Thủ tướng Chính phủ",
    ),
    organisers=(
        "Ủy ban nhân dân tỉnh Lạng Sơn",
        "Hội đồng Thi đua - Khen thưởng các tỉnh trong Cụm thi đua 7 tỉnh miền núi biên "
        "giới phía Bắc",
    ),
    co_organisers=tuple(
        f"Ủy ban nhân dân tỉnh {p.name}" for p in PROVINCES if p.slug != "lang-son"
    ),
    occasion="Hội nghị tổng kết Cụm thi đua, Lạng Sơn, 05/3/2024",
    venue="",
    cover="TL-0017",
)

SECTIONS: tuple[SectionData, ...] = (
    SectionData(
        slug="phan-1",
        label="Phần I",
        title="Chủ tịch Hồ Chí Minh – người khởi xướng và tổ chức phong trào thi đua yêu nước",
        introduction=(
            "Ngày 11/6/1948, Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc. Phần I "
            "giới thiệu, bằng tài liệu minh họa, cách tư tưởng thi đua của Người được phổ "
            "biến và hưởng ứng ở các tỉnh miền núi biên giới phía Bắc.\n\n"
            "Các mục đi từ những năm kháng chiến đến các đợt học tập và làm theo lời Bác "
            "gần đây; mỗi văn bản là một bản dựng theo thể thức thường gặp, không phải bản "
            "sao của tài liệu thật."
        ),
    ),
    SectionData(
        slug="phan-1-loi-keu-goi",
        parent="phan-1",
        title="Lời kêu gọi thi đua ái quốc và tư tưởng thi đua của Người",
        introduction=(
            "Câu nói “Thi đua là yêu nước, yêu nước thì phải thi đua” được nhắc lại trong "
            "mọi phong trào thi đua. Quanh câu nói ấy là những văn bản minh họa về việc phổ "
            "biến tư tưởng thi đua đến các địa phương."
        ),
    ),
    SectionData(
        slug="phan-1-huong-ung",
        parent="phan-1",
        title="Các tỉnh miền núi biên giới hưởng ứng thi đua ái quốc",
        introduction=(
            "Ở vùng cao, thi đua gắn với những việc rất cụ thể: tăng gia sản xuất, làm "
            "thủy lợi nhỏ, mở lớp bình dân học vụ. Các văn bản minh họa dưới đây dựng lại "
            "chỉ thị, kế hoạch và hướng dẫn của chính quyền các tỉnh trong những năm đầu."
        ),
    ),
    SectionData(
        slug="phan-1-lam-theo",
        parent="phan-1",
        title="Học tập và làm theo lời Bác về thi đua",
        introduction=(
            "Những năm gần đây, các tỉnh tổ chức học tập các bài nói, bài viết của Chủ tịch "
            "Hồ Chí Minh về thi đua và gắn việc học với những phần việc thiết thực ở cơ sở."
        ),
    ),
    SectionData(
        slug="phan-2",
        label="Phần II",
        title="Tổ chức và hoạt động của Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc",
        introduction=(
            "Hà Giang, Cao Bằng, Lạng Sơn, Lào Cai, Lai Châu, Điện Biên và Sơn La cùng sinh "
            "hoạt trong Cụm thi đua các tỉnh miền núi biên giới phía Bắc. Phần II dựng lại "
            "những loại văn bản quen thuộc của một cụm thi đua: quy chế hoạt động, giao ước "
            "thi đua, kế hoạch hội nghị, biên bản kiểm tra chéo và bảng chấm điểm.\n\n"
            "Nội dung các văn bản là lời viết minh họa; chúng không ghi lại quyết định hay "
            "kết quả bình xét thật nào của Cụm."
        ),
    ),
    SectionData(
        slug="phan-2-hinh-thanh",
        parent="phan-2",
        title="Hình thành Cụm thi đua và quy chế hoạt động",
        introduction=(
            "Một cụm thi đua vận hành theo quy chế chung: ai làm Cụm trưởng, họp khi nào, "
            "chấm điểm ra sao. Các tài liệu minh họa cho thấy khung tổ chức ấy."
        ),
    ),
    SectionData(
        slug="phan-2-giao-uoc",
        parent="phan-2",
        title="Giao ước thi đua và hội nghị hằng năm",
        introduction=(
            "Mỗi năm, các tỉnh ký giao ước thi đua và cùng nhìn lại kết quả tại hội nghị "
            "tổng kết. Ảnh trong mục này là ảnh dựng minh họa, không phải ảnh chụp các hội "
            "nghị thật."
        ),
    ),
    SectionData(
        slug="phan-2-danh-gia",
        parent="phan-2",
        title="Kiểm tra, chấm điểm và suy tôn",
        introduction=(
            "Kiểm tra chéo giữa các tỉnh và chấm điểm theo tiêu chí công khai giúp việc "
            "suy tôn đơn vị dẫn đầu Cụm được khách quan."
        ),
    ),
    SectionData(
        slug="phan-3",
        label="Phần III",
        title=(
            "Công tác thi đua, khen thưởng của các tỉnh miền núi biên giới phía Bắc qua các thời kỳ"
        ),
        introduction=(
            "Phần III đi qua các thời kỳ: những năm xây dựng miền Bắc và kháng chiến, thời "
            "kỳ đổi mới, và giai đoạn gần đây với các phong trào thi đua lớn của cả nước.\n\n"
            "Tài liệu giữ tên tỉnh và tên cơ quan của thời điểm hình thành. Ví dụ, trong "
            "bản demo, một văn bản của tỉnh Lai Châu trước khi tỉnh Điện Biên được thành lập "
            "(năm 2004) được giới thiệu qua Trung tâm Lưu trữ lịch sử tỉnh Điện Biên."
        ),
    ),
    SectionData(
        slug="phan-3-1955-1975",
        parent="phan-3",
        title="Thi đua xây dựng và bảo vệ miền Bắc (1955–1975)",
        introduction=(
            "Báo cáo sơ kết, chỉ thị và quyết định khen thưởng minh họa của chính quyền "
            "các tỉnh trong những năm xây dựng hợp tác xã, làm thủy lợi và chi viện tiền "
            "tuyến."
        ),
    ),
    SectionData(
        slug="phan-3-doi-moi",
        parent="phan-3",
        title="Thi đua trong thời kỳ đổi mới (1986–2010)",
        introduction=(
            "Thi đua gắn với xóa đói giảm nghèo, mở đường đến các xã vùng cao và triển khai "
            "Luật Thi đua, Khen thưởng năm 2003."
        ),
    ),
    SectionData(
        slug="phan-3-hien-nay",
        parent="phan-3",
        title="Các phong trào thi đua giai đoạn 2011–2024",
        introduction=(
            "Các phong trào thi đua lớn của cả nước được triển khai ở từng tỉnh miền núi "
            "biên giới, từ xây dựng nông thôn mới đến giảm nghèo bền vững."
        ),
    ),
)

ITEMS: tuple[ItemData, ...] = (*PART1_ITEMS, *PART2_ITEMS, *PART3_ITEMS)

"""The columns of the catalogue spreadsheet: Vietnamese headers, fields, kinds, help."""

from __future__ import annotations

import unicodedata

COLUMNS: dict[str, str] = {
    "Mã định danh": "identifier",
    "Loại": "kind",
    "Tiêu đề": "title",
    "Trích yếu": "summary",
    "Thời gian": "date_text",
    "Số, ký hiệu": "doc_number",
    "Cơ quan ban hành, tác giả": "creator",
    "Ngôn ngữ": "languages",
    "Cơ quan đóng góp": "institution",
    "Tỉnh": "province",
    "Kho lưu trữ": "repository",
    "Phông": "fonds",
    "Mục lục số": "series",
    "Hồ sơ số": "file_unit",
    "Tờ số": "sheet",
    "Ký hiệu lưu trữ khác": "other_code",
    "Nguồn xuất bản": "source_title",
    "Trang": "source_page",
    "Dịp": "occasion",
    "Nội dung câu trích": "quote_text",
    "Quyền và ghi nguồn": "rights",
    "Bản chép lại": "transcription",
    "Tệp": "files",
    "Văn bản thay thế": "alt_text",
}

REQUIRED = ("identifier", "kind", "title", "institution")

# field -> header, for messages
HEADERS: dict[str, str] = {field: header for header, field in COLUMNS.items()}


def fold(text: str) -> str:
    """NFC, case folded, spaces collapsed, diacritics removed (đ → d)."""
    text = unicodedata.normalize("NFD", " ".join(text.casefold().split()))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", text.replace("đ", "d"))


_KINDS: dict[str, str] = {
    "tài liệu": "document",
    "văn bản": "document",
    "document": "document",
    "hình ảnh": "photo",
    "ảnh": "photo",
    "photo": "photo",
    "câu trích": "quotation",
    "trích dẫn": "quotation",
    "quotation": "quotation",
    "ghi âm": "audio",
    "audio": "audio",
    "phim": "video",
    "video": "video",
}

# Folded spelling (no diacritics, case folded) -> Item.Kind value.
KIND_VALUES: dict[str, str] = {fold(k): v for k, v in _KINDS.items()}


def kind_value(text: str) -> str | None:
    """The Item.Kind value for what a curator typed in “Loại”, or None."""
    return KIND_VALUES.get(fold(text))


EXPLANATIONS: dict[str, str] = {
    "Mã định danh": "Mã ổn định dùng trong đường dẫn, chỉ gồm chữ, số, dấu chấm, gạch ngang, "
    "gạch dưới (tối đa 40 ký tự); nhập lại cùng mã sẽ cập nhật tư liệu. Ví dụ: MH-0001.",
    "Loại": "Một trong: tài liệu, hình ảnh, câu trích, ghi âm, phim. Ví dụ: tài liệu.",
    "Tiêu đề": "Tên tư liệu như sẽ hiển thị cho người xem. Ví dụ: Báo cáo tổng kết phong trào "
    "thi đua năm 1958.",
    "Trích yếu": "Tóm tắt nội dung tư liệu. Ví dụ: Báo cáo về phong trào thi đua trong toàn tỉnh.",
    "Thời gian": "Ngày tháng như người làm lưu trữ vẫn ghi. Ví dụ: 12/6/1948, 6/1948, "
    "khoảng 1950, 1945-1954.",
    "Số, ký hiệu": "Số và ký hiệu của văn bản. Ví dụ: MH-15/TĐ.",
    "Cơ quan ban hành, tác giả": "Cơ quan ban hành văn bản hoặc tác giả; với câu trích là người "
    "nói. Ví dụ: Ủy ban hành chính tỉnh (minh họa).",
    "Ngôn ngữ": "Mã ngôn ngữ, cách nhau bằng dấu phẩy; để trống là tiếng Việt. Ví dụ: vi, fr.",
    "Cơ quan đóng góp": "Tên, tên viết tắt hoặc mã (slug) của cơ quan đóng góp tư liệu. "
    "Ví dụ: TTLTLS Lạng Sơn.",
    "Tỉnh": "Tỉnh theo tên tại thời điểm của tài liệu. Ví dụ: Lạng Sơn.",
    "Kho lưu trữ": "Cơ quan đang giữ bản gốc, nếu khác cơ quan đóng góp. Ví dụ: TTLTLS Cao Bằng.",
    "Phông": "Tên hoặc số phông lưu trữ. Ví dụ: MH-UBHC.",
    "Mục lục số": "Số mục lục hồ sơ. Ví dụ: MH-03.",
    "Hồ sơ số": "Số hồ sơ. Ví dụ: MH-127.",
    "Tờ số": "Số tờ trong hồ sơ. Ví dụ: MH-12-15.",
    "Ký hiệu lưu trữ khác": "Ký hiệu khác, ví dụ mã kho ảnh. Ví dụ: MH-A-0042.",
    "Nguồn xuất bản": "Với câu trích: sách hoặc tuyển tập trích dẫn. Ví dụ: Tuyển tập (minh họa).",
    "Trang": "Trang trong nguồn xuất bản. Ví dụ: 125.",
    "Dịp": "Với câu trích: nói hoặc viết ở đâu, khi nào. Ví dụ: Hội nghị thi đua năm 1952.",
    "Nội dung câu trích": "Bắt buộc với câu trích: nguyên văn câu trích. Ví dụ: Thi đua là "
    "yêu nước.",
    "Quyền và ghi nguồn": "Dòng ghi nguồn và quyền sử dụng. Ví dụ: Bản sao số hóa, "
    "TTLTLS Lạng Sơn.",
    "Bản chép lại": "Nội dung văn bản được chép lại để tìm kiếm và đọc. Ví dụ: Kính gửi …",
    "Tệp": "Tên tệp ảnh quét trong thư mục hoặc tệp ZIP, theo thứ tự trang, cách nhau bằng "
    "dấu ; hoặc xuống dòng. Ví dụ: MH-0001-1.jpg; MH-0001-2.jpg.",
    "Văn bản thay thế": "Mô tả hình ảnh cho người không nhìn thấy. Ví dụ: Trang đầu báo cáo, "
    "có dấu đỏ.",
}

EXAMPLE_ROW: dict[str, str] = {
    "Mã định danh": "MH-0001",
    "Loại": "tài liệu",
    "Tiêu đề": "Báo cáo tổng kết phong trào thi đua năm 1958 (minh họa)",
    "Trích yếu": "Báo cáo về phong trào thi đua yêu nước trong toàn tỉnh.",
    "Thời gian": "12/6/1958",
    "Số, ký hiệu": "MH-15/TĐ",
    "Cơ quan ban hành, tác giả": "Ủy ban hành chính tỉnh (minh họa)",
    "Ngôn ngữ": "vi",
    "Cơ quan đóng góp": "TTLTLS Lạng Sơn",
    "Tỉnh": "Lạng Sơn",
    "Kho lưu trữ": "",
    "Phông": "MH-UBHC",
    "Mục lục số": "MH-03",
    "Hồ sơ số": "MH-127",
    "Tờ số": "MH-12-15",
    "Ký hiệu lưu trữ khác": "",
    "Nguồn xuất bản": "",
    "Trang": "",
    "Dịp": "",
    "Nội dung câu trích": "",
    "Quyền và ghi nguồn": "Bản sao số hóa (minh họa)",
    "Bản chép lại": "",
    "Tệp": "MH-0001-1.jpg; MH-0001-2.jpg",
    "Văn bản thay thế": "Trang đầu báo cáo",
}

assert set(EXPLANATIONS) == set(COLUMNS) == set(EXAMPLE_ROW)

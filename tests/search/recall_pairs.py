"""What visitors type (left) and the text they mean (right): 160+ real Vietnamese pairs.

Place names of the seven provinces of the Cụm thi đua, their districts (as named before 2025)
and communes; archival and emulation vocabulary; personal names. Queries are written by hand
as a phone keyboard without a Vietnamese input method sends them, plus capitals, the other
tone placement, partial diacritics and decomposed (NFD) input.
"""

from __future__ import annotations

import unicodedata

_TABLE = """
ha giang|Hà Giang
HA GIANG|Hà Giang
dong van|Đồng Văn
meo vac|Mèo Vạc
yen minh|Yên Minh
quan ba|Quản Bạ
bac me|Bắc Mê
hoang su phi|Hoàng Su Phì
xin man|Xín Mần
vi xuyen|Vị Xuyên
bac quang|Bắc Quang
quang binh|Quang Bình
lung cu|Lũng Cú
sa phin|Sà Phìn
pho bang|Phó Bảng
cao bang|Cao Bằng
bao lac|Bảo Lạc
bao lam|Bảo Lâm
ha quang|Hà Quảng
trung khanh|Trùng Khánh
ha lang|Hạ Lang
quang hoa|Quảng Hòa
Quảng Hoà|Quảng Hòa
hoa an|Hòa An
nguyen binh|Nguyên Bình
thach an|Thạch An
pac bo|Pác Bó
ban gioc|Bản Giốc
tra linh|Trà Lĩnh
lang son|Lạng Sơn
Lang Sơn|Lạng Sơn
trang dinh|Tràng Định
van lang|Văn Lãng
van quan|Văn Quan
binh gia|Bình Gia
bac son|Bắc Sơn
huu lung|Hữu Lũng
chi lang|Chi Lăng
cao loc|Cao Lộc
loc binh|Lộc Bình
dinh lap|Đình Lập
dong dang|Đồng Đăng
na sam|Na Sầm
that khe|Thất Khê
ky lua|Kỳ Lừa
lao cai|Lào Cai
bat xat|Bát Xát
muong khuong|Mường Khương
si ma cai|Si Ma Cai
bac ha|Bắc Hà
bao thang|Bảo Thắng
bao yen|Bảo Yên
sa pa|Sa Pa
van ban|Văn Bàn
y ty|Y Tý
coc leu|Cốc Lếu
pho lu|Phố Lu
ta van|Tả Van
lai chau|Lai Châu
tam duong|Tam Đường
phong tho|Phong Thổ
sin ho|Sìn Hồ
muong te|Mường Tè
than uyen|Than Uyên
tan uyen|Tân Uyên
nam nhun|Nậm Nhùn
pa tan|Pa Tần
dao san|Dào San
ma lu thang|Ma Lù Thàng
dien bien|Điện Biên
DIEN BIEN PHU|Điện Biên Phủ
dien bien dong|Điện Biên Đông
muong nhe|Mường Nhé
muong cha|Mường Chà
tua chua|Tủa Chùa
tuan giao|Tuần Giáo
muong ang|Mường Ảng
nam po|Nậm Pồ
muong lay|Mường Lay
muong thanh|Mường Thanh
thanh xuong|Thanh Xương
him lam|Him Lam
a pa chai|A Pa Chải
doi a1|Đồi A1
son la|Sơn La
quynh nhai|Quỳnh Nhai
thuan chau|Thuận Châu
muong la|Mường La
bac yen|Bắc Yên
phu yen|Phù Yên
moc chau|Mộc Châu
yen chau|Yên Châu
mai son|Mai Sơn
song ma|Sông Mã
sop cop|Sốp Cộp
van ho|Vân Hồ
chieng sinh|Chiềng Sinh
ta xua|Tà Xùa
thi dua|thi đua
thi dua ai quoc|thi đua ái quốc
thi dua yeu nuoc|thi đua yêu nước
khen thuong|khen thưởng
chien si thi dua|chiến sĩ thi đua
bang khen|bằng khen
giay khen|giấy khen
huan chuong|huân chương
ky niem chuong|kỷ niệm chương
cong van|công văn
quyet dinh|quyết định
chi thi|chỉ thị
bao cao|báo cáo
to trinh|tờ trình
bien ban|biên bản
nghi quyet|nghị quyết
thong tu|thông tư
sac lenh|sắc lệnh
danh sach|danh sách
ho so|hồ sơ
luu tru|lưu trữ
phong luu tru|phông lưu trữ
muc luc ho so|mục lục hồ sơ
uy ban hanh chinh|Ủy ban hành chính
uỷ ban hành chính|Ủy ban hành chính
uy ban khang chien|Ủy ban kháng chiến
tinh uy|Tỉnh ủy
tỉnh uỷ|Tỉnh ủy
hop tac xa|hợp tác xã
dan cong hoa tuyen|dân công hỏa tuyến
dân công hoả tuyến|dân công hỏa tuyến
thanh nien xung phong|thanh niên xung phong
binh dan hoc vu|bình dân học vụ
xoa nan mu chu|xóa nạn mù chữ
xoá nạn mù chữ|xóa nạn mù chữ
thuy loi|thủy lợi
thuỷ lợi|thủy lợi
tang gia san xuat|tăng gia sản xuất
dinh canh dinh cu|định canh định cư
KHAI HOANG|khai hoang
bien gioi|biên giới
dan toc thieu so|dân tộc thiểu số
khu tu tri viet bac|Khu tự trị Việt Bắc
khu tu tri thai meo|Khu tự trị Thái Mèo
nguoi mong|người Mông
nguoi tay|người Tày
nguoi nung|người Nùng
nguoi thai|người Thái
nguoi dao|người Dao
ha nhi|Hà Nhì
ho chi minh|Hồ Chí Minh
vo nguyen giap|Võ Nguyên Giáp
hoang van thu|Hoàng Văn Thụ
Hoàng Văn Thuỵ|Hoàng Văn Thụy
kim dong|Kim Đồng
be van dan|Bế Văn Đàn
to vinh dien|Tô Vĩnh Diện
phan dinh giot|Phan Đình Giót
giang a pao|Giàng A Pao
sung seo chu|Sùng Seo Chứ
lo van pao|Lò Văn Pao
nguyen thi duong|Nguyễn Thị Đường
nong van khanh|Nông Văn Khánh
trieu thi mai|Triệu Thị Mai
lương van duong|Lương Văn Dương
""".strip()

PAIRS: list[tuple[str, str]] = [tuple(line.split("|")) for line in _TABLE.splitlines()]  # type: ignore[misc]
# Decomposed input (some keyboards and pasted PDFs): the same queries in NFD.
PAIRS += [
    (unicodedata.normalize("NFD", target), target)
    for target in ("Điện Biên Phủ", "Mường Tè", "Lũng Cú", "thi đua ái quốc", "Hoàng Văn Thụ")
]

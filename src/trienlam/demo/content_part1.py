"""Part I of the demo: President Hồ Chí Minh, initiator of the emulation movement.

All documents and photos are illustrative reconstructions written for the
demo; only TL-0001 quotes a real person (a widely published saying).
"""

from __future__ import annotations

from trienlam.demo.content_types import ItemData, blocks, document, photo, quotation

KC_SIGNATURE = ("TM. ỦY BAN KHÁNG CHIẾN HÀNH CHÍNH", "CHỦ TỊCH")

ITEMS: tuple[ItemData, ...] = (
    quotation(
        "TL-0001",
        section="phan-1-loi-keu-goi",
        institution="ban-tdkt-tw",
        title="Thi đua là yêu nước, yêu nước thì phải thi đua",
        quote_text="Thi đua là yêu nước, yêu nước thì phải thi đua.",
        creator="Chủ tịch Hồ Chí Minh",
        occasion=(
            "Bài nói tại Đại hội các chiến sĩ thi đua và cán bộ gương mẫu toàn quốc, ngày 1/5/1952"
        ),
        date_text="1/5/1952",
        source_title="Hồ Chí Minh: Toàn tập",
        summary=(
            "Câu nói của Chủ tịch Hồ Chí Minh được nhắc lại trong các phong trào thi đua "
            "yêu nước. Đây là câu trích duy nhất của bản demo gắn với một người thật; nguồn "
            "ghi theo bộ sách đã xuất bản, không ghi số trang vì bản demo chưa đối chiếu "
            "với một ấn bản cụ thể."
        ),
        rights="Câu trích từ sách đã xuất bản; mục thuộc bộ dữ liệu minh họa của bản demo",
        caption=(
            "Gần bốn năm sau Lời kêu gọi thi đua ái quốc (11/6/1948), Người khái quát ý "
            "nghĩa của thi đua trong một câu ngắn gọn, dễ nhớ."
        ),
    ),
    quotation(
        "TL-0002",
        section="phan-1-loi-keu-goi",
        institution="ttlt-cao-bang",
        province="cao-bang",
        title="Thi đua từ những việc gần nhất (lời minh họa)",
        quote_text=(
            "Thi đua không phải việc của riêng ai: mỗi bản, mỗi gia đình đều có một phần "
            "việc để góp vào phong trào chung."
        ),
        creator="Cán bộ phụ trách thi đua cấp tỉnh (lời minh họa)",
        occasion="Lời minh họa viết cho bản demo, không trích từ tài liệu hay bài nói thật",
        summary="Câu trích minh họa, gán cho một vai trò chung chung, không gắn với người thật.",
    ),
    photo(
        "TL-0003",
        section="phan-1-loi-keu-goi",
        institution="ttlt-cao-bang",
        province="cao-bang",
        title="Buổi học tập Lời kêu gọi thi đua ái quốc tại một cơ quan tỉnh",
        summary=(
            "Ảnh dựng minh họa một buổi học tập trong cơ quan: băng rôn, bàn chủ tọa, người "
            "dự họp ngồi kín hội trường. Không phải ảnh chụp một sự kiện thật."
        ),
        date_text="khoảng năm 1950",
        scene="hall",
        banner="THI ĐUA ÁI QUỐC",
        other_code="MH-ANH-0003",
    ),
    document(
        "TL-0004",
        section="phan-1-loi-keu-goi",
        institution="ban-tdkt-tw",
        repository="ttlt-quoc-gia-3",
        province=None,
        title="Báo cáo về phong trào thi đua ái quốc ở các tỉnh miền núi phía Bắc",
        summary=(
            "Bản dựng minh họa một báo cáo tổng hợp: những việc các tỉnh miền núi đã làm "
            "sau Lời kêu gọi thi đua ái quốc, khó khăn, phương hướng và phụ lục nội dung thi "
            "đua gợi ý. Mục này minh họa trường hợp đơn vị đóng góp (Ban Thi đua - Khen "
            "thưởng Trung ương) khác kho lưu trữ bảo quản (Trung tâm Lưu trữ quốc gia III)."
        ),
        date_text="khoảng năm 1951",
        creator="Ban Vận động thi đua ái quốc Trung ương",
        issuer="BAN VẬN ĐỘNG\nTHI ĐUA ÁI QUỐC\nTRUNG ƯƠNG",
        place="Việt Bắc",
        number="MH-27/TĐ",
        doc_type="BÁO CÁO",
        subject="Tình hình phong trào thi đua ái quốc ở các tỉnh miền núi phía Bắc",
        fonds="MH-BVĐTĐ",
        series="MH-01",
        file_unit="MH-45",
        sheet="MH-3-5",
        transcribe=True,
        signature=("TM. BAN VẬN ĐỘNG THI ĐUA ÁI QUỐC", "TRƯỞNG BAN"),
        recipients=("Các Ủy ban kháng chiến hành chính tỉnh;", "Lưu."),
        body=blocks("""
            ## I. TÌNH HÌNH CHUNG

            Từ khi có Lời kêu gọi thi đua ái quốc, các tỉnh miền núi phía Bắc đã lần lượt
            tổ chức phổ biến đến cán bộ, bộ đội địa phương và đồng bào các dân tộc. Ở nhiều
            nơi, cán bộ phải đi bộ nhiều ngày mới đến được các bản xa; lời kêu gọi được giải
            thích bằng tiếng nói của đồng bào và gắn với công việc hằng ngày của từng bản.

            Nội dung thi đua tập trung vào ba việc chính: tăng gia sản xuất để tự túc lương
            thực, mở lớp bình dân học vụ, và góp sức phục vụ kháng chiến. Mỗi địa phương tự
            chọn việc làm trước, việc làm sau cho phù hợp với mùa vụ và đường sá đi lại.

            ## II. NHỮNG VIỆC ĐÃ LÀM ĐƯỢC

            - Nhiều xã đã tổ chức hội nghị phát động thi đua, có đăng ký việc làm cụ thể
            của từng bản, từng gia đình.

            - Phong trào làm mương, phai, cọn nước được đồng bào hưởng ứng; diện tích gieo
            trồng ở một số nơi được mở rộng.

            - Các lớp bình dân học vụ được mở ngay tại bản, học vào buổi tối hoặc những ngày
            nông nhàn.

            - Việc bình bầu người tốt, việc tốt bắt đầu được tổ chức, tuy còn lúng túng về
            cách làm.

            ## III. KHÓ KHĂN, TỒN TẠI

            Địa bàn rộng, dân cư thưa, đường sá đi lại khó khăn nên việc chỉ đạo, kiểm tra
            còn chậm. Ở một số nơi, phong trào mới dừng ở khẩu hiệu, chưa có kế hoạch cụ
            thể; việc tổng kết, rút kinh nghiệm chưa được làm thường xuyên.

            Cán bộ phụ trách thi đua ở cấp huyện, cấp xã còn thiếu, phần lớn kiêm nhiệm
            nhiều việc. Tài liệu hướng dẫn chưa được chuyển sang cách nói dễ hiểu với đồng
            bào các dân tộc.

            ## IV. PHƯƠNG HƯỚNG THỜI GIAN TỚI

            - Gắn thi đua với nhiệm vụ trọng tâm của từng địa phương, lấy kết quả sản xuất
            và học tập làm thước đo.

            - Hướng dẫn các tỉnh tổ chức bình bầu dân chủ, công khai từ bản, xã trở lên.

            - Kịp thời biểu dương, nhân rộng những cách làm hay; trao đổi kinh nghiệm giữa
            các tỉnh bạn.

            - Tăng cường cán bộ đi cơ sở, nắm tình hình và giúp đỡ các địa phương còn khó
            khăn.

            [ký]

            ~~~

            ## PHỤ LỤC: NỘI DUNG THI ĐUA GỢI Ý CHO CÁC TỈNH MIỀN NÚI

            |TT|Lĩnh vực|Nội dung gợi ý|
            |1|Sản xuất|Tự túc lương thực, mở rộng nương ruộng, làm thủy lợi nhỏ|
            |2|Học tập|Mở lớp bình dân học vụ ở từng bản, xóa nạn mù chữ|
            |3|Kháng chiến|Góp sức dân công, tiếp tế, giữ gìn trật tự thôn bản|
            |4|Đời sống|Giữ vệ sinh, phòng bệnh, giúp đỡ gia đình khó khăn|

            Phụ lục này là một phần của bản dựng minh họa, không sao chép từ tài liệu lưu
            trữ thật.
        """),
    ),
    photo(
        "TL-0005",
        section="phan-1-loi-keu-goi",
        institution="ttlt-quoc-gia-3",
        province=None,
        title="Núi rừng Việt Bắc",
        summary=(
            "Ảnh dựng minh họa phong cảnh núi rừng nhiều lớp và một nếp nhà sàn, làm nền cho "
            "phần giới thiệu tư tưởng thi đua. Không phải ảnh lưu trữ thật."
        ),
        date_text="khoảng năm 1950",
        scene="mountains",
        other_code="MH-ANH-0005",
    ),
    document(
        "TL-0006",
        section="phan-1-huong-ung",
        institution="ttlt-cao-bang",
        province="cao-bang",
        title="Chỉ thị về việc phát động thi đua ái quốc trong đồng bào các dân tộc",
        summary=(
            "Bản dựng minh họa một chỉ thị cấp tỉnh: phổ biến lời kêu gọi đến từng bản, chọn "
            "việc thiết thực để thi đua, báo cáo hằng tháng và bình bầu cuối vụ."
        ),
        date_text="9/1948",
        creator="Ủy ban kháng chiến hành chính tỉnh Cao Bằng",
        issuer="ỦY BAN KHÁNG CHIẾN\nHÀNH CHÍNH\nTỈNH CAO BẰNG",
        place="Cao Bằng",
        number="MH-08/CT",
        doc_type="CHỈ THỊ",
        subject="Về việc phát động thi đua ái quốc trong đồng bào các dân tộc",
        fonds="MH-UBKCHC-CB",
        series="MH-01",
        file_unit="MH-12",
        sheet="MH-4",
        transcribe=True,
        image_format="png",
        greyscale=True,
        caption=(
            "Văn bản dựng lại theo thể thức chỉ thị thời kháng chiến chống thực dân Pháp; "
            "nội dung là lời viết minh họa."
        ),
        signature=KC_SIGNATURE,
        recipients=("Các Ủy ban kháng chiến hành chính huyện;", "Lưu."),
        body=blocks("""
            Hưởng ứng Lời kêu gọi thi đua ái quốc của Chủ tịch Hồ Chí Minh, để phong trào
            thi đua được phát động rộng khắp trong đồng bào các dân tộc của tỉnh, Ủy ban
            chỉ thị:

            ## 1. Phổ biến lời kêu gọi

            Các huyện, xã tổ chức phổ biến lời kêu gọi đến từng bản; nơi đồng bào chưa thạo
            tiếng phổ thông thì nhờ người trong bản giải thích bằng tiếng dân tộc. Việc phổ
            biến làm gọn, dễ hiểu, gắn với việc cụ thể của bản.

            ## 2. Chọn việc để thi đua

            Mỗi xã chọn một, hai việc thiết thực nhất để thi đua trước: tăng gia sản xuất
            vụ mùa, làm mương phai, mở lớp học chữ. Không đặt chỉ tiêu quá sức dân, không
            làm hình thức.

            ## 3. Theo dõi và báo cáo

            Hằng tháng, các huyện báo cáo tình hình về Ủy ban tỉnh; có việc khó khăn thì báo
            cáo ngay để tỉnh giúp đỡ. Cuối vụ, các xã tổ chức bình bầu, nêu gương người tốt,
            việc tốt.

            Nhận được chỉ thị này, các cấp, các ngành khẩn trương thi hành./.
        """),
    ),
    document(
        "TL-0007",
        section="phan-1-huong-ung",
        institution="ttlt-lang-son",
        province="lang-son",
        title="Kế hoạch thi đua tăng gia sản xuất vụ mùa",
        summary=(
            "Bản dựng minh họa một kế hoạch thi đua cấp tỉnh: trồng thêm màu trên đất bỏ "
            "hoang, sửa mương đắp phai trước mùa mưa, tổ đổi công giúp gia đình neo người."
        ),
        date_text="khoảng năm 1949",
        creator="Ủy ban kháng chiến hành chính tỉnh Lạng Sơn",
        issuer="ỦY BAN KHÁNG CHIẾN\nHÀNH CHÍNH\nTỈNH LẠNG SƠN",
        place="Lạng Sơn",
        number="MH-21/KH",
        doc_type="KẾ HOẠCH",
        subject="Thi đua tăng gia sản xuất vụ mùa",
        fonds="MH-UBKCHC-LS",
        series="MH-02",
        file_unit="MH-33",
        sheet="MH-7",
        signature=KC_SIGNATURE,
        recipients=("Các huyện (để thực hiện);", "Lưu."),
        body=blocks("""
            ## I. MỤC ĐÍCH, YÊU CẦU

            Động viên đồng bào các dân tộc trong tỉnh thi đua tăng gia sản xuất, bảo đảm đủ
            ăn và góp phần nuôi quân đánh giặc. Thi đua phải thiết thực, có kiểm tra, có
            tổng kết.

            ## II. NỘI DUNG

            - Mỗi gia đình cố gắng trồng thêm ngô, sắn, rau màu trên đất bỏ hoang.

            - Các bản cùng nhau sửa mương, đắp phai trước mùa mưa.

            - Tổ đổi công giúp đỡ gia đình neo người, gia đình có người đi bộ đội.

            ## III. TỔ CHỨC THỰC HIỆN

            Ủy ban kháng chiến hành chính các huyện phân công cán bộ xuống từng xã; cuối vụ
            tổ chức sơ kết, bình bầu và báo cáo kết quả về tỉnh./.
        """),
    ),
    photo(
        "TL-0008",
        section="phan-1-huong-ung",
        institution="ttlt-ha-giang",
        province="ha-giang",
        title="Ruộng bậc thang và mương dẫn nước trên sườn đồi",
        summary=(
            "Ảnh dựng minh họa ruộng bậc thang uốn theo sườn đồi – hình ảnh quen thuộc của "
            "thi đua tăng gia sản xuất ở vùng cao. Không phải ảnh lưu trữ thật."
        ),
        date_text="khoảng năm 1952",
        scene="terraces",
        other_code="MH-ANH-0008",
    ),
    document(
        "TL-0009",
        section="phan-1-huong-ung",
        institution="ttlt-son-la",
        province="son-la",
        title="Hướng dẫn bình bầu chiến sĩ thi đua ở nông thôn",
        summary=(
            "Bản dựng minh họa một văn bản hướng dẫn: ai được bình bầu, cách bình bầu dân "
            "chủ từ tổ, từ bản, và bảng tiêu chuẩn gợi ý."
        ),
        date_text="1953-1954",
        creator="Ủy ban kháng chiến hành chính tỉnh Sơn La",
        issuer="ỦY BAN KHÁNG CHIẾN\nHÀNH CHÍNH\nTỈNH SƠN LA",
        place="Sơn La",
        number="MH-05/HD",
        doc_type="HƯỚNG DẪN",
        subject="Cách bình bầu chiến sĩ thi đua ở nông thôn",
        fonds="MH-UBKCHC-SL",
        series="MH-01",
        file_unit="MH-09",
        sheet="MH-21",
        transcribe=True,
        signature=KC_SIGNATURE,
        recipients=("Các huyện, xã;", "Lưu."),
        body=blocks("""
            Để việc bình bầu chiến sĩ thi đua ở các xã được dân chủ, đúng người, đúng việc,
            Ủy ban hướng dẫn như sau:

            ## 1. Ai được bình bầu

            Người có thành tích rõ trong sản xuất, học tập, phục vụ kháng chiến; được bà con
            trong bản biết việc và đồng tình. Không phân biệt dân tộc, nam nữ, già trẻ.

            ## 2. Cách bình bầu

            - Bình bầu từ tổ, từ bản; mọi người được nêu ý kiến.

            - Nói rõ việc đã làm được, làm bằng cách nào, có ai học theo.

            - Kết quả bình bầu được đọc lại trước bản và ghi vào biên bản.

            ## 3. Tiêu chuẩn gợi ý

            |TT|Tiêu chuẩn|Cách xem xét|
            |1|Sản xuất giỏi|Thu hoạch tăng, giúp bà con cùng làm|
            |2|Học tập tiến bộ|Biết đọc, biết viết, dạy lại người khác|
            |3|Phục vụ kháng chiến|Tích cực đi dân công, tiếp tế|

            Danh sách người được bình bầu gửi về huyện; huyện tổng hợp gửi về tỉnh trước
            cuối vụ./.
        """),
    ),
    quotation(
        "TL-0010",
        section="phan-1-huong-ung",
        institution="ttlt-lai-chau",
        province="lai-chau",
        title="Thi đua thành việc làm cụ thể (lời minh họa)",
        quote_text=(
            "Ở vùng cao, lời kêu gọi thi đua được hiểu bằng việc làm: thêm một con mương, "
            "thêm một lớp học, thêm một nương ngô xanh tốt."
        ),
        creator="Người dẫn chuyện của triển lãm (lời minh họa)",
        occasion="Lời bình viết cho bản demo",
        summary="Lời bình minh họa, không trích từ tài liệu thật.",
    ),
    document(
        "TL-0011",
        section="phan-1-lam-theo",
        institution="ttlt-lao-cai",
        province="lao-cai",
        title="Kế hoạch học tập các bài nói, bài viết của Chủ tịch Hồ Chí Minh về thi đua",
        summary=(
            "Bản dựng minh họa một kế hoạch của Hội đồng Thi đua - Khen thưởng cấp tỉnh: "
            "học tập theo chuyên đề, trưng bày tài liệu về phong trào thi đua của tỉnh, mỗi "
            "cơ quan đăng ký một phần việc cụ thể để làm theo."
        ),
        date_text="15/5/2018",
        creator="Hội đồng Thi đua - Khen thưởng tỉnh Lào Cai",
        issuer_parent="UBND TỈNH LÀO CAI",
        issuer="HỘI ĐỒNG THI ĐUA\nKHEN THƯỞNG",
        place="Lào Cai",
        number="MH-56/KH-HĐTĐKT",
        doc_type="KẾ HOẠCH",
        subject=(
            "Tổ chức học tập các bài nói, bài viết của Chủ tịch Hồ Chí Minh về thi đua yêu nước"
        ),
        fonds="MH-HĐTĐKT-LC",
        series="MH-07",
        file_unit="MH-211",
        sheet="MH-1",
        dpi=300,
        signature=("TM. HỘI ĐỒNG", "CHỦ TỊCH"),
        recipients=(
            "Các thành viên Hội đồng;",
            "Các sở, ban, ngành, đoàn thể tỉnh;",
            "UBND các huyện, thành phố;",
            "Lưu: VT.",
        ),
        body=blocks("""
            ## I. MỤC ĐÍCH, YÊU CẦU

            Tổ chức cho cán bộ, công chức, viên chức và người lao động trong tỉnh học tập các
            bài nói, bài viết của Chủ tịch Hồ Chí Minh về thi đua yêu nước; qua đó nâng cao
            nhận thức, tạo chuyển biến trong việc tổ chức các phong trào thi đua ở cơ quan,
            đơn vị.

            Việc học tập phải gắn với nhiệm vụ chuyên môn; tránh hình thức, tránh phô trương.

            ## II. NỘI DUNG VÀ HÌNH THỨC

            - Học tập theo chuyên đề tại các cơ quan, đơn vị, kết hợp sinh hoạt định kỳ.

            - Trưng bày tài liệu, hình ảnh về phong trào thi đua yêu nước của tỉnh qua các
            thời kỳ, kể cả trưng bày trên trang thông tin điện tử.

            - Mỗi cơ quan, đơn vị đăng ký ít nhất một phần việc cụ thể để làm theo.

            ## III. TỔ CHỨC THỰC HIỆN

            Cơ quan thường trực của Hội đồng theo dõi, tổng hợp kết quả và báo cáo Hội đồng
            Thi đua - Khen thưởng tỉnh trước ngày 30 tháng 11./.
        """),
    ),
    photo(
        "TL-0012",
        section="phan-1-lam-theo",
        institution="ttlt-dien-bien",
        province="dien-bien",
        title="Thanh niên tình nguyện làm đường giao thông nông thôn",
        summary=(
            "Ảnh dựng minh họa một công trình làm đường vào bản – một phần việc cụ thể khi "
            "học tập và làm theo lời Bác. Không phải ảnh chụp thật."
        ),
        date_text="khoảng năm 2012",
        scene="road",
        tone="grey",
        other_code="MH-ANH-0012",
    ),
    quotation(
        "TL-0013",
        section="phan-1-lam-theo",
        institution="ttlt-dien-bien",
        province="dien-bien",
        title="Làm theo lời Bác từ việc gần (lời minh họa)",
        quote_text=(
            "Học Bác về thi đua thì bắt đầu từ việc gần nhất: con đường vào bản, lớp học của "
            "các cháu, mùa màng của từng nhà."
        ),
        creator="Đại diện Cụm thi đua (lời minh họa)",
        occasion="Lời minh họa viết cho bản demo",
        summary="Câu trích minh họa, gán cho một vai trò chung chung, không gắn với người thật.",
    ),
    document(
        "TL-0014",
        section="phan-1-lam-theo",
        institution="ban-tdkt-tw",
        province=None,
        title=(
            "Công văn hướng dẫn kỷ niệm 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi "
            "đua ái quốc"
        ),
        summary=(
            "Bản dựng minh họa một công văn hướng dẫn: tuyên truyền ý nghĩa Lời kêu gọi, giới "
            "thiệu tài liệu và hình ảnh về phong trào thi đua (kể cả triển lãm trên không gian "
            "mạng), gắn kỷ niệm với sơ kết, tổng kết các phong trào."
        ),
        date_text="20/4/2018",
        creator="Ban Thi đua - Khen thưởng Trung ương",
        issuer_parent="BỘ NỘI VỤ",
        issuer="BAN THI ĐUA - KHEN THƯỞNG\nTRUNG ƯƠNG",
        place="Hà Nội",
        number="MH-612/BTĐKT-VP",
        doc_type="",
        subject=(
            "hướng dẫn kỷ niệm 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"
        ),
        addressees=(
            "Các bộ, ban, ngành, đoàn thể Trung ương;",
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
        ),
        fonds="MH-BTĐKT",
        series="MH-12",
        file_unit="MH-305",
        sheet="MH-1",
        transcribe=True,
        signature=("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        recipients=("Như trên;", "Lưu: VT, VP."),
        body=blocks("""
            Năm 2018 tròn 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc
            (11/6/1948 – 11/6/2018). Để các hoạt động kỷ niệm thiết thực, tiết kiệm, Ban Thi
            đua - Khen thưởng Trung ương đề nghị các cơ quan, địa phương quan tâm một số nội
            dung sau:

            1. Tuyên truyền về ý nghĩa của Lời kêu gọi thi đua ái quốc trên các phương tiện
            thông tin đại chúng và trang thông tin điện tử của cơ quan, đơn vị.

            2. Lựa chọn, giới thiệu tài liệu, hình ảnh về phong trào thi đua yêu nước của
            địa phương, ngành; khuyến khích hình thức trưng bày, triển lãm trên không gian
            mạng.

            3. Gắn hoạt động kỷ niệm với sơ kết, tổng kết các phong trào thi đua đang triển
            khai; kịp thời biểu dương các tập thể, cá nhân tiêu biểu.

            Kết quả thực hiện đề nghị gửi về Ban Thi đua - Khen thưởng Trung ương để tổng
            hợp./.
        """),
    ),
)

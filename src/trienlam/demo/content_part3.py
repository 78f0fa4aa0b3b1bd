"""Part III of the demo: emulation and reward work of the provinces through the periods.

Documents keep the names of provinces and bodies of their time (Ủy ban hành
chính before 1976, the former Lai Châu province before 2004). All of them are
illustrative reconstructions written for the demo.
"""

from __future__ import annotations

from trienlam.demo.content_types import ItemData, blocks, document, photo, quotation

UBHC_SIGNATURE = ("TM. ỦY BAN HÀNH CHÍNH TỈNH", "CHỦ TỊCH")
DEPUTY_SIGNATURE = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")

ITEMS: tuple[ItemData, ...] = (
    document(
        "TL-0031",
        section="phan-3-1955-1975",
        institution="ttlt-lang-son",
        province="lang-son",
        title="Báo cáo sơ kết phong trào thi đua yêu nước sáu tháng đầu năm 1958",
        summary=(
            "Bản dựng minh họa một báo cáo sơ kết cấp tỉnh cuối thập niên 1950: thi đua sản "
            "xuất nông nghiệp, văn hóa - giáo dục, cải tiến lề lối làm việc trong cơ quan; "
            "ưu, khuyết điểm và phương hướng sáu tháng cuối năm."
        ),
        date_text="12/6/1958",
        creator="Ủy ban hành chính tỉnh Lạng Sơn",
        issuer="ỦY BAN HÀNH CHÍNH\nTỈNH LẠNG SƠN",
        place="Lạng Sơn",
        number="MH-15/TĐ",
        doc_type="BÁO CÁO",
        subject="Sơ kết phong trào thi đua yêu nước sáu tháng đầu năm 1958",
        fonds="MH-UBHC-LS",
        series="MH-03",
        file_unit="MH-127",
        sheet="MH-12-14",
        transcribe=True,
        caption=(
            "Thể thức văn bản cuối thập niên 1950, dựng lại để minh họa; ký hiệu lưu trữ "
            "bắt đầu bằng MH- (minh họa)."
        ),
        signature=UBHC_SIGNATURE,
        recipients=("Cơ quan thi đua cấp trên;", "Các huyện;", "Lưu."),
        body=blocks("""
            ## I. TÌNH HÌNH CHUNG

            Sáu tháng đầu năm, phong trào thi đua yêu nước trong tỉnh được duy trì ở hầu hết
            các huyện. Các xã vùng thấp tập trung thi đua làm thủy lợi, cải tiến kỹ thuật
            canh tác; các xã vùng cao thi đua khai hoang, trồng thêm ngô và phát triển chăn
            nuôi.

            Việc tổ chức thi đua có tiến bộ hơn trước: nhiều nơi đã có kế hoạch theo từng
            mùa vụ, có sơ kết giữa vụ và bình bầu cuối vụ. Tuy vậy, phong trào chưa đều giữa
            các vùng.

            ## II. KẾT QUẢ CỤ THỂ

            ## 1. Thi đua sản xuất nông nghiệp

            Các tổ đổi công đã tích cực làm thủy lợi nhỏ, sửa chữa mương phai, đưa nước về
            ruộng; nhiều nơi áp dụng cách cấy dày hợp lý và bón thêm phân chuồng.

            ## 2. Thi đua trong văn hóa, giáo dục

            Phong trào bình dân học vụ được duy trì; các lớp bổ túc văn hóa cho cán bộ xã
            được mở thêm. Công tác vệ sinh phòng bệnh được đồng bào hưởng ứng, nhiều bản làm
            thêm giếng nước, chuồng trại xa nhà.

            ## 3. Thi đua trong cơ quan, đơn vị

            Các cơ quan cấp tỉnh thi đua cải tiến lề lối làm việc, giảm giấy tờ, tăng cường
            đi cơ sở. Nhiều cán bộ đã xuống các xã vùng cao giúp đồng bào sản xuất.

            ## III. NHẬN XÉT

            Ưu điểm: phong trào có kế hoạch, gắn với nhiệm vụ sản xuất; nhiều cách làm hay
            được phổ biến.

            Khuyết điểm: một số nơi còn chạy theo thành tích, báo cáo chưa sát thực tế; việc
            bồi dưỡng, nhân rộng điển hình chưa kịp thời.

            ## IV. PHƯƠNG HƯỚNG SÁU THÁNG CUỐI NĂM

            - Tiếp tục đẩy mạnh thi đua sản xuất vụ mùa, chuẩn bị tốt cho vụ chiêm.

            - Củng cố các tổ đổi công; chú trọng các xã vùng cao.

            - Tổ chức sơ kết, bình bầu dân chủ; kịp thời biểu dương tập thể, cá nhân có
            thành tích.

            - Cải tiến chế độ báo cáo: gọn, đúng, kịp thời.

            Ủy ban hành chính tỉnh báo cáo để cấp trên biết và chỉ đạo./.

            [ký]

            ~~~

            ## PHỤ LỤC: NỘI DUNG THI ĐUA CHỦ YẾU THEO VÙNG

            |Vùng|Nội dung thi đua chủ yếu|Ghi chú|
            |Vùng thấp|Thủy lợi, cải tiến kỹ thuật canh tác, củng cố tổ đổi công|Theo mùa vụ|
            |Vùng giữa|Khai hoang, trồng màu, chăn nuôi gia súc|Gắn với định canh|
            |Vùng cao|Trồng ngô, làm ruộng bậc thang, bình dân học vụ|Cán bộ xuống bản|

            Bảng dựng minh họa, không kèm số liệu.
        """),
    ),
    photo(
        "TL-0032",
        section="phan-3-1955-1975",
        institution="ttlt-quoc-gia-3",
        province="ha-giang",
        title="Hợp tác xã vùng cao thu hoạch lúa trên ruộng bậc thang",
        summary=(
            "Ảnh dựng minh họa xã viên đội nón làm việc trên ruộng bậc thang. Không phải ảnh "
            "lưu trữ thật."
        ),
        date_text="1965-1970",
        scene="harvest",
        other_code="MH-ANH-0032",
    ),
    document(
        "TL-0033",
        section="phan-3-1955-1975",
        institution="ttlt-ha-giang",
        province="ha-giang",
        title="Chỉ thị về đẩy mạnh thi đua sản xuất và sẵn sàng chiến đấu",
        summary=(
            "Bản dựng minh họa một chỉ thị cấp tỉnh giữa thập niên 1960: thi đua sản xuất theo "
            "mùa vụ, kết hợp xây dựng dân quân tự vệ, phục vụ đồng bào vùng cao tận bản."
        ),
        date_text="khoảng năm 1966",
        creator="Ủy ban hành chính tỉnh Hà Giang",
        issuer="ỦY BAN HÀNH CHÍNH\nTỈNH HÀ GIANG",
        place="Hà Giang",
        number="MH-11/CT",
        doc_type="CHỈ THỊ",
        subject="Về việc đẩy mạnh thi đua sản xuất và sẵn sàng chiến đấu",
        fonds="MH-UBHC-HG",
        series="MH-04",
        file_unit="MH-58",
        sheet="MH-2",
        signature=UBHC_SIGNATURE,
        recipients=("Các ngành, các huyện;", "Lưu."),
        body=blocks("""
            Trước yêu cầu vừa sản xuất vừa sẵn sàng chiến đấu, để phong trào thi đua trong
            tỉnh phát triển đều khắp, Ủy ban hành chính tỉnh chỉ thị các ngành, các cấp thực
            hiện tốt những việc sau:

            1. Mỗi hợp tác xã xây dựng kế hoạch thi đua theo mùa vụ; bảo đảm sản xuất không
            bị gián đoạn trong mọi tình huống.

            2. Kết hợp thi đua sản xuất với xây dựng lực lượng dân quân, tự vệ; bảo vệ tốt kho
            tàng, đường giao thông.

            3. Quan tâm đời sống đồng bào vùng cao; các ngành thương nghiệp, y tế, giáo dục thi
            đua phục vụ tận bản.

            4. Định kỳ sơ kết, kịp thời biểu dương các đơn vị, cá nhân làm tốt; uốn nắn những
            nơi làm hình thức.

            Các ngành, các cấp căn cứ chỉ thị này để tổ chức thực hiện và báo cáo kết quả về
            Ủy ban hành chính tỉnh./.
        """),
    ),
    document(
        "TL-0034",
        section="phan-3-1955-1975",
        institution="ttlt-dien-bien",
        province="lai-chau",
        title="Báo cáo tình hình thi đua xây dựng hợp tác xã ở vùng cao",
        summary=(
            "Bản dựng minh họa. Tỉnh Lai Châu thời kỳ này bao gồm cả địa bàn tỉnh Điện Biên "
            "ngày nay (tỉnh Điện Biên được thành lập năm 2004); trong bản demo, văn bản được "
            "giới thiệu qua Trung tâm Lưu trữ lịch sử tỉnh Điện Biên và giữ tên tỉnh của thời "
            "điểm hình thành."
        ),
        date_text="10/1962",
        creator="Ủy ban hành chính tỉnh Lai Châu",
        issuer="ỦY BAN HÀNH CHÍNH\nTỈNH LAI CHÂU",
        place="Lai Châu",
        number="MH-42/BC",
        doc_type="BÁO CÁO",
        subject="Tình hình thi đua xây dựng hợp tác xã ở vùng cao",
        fonds="MH-UBHC-LCH",
        series="MH-02",
        file_unit="MH-31",
        sheet="MH-40",
        signature=UBHC_SIGNATURE,
        recipients=("Cơ quan cấp trên;", "Lưu."),
        body=blocks("""
            Thực hiện chủ trương xây dựng hợp tác xã nông nghiệp, các huyện vùng cao trong
            tỉnh đã tổ chức thi đua giúp nhau xây dựng và củng cố hợp tác xã. Ủy ban hành
            chính tỉnh báo cáo tình hình như sau:

            ## 1. Kết quả

            Nhiều hợp tác xã đã ổn định tổ chức, có ban quản trị, có kế hoạch sản xuất theo
            mùa vụ. Phong trào làm ruộng bậc thang, khai mương dẫn nước được đẩy mạnh; một số
            nơi đã bắt đầu trồng thêm cây công nghiệp.

            ## 2. Khó khăn

            Địa bàn rộng, giao thông cách trở; trình độ quản lý của cán bộ hợp tác xã còn hạn
            chế; việc phổ biến kinh nghiệm giữa các vùng chưa thường xuyên.

            ## 3. Đề nghị

            Đề nghị cấp trên tăng cường cán bộ kỹ thuật, hỗ trợ giống và công cụ sản xuất cho
            các xã vùng cao; mở thêm lớp bồi dưỡng cán bộ quản lý hợp tác xã./.
        """),
    ),
    photo(
        "TL-0035",
        section="phan-3-1955-1975",
        institution="ttlt-son-la",
        province="son-la",
        title="Đồng bào góp công mở đường lên bản",
        summary=(
            "Ảnh dựng minh họa con đường mới mở vào vùng núi và người mang dụng cụ lao động. "
            "Không phải ảnh lưu trữ thật."
        ),
        date_text="khoảng năm 1960",
        scene="road",
        other_code="MH-ANH-0035",
    ),
    document(
        "TL-0036",
        section="phan-3-1955-1975",
        institution="ttlt-cao-bang",
        province="cao-bang",
        title="Quyết định khen thưởng các tập thể có thành tích trong phong trào thi đua",
        summary=(
            "Bản dựng minh họa một quyết định khen thưởng cấp tỉnh năm 1975, theo thể thức "
            "căn cứ – điều khoản. Tên các tập thể được lược bỏ."
        ),
        date_text="6/1975",
        creator="Ủy ban hành chính tỉnh Cao Bằng",
        issuer="ỦY BAN HÀNH CHÍNH\nTỈNH CAO BẰNG",
        place="Cao Bằng",
        number="MH-230/QĐ",
        doc_type="QUYẾT ĐỊNH",
        subject="Về việc khen thưởng các tập thể có thành tích trong phong trào thi đua",
        fonds="MH-UBHC-CB",
        series="MH-06",
        file_unit="MH-144",
        sheet="MH-51",
        signature=UBHC_SIGNATURE,
        recipients=("Như Điều 3;", "Lưu."),
        body=blocks("""
            #> ỦY BAN HÀNH CHÍNH TỈNH CAO BẰNG

            Căn cứ chế độ khen thưởng hiện hành;

            Xét đề nghị của cơ quan thi đua tỉnh về thành tích của các tập thể trong phong
            trào thi đua sản xuất và phục vụ chiến đấu,

            #> QUYẾT ĐỊNH:

            Điều 1. Khen thưởng các tập thể có thành tích xuất sắc trong phong trào thi đua
            (danh sách kèm theo; tên các tập thể được lược bỏ trong bản minh họa).

            Điều 2. Các tập thể được khen thưởng được nêu gương trong toàn tỉnh.

            Điều 3. Chánh Văn phòng Ủy ban hành chính tỉnh, cơ quan thi đua tỉnh và các đơn
            vị có tên ở Điều 1 chịu trách nhiệm thi hành quyết định này./.
        """),
    ),
    quotation(
        "TL-0037",
        section="phan-3-1955-1975",
        institution="ttlt-quoc-gia-3",
        title="Mương nước mới ở vùng cao (lời minh họa)",
        quote_text=(
            "Mỗi con mương mới đào ở vùng cao là một lời hưởng ứng thi đua được viết bằng mồ hôi."
        ),
        creator="Người dẫn chuyện của triển lãm (lời minh họa)",
        occasion="Lời bình viết cho bản demo",
        summary="Lời bình minh họa, không trích từ tài liệu thật.",
    ),
    document(
        "TL-0038",
        section="phan-3-doi-moi",
        institution="ttlt-son-la",
        province="son-la",
        title="Báo cáo tổng kết phong trào thi đua yêu nước giai đoạn 1996–2000",
        summary=(
            "Bản dựng minh họa một báo cáo tổng kết năm năm: thi đua phát triển sản xuất, "
            "xóa đói giảm nghèo, xây dựng kết cấu hạ tầng, giáo dục - y tế - văn hóa và cải "
            "cách trong cơ quan nhà nước."
        ),
        date_text="11/2000",
        creator="Ủy ban nhân dân tỉnh Sơn La",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH SƠN LA",
        place="Sơn La",
        number="MH-87/BC-UB",
        doc_type="BÁO CÁO",
        subject="Tổng kết phong trào thi đua yêu nước giai đoạn 1996–2000",
        fonds="MH-UBND-SL",
        series="MH-09",
        file_unit="MH-260",
        sheet="MH-18-20",
        dpi=300,
        transcribe=True,
        signature=("TM. ỦY BAN NHÂN DÂN TỈNH", "CHỦ TỊCH"),
        recipients=(
            "Cơ quan thi đua cấp trên;",
            "Các sở, ban, ngành, huyện, thị xã;",
            "Lưu: VT.",
        ),
        body=blocks("""
            ## I. ĐẶC ĐIỂM TÌNH HÌNH

            Giai đoạn 1996–2000, tỉnh thực hiện nhiệm vụ phát triển kinh tế - xã hội trong
            điều kiện còn nhiều khó khăn: địa hình chia cắt, kết cấu hạ tầng thiếu, đời sống
            một bộ phận đồng bào vùng cao còn thiếu thốn. Phong trào thi đua yêu nước được
            triển khai rộng khắp, trở thành động lực quan trọng để hoàn thành các mục tiêu
            đề ra.

            ## II. KẾT QUẢ CÁC PHONG TRÀO THI ĐUA

            ## 1. Thi đua phát triển sản xuất, xóa đói giảm nghèo

            Các địa phương thi đua chuyển đổi cơ cấu cây trồng, vật nuôi; mở rộng diện tích
            lúa nước, trồng cây ăn quả và cây công nghiệp phù hợp với từng vùng. Nhiều hộ
            đồng bào vùng cao đã thoát nghèo nhờ cách làm mới.

            ## 2. Thi đua xây dựng kết cấu hạ tầng

            Phong trào Nhà nước và nhân dân cùng làm được hưởng ứng; đường đến trung tâm các
            xã, trường học, trạm y tế được xây dựng thêm. Đồng bào góp công, góp đất cùng làm
            đường liên bản.

            ## 3. Thi đua trong giáo dục, y tế, văn hóa

            Lớp học ở các bản được mở thêm; công tác chăm sóc sức khỏe ban đầu được chú
            trọng. Phong trào xây dựng bản văn hóa được đông đảo đồng bào tham gia.

            ## 4. Thi đua trong cơ quan nhà nước

            Các cơ quan thi đua cải cách thủ tục hành chính, nâng cao tinh thần phục vụ nhân
            dân; nhiều sáng kiến cải tiến lề lối làm việc được áp dụng.

            ## III. ĐÁNH GIÁ CHUNG

            Phong trào thi đua giai đoạn 1996–2000 có bước phát triển cả về nội dung và hình
            thức; công tác khen thưởng kịp thời hơn. Tuy nhiên, một số phong trào còn hình
            thức, việc phát hiện, nhân rộng điển hình tiên tiến ở cơ sở chưa được quan tâm
            đúng mức.

            ## IV. PHƯƠNG HƯỚNG GIAI ĐOẠN TỚI

            - Đổi mới nội dung, hình thức thi đua, gắn với nhiệm vụ phát triển kinh tế - xã
            hội của từng địa phương.

            - Chú trọng phát hiện, bồi dưỡng điển hình tiên tiến trong đồng bào các dân tộc.

            - Nâng cao chất lượng công tác khen thưởng, bảo đảm kịp thời, công khai, đúng
            người, đúng việc./.

            [ký]

            ~~~

            ## PHỤ LỤC: CÁC PHONG TRÀO THI ĐUA CHỦ YẾU GIAI ĐOẠN 1996–2000

            |TT|Phong trào|Lĩnh vực|Đơn vị chủ trì|
            |1|Toàn dân đoàn kết xây dựng đời sống văn hóa|Văn hóa - xã hội|Các sở, ngành, đoàn thể|
            |2|Xóa đói giảm nghèo|Kinh tế - xã hội|UBND các huyện, thị xã|
            |3|Nhà nước và nhân dân cùng làm|Kết cấu hạ tầng|Các ngành giao thông, thủy lợi|
            |4|Cải cách hành chính|Quản lý nhà nước|Các cơ quan nhà nước|

            Bảng dựng minh họa, không kèm số liệu.
        """),
    ),
    photo(
        "TL-0039",
        section="phan-3-doi-moi",
        institution="ttlt-lao-cai",
        province="lao-cai",
        title="Một bản vùng cao sau khi có đường giao thông",
        summary=(
            "Ảnh dựng minh họa mấy nếp nhà sàn giữa vườn cây và người đi lại trước bản. "
            "Không phải ảnh chụp thật."
        ),
        date_text="khoảng năm 2005",
        scene="village",
        tone="grey",
        other_code="MH-ANH-0039",
    ),
    document(
        "TL-0040",
        section="phan-3-doi-moi",
        institution="ttlt-lao-cai",
        province="lao-cai",
        title="Kế hoạch thi đua xóa đói giảm nghèo ở các xã vùng cao",
        summary=(
            "Bản dựng minh họa một kế hoạch thi đua giữa thập niên 1990: các hộ giúp nhau sản "
            "xuất, cơ quan nhận giúp xã khó khăn, trường học vận động học sinh đến lớp."
        ),
        date_text="8/1995",
        creator="Ủy ban nhân dân tỉnh Lào Cai",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI",
        place="Lào Cai",
        number="MH-34/KH-UB",
        doc_type="KẾ HOẠCH",
        subject="Thi đua xóa đói giảm nghèo ở các xã vùng cao",
        fonds="MH-UBND-LC",
        series="MH-03",
        file_unit="MH-47",
        sheet="MH-11",
        signature=("TM. ỦY BAN NHÂN DÂN TỈNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        recipients=("Các sở, ban, ngành;", "UBND các huyện, thị xã;", "Lưu: VT."),
        body=blocks("""
            ## I. MỤC TIÊU

            Động viên các cấp, các ngành và đồng bào các dân tộc thi đua xóa đói giảm nghèo,
            trước hết ở các xã vùng cao, vùng sâu; giảm dần số hộ thiếu đói giáp hạt.

            ## II. NỘI DUNG THI ĐUA

            - Các hộ giúp nhau giống, vốn, kinh nghiệm sản xuất; nhân rộng mô hình trồng lúa
            nước, trồng rừng, chăn nuôi gia súc.

            - Các cơ quan, đơn vị nhận giúp đỡ các xã khó khăn; cán bộ được phân công bám bản,
            bám hộ.

            - Các trường học thi đua duy trì sĩ số, vận động con em đồng bào đến lớp.

            ## III. TỔ CHỨC THỰC HIỆN

            Ủy ban nhân dân các huyện, thị xã xây dựng kế hoạch cụ thể; hằng quý báo cáo kết
            quả về Ủy ban nhân dân tỉnh qua cơ quan thường trực công tác thi đua, khen
            thưởng./.
        """),
    ),
    document(
        "TL-0041",
        section="phan-3-doi-moi",
        institution="ttlt-dien-bien",
        province="dien-bien",
        title="Kế hoạch triển khai Luật Thi đua, Khen thưởng trên địa bàn tỉnh",
        summary=(
            "Bản dựng minh họa một kế hoạch của tỉnh mới thành lập năm 2004: phổ biến Luật "
            "Thi đua, Khen thưởng, kiện toàn Hội đồng các cấp, rà soát văn bản, kiểm tra."
        ),
        date_text="9/2004",
        creator="Ủy ban nhân dân tỉnh Điện Biên",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN",
        place="Điện Biên",
        number="MH-72/KH-UBND",
        doc_type="KẾ HOẠCH",
        subject="Triển khai Luật Thi đua, Khen thưởng trên địa bàn tỉnh",
        fonds="MH-UBND-ĐB",
        series="MH-01",
        file_unit="MH-15",
        sheet="MH-6",
        signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        recipients=("Các sở, ban, ngành;", "UBND các huyện, thị xã, thành phố;", "Lưu: VT."),
        body=blocks("""
            Luật Thi đua, Khen thưởng được Quốc hội thông qua năm 2003 và có hiệu lực từ năm
            2004. Để Luật được triển khai thống nhất trên địa bàn tỉnh, Ủy ban nhân dân tỉnh
            ban hành kế hoạch như sau:

            ## 1. Tuyên truyền, phổ biến

            Tổ chức hội nghị phổ biến Luật cho cán bộ chủ chốt các sở, ban, ngành, huyện, thị
            xã, thành phố; biên soạn tài liệu hỏi đáp ngắn gọn, dễ hiểu cho cơ sở.

            ## 2. Kiện toàn tổ chức

            Kiện toàn Hội đồng Thi đua - Khen thưởng các cấp; bố trí cán bộ làm công tác thi
            đua, khen thưởng ở các cơ quan, đơn vị.

            ## 3. Rà soát văn bản

            Rà soát các văn bản về thi đua, khen thưởng của địa phương, đề xuất sửa đổi cho
            phù hợp với Luật.

            ## 4. Kiểm tra, đôn đốc

            Cơ quan thường trực công tác thi đua, khen thưởng của tỉnh theo dõi, đôn đốc và
            tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh./.
        """),
    ),
    photo(
        "TL-0042",
        section="phan-3-doi-moi",
        institution="ttlt-cao-bang",
        province="cao-bang",
        title="Lễ tuyên dương điển hình tiên tiến của tỉnh",
        summary=(
            "Ảnh dựng minh họa một đại hội thi đua: băng rôn, bàn chủ tọa và các hàng ghế đại "
            "biểu. Không phải ảnh chụp thật."
        ),
        date_text="khoảng năm 2005",
        scene="stage",
        banner="ĐẠI HỘI THI ĐUA YÊU NƯỚC",
        tone="grey",
        other_code="MH-ANH-0042",
    ),
    quotation(
        "TL-0043",
        section="phan-3-doi-moi",
        institution="ttlt-ha-giang",
        province="ha-giang",
        title="Điển hình ở vùng cao (lời minh họa)",
        quote_text=(
            "Điển hình tiên tiến ở vùng cao thường là những người rất bình thường, làm những "
            "việc rất bền bỉ."
        ),
        creator="Cán bộ thi đua cấp huyện (lời minh họa)",
        occasion="Lời minh họa viết cho bản demo",
        summary="Câu trích minh họa, gán cho một vai trò chung chung, không gắn với người thật.",
    ),
    document(
        "TL-0044",
        section="phan-3-hien-nay",
        institution="ttlt-ha-giang",
        province="ha-giang",
        title=("Kế hoạch triển khai phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”"),
        summary=(
            "Bản dựng minh họa một kế hoạch cấp tỉnh: thi đua làm đường, kênh mương, nhà văn "
            "hóa thôn bản; phát triển sản xuất hàng hóa; giữ gìn vệ sinh môi trường."
        ),
        date_text="khoảng năm 2011",
        creator="Ủy ban nhân dân tỉnh Hà Giang",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG",
        place="Hà Giang",
        number="MH-118/KH-UBND",
        doc_type="KẾ HOẠCH",
        subject=(
            "Triển khai phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” trên địa "
            "bàn tỉnh"
        ),
        fonds="MH-UBND-HG",
        series="MH-25",
        file_unit="MH-310",
        sheet="MH-3",
        signature=DEPUTY_SIGNATURE,
        recipients=("Các sở, ban, ngành;", "UBND các huyện, thành phố;", "Lưu: VT."),
        body=blocks("""
            ## I. MỤC ĐÍCH, YÊU CẦU

            Huy động sức mạnh của cả hệ thống chính trị và nhân dân các dân tộc tham gia xây
            dựng nông thôn mới, phù hợp với điều kiện của một tỉnh vùng cao biên giới.

            ## II. NỘI DUNG THI ĐUA

            - Thi đua làm đường giao thông nông thôn, kênh mương, nhà văn hóa thôn bản theo
            phương châm dân làm, Nhà nước hỗ trợ.

            - Thi đua phát triển sản xuất hàng hóa, tăng thu nhập cho người dân; gìn giữ bản
            sắc văn hóa các dân tộc.

            - Thi đua giữ gìn vệ sinh môi trường, xây dựng thôn bản sạch, đẹp.

            ## III. TỔ CHỨC THỰC HIỆN

            Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố xây dựng kế hoạch cụ
            thể; định kỳ sơ kết, biểu dương các tập thể, cá nhân tiêu biểu./.
        """),
    ),
    photo(
        "TL-0045",
        section="phan-3-hien-nay",
        institution="ttlt-lai-chau",
        province="lai-chau",
        title="Ruộng bậc thang mùa nước đổ",
        summary=("Ảnh dựng minh họa ruộng bậc thang uốn theo sườn đồi. Không phải ảnh chụp thật."),
        date_text="khoảng năm 2015",
        scene="terraces",
        tone="grey",
        other_code="MH-ANH-0045",
        image_format="png",
        greyscale=True,
    ),
    document(
        "TL-0046",
        section="phan-3-hien-nay",
        institution="ttlt-lai-chau",
        province="lai-chau",
        title=(
            "Báo cáo kết quả phong trào thi đua “Cả nước chung tay vì người nghèo – Không để "
            "ai bị bỏ lại phía sau”"
        ),
        summary=(
            "Bản dựng minh họa một báo cáo giai đoạn 2016–2020: công tác triển khai, kết quả "
            "nổi bật (số liệu được lược bỏ) và phương hướng."
        ),
        date_text="10/2020",
        creator="Ủy ban nhân dân tỉnh Lai Châu",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU",
        place="Lai Châu",
        number="MH-245/BC-UBND",
        doc_type="BÁO CÁO",
        subject=(
            "Kết quả phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ "
            "lại phía sau” giai đoạn 2016–2020"
        ),
        fonds="MH-UBND-LCH",
        series="MH-30",
        file_unit="MH-512",
        sheet="MH-1",
        signature=DEPUTY_SIGNATURE,
        recipients=("Ban Thi đua - Khen thưởng Trung ương;", "Lưu: VT."),
        body=blocks("""
            ## I. CÔNG TÁC TRIỂN KHAI

            Ngay từ đầu giai đoạn, tỉnh đã ban hành kế hoạch triển khai phong trào, phân công
            các sở, ngành, địa phương phụ trách từng nội dung; phong trào được phát động đến
            các xã, thôn, bản.

            ## II. KẾT QUẢ NỔI BẬT

            - Nhiều cơ quan, doanh nghiệp nhận giúp đỡ các xã, bản đặc biệt khó khăn.

            - Các mô hình sinh kế phù hợp với đồng bào vùng cao được nhân rộng.

            - Nhà ở, nước sinh hoạt, trường lớp cho hộ nghèo được quan tâm hỗ trợ.

            (Số liệu cụ thể được lược bỏ trong bản minh họa.)

            ## III. PHƯƠNG HƯỚNG

            Tiếp tục duy trì phong trào trong giai đoạn mới, gắn với các chương trình giảm
            nghèo bền vững; kịp thời biểu dương, khen thưởng các điển hình./.
        """),
    ),
    document(
        "TL-0047",
        section="phan-3-hien-nay",
        institution="ttlt-dien-bien",
        province="dien-bien",
        title="Công văn giới thiệu tài liệu tham gia triển lãm tài liệu lưu trữ trực tuyến",
        summary=(
            "Bản dựng minh họa một công văn gửi kèm danh mục và bản sao số tài liệu đề nghị "
            "giới thiệu trong triển lãm trực tuyến. Trang ảnh được lưu dạng TIFF 300 dpi để "
            "minh họa định dạng bản quét lưu trữ."
        ),
        date_text="1/2024",
        creator="Sở Nội vụ tỉnh Điện Biên",
        issuer_parent="UBND TỈNH ĐIỆN BIÊN",
        issuer="SỞ NỘI VỤ",
        place="Điện Biên",
        number="MH-45/SNV-LT",
        doc_type="",
        subject="giới thiệu tài liệu tham gia triển lãm tài liệu lưu trữ trực tuyến của Cụm",
        addressees=("Ban Tổ chức triển lãm (minh họa).",),
        fonds="MH-SNV-ĐB",
        series="MH-02",
        file_unit="MH-19",
        sheet="MH-1",
        dpi=300,
        image_format="tiff",
        greyscale=True,
        signature=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        recipients=("Như trên;", "Trung tâm Lưu trữ lịch sử tỉnh;", "Lưu: VT."),
        body=blocks("""
            Thực hiện đề nghị của Ban Tổ chức về việc lựa chọn tài liệu, hình ảnh tham gia
            triển lãm tài liệu lưu trữ trực tuyến “Phong trào thi đua yêu nước Cụm 7 tỉnh
            miền núi biên giới phía Bắc”, Sở Nội vụ đã giao Trung tâm Lưu trữ lịch sử tỉnh
            lựa chọn và gửi kèm theo công văn này:

            - Danh mục tài liệu, hình ảnh đề nghị giới thiệu, có đủ thông tin: tiêu đề, thời
            gian, ký hiệu lưu trữ, trích yếu nội dung.

            - Bản sao số các tài liệu, hình ảnh theo danh mục.

            Sở Nội vụ đề nghị Ban Tổ chức xem xét, lựa chọn. Trong quá trình biên tập, nếu cần
            bổ sung thông tin, đề nghị liên hệ Trung tâm Lưu trữ lịch sử tỉnh./.
        """),
    ),
    photo(
        "TL-0048",
        section="phan-3-hien-nay",
        institution="ttlt-son-la",
        province="son-la",
        title="Hội nghị tổng kết công tác thi đua, khen thưởng",
        summary=(
            "Ảnh dựng minh họa một hội nghị tổng kết: băng rôn, bàn chủ tọa, đại biểu. Không "
            "phải ảnh chụp thật."
        ),
        date_text="khoảng năm 2023",
        scene="stage",
        banner="HỘI NGHỊ TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        tone="grey",
        other_code="MH-ANH-0048",
    ),
    photo(
        "TL-0050",
        section="phan-3-hien-nay",
        institution="ttlt-ha-giang",
        province="ha-giang",
        status="withdrawn",
        title="Ảnh đã gỡ khỏi triển lãm (minh họa trạng thái “Đã gỡ”)",
        summary=(
            "Mục minh họa trạng thái “Đã gỡ”: được xếp vào triển lãm nhưng đã gỡ xuống, nên "
            "không bao giờ hiển thị cho công chúng."
        ),
        date_text="khoảng năm 2010",
        scene="mountains",
        tone="grey",
        other_code="MH-ANH-0050",
    ),
)

"""Part II of the demo: organisation and activities of the seven-province cluster.

Every document is an illustrative reconstruction of a kind of paper a cluster
keeps (rules, agreements, plans, inspection minutes, scoring sheets); none
records a real decision or result of the cluster.
"""

from __future__ import annotations

from trienlam.demo.content_types import ItemData, blocks, document, photo, quotation

CLUSTER = "Cụm thi đua các tỉnh miền núi biên giới phía Bắc"
CLUSTER_HEAD = "CỤM THI ĐUA\nCÁC TỈNH MIỀN NÚI\nBIÊN GIỚI PHÍA BẮC"
BOARD_PARENT = "BỘ NỘI VỤ"
BOARD_HEAD = "BAN THI ĐUA - KHEN THƯỞNG\nTRUNG ƯƠNG"
DEPUTY_SIGNATURE = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")

ITEMS: tuple[ItemData, ...] = (
    document(
        "TL-0015",
        section="phan-2-hinh-thanh",
        institution="ban-tdkt-tw",
        province=None,
        title="Hướng dẫn về tổ chức và hoạt động của các cụm, khối thi đua",
        summary=(
            "Bản dựng minh họa một văn bản hướng dẫn: nguyên tắc tổ chức cụm, khối thi đua, "
            "Cụm trưởng luân phiên, nội dung hoạt động trong năm, chế độ báo cáo và phụ lục "
            "lịch hoạt động gợi ý."
        ),
        date_text="3/2012",
        creator="Ban Thi đua - Khen thưởng Trung ương",
        issuer_parent=BOARD_PARENT,
        issuer=BOARD_HEAD,
        place="Hà Nội",
        number="MH-45/HD-BTĐKT",
        doc_type="HƯỚNG DẪN",
        subject="Về tổ chức và hoạt động của các cụm, khối thi đua",
        fonds="MH-BTĐKT",
        series="MH-09",
        file_unit="MH-118",
        sheet="MH-4-6",
        dpi=300,
        transcribe=True,
        signature=("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        recipients=(
            "Các bộ, ban, ngành, đoàn thể Trung ương;",
            "UBND các tỉnh, thành phố;",
            "Lưu: VT.",
        ),
        body=blocks("""
            Để các cụm, khối thi đua hoạt động nền nếp, thực chất, Ban Thi đua - Khen thưởng
            Trung ương hướng dẫn một số nội dung về tổ chức và hoạt động của các cụm, khối
            thi đua như sau:

            ## I. TỔ CHỨC CỤM, KHỐI THI ĐUA

            1. Cụm, khối thi đua được tổ chức theo nguyên tắc các đơn vị có chức năng, nhiệm
            vụ, điều kiện tương đồng hoặc gần nhau về địa lý được xếp chung để thi đua, học
            hỏi lẫn nhau.

            2. Mỗi cụm, khối có Cụm trưởng (Khối trưởng) và Cụm phó (Khối phó), luân phiên
            hằng năm theo thỏa thuận của các thành viên. Đơn vị Cụm trưởng chủ trì tổ chức
            các hoạt động trong năm.

            3. Cụm, khối thi đua xây dựng quy chế hoạt động, được các thành viên thống nhất
            và gửi cơ quan thường trực công tác thi đua, khen thưởng để theo dõi.

            ## II. NỘI DUNG HOẠT ĐỘNG

            1. Đầu năm, tổ chức ký kết giao ước thi đua với các chỉ tiêu, nhiệm vụ cụ thể,
            phù hợp với điều kiện của từng đơn vị.

            2. Trong năm, tổ chức trao đổi kinh nghiệm, tham quan các mô hình hay, cách làm
            hiệu quả; kịp thời phát hiện các nhân tố mới để nhân rộng.

            3. Cuối năm, tổ chức kiểm tra chéo, tự chấm điểm và bình xét thi đua theo tiêu
            chí đã thống nhất; kết quả được công khai trong cụm, khối.

            4. Tổ chức hội nghị tổng kết, suy tôn đơn vị dẫn đầu và đề nghị cấp có thẩm quyền
            khen thưởng theo quy định.

            ## III. CHẾ ĐỘ THÔNG TIN, BÁO CÁO

            Đơn vị Cụm trưởng tổng hợp kết quả hoạt động của cụm, khối, gửi báo cáo sáu tháng
            và hằng năm về cơ quan thường trực; các vướng mắc phát sinh được phản ánh kịp
            thời để được hướng dẫn.

            ## IV. TỔ CHỨC THỰC HIỆN

            Các bộ, ban, ngành, đoàn thể Trung ương và các tỉnh, thành phố căn cứ hướng dẫn
            này để chỉ đạo các cụm, khối thi đua thuộc phạm vi quản lý. Trong quá trình thực
            hiện, nếu có vướng mắc, đề nghị phản ánh về Ban Thi đua - Khen thưởng Trung ương.

            [ký]

            ~~~

            ## PHỤ LỤC: LỊCH HOẠT ĐỘNG GỢI Ý TRONG NĂM

            |Thời gian|Hoạt động|Đơn vị chủ trì|
            |Quý I|Ký kết giao ước thi đua|Cụm trưởng|
            |Quý II–III|Trao đổi kinh nghiệm, tham quan mô hình|Các thành viên|
            |Quý IV|Kiểm tra chéo, chấm điểm, bình xét|Cụm trưởng, Cụm phó|
            |Cuối năm|Hội nghị tổng kết, suy tôn|Cụm trưởng|
        """),
    ),
    document(
        "TL-0016",
        section="phan-2-hinh-thanh",
        institution="ttlt-lang-son",
        province="lang-son",
        title="Quy chế hoạt động của Cụm thi đua các tỉnh miền núi biên giới phía Bắc",
        summary=(
            "Bản dựng minh họa một quy chế hoạt động của cụm thi đua: phạm vi gồm bảy tỉnh, "
            "nguyên tắc hoạt động, Cụm trưởng luân phiên, giao ước thi đua, kiểm tra chéo và "
            "chấm điểm. Không phải quy chế thật của Cụm."
        ),
        date_text="khoảng năm 2015",
        creator=CLUSTER,
        issuer=CLUSTER_HEAD,
        place="Lạng Sơn",
        number="MH-01/QC-CTĐ",
        doc_type="QUY CHẾ",
        subject="Hoạt động của Cụm thi đua các tỉnh miền núi biên giới phía Bắc",
        fonds="MH-UBND-LS",
        series="MH-15",
        file_unit="MH-402",
        sheet="MH-8-9",
        transcribe=True,
        caption=(
            "Quy chế dựng minh họa: đọc từng trang, phóng to, hoặc mở bản chép lại ở cuối "
            "trang tài liệu."
        ),
        signature=("ĐẠI DIỆN CÁC TỈNH TRONG CỤM",),
        recipients=(
            "UBND các tỉnh trong Cụm;",
            "Ban Thi đua - Khen thưởng Trung ương;",
            "Lưu.",
        ),
        body=blocks("""
            ## Chương I. QUY ĐỊNH CHUNG

            ## Điều 1. Phạm vi và đối tượng áp dụng

            Quy chế này quy định về tổ chức, nội dung và phương thức hoạt động của Cụm thi
            đua các tỉnh miền núi biên giới phía Bắc, gồm các tỉnh: Hà Giang, Cao Bằng, Lạng
            Sơn, Lào Cai, Lai Châu, Điện Biên và Sơn La.

            ## Điều 2. Nguyên tắc hoạt động

            Cụm hoạt động trên nguyên tắc tự nguyện, đoàn kết, hợp tác, bình đẳng và cùng có
            lợi; công khai, dân chủ trong bình xét thi đua.

            ## Điều 3. Mục đích

            Thông qua thi đua, các tỉnh học tập, trao đổi kinh nghiệm, hỗ trợ nhau phát
            triển kinh tế - xã hội, giữ vững quốc phòng - an ninh và chủ quyền biên giới.

            ## Chương II. TỔ CHỨC VÀ HOẠT ĐỘNG

            ## Điều 4. Cụm trưởng, Cụm phó

            Cụm trưởng và Cụm phó do các thành viên bầu, luân phiên hằng năm. Tỉnh giữ chức
            Cụm trưởng chủ trì xây dựng kế hoạch, tổ chức hội nghị và tổng hợp kết quả hoạt
            động của Cụm.

            ## Điều 5. Giao ước thi đua

            Đầu năm, các tỉnh ký giao ước thi đua với các nội dung cụ thể, đo đếm được, phù
            hợp với điều kiện của từng tỉnh.

            ## Điều 6. Trao đổi kinh nghiệm

            Các tỉnh chủ động giới thiệu mô hình hay, cách làm hiệu quả; tổ chức đoàn tham
            quan, học tập lẫn nhau khi có điều kiện.

            ## Điều 7. Kiểm tra chéo và chấm điểm

            Cuối năm, các tỉnh tự chấm điểm theo bảng tiêu chí của Cụm và tổ chức kiểm tra
            chéo theo phân công. Kết quả chấm điểm được công khai tại hội nghị tổng kết.

            ## Chương III. ĐIỀU KHOẢN THI HÀNH

            ## Điều 8. Trách nhiệm thi hành

            Hội đồng Thi đua - Khen thưởng các tỉnh trong Cụm có trách nhiệm triển khai thực
            hiện Quy chế này.

            ## Điều 9. Sửa đổi, bổ sung

            Trong quá trình thực hiện, nếu có vướng mắc, các tỉnh phản ánh về tỉnh giữ chức
            Cụm trưởng để tổng hợp, trình hội nghị Cụm xem xét sửa đổi, bổ sung cho phù
            hợp./.
        """),
    ),
    quotation(
        "TL-0018",
        section="phan-2-hinh-thanh",
        institution="ttlt-son-la",
        province="son-la",
        title="Chung một dải biên cương (lời minh họa)",
        quote_text=(
            "Bảy tỉnh chung một dải biên cương, chung những khó khăn và chung một quyết tâm: "
            "thi đua để cùng phát triển."
        ),
        creator="Đại diện Cụm thi đua (lời minh họa)",
        occasion="Lời minh họa viết cho bản demo",
        summary="Câu trích minh họa, gán cho một vai trò chung chung, không gắn với người thật.",
    ),
    document(
        "TL-0019",
        section="phan-2-hinh-thanh",
        institution="ttlt-cao-bang",
        province="cao-bang",
        title="Báo cáo đề xuất nội dung thi đua của tỉnh Cao Bằng trong Cụm",
        summary=(
            "Bản dựng minh họa một báo cáo đề xuất nội dung giao ước thi đua: kinh tế vùng "
            "cao, an sinh xã hội, quốc phòng - an ninh biên giới và tiêu chí chấm điểm."
        ),
        date_text="10/2016",
        creator="Ủy ban nhân dân tỉnh Cao Bằng",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG",
        place="Cao Bằng",
        number="MH-1850/BC-UBND",
        doc_type="BÁO CÁO",
        subject=(
            "Đề xuất nội dung thi đua của tỉnh Cao Bằng trong Cụm thi đua các tỉnh miền núi "
            "biên giới phía Bắc"
        ),
        fonds="MH-UBND-CB",
        series="MH-11",
        file_unit="MH-233",
        sheet="MH-15",
        signature=DEPUTY_SIGNATURE,
        recipients=("Tỉnh giữ chức Cụm trưởng;", "Lưu: VT."),
        body=blocks("""
            Thực hiện đề nghị của tỉnh giữ chức Cụm trưởng về việc xây dựng nội dung giao
            ước thi đua năm tới, Ủy ban nhân dân tỉnh Cao Bằng đề xuất một số nội dung như
            sau:

            ## 1. Về phát triển kinh tế

            Tập trung phát triển nông, lâm nghiệp hàng hóa phù hợp với vùng cao; thúc đẩy
            thương mại qua biên giới và du lịch gắn với cảnh quan, văn hóa các dân tộc.

            ## 2. Về an sinh xã hội

            Ưu tiên giảm nghèo bền vững, xóa nhà tạm cho hộ khó khăn, nâng cao chất lượng
            giáo dục và chăm sóc sức khỏe ở các xã vùng sâu, vùng xa.

            ## 3. Về quốc phòng, an ninh

            Phối hợp giữ vững an ninh biên giới; phát huy vai trò của người có uy tín trong
            đồng bào các dân tộc.

            ## 4. Về công tác thi đua, khen thưởng

            Đề nghị Cụm thống nhất tiêu chí chấm điểm rõ ràng, có trọng số cho các nhiệm vụ
            đặc thù của các tỉnh biên giới; tăng cường trao đổi kinh nghiệm giữa các tỉnh./.
        """),
    ),
    document(
        "TL-0020",
        section="phan-2-hinh-thanh",
        institution="ttlt-son-la",
        province="son-la",
        title="Danh sách cơ quan đầu mối công tác thi đua, khen thưởng của các tỉnh trong Cụm",
        summary=(
            "Bản dựng minh họa một danh sách đầu mối: mỗi tỉnh một cơ quan tham mưu công tác "
            "thi đua, khen thưởng. Không có tên, số điện thoại hay địa chỉ thư của cá nhân."
        ),
        date_text="8/2017",
        creator="Sở Nội vụ tỉnh Sơn La",
        issuer_parent="UBND TỈNH SƠN LA",
        issuer="SỞ NỘI VỤ",
        place="Sơn La",
        number="MH-318/SNV-TĐKT",
        doc_type="DANH SÁCH",
        subject="Cơ quan đầu mối công tác thi đua, khen thưởng của các tỉnh trong Cụm thi đua",
        fonds="MH-SNV-SL",
        series="MH-05",
        file_unit="MH-71",
        sheet="MH-3",
        image_format="png",
        greyscale=True,
        signature=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        recipients=("Các tỉnh trong Cụm;", "Lưu: VT, TĐKT."),
        body=blocks("""
            |TT|Tỉnh|Cơ quan đầu mối|
            |1|Hà Giang|Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Hà Giang|
            |2|Cao Bằng|Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Cao Bằng|
            |3|Lạng Sơn|Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn|
            |4|Lào Cai|Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lào Cai|
            |5|Lai Châu|Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lai Châu|
            |6|Điện Biên|Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Điện Biên|
            |7|Sơn La|Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Sơn La|

            Ghi chú: danh sách dựng minh họa cho bản demo; không ghi tên, số điện thoại hay
            địa chỉ thư điện tử của cá nhân.
        """),
    ),
    photo(
        "TL-0017",
        section="phan-2-giao-uoc",
        institution="ttlt-lang-son",
        province="lang-son",
        title="Hội nghị ký kết giao ước thi đua của các tỉnh trong Cụm",
        summary=(
            "Ảnh dựng minh họa một hội nghị ký kết giao ước thi đua: băng rôn, bàn chủ tọa, "
            "đại biểu các tỉnh. Không phải ảnh chụp một hội nghị thật."
        ),
        date_text="khoảng năm 2016",
        scene="stage",
        banner="HỘI NGHỊ KÝ KẾT GIAO ƯỚC THI ĐUA CỤM CÁC TỈNH MIỀN NÚI BIÊN GIỚI PHÍA BẮC",
        tone="grey",
        other_code="MH-ANH-0017",
        caption=(
            "Mỗi năm, các tỉnh trong Cụm ký giao ước thi đua. Ảnh dựng minh họa, không phải "
            "ảnh chụp thật."
        ),
    ),
    document(
        "TL-0021",
        section="phan-2-giao-uoc",
        institution="ttlt-ha-giang",
        province="ha-giang",
        title="Giao ước thi đua năm 2019 của Cụm thi đua các tỉnh miền núi biên giới phía Bắc",
        summary=(
            "Bản dựng minh họa một giao ước thi đua: chín nội dung về phát triển kinh tế - xã "
            "hội, quốc phòng - an ninh, cải cách hành chính và công tác thi đua, khen thưởng."
        ),
        date_text="3/2019",
        creator=CLUSTER,
        issuer=CLUSTER_HEAD,
        place="Hà Giang",
        number="MH-02/GƯ-CTĐ",
        doc_type="GIAO ƯỚC THI ĐUA",
        subject="Năm 2019",
        fonds="MH-UBND-HG",
        series="MH-19",
        file_unit="MH-77",
        sheet="MH-30-32",
        transcribe=True,
        signature=("ĐẠI DIỆN CÁC TỈNH TRONG CỤM",),
        recipients=(
            "Ban Thi đua - Khen thưởng Trung ương;",
            "UBND các tỉnh trong Cụm;",
            "Lưu.",
        ),
        body=blocks("""
            Căn cứ Quy chế hoạt động của Cụm thi đua các tỉnh miền núi biên giới phía Bắc;
            trên cơ sở nhiệm vụ chính trị của từng tỉnh, các tỉnh trong Cụm thống nhất ký
            kết giao ước thi đua năm 2019 với các nội dung sau:

            ## I. THI ĐUA THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI

            1. Phấn đấu hoàn thành và hoàn thành vượt mức các chỉ tiêu kinh tế - xã hội do
            Hội đồng nhân dân tỉnh đề ra.

            2. Đẩy mạnh phong trào “Cả nước chung sức xây dựng nông thôn mới”, chú trọng các
            xã đặc biệt khó khăn, xã biên giới.

            3. Thực hiện có hiệu quả các chương trình giảm nghèo bền vững; quan tâm đồng bào
            dân tộc thiểu số ở vùng sâu, vùng xa.

            ## II. THI ĐUA GIỮ VỮNG QUỐC PHÒNG, AN NINH

            4. Giữ vững chủ quyền, an ninh biên giới; xây dựng khu vực biên giới hòa bình,
            hữu nghị, hợp tác và phát triển.

            5. Phối hợp chặt chẽ giữa các tỉnh trong phòng, chống buôn lậu, gian lận thương
            mại và tội phạm qua biên giới.

            ## III. THI ĐUA CẢI CÁCH HÀNH CHÍNH, XÂY DỰNG CHÍNH QUYỀN

            6. Nâng cao chất lượng phục vụ người dân, doanh nghiệp; đẩy mạnh ứng dụng công
            nghệ thông tin trong hoạt động của cơ quan nhà nước.

            7. Thực hiện tốt công tác văn thư, lưu trữ; phát huy giá trị tài liệu lưu trữ
            phục vụ xã hội.

            ## IV. CÔNG TÁC THI ĐUA, KHEN THƯỞNG

            8. Tổ chức các phong trào thi đua thiết thực, hiệu quả; phát hiện, bồi dưỡng và
            nhân rộng điển hình tiên tiến, nhất là điển hình ở cơ sở, người lao động trực
            tiếp.

            9. Khen thưởng kịp thời, chính xác, công khai; chú trọng khen thưởng đồng bào dân
            tộc thiểu số có thành tích xuất sắc.

            Các tỉnh trong Cụm cam kết thực hiện nghiêm túc các nội dung giao ước thi đua; kết
            quả thực hiện là căn cứ để chấm điểm, bình xét thi đua cuối năm./.

            [ký]

            ~~~

            ## PHỤ LỤC: CÁC TỈNH THAM GIA KÝ KẾT GIAO ƯỚC

            |TT|Tỉnh|Đại diện ký kết|
            |1|Hà Giang|Lãnh đạo Ủy ban nhân dân tỉnh (lược bỏ tên)|
            |2|Cao Bằng|Lãnh đạo Ủy ban nhân dân tỉnh (lược bỏ tên)|
            |3|Lạng Sơn|Lãnh đạo Ủy ban nhân dân tỉnh (lược bỏ tên)|
            |4|Lào Cai|Lãnh đạo Ủy ban nhân dân tỉnh (lược bỏ tên)|
            |5|Lai Châu|Lãnh đạo Ủy ban nhân dân tỉnh (lược bỏ tên)|
            |6|Điện Biên|Lãnh đạo Ủy ban nhân dân tỉnh (lược bỏ tên)|
            |7|Sơn La|Lãnh đạo Ủy ban nhân dân tỉnh (lược bỏ tên)|

            Phụ lục dựng minh họa: bản demo không ghi tên người và không có chữ ký.
        """),
    ),
    photo(
        "TL-0022",
        section="phan-2-giao-uoc",
        institution="ttlt-lai-chau",
        province="lai-chau",
        title="Đại biểu các tỉnh tham quan mô hình sản xuất ở một xã vùng cao",
        summary=(
            "Ảnh dựng minh họa người đội nón làm việc trên ruộng bậc thang – hoạt động trao "
            "đổi kinh nghiệm giữa các tỉnh. Không phải ảnh chụp thật."
        ),
        date_text="khoảng năm 2019",
        scene="harvest",
        tone="grey",
        other_code="MH-ANH-0022",
    ),
    document(
        "TL-0023",
        section="phan-2-giao-uoc",
        institution="ttlt-dien-bien",
        province="dien-bien",
        title="Kế hoạch tổ chức hội nghị tổng kết công tác thi đua, khen thưởng của Cụm",
        summary=(
            "Bản dựng minh họa một kế hoạch hội nghị: mục đích, thành phần, chương trình gồm "
            "báo cáo tổng kết, tham luận, công bố kết quả chấm điểm và bầu Cụm trưởng năm tới."
        ),
        date_text="11/2020",
        creator="Ủy ban nhân dân tỉnh Điện Biên",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN",
        place="Điện Biên",
        number="MH-3921/KH-UBND",
        doc_type="KẾ HOẠCH",
        subject=(
            "Tổ chức hội nghị tổng kết công tác thi đua, khen thưởng của Cụm thi đua các tỉnh "
            "miền núi biên giới phía Bắc"
        ),
        fonds="MH-UBND-ĐB",
        series="MH-20",
        file_unit="MH-156",
        sheet="MH-2-3",
        signature=DEPUTY_SIGNATURE,
        recipients=("Các tỉnh trong Cụm;", "Sở Nội vụ;", "Lưu: VT."),
        body=blocks("""
            ## I. MỤC ĐÍCH, YÊU CẦU

            Đánh giá kết quả thực hiện giao ước thi đua của các tỉnh trong Cụm; trao đổi kinh
            nghiệm, cách làm hay; bình xét, suy tôn đơn vị dẫn đầu và thống nhất nội dung
            hoạt động năm tới. Hội nghị tổ chức trang trọng, tiết kiệm, đúng thành phần.

            ## II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN

            - Thời gian: một buổi, dự kiến trong tháng 12 (có giấy mời sau).

            - Địa điểm: hội trường của tỉnh đăng cai.

            - Thành phần: đại diện lãnh đạo Ủy ban nhân dân, Hội đồng Thi đua - Khen thưởng
            các tỉnh trong Cụm; đại diện Ban Thi đua - Khen thưởng Trung ương.

            ## III. CHƯƠNG TRÌNH

            |TT|Nội dung|Đơn vị thực hiện|
            |1|Báo cáo tổng kết hoạt động của Cụm|Tỉnh giữ chức Cụm trưởng|
            |2|Tham luận, trao đổi kinh nghiệm|Các tỉnh trong Cụm|
            |3|Công bố kết quả chấm điểm, bình xét|Tỉnh giữ chức Cụm trưởng|
            |4|Bầu Cụm trưởng, Cụm phó năm tới|Hội nghị|

            Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan chuẩn bị nội dung, tài
            liệu và điều kiện phục vụ hội nghị./.
        """),
    ),
    quotation(
        "TL-0024",
        section="phan-2-giao-uoc",
        institution="ttlt-ha-giang",
        province="ha-giang",
        title="Giá trị của giao ước thi đua (lời minh họa)",
        quote_text=(
            "Giao ước thi đua không dừng ở chữ ký trên văn bản; giá trị của nó nằm ở những "
            "công trình, phần việc được hoàn thành ở từng bản làng."
        ),
        creator="Đại biểu dự hội nghị Cụm thi đua (lời minh họa)",
        occasion="Lời minh họa viết cho bản demo",
        summary="Câu trích minh họa, gán cho một vai trò chung chung, không gắn với người thật.",
    ),
    photo(
        "TL-0030",
        section="phan-2-giao-uoc",
        institution="ttlt-lang-son",
        province="lang-son",
        title="Giới thiệu triển lãm tài liệu lưu trữ trực tuyến tại hội nghị tổng kết Cụm",
        summary=(
            "Ảnh dựng minh họa. Triển lãm thật được công bố tại Hội nghị tổng kết công tác thi "
            "đua, khen thưởng của Cụm ở Lạng Sơn ngày 05/3/2024; đây không phải ảnh chụp hội "
            "nghị đó."
        ),
        date_text="3/2024",
        scene="hall",
        banner="TRIỂN LÃM TÀI LIỆU LƯU TRỮ TRÊN KHÔNG GIAN MẠNG",
        tone="grey",
        other_code="MH-ANH-0030",
    ),
    document(
        "TL-0049",
        section="phan-2-giao-uoc",
        institution="ttlt-lang-son",
        province="lang-son",
        status="draft",
        title="Dự thảo báo cáo tổng kết hoạt động của Cụm năm 2023 (bản nháp)",
        summary=(
            "Mục minh họa trạng thái “Bản nháp”: được xếp vào triển lãm nhưng chưa công bố, "
            "nên không bao giờ hiển thị cho công chúng."
        ),
        date_text="12/2023",
        creator="Ủy ban nhân dân tỉnh Lạng Sơn",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN",
        place="Lạng Sơn",
        number="MH-DT/BC-UBND",
        doc_type="BÁO CÁO",
        subject="Tổng kết hoạt động của Cụm thi đua năm 2023 (dự thảo)",
        fonds="MH-UBND-LS",
        series="MH-23",
        file_unit="MH-501",
        sheet="MH-1",
        signature=DEPUTY_SIGNATURE,
        body=blocks("""
            DỰ THẢO – bản nháp minh họa, chưa được duyệt công bố.

            Mục này tồn tại để kiểm tra rằng một tài liệu ở trạng thái bản nháp không xuất
            hiện trên trang công khai, trong tìm kiếm, IIIF, sơ đồ trang hay bản xuất tĩnh.
        """),
    ),
    document(
        "TL-0025",
        section="phan-2-danh-gia",
        institution="ttlt-lao-cai",
        province="lao-cai",
        title="Bảng tiêu chí chấm điểm thi đua của Cụm",
        summary=(
            "Bản dựng minh họa một bảng tiêu chí chấm điểm 100 điểm: sáu nhóm tiêu chí, cách "
            "chấm và cách dùng kết quả. Điểm số là thang chấm mẫu, không phải kết quả thật."
        ),
        date_text="10/2021",
        creator=CLUSTER,
        issuer=CLUSTER_HEAD,
        place="Lào Cai",
        number="MH-05/TC-CTĐ",
        doc_type="BẢNG TIÊU CHÍ",
        subject="Chấm điểm thi đua của Cụm thi đua các tỉnh miền núi biên giới phía Bắc",
        fonds="MH-UBND-LC",
        series="MH-21",
        file_unit="MH-64",
        sheet="MH-5-6",
        image_format="png",
        greyscale=True,
        signature=("ĐẠI DIỆN TỈNH GIỮ CHỨC CỤM TRƯỞNG",),
        recipients=("Các tỉnh trong Cụm;", "Lưu."),
        body=blocks("""
            Bảng tiêu chí dùng để các tỉnh tự chấm điểm và để đoàn kiểm tra chéo thẩm định.
            Tổng điểm tối đa 100 điểm; điểm thưởng không quá 5 điểm.

            |TT|Nhóm tiêu chí|Nội dung chấm|Điểm tối đa|
            |1|Phát triển kinh tế - xã hội|Mức độ hoàn thành các chỉ tiêu được giao|30|
            |2|An sinh xã hội, giảm nghèo|Giảm nghèo, chăm lo vùng đồng bào dân tộc thiểu số|20|
            |3|Quốc phòng, an ninh|Giữ vững an ninh biên giới, trật tự an toàn xã hội|15|
            |4|Cải cách hành chính|Chất lượng phục vụ người dân, doanh nghiệp; chuyển đổi số|15|
            |5|Thi đua, khen thưởng|Tổ chức phong trào, nhân rộng điển hình, khen thưởng|15|
            |6|Hoạt động chung của Cụm|Tham gia đầy đủ hoạt động, trao đổi kinh nghiệm|5|

            ## CÁCH CHẤM ĐIỂM

            - Tiêu chí hoàn thành đầy đủ được điểm tối đa; hoàn thành một phần được tính theo
            tỷ lệ.

            - Tiêu chí không hoàn thành hoặc không có minh chứng không được tính điểm.

            - Điểm thưởng dành cho mô hình mới, cách làm sáng tạo được các tỉnh trong Cụm ghi
            nhận.

            ## SỬ DỤNG KẾT QUẢ

            Kết quả chấm điểm được công khai tại hội nghị tổng kết; là căn cứ để bình xét,
            suy tôn đơn vị dẫn đầu Cụm và đề nghị khen thưởng theo quy định./.
        """),
    ),
    document(
        "TL-0026",
        section="phan-2-danh-gia",
        institution="ban-tdkt-tw",
        province=None,
        title="Công văn hướng dẫn quy trình bình xét, suy tôn đơn vị dẫn đầu cụm, khối thi đua",
        summary=(
            "Bản dựng minh họa một công văn hướng dẫn năm bước: tự chấm điểm, kiểm tra chéo, "
            "tổng hợp, bỏ phiếu suy tôn tại hội nghị và hoàn thiện hồ sơ khen thưởng."
        ),
        date_text="6/2022",
        creator="Ban Thi đua - Khen thưởng Trung ương",
        issuer_parent=BOARD_PARENT,
        issuer=BOARD_HEAD,
        place="Hà Nội",
        number="MH-1120/BTĐKT",
        doc_type="",
        subject="hướng dẫn quy trình bình xét, suy tôn đơn vị dẫn đầu cụm, khối thi đua",
        addressees=("Hội đồng Thi đua - Khen thưởng các tỉnh, thành phố.",),
        fonds="MH-BTĐKT",
        series="MH-14",
        file_unit="MH-377",
        sheet="MH-9",
        signature=("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        recipients=("Như trên;", "Lưu: VT."),
        body=blocks("""
            Thời gian qua, việc bình xét, suy tôn đơn vị dẫn đầu ở một số cụm, khối thi đua
            chưa thống nhất về trình tự. Ban Thi đua - Khen thưởng Trung ương hướng dẫn quy
            trình chung như sau:

            Bước 1. Các đơn vị tự chấm điểm theo bảng tiêu chí của cụm, khối, gửi báo cáo và
            minh chứng cho đơn vị Cụm trưởng.

            Bước 2. Tổ chức kiểm tra chéo theo phân công; đoàn kiểm tra lập biên bản, ghi rõ
            điểm thẩm định từng tiêu chí.

            Bước 3. Đơn vị Cụm trưởng tổng hợp kết quả, dự kiến thứ tự xếp hạng và gửi các
            thành viên trước hội nghị.

            Bước 4. Hội nghị tổng kết thảo luận, bỏ phiếu kín suy tôn đơn vị dẫn đầu; kết quả
            được ghi biên bản và công khai.

            Bước 5. Hoàn thiện hồ sơ đề nghị khen thưởng, gửi cơ quan có thẩm quyền theo quy
            định.

            Đề nghị các địa phương quan tâm chỉ đạo thực hiện./.
        """),
    ),
    photo(
        "TL-0027",
        section="phan-2-danh-gia",
        institution="ttlt-cao-bang",
        province="cao-bang",
        title="Đoàn kiểm tra chéo của Cụm làm việc tại một địa phương",
        summary=(
            "Ảnh dựng minh họa một buổi làm việc của đoàn kiểm tra chéo. Không phải ảnh chụp thật."
        ),
        date_text="11/2022",
        scene="hall",
        banner="KIỂM TRA CHÉO CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        tone="grey",
        other_code="MH-ANH-0027",
    ),
    document(
        "TL-0028",
        section="phan-2-danh-gia",
        institution="ttlt-lai-chau",
        province="lai-chau",
        title="Biên bản kiểm tra chéo công tác thi đua, khen thưởng năm 2022",
        summary=(
            "Bản dựng minh họa một biên bản kiểm tra chéo: thành phần (lược bỏ), nội dung "
            "kiểm tra theo bảng tiêu chí và kết luận. Không ghi điểm số hay tên người."
        ),
        date_text="24/11/2022",
        creator="Đoàn kiểm tra chéo, Cụm thi đua các tỉnh miền núi biên giới phía Bắc",
        issuer="ĐOÀN KIỂM TRA CHÉO\nCỤM THI ĐUA CÁC TỈNH\nMIỀN NÚI BIÊN GIỚI PHÍA BẮC",
        place="Lai Châu",
        number="MH-03/BB-KTC",
        doc_type="BIÊN BẢN",
        subject="Kiểm tra chéo công tác thi đua, khen thưởng năm 2022",
        fonds="MH-UBND-LCH",
        series="MH-22",
        file_unit="MH-88",
        sheet="MH-14",
        signature=("TRƯỞNG ĐOÀN KIỂM TRA",),
        body=blocks("""
            Hôm nay, tại trụ sở cơ quan thường trực công tác thi đua, khen thưởng của tỉnh
            được kiểm tra, Đoàn kiểm tra chéo theo phân công của Cụm đã làm việc về kết quả
            thực hiện giao ước thi đua năm 2022.

            ## I. THÀNH PHẦN

            - Đoàn kiểm tra: đại diện Hội đồng Thi đua - Khen thưởng của tỉnh được phân công
            kiểm tra (thành phần cụ thể được lược bỏ trong bản minh họa).

            - Đơn vị được kiểm tra: đại diện lãnh đạo và bộ phận tham mưu công tác thi đua,
            khen thưởng của tỉnh.

            ## II. NỘI DUNG KIỂM TRA

            Đoàn đã nghe báo cáo, đối chiếu minh chứng cho từng tiêu chí trong bảng chấm điểm
            của Cụm; trao đổi về những cách làm mới trong tổ chức phong trào thi đua ở cơ sở.

            ## III. KẾT LUẬN

            Đơn vị được kiểm tra đã chuẩn bị đầy đủ báo cáo và minh chứng. Điểm thẩm định
            từng tiêu chí được ghi trong phụ lục kèm theo biên bản (không đưa vào bản minh
            họa).

            Biên bản được lập thành các bản có giá trị như nhau, đã đọc lại cho các thành
            viên cùng nghe và thống nhất./.
        """),
    ),
    quotation(
        "TL-0029",
        section="phan-2-danh-gia",
        institution="ttlt-lao-cai",
        province="lao-cai",
        title="Chấm điểm công khai (lời minh họa)",
        quote_text=(
            "Chấm điểm thi đua công khai, minh bạch thì phong trào mới thực chất và các tỉnh "
            "mới tâm phục."
        ),
        creator="Thành viên đoàn kiểm tra chéo (lời minh họa)",
        occasion="Lời minh họa viết cho bản demo",
        summary="Câu trích minh họa, gán cho một vai trò chung chung, không gắn với người thật.",
    ),
)

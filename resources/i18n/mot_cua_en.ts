<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Số tiền (đồng)</source>
        <translation>Amount (VND)</translation>
    </message>
    <message>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Chuyển khoản</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>Thanh toán trực tuyến</source>
        <translation>Online payment</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>Tại Bộ phận Một cửa</source>
        <translation>At the one-stop desk</translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính công ích</source>
        <translation>By public postal service</translation>
    </message>
    <message>
        <source>Cần bổ sung (mỗi dòng một mục)</source>
        <extracomment>the fields each action asks for, in tab order</extracomment>
        <translation>Missing (one item per line)</translation>
    </message>
    <message>
        <source>Liên hệ (cán bộ, điện thoại)</source>
        <translation>Contact (official, phone)</translation>
    </message>
    <message>
        <source>Chuyển đến</source>
        <translation>Hand over to</translation>
    </message>
    <message>
        <source>Nhận từ</source>
        <translation>Received from</translation>
    </message>
    <message>
        <source>Nội dung thu</source>
        <translation>What it is for</translation>
    </message>
    <message>
        <source>Hình thức nộp</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Hẹn trả mới</source>
        <translation>New due date</translation>
    </message>
    <message>
        <source>Đánh giá của công dân</source>
        <translation>Citizen&apos;s rating</translation>
    </message>
    <message>
        <source>Hình thức trả</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Ý kiến (không bắt buộc)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <source>Thông tin cần sửa</source>
        <translation>Detail to correct</translation>
    </message>
    <message>
        <source>Giá trị mới</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ghi một lần đủ mọi giấy tờ còn thiếu. Thời hạn giải quyết tạm dừng từ lúc này.</source>
        <translation>List every missing paper at once. The processing time is paused from now on.</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết chạy tiếp; hẹn trả được tính lại theo thời gian đã chờ bổ sung.</source>
        <translation>The processing time runs again; the due date is pushed by the time spent waiting for the supplement.</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi và gia hạn (Mẫu 04), người ký: %s</source>
        <translation>Apology and extension letter (Mẫu 04), signed by: %s</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Tài khoản quản trị đầu tiên</source>
        <translation>First administrator account</translation>
    </message>
    <message>
        <source>Người quản trị tạo tài khoản cho các cán bộ một cửa. Mật khẩu ít nhất 8 ký tự.</source>
        <translation>The administrator creates the accounts of the desk clerks. Password of at least 8 characters.</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords are not the same.</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Chỉ tài khoản quản trị mới được quản lý người dùng, lịch làm việc, sao lưu và máy quét.</source>
        <translation>Only an administrator account may manage users, the working calendar, backups and the scanner.</translation>
    </message>
    <message>
        <source>Người dùng</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Lịch làm việc</source>
        <translation>Working calendar</translation>
    </message>
    <message>
        <source>Sao lưu và máy quét</source>
        <translation>Backups and scanner</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>Sao lưu dữ liệu</source>
        <translation>Data backup</translation>
    </message>
    <message>
        <source>Thư mục sao lưu</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>Số ngày giữ bản sao lưu tự động</source>
        <translation>Days to keep automatic backups</translation>
    </message>
    <message>
        <source> ngày</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Chọn thư mục…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>Lưu cài đặt sao lưu</source>
        <translation>Save backup settings</translation>
    </message>
    <message>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Máy quét</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Thư mục máy quét</source>
        <translation>Scanner folder</translation>
    </message>
    <message>
        <source>Bỏ thư mục</source>
        <translation>Remove folder</translation>
    </message>
    <message>
        <source>Chưa chọn: không tự động nhập tệp quét</source>
        <translation>None chosen: scanned files are not imported automatically</translation>
    </message>
    <message>
        <source>Mỗi 30 giây, tệp PDF/JPEG/PNG có tên bắt đầu bằng mã hồ sơ (ví dụ «&lt;mã hồ sơ&gt;-giay-khai-sinh.pdf») được gắn vào hồ sơ đó và chuyển vào thư mục con «da-nhap».</source>
        <translation>Every 30 seconds, PDF/JPEG/PNG files whose name starts with a dossier code (for example «&lt;dossier code&gt;-giay-khai-sinh.pdf») are attached to that dossier and moved into the «da-nhap» subfolder.</translation>
    </message>
    <message>
        <source>Chọn thư mục sao lưu</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <source>Đã lưu: sao lưu vào {folder}, giữ bản tự động {days} ngày</source>
        <translation>Saved: backups go to {folder}, automatic backups kept {days} days</translation>
    </message>
    <message>
        <source>Đã sao lưu vào {path}</source>
        <translation>Backed up to {path}</translation>
    </message>
    <message>
        <source>Không sao lưu được: {error}</source>
        <translation>The backup failed: {error}</translation>
    </message>
    <message>
        <source>Chọn thư mục máy quét</source>
        <translation>Choose the scanner folder</translation>
    </message>
    <message>
        <source>Đã chọn thư mục máy quét: {folder}</source>
        <translation>Scanner folder chosen: {folder}</translation>
    </message>
    <message>
        <source>Đã bỏ thư mục máy quét</source>
        <translation>Scanner folder removed</translation>
    </message>
</context>
<context>
    <name>CalendarPanel</name>
    <message>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Căn cứ</source>
        <translation>Source document</translation>
    </message>
    <message>
        <source>Ngày nghỉ thêm và ngày làm việc bù do đơn vị đặt</source>
        <translation>Extra days off and make-up working days set by the unit</translation>
    </message>
    <message>
        <source>Ngày do tỉnh công bố (chỉ xem; ngày đơn vị tự đặt ở trên được ưu tiên khi trùng ngày)</source>
        <translation>Days published by the province (read only; the unit&apos;s own day above wins on the same date)</translation>
    </message>
    <message>
        <source>Xóa ngày đã chọn</source>
        <translation>Remove the selected day</translation>
    </message>
    <message>
        <source>Thêm ngày nghỉ hoặc ngày làm việc bù</source>
        <translation>Add a day off or a make-up working day</translation>
    </message>
    <message>
        <source>Theo lịch</source>
        <translation>Calendar says</translation>
    </message>
    <message>
        <source>Căn cứ (văn bản)</source>
        <translation>Source (document)</translation>
    </message>
    <message>
        <source>Ngày nghỉ thêm</source>
        <translation>Extra day off</translation>
    </message>
    <message>
        <source>Ngày làm việc bù</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <source>Ví dụ: Nghỉ bù Quốc khánh theo quyết định của tỉnh</source>
        <translation>e.g. Day off in lieu of National Day by the province&apos;s decision</translation>
    </message>
    <message>
        <source>Ví dụ: Công văn 2450/VPCP-KGVX</source>
        <translation>e.g. Official letter 2450/VPCP-KGVX</translation>
    </message>
    <message>
        <source>Thêm vào lịch</source>
        <translation>Add to the calendar</translation>
    </message>
    <message>
        <source>Ngày nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>Ngày làm việc ({reason})</source>
        <translation>Working day ({reason})</translation>
    </message>
    <message>
        <source>Ngày làm việc</source>
        <translation>Working day</translation>
    </message>
    <message>
        <source>Ngày nghỉ: {reason}</source>
        <translation>Day off: {reason}</translation>
    </message>
    <message>
        <source>Đã lưu {kind} {day:%d/%m/%Y}</source>
        <translation>Saved: {kind} {day:%d/%m/%Y}</translation>
    </message>
    <message>
        <source>Hãy chọn một ngày trong bảng</source>
        <translation>Select a day in the table</translation>
    </message>
    <message>
        <source>Đã xóa ngày {day:%d/%m/%Y} khỏi lịch</source>
        <translation>Removed {day:%d/%m/%Y} from the calendar</translation>
    </message>
</context>
<context>
    <name>CitizenPanel</name>
    <message>
        <source>Phím tắt: quét thẻ bất cứ lúc nào (không cần bấm vào ô) · Alt+1…Alt+9 chọn thủ tục trong danh sách · ↓/↑ rồi Enter chọn thủ tục đang sáng · Ctrl+S hoặc F9 lưu và xem phiếu · Enter in phiếu · Esc đóng phiếu</source>
        <translation>Shortcuts: scan the card at any time (no need to click a field) · Alt+1…Alt+9 pick a procedure from the list · ↓/↑ then Enter pick the highlighted procedure · Ctrl+S or F9 save and show the slip · Enter print the slip · Esc close the slip</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ</source>
        <translation>Submitter</translation>
    </message>
    <message>
        <source>Quét mã QR trên thẻ CCCD — hoặc gõ thông tin ở dưới</source>
        <translation>Scan the QR code on the citizen ID card — or type the details below</translation>
    </message>
    <message>
        <source>Quét thẻ CCCD</source>
        <translation>Scan the citizen ID card</translation>
    </message>
    <message>
        <source>&amp;Quét thẻ</source>
        <translation>&amp;Scan card</translation>
    </message>
    <message>
        <source>Người nộp không phải chủ hồ sơ (nộp thay)</source>
        <translation>The submitter is not the dossier owner (submitting on their behalf)</translation>
    </message>
    <message>
        <source>Chủ hồ sơ</source>
        <translation>Dossier owner</translation>
    </message>
    <message>
        <source>Đã đọc thẻ CCCD của chủ hồ sơ: {name} — {number}</source>
        <translation>Read the dossier owner&apos;s ID card: {name} — {number}</translation>
    </message>
    <message>
        <source>Đã đọc thẻ CCCD của người nộp: {name} — {number}</source>
        <translation>Read the submitter&apos;s ID card: {name} — {number}</translation>
    </message>
</context>
<context>
    <name>DeskLauncher</name>
    <message>
        <source>Không mở được dữ liệu</source>
        <translation>Could not open the data</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>cán bộ một cửa</source>
        <translation>desk clerk</translation>
    </message>
    <message>
        <source>lãnh đạo</source>
        <translation>leader</translation>
    </message>
    <message>
        <source>quản trị</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>tài khoản demo</source>
        <translation>demo account</translation>
    </message>
    <message>
        <source>Chưa đăng nhập</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>Cán bộ: {name} ({role})</source>
        <translation>Clerk: {name} ({role})</translation>
    </message>
    <message>
        <source>Đồng bộ với trung tâm tỉnh ngay</source>
        <translation>Sync with the provincial centre now</translation>
    </message>
    <message>
        <source>Chưa cấu hình máy chủ tỉnh</source>
        <translation>No provincial server configured</translation>
    </message>
    <message numerus="yes">
        <source>Chưa đồng bộ: %n sự kiện</source>
        <translation>
            <numerusform>Not synced: %n event</numerusform>
            <numerusform>Not synced: %n events</numerusform>
        </translation>
    </message>
    <message>
        <source>Lần đồng bộ cuối: {when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào</source>
        <translation>Never synced</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <source>Tìm theo mã hồ sơ, họ tên (gõ không dấu được), số CCCD hoặc số điện thoại…</source>
        <translation>Search by dossier code, name (tones optional), ID number or phone number…</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Tất cả thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Nhận từ ngày</source>
        <translation>Received from</translation>
    </message>
    <message>
        <source>Bỏ lọc</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Trạng thái:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message numerus="yes">
        <source>Hiển thị %n hồ sơ mới nhất… cuộn để xem thêm</source>
        <translation>
            <numerusform>Showing the %n newest dossier… scroll for more</numerusform>
            <numerusform>Showing the %n newest dossiers… scroll for more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tìm thấy %n hồ sơ</source>
        <translation>
            <numerusform>%n dossier found</numerusform>
            <numerusform>%n dossiers found</numerusform>
        </translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ nào</source>
        <translation>No dossier found</translation>
    </message>
</context>
<context>
    <name>DossierPage</name>
    <message>
        <source>QUÁ HẠN</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <source>In lại giấy tiếp nhận</source>
        <translation>Reprint the receipt slip</translation>
    </message>
    <message>
        <source>Chưa chọn hồ sơ</source>
        <translation>No dossier chosen</translation>
    </message>
    <message>
        <source>In phiếu kiểm soát (Mẫu 06)</source>
        <translation>Print control sheet (Form 06)</translation>
    </message>
    <message>
        <source>Quá trình xử lý</source>
        <translation>Processing history</translation>
    </message>
    <message>
        <source>Giấy tờ đã số hóa</source>
        <translation>Scanned papers</translation>
    </message>
    <message>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>Đang mở hồ sơ…</source>
        <translation>Opening the dossier…</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ «%s»</source>
        <translation>Dossier &apos;%s&apos; not found</translation>
    </message>
    <message>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06) — %s</source>
        <translation>Dossier handling control sheet (Form 06) — %s</translation>
    </message>
    <message>
        <source>Không in được phiếu kiểm soát: %s</source>
        <translation>The control sheet could not be printed: %s</translation>
    </message>
    <message>
        <source>Quá hạn từ %s</source>
        <translation>Overdue since %s</translation>
    </message>
    <message>
        <source>Thủ tục: %s — %s</source>
        <translation>Procedure: %s — %s</translation>
    </message>
    <message numerus="yes">
        <source>⚠ Hồ sơ có %n sự kiện bất thường cần người xem xét:</source>
        <translation>
            <numerusform>⚠ The dossier has %n anomalous event for a person to settle:</numerusform>
            <numerusform>⚠ The dossier has %n anomalous events for a person to settle:</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Thao tác được phép:&lt;/b&gt; %s</source>
        <translation>&lt;b&gt;Allowed actions:&lt;/b&gt; %s</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Submitter</translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Chủ hồ sơ</source>
        <translation>Dossier owner</translation>
    </message>
    <message>
        <source>Hẹn ban đầu %s — %s</source>
        <translation>First due date %s — %s</translation>
    </message>
    <message>
        <source>Theo quy định: %s; đổi khi tiếp nhận vì: %s</source>
        <translation>By the rules: %s; changed at receipt because: %s</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Tạm dừng từ</source>
        <translation>Paused since</translation>
    </message>
    <message>
        <source>Kết thúc xử lý</source>
        <translation>Processing finished</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <source>Phí, lệ phí đã nộp</source>
        <translation>Fees paid</translation>
    </message>
    <message>
        <source>Dữ liệu chưa mở xong, thử lại sau giây lát.</source>
        <translation>The data is not open yet; try again in a moment.</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi, thao tác chưa được ghi: %s</source>
        <translation>Unexpected error, nothing was recorded: %s</translation>
    </message>
</context>
<context>
    <name>DossierScansWidget</name>
    <message>
        <source>Giấy tờ</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Tên tệp</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>Dung lượng</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Đính kèm cho:</source>
        <translation>Attach to:</translation>
    </message>
    <message>
        <source>Đính kèm tệp…</source>
        <translation>Attach files…</translation>
    </message>
    <message>
        <source>PDF, JPEG hoặc PNG, tối đa 20 MB; có thể kéo thả tệp vào đây.</source>
        <translation>PDF, JPEG or PNG, up to 20 MB; files can be dragged and dropped here.</translation>
    </message>
    <message>
        <source>Kết quả giải quyết</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Giấy tờ khác</source>
        <translation>Other paper</translation>
    </message>
    <message>
        <source>Chọn tệp quét</source>
        <translation>Choose scanned files</translation>
    </message>
    <message>
        <source>Tệp quét (*.pdf *.jpg *.jpeg *.png);;PDF (*.pdf);;JPEG (*.jpg *.jpeg);;PNG (*.png)</source>
        <translation>Scanned files (*.pdf *.jpg *.jpeg *.png);;PDF (*.pdf);;JPEG (*.jpg *.jpeg);;PNG (*.png)</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi, tệp chưa được đính kèm: %s</source>
        <translation>Unexpected error, the file was not attached: %s</translation>
    </message>
    <message>
        <source>Chỉ nhận tệp PDF, JPEG hoặc PNG; bỏ qua: %s</source>
        <translation>Only PDF, JPEG or PNG files are accepted; skipped: %s</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Submitter</translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Không tìm được hồ sơ: %s</source>
        <translation>Could not search the dossiers: %s</translation>
    </message>
    <message>
        <source>Quá hạn (hẹn trả %s)</source>
        <translation>Overdue (due %s)</translation>
    </message>
    <message numerus="yes">
        <source>Có %n sự kiện bất thường cần xem xét</source>
        <translation>
            <numerusform>%n anomalous event to settle</numerusform>
            <numerusform>%n anomalous events to settle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DossierTimeline</name>
    <message>
        <source>Chuyển đến</source>
        <translation>Handed to</translation>
    </message>
    <message>
        <source>Nhận từ</source>
        <translation>Received from</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Cần bổ sung</source>
        <translation>Still needed</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Hẹn trả mới</source>
        <translation>New due date</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Người ký</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>Người nhận</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <source>Đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Sổ tiếp nhận</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Lý do đổi ngày hẹn</source>
        <translation>Reason for changing the due date</translation>
    </message>
    <message>
        <source>Liên hệ</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Hình thức nộp</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Hình thức trả</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Ý kiến</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Giấy tờ</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <source>tiền mặt</source>
        <translation>cash</translation>
    </message>
    <message>
        <source>chuyển khoản</source>
        <translation>bank transfer</translation>
    </message>
    <message>
        <source>trực tuyến</source>
        <translation>online</translation>
    </message>
    <message>
        <source>tại Bộ phận Một cửa</source>
        <translation>at the one-stop desk</translation>
    </message>
    <message>
        <source>qua bưu chính công ích</source>
        <translation>by public post</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>Họ tên người nộp</source>
        <translation>Submitter&apos;s name</translation>
    </message>
    <message>
        <source>Số CCCD người nộp</source>
        <translation>Submitter&apos;s ID number</translation>
    </message>
    <message>
        <source>Ngày sinh người nộp</source>
        <translation>Submitter&apos;s birth date</translation>
    </message>
    <message>
        <source>Địa chỉ người nộp</source>
        <translation>Submitter&apos;s address</translation>
    </message>
    <message>
        <source>Điện thoại người nộp</source>
        <translation>Submitter&apos;s phone</translation>
    </message>
    <message>
        <source>Email người nộp</source>
        <translation>Submitter&apos;s e-mail</translation>
    </message>
    <message>
        <source>Họ tên chủ hồ sơ</source>
        <translation>Owner&apos;s name</translation>
    </message>
    <message>
        <source>Số CCCD chủ hồ sơ</source>
        <translation>Owner&apos;s ID number</translation>
    </message>
    <message>
        <source>Địa chỉ chủ hồ sơ</source>
        <translation>Owner&apos;s address</translation>
    </message>
    <message>
        <source>{amount} đồng</source>
        <translation>{amount} VND</translation>
    </message>
    <message>
        <source>{volume}, số {number}</source>
        <translation>{volume}, no. {number}</translation>
    </message>
    <message>
        <source>Máy này</source>
        <translation>This desk</translation>
    </message>
    <message>
        <source>Gia hạn: {reason}</source>
        <translation>Extended: {reason}</translation>
    </message>
    <message>
        <source>Tính lại sau khi bổ sung hồ sơ</source>
        <translation>Recomputed after the supplement</translation>
    </message>
</context>
<context>
    <name>DueDateBox</name>
    <message>
        <source>{hour} giờ {minute} phút, ngày {day}</source>
        <translation>{hour}:{minute}, {day}</translation>
    </message>
    <message>
        <source>Đổi ngày hẹn</source>
        <translation>Change the due date</translation>
    </message>
    <message>
        <source>Ngày hẹn mới</source>
        <translation>New due date</translation>
    </message>
    <message>
        <source>Lý do đổi ngày hẹn (bắt buộc)</source>
        <translation>Reason for the change (required)</translation>
    </message>
    <message>
        <source>Lý do đổi ngày hẹn</source>
        <translation>Reason for changing the due date</translation>
    </message>
    <message>
        <source>Hẹn trả kết quả: {due}</source>
        <translation>Result due: {due}</translation>
    </message>
    <message>
        <source>Đổi ngày hẹn trả phải ghi lý do</source>
        <translation>Changing the due date needs a reason</translation>
    </message>
</context>
<context>
    <name>FeeCounts</name>
    <message>
        <source>Số bản</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Số trang mỗi bản</source>
        <translation>Pages per copy</translation>
    </message>
    <message>
        <source>Miễn phí</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <source>Phí, lệ phí: {amount}</source>
        <translation>Fees: {amount}</translation>
    </message>
</context>
<context>
    <name>FinishedChart</name>
    <message>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Chưa có số liệu</source>
        <translation>No figures yet</translation>
    </message>
    <message>
        <source>Hồ sơ đã giải quyết:</source>
        <translation>Dossiers finished:</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Tiếp nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <source>Đến hạn trả hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Chờ trả kết quả</source>
        <translation>Waiting to be returned</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ mới (F2)</source>
        <translation>Receive a new dossier (F2)</translation>
    </message>
    <message>
        <source>Hồ sơ mới nhất</source>
        <translation>Latest dossiers</translation>
    </message>
    <message>
        <source>DỮ LIỆU DEMO — không dùng cho hồ sơ thật</source>
        <translation>DEMO DATA — not for real dossiers</translation>
    </message>
    <message>
        <source>Chưa có hồ sơ nào.</source>
        <translation>No dossier yet.</translation>
    </message>
    <message>
        <source>Trang chủ</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>Không đọc được số liệu: {error}</source>
        <translation>Could not read the figures: {error}</translation>
    </message>
    <message>
        <source>Hôm nay: {day} — số liệu lúc {time}</source>
        <translation>Today: {day} — figures as of {time}</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Submitter</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{status} — quá hạn</source>
        <translation>{status} — overdue</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Qua bưu chính công ích</source>
        <translation>By public postal service</translation>
    </message>
    <message>
        <source>Tại Bộ phận Một cửa</source>
        <translation>At the one-stop desk</translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính công ích</source>
        <translation>By public postal service</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Giấy tờ nộp và phí</source>
        <translation>Papers and fees</translation>
    </message>
    <message>
        <source>Hình thức nộp</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Nhận kết quả</source>
        <translation>Result delivery</translation>
    </message>
    <message>
        <source>Lưu và in phiếu  ({keys})</source>
        <translation>Save and print the slip  ({keys})</translation>
    </message>
    <message>
        <source>Nhập hồ sơ mới</source>
        <translation>Start a new dossier</translation>
    </message>
    <message>
        <source>Chưa chọn thủ tục: gõ mã hoặc tên thủ tục rồi nhấn Enter</source>
        <translation>No procedure chosen: type its code or name, then press Enter</translation>
    </message>
    <message numerus="yes">
        <source>Chưa lưu: còn %n chỗ cần sửa (chữ đỏ).</source>
        <translation>
            <numerusform>Not saved: %n field to correct (in red).</numerusform>
            <numerusform>Not saved: %n fields to correct (in red).</numerusform>
        </translation>
    </message>
    <message>
        <source>Chưa lưu được hồ sơ: lỗi không mong đợi ({error}).</source>
        <translation>The dossier could not be saved: unexpected error ({error}).</translation>
    </message>
    <message>
        <source>Chưa lưu: {message}</source>
        <translation>Not saved: {message}</translation>
    </message>
    <message>
        <source>Đã tiếp nhận hồ sơ {code} — hẹn trả {due}</source>
        <translation>Dossier {code} received — result due {due}</translation>
    </message>
    <message>
        <source>Hồ sơ {code} đã lưu nhưng chưa ghi được phiếu tiếp nhận: {detail}</source>
        <translation>Dossier {code} is saved, but its receipt-and-appointment slip could not be written: {detail}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Đăng nhập — Một Cửa Desk</source>
        <translation>Sign in — Một Cửa Desk</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Không kiểm tra được mật khẩu: {error}</source>
        <translation>Could not check the password: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Trang chủ</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ (F2)</source>
        <translation>New dossier (F2)</translation>
    </message>
    <message>
        <source>Danh sách hồ sơ (F3)</source>
        <translation>Dossier list (F3)</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Một Cửa Desk — {unit}</source>
        <translation>Một Cửa Desk — {unit}</translation>
    </message>
    <message>
        <source>Một Cửa Desk</source>
        <translation>Một Cửa Desk</translation>
    </message>
    <message>
        <source>Đăng nhập để bắt đầu làm việc</source>
        <translation>Sign in to start work</translation>
    </message>
    <message>
        <source>Biểu mẫu — {name}</source>
        <translation>Form — {name}</translation>
    </message>
    <message>
        <source>Không in được mẫu của thao tác: {error}</source>
        <translation>Could not print the form of the action: {error}</translation>
    </message>
    <message>
        <source>Không in lại được giấy tiếp nhận: {error}</source>
        <translation>Could not reprint the receipt slip: {error}</translation>
    </message>
    <message>
        <source>Đã sao lưu dữ liệu hôm nay: {path}</source>
        <translation>Today&apos;s data backed up: {path}</translation>
    </message>
    <message>
        <source>Chưa sao lưu được dữ liệu hôm nay: {error}</source>
        <translation>Today&apos;s backup could not be made: {error}</translation>
    </message>
    <message>
        <source>Đã nhập {count} tệp quét</source>
        <translation>{count} scanned file(s) imported</translation>
    </message>
    <message>
        <source>Không nhập được tệp quét: {error}</source>
        <translation>Scanned files could not be imported: {error}</translation>
    </message>
</context>
<context>
    <name>PapersChecklist</name>
    <message>
        <source>Giấy tờ nộp (đánh dấu ✓ giấy công dân nộp)</source>
        <translation>Papers submitted (tick ✓ those the citizen hands in)</translation>
    </message>
    <message>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <source>Bản sao</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Chọn thủ tục để hiện các giấy tờ phải nộp.</source>
        <translation>Choose a procedure to list the papers to submit.</translation>
    </message>
    <message>
        <source>Số bản chính</source>
        <translation>Number of originals</translation>
    </message>
    <message>
        <source>Số bản sao</source>
        <translation>Number of copies</translation>
    </message>
    <message>
        <source> — xuất trình</source>
        <translation> — to be shown</translation>
    </message>
</context>
<context>
    <name>PersonFields</name>
    <message>
        <source>Số CCCD</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Số CCCD / hộ chiếu</source>
        <translation>ID card or passport number</translation>
    </message>
    <message>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>Nơi cư trú</source>
        <translation>Place of residence</translation>
    </message>
    <message>
        <source>10 chữ số, bắt đầu bằng 0</source>
        <translation>10 digits, starting with 0</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Lấy từ hồ sơ trước ({code}) — kiểm tra lại với công dân</source>
        <translation>Taken from an earlier dossier ({code}) — check it with the citizen</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>{page}

(Trang này đang được xây dựng.)</source>
        <translation>{page}

(This page is being built.)</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <source>Mã hoặc tên thủ tục, gõ không dấu — ví dụ: chung thuc ban sao</source>
        <translation>Procedure code or name, tones optional — e.g. chung thuc ban sao</translation>
    </message>
    <message>
        <source>Tìm thủ tục</source>
        <translation>Find a procedure</translation>
    </message>
    <message>
        <source>Danh sách thủ tục</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Đang lập báo cáo…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>Báo cáo từ {start} đến {end}: {rows} thủ tục, {received} hồ sơ tiếp nhận</source>
        <translation>Report from {start} to {end}: {rows} procedures, {received} dossiers received</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>Bảng tính Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Lưu báo cáo</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Đang xuất báo cáo…</source>
        <translation>Exporting the report…</translation>
    </message>
    <message>
        <source>Lưu sổ theo dõi</source>
        <translation>Save the register</translation>
    </message>
    <message>
        <source>Đang xuất sổ theo dõi…</source>
        <translation>Exporting the register…</translation>
    </message>
    <message>
        <source>Lưu tổng hợp cuối ngày</source>
        <translation>Save the end-of-day summary</translation>
    </message>
    <message>
        <source>Đang xuất tổng hợp cuối ngày…</source>
        <translation>Exporting the end-of-day summary…</translation>
    </message>
    <message>
        <source>Đã lưu báo cáo: {path}</source>
        <translation>Report saved: {path}</translation>
    </message>
    <message>
        <source>Không lập được báo cáo: {error}</source>
        <translation>The report could not be made: {error}</translation>
    </message>
    <message>
        <source>Báo cáo tình hình giải quyết hồ sơ</source>
        <translation>Report on dossiers received and handled</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo và quản trị viên mới được xem báo cáo của đơn vị.</source>
        <translation>Only leaders and administrators may see the unit&apos;s reports.</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Xem</source>
        <translation>View</translation>
    </message>
    <message>
        <source>Xuất PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>Xuất Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Xuất sổ theo dõi (Mẫu 07)</source>
        <translation>Export the register (Form 07)</translation>
    </message>
    <message>
        <source>Tổng hợp cuối ngày</source>
        <translation>End-of-day summary</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Xem tổng hợp</source>
        <translation>View summary</translation>
    </message>
    <message>
        <source>Xuất</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Tiếp nhận trong ngày:</source>
        <translation>Received on the day:</translation>
    </message>
    <message>
        <source>Trả kết quả trong ngày:</source>
        <translation>Results returned on the day:</translation>
    </message>
    <message>
        <source>Đến hạn ngày làm việc tiếp theo ({day}):</source>
        <translation>Due on the next working day ({day}):</translation>
    </message>
    <message>
        <source>Đang quá hạn:</source>
        <translation>Overdue now:</translation>
    </message>
    <message>
        <source>Sự kiện chưa đồng bộ:</source>
        <translation>Events not yet synchronised:</translation>
    </message>
    <message>
        <source>Tiếp nhận theo thủ tục: {lines}</source>
        <translation>Received per procedure: {lines}</translation>
    </message>
    <message>
        <source>Không tiếp nhận hồ sơ nào trong ngày.</source>
        <translation>No dossier was received on the day.</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>TT</source>
        <extracomment>The count fields of ``ReportRow`` in the order of ``REPORT_COLUMNS`` (a test keeps them equal).</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Nhận trực tiếp</source>
        <translation>Received at the desk</translation>
    </message>
    <message>
        <source>Nhận trực tuyến</source>
        <translation>Received online</translation>
    </message>
    <message>
        <source>Nhận qua bưu chính</source>
        <translation>Received by post</translation>
    </message>
    <message>
        <source>Tổng số nhận</source>
        <translation>Total received</translation>
    </message>
    <message>
        <source>Đã giải quyết trước hạn</source>
        <translation>Finished early</translation>
    </message>
    <message>
        <source>Đã giải quyết đúng hạn</source>
        <translation>Finished on time</translation>
    </message>
    <message>
        <source>Đã giải quyết quá hạn</source>
        <translation>Finished late</translation>
    </message>
    <message>
        <source>Đang giải quyết trong hạn</source>
        <translation>In progress, on time</translation>
    </message>
    <message>
        <source>Đang giải quyết quá hạn</source>
        <translation>In progress, late</translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Results returned</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>Đã số hóa</source>
        <translation>Digitised</translation>
    </message>
    <message>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Cài đặt Một Cửa Desk</source>
        <translation>Một Cửa Desk set-up</translation>
    </message>
    <message>
        <source>&lt; Quay lại</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Tiếp &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SlipPreviewDialog</name>
    <message>
        <source>Phiếu tiếp nhận — {code}</source>
        <translation>Receipt-and-appointment slip — {code}</translation>
    </message>
    <message>
        <source>Khổ giấy</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <source>&amp;Khổ giấy</source>
        <translation>&amp;Paper size</translation>
    </message>
    <message>
        <source>In (Enter)</source>
        <translation>Print (Enter)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Không in được: máy in không sẵn sàng.</source>
        <translation>Could not print: the printer is not ready.</translation>
    </message>
    <message>
        <source>Không mở được phiếu {name} để xem trước.</source>
        <translation>Could not open the slip {name} for preview.</translation>
    </message>
    <message>
        <source>Phiếu tiếp nhận {code}</source>
        <translation>Receipt-and-appointment slip {code}</translation>
    </message>
    <message>
        <source>In phiếu tiếp nhận hồ sơ</source>
        <translation>Print the receipt-and-appointment slip</translation>
    </message>
</context>
<context>
    <name>TimelineTableModel</name>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Máy</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>Thông tin đơn vị</source>
        <translation>The unit</translation>
    </message>
    <message>
        <source>Đơn vị tiếp nhận hồ sơ và quầy này. Các thông tin này in trên giấy tiếp nhận.</source>
        <translation>The unit that receives dossiers, and this desk. These details are printed on the receipt slip.</translation>
    </message>
    <message>
        <source>Mã định danh điện tử của đơn vị</source>
        <translation>Unit&apos;s electronic agency id</translation>
    </message>
    <message>
        <source>Cơ quan chủ quản</source>
        <translation>Parent body</translation>
    </message>
    <message>
        <source>Tên đơn vị</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>Địa danh (ghi ngày tháng)</source>
        <translation>Place name (for dates)</translation>
    </message>
    <message>
        <source>Chức danh người ký văn bản (Mẫu 04, 05)</source>
        <translation>Title of the letters&apos; signer (forms 04, 05)</translation>
    </message>
    <message>
        <source>Số quầy</source>
        <translation>Desk number</translation>
    </message>
    <message>
        <source>Giờ làm việc buổi sáng</source>
        <translation>Morning working hours</translation>
    </message>
    <message>
        <source>Giờ làm việc buổi chiều</source>
        <translation>Afternoon working hours</translation>
    </message>
</context>
<context>
    <name>UsersPanel</name>
    <message>
        <source>Cán bộ một cửa</source>
        <translation>Desk clerk</translation>
    </message>
    <message>
        <source>Lãnh đạo</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Hoạt động</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Khóa đến</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>Thêm người dùng</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>Người dùng đang chọn</source>
        <translation>Selected user</translation>
    </message>
    <message>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu mới</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Ngừng hoạt động</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp nhau</source>
        <translation>The two passwords do not match</translation>
    </message>
    <message>
        <source>Đã thêm người dùng {name}</source>
        <translation>Added user {name}</translation>
    </message>
    <message>
        <source>Hãy chọn một người dùng trong bảng</source>
        <translation>Select a user in the table</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu của {name}</source>
        <translation>Reset the password of {name}</translation>
    </message>
    <message>
        <source>Đã mở khóa tài khoản {name}</source>
        <translation>Unlocked account {name}</translation>
    </message>
    <message>
        <source>Đã ngừng hoạt động tài khoản {name}</source>
        <translation>Deactivated account {name}</translation>
    </message>
</context>
</TS>

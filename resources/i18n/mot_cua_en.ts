<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
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
    <message>
        <source>Chưa đồng bộ: {count} sự kiện</source>
        <translation>Not synced: {count} events</translation>
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
        <extracomment>column → the widest text it usually holds (widths follow the font, so they hold at any DPI)</extracomment>
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
    <message>
        <source>Hiển thị %d hồ sơ mới nhất… cuộn để xem thêm</source>
        <translation>Showing the %d newest dossiers… scroll for more</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ nào</source>
        <translation>No dossier found</translation>
    </message>
    <message>
        <source>Tìm thấy %d hồ sơ</source>
        <translation>%d dossiers found</translation>
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
        <source>Quá trình xử lý</source>
        <translation>Processing history</translation>
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
        <source>Quá hạn từ %s</source>
        <translation>Overdue since %s</translation>
    </message>
    <message>
        <source>Thủ tục: %s — %s</source>
        <translation>Procedure: %s — %s</translation>
    </message>
    <message>
        <source>⚠ Hồ sơ có %d sự kiện bất thường cần người xem xét:</source>
        <translation>⚠ The dossier has %d anomalous events for a person to settle:</translation>
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
    <message>
        <source>Có %d sự kiện bất thường cần xem xét</source>
        <translation>%d anomalous events to settle</translation>
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
        <source>Một Cửa Desk — {unit}</source>
        <translation>Một Cửa Desk — {unit}</translation>
    </message>
    <message>
        <source>Một Cửa Desk</source>
        <translation>Một Cửa Desk</translation>
    </message>
    <message>
        <source>Không in lại được giấy tiếp nhận: {error}</source>
        <translation>Could not reprint the receipt slip: {error}</translation>
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
    <name>TimelineTableModel</name>
    <message>
        <source>Thời gian</source>
        <extracomment>payload key → (Vietnamese, English) label corrected field → (Vietnamese, English) label which payload keys each kind shows, in order</extracomment>
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
</TS>

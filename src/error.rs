//! The one error type of the core.
//!
//! Every refusal a user can meet is a variant that carries what the user must fix, and each variant
//! has a stable `code` (snake case, never renamed) so that shells pick their own wording by code and
//! never by matching message text. `Display` is the Vietnamese message; [`Error::message`] gives the
//! English one on request.

use serde::Serialize;

/// The language of user-facing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

/// Everything the core can refuse or fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A number field held something that is not a number in an accepted form.
    #[error("Giá trị “{input}” của {field} không đọc được: {hint}")]
    InvalidNumber {
        field: String,
        input: String,
        hint: String,
    },
    /// Zero or negative where a positive amount is required.
    #[error("{field} phải lớn hơn 0 (đã nhập “{input}”)")]
    NotPositive { field: String, input: String },
    /// More than the largest amount one entry may carry.
    #[error("{field} quá lớn: “{input}” vượt mức tối đa {max}")]
    TooLarge {
        field: String,
        input: String,
        max: String,
    },
    /// A date that does not exist or is not written in an accepted form.
    #[error("Ngày “{input}” không hợp lệ: hãy nhập dd/mm/yyyy (ví dụ 05/02/2026) hoặc yyyy-mm-dd")]
    InvalidDate { input: String },
    /// A real date outside the range the books accept.
    #[error("Ngày {date} nằm ngoài khoảng cho phép (từ {min} đến {max})")]
    DateOutOfRange {
        date: String,
        min: String,
        max: String,
    },
    /// A month not written as YYYY-MM or MM/YYYY.
    #[error("Tháng “{input}” không hợp lệ: hãy nhập yyyy-mm (ví dụ 2026-02) hoặc mm/yyyy")]
    InvalidMonth { input: String },
    /// A required text field was left empty.
    #[error("Chưa nhập {field}")]
    EmptyText { field: String },
    /// A text field longer than allowed.
    #[error("{field} quá dài ({len} ký tự), tối đa {max} ký tự")]
    TextTooLong {
        field: String,
        len: usize,
        max: usize,
    },
    /// A text field holding control characters (tabs inside a name, escape codes…).
    #[error("{field} chứa ký tự điều khiển không được phép; hãy gõ lại")]
    ControlCharacters { field: String },
    /// A value outside a fixed list (program, status, kind…).
    #[error("{field} “{input}” không hợp lệ; chọn một trong: {allowed}")]
    InvalidChoice {
        field: String,
        input: String,
        allowed: String,
    },
    /// A commune that is not in the list.
    #[error("Không có xã/thị trấn “{name}” trong danh mục")]
    UnknownCommune { name: String },
    /// A hamlet that is not in the commune's list.
    #[error("Không có ấp “{name}” thuộc {commune}")]
    UnknownHamlet { name: String, commune: String },
    /// A household that is not in the commune's list.
    #[error("Không có hộ “{name}” thuộc {commune}")]
    UnknownHousehold { name: String, commune: String },
    /// An entry of a named list (donor, driver, vehicle, destination) that is not in it.
    #[error("Không có {what} “{name}” trong danh mục")]
    UnknownName { what: String, name: String },
    /// A repair project that does not exist.
    #[error("Không có công trình “{code}”")]
    UnknownProject { code: String },
    /// A name typed without diacritics that matches more than one record.
    #[error("“{name}” khớp với nhiều {what}: {candidates}; hãy gõ đủ dấu hoặc tên đầy đủ")]
    AmbiguousName {
        what: String,
        name: String,
        candidates: String,
    },
    /// Several households of the commune carry the name typed; the hamlet tells them apart.
    #[error("Có {count} hộ tên “{name}”: {candidates}; hãy gõ thêm tên ấp trong ngoặc, ví dụ “{example}”")]
    SameNameHousehold {
        name: String,
        count: usize,
        candidates: String,
        example: String,
    },
    /// A hamlet typed in brackets where no household of that name lives.
    #[error("Không có hộ “{name}” ở {hamlet}; hộ tên này ở: {hamlets}")]
    HouseholdNotInHamlet {
        name: String,
        hamlet: String,
        hamlets: String,
    },
    /// Households of one name in one hamlet, which neither name nor hamlet tells apart (only
    /// books made before such twins were refused can hold them).
    #[error("Có {count} hộ tên “{name}” cùng ở {hamlet} nên không chọn được bằng tên; hãy thêm hộ cần cấp với tên có ghi chú phân biệt, ví dụ “{name} (Tư Lớn)”, rồi chọn tên đó")]
    TwinHouseholds {
        name: String,
        hamlet: String,
        count: usize,
    },
    /// A household added with the name and hamlet of one already in the list.
    #[error("Đã có hộ “{label}” trong danh mục; nếu là hộ khác cùng tên, hãy ghi thêm tên thường gọi để phân biệt, ví dụ “{name} (Tư Lớn)”")]
    DuplicateHousehold { label: String, name: String },
    /// A name that already exists where names must be unique.
    #[error("{what} “{name}” đã có trong danh mục")]
    DuplicateName { what: String, name: String },
    /// A commune's name that starts with one kind word ("Phường 3") while another kind was chosen.
    #[error("Tên “{name}” ghi là {in_name} nhưng loại đã chọn là {chosen}; hãy bỏ chữ “{in_name}” khỏi tên hoặc chọn loại {in_name}")]
    CommuneKindConflict {
        name: String,
        in_name: String,
        chosen: String,
    },
    /// A payment whose payee is the anonymous donor.
    #[error("Phiếu chi phải ghi tên người hoặc nơi nhận tiền; “{name}” chỉ dùng cho người ủng hộ không nêu tên")]
    AnonymousPayee { name: String },
    /// A rename of the anonymous donor, whose name stands for every gift given without one.
    #[error("“{name}” là tên chung của những người ủng hộ không nêu tên; không sửa được tên này (hãy ghi tên người ủng hộ trên phiếu thu)")]
    AnonymousRename { name: String },
    /// A name that prints like one already in the list (the other tone-mark placement, or the
    /// same letters without diacritics).
    #[error("“{name}” trùng với {what} “{existing}” đã có trong danh mục (giống nhau khi bỏ dấu hoặc chỉ khác chỗ đặt dấu); hãy dùng tên đã có")]
    LookalikeName {
        what: String,
        name: String,
        existing: String,
    },
    /// A merge that would hurt the books: into itself, in a circle, or moving entries already
    /// recorded out of their commune or into a closed month.
    #[error("Không sáp nhập được {from} vào {into}: {reason}")]
    MergeRefused {
        from: String,
        into: String,
        reason: String,
    },
    /// An entry dated outside the period in which its commune or hamlet existed.
    #[error("{place} chỉ có hiệu lực {period}; ngày {date} nằm ngoài thời gian đó{successor}")]
    PlaceNotValidOn {
        place: String,
        date: String,
        period: String,
        successor: String,
    },
    /// An outgoing entry (or a void) that would push a stock below zero on some date.
    #[error("Không đủ {asset} trong quỹ {program} của {commune}: còn {available}, cần {requested} (tồn quỹ sẽ âm vào tháng {month})")]
    StockTooLow {
        commune: String,
        program: String,
        asset: String,
        available: String,
        requested: String,
        month: String,
    },
    /// An entry dated before its commune's start date (the day of its opening balances).
    #[error("Sổ của {commune} bắt đầu từ ngày {start} (ngày của số dư đầu kỳ); không ghi được phiếu ngày {date} trước ngày đó")]
    BeforeStart {
        commune: String,
        date: String,
        start: String,
    },
    /// An opening balance dated on another day than the commune's other opening balances.
    #[error("Số dư đầu kỳ của {commune} đã lấy ngày {start}; mọi số dư đầu kỳ của một xã cùng một ngày, hãy nhập ngày {start} (đã nhập {date})")]
    StartDateDiffers {
        commune: String,
        start: String,
        date: String,
    },
    /// A payment (an imported row) that would push a stock below zero on a given day.
    #[error("Không đủ {asset} trong quỹ {program} của {commune}: còn {available}, cần {requested} (tồn quỹ sẽ âm vào ngày {date})")]
    StockTooLowOn {
        commune: String,
        program: String,
        asset: String,
        available: String,
        requested: String,
        date: String,
    },
    /// A sheet that cannot be read (not a spreadsheet, damaged, a CSV in an unknown encoding).
    #[error(
        "Không đọc được tệp {path}: {detail}; hãy mở bằng Excel và lưu lại thành .xlsx hoặc .csv"
    )]
    ImportFile { path: String, detail: String },
    /// A sheet whose required columns were not found under its header.
    #[error("Không tìm thấy cột {missing} trong bảng tính; hãy chọn cột cho từng mục (hoặc sửa dòng tiêu đề)")]
    ImportColumns { missing: String },
    /// A sheet holding text in an old font encoding, before the clerk said what to do with it.
    #[error("Bảng tính có chữ theo bảng mã cũ {encoding}; hãy đồng ý chuyển sang Unicode (CLI: --convert tcvn3 hoặc vni) hoặc giữ nguyên (--convert none)")]
    LegacyText { encoding: String },
    /// A row that is not one entry (both a receipt and a payment, neither).
    #[error("{reason}")]
    ImportRow { reason: String },
    /// An import with refused rows when only a whole import was asked for (nothing written).
    #[error("Có dòng bị từ chối nên không nhập dòng nào; hãy sửa các dòng đó hoặc chọn chỉ nhập các dòng hợp lệ")]
    ImportRefused,
    /// An import stopped by the clerk (Esc, "Dừng") before it finished: nothing was written.
    #[error("Đã dừng nhập; sổ không thay đổi gì")]
    ImportCancelled,
    /// An import asked for while another one is still running in this window.
    #[error("Đang nhập một tệp khác; hãy đợi xong hoặc bấm Dừng rồi thử lại")]
    ImportRunning,
    /// A package that cannot be made: the commune has no closed month to send.
    #[error("{commune} chưa khóa sổ tháng nào; chỉ gửi được các tháng đã khóa sổ")]
    PackageEmpty { commune: String },
    /// A package that cannot be made: a month before the cut has entries and is not closed.
    #[error("Tháng {month} của {commune} có số liệu nhưng chưa khóa sổ; hãy khóa sổ tháng đó trước khi gửi (chỉ gửi số liệu đã chốt)")]
    PackageOpenMonth { commune: String, month: String },
    /// A file that is not a sound package (another program's, truncated, newer, edited).
    #[error("Không nhận được gói số liệu {path}: {detail}. Sổ không bị thay đổi")]
    PackageInvalid { path: String, detail: String },
    /// A package refused for what it says about the commune (another book, a broken chain).
    #[error("Không nhận gói số liệu của {commune}: {reason}. Sổ không bị thay đổi")]
    PackageRefused { commune: String, reason: String },
    /// A package whose entry has a known UUID but other content.
    #[error("Không nhận gói số liệu của {commune}: phiếu {voucher} đã nhận trước đây nay khác ({difference}). Sổ không bị thay đổi")]
    PackageConflict {
        commune: String,
        voucher: String,
        difference: String,
    },
    /// A write into a commune received from another office's book.
    #[error(
        "{commune} là số liệu nhận từ gói của xã gửi lên; ở đây chỉ xem, không ghi hay sửa được"
    )]
    ReceivedCommune { commune: String },
    /// A change dated inside a closed month.
    #[error("Tháng {month} của {commune} đã khóa sổ; hãy mở sổ trước khi thêm, sửa hoặc hủy phiếu trong tháng này")]
    MonthClosed { commune: String, month: String },
    /// Closing a month that is already closed, or reopening one that is open.
    #[error("Tháng {month} của {commune} {state}")]
    MonthState {
        commune: String,
        month: String,
        state: String,
    },
    /// A voucher number that is not in the books.
    #[error("Không tìm thấy phiếu {voucher}")]
    UnknownVoucher { voucher: String },
    /// A voucher number that exists in more than one commune.
    #[error("Số phiếu {voucher} có ở nhiều xã ({communes}); hãy chọn xã")]
    AmbiguousVoucher { voucher: String, communes: String },
    /// Voiding an entry that is already void.
    #[error("Phiếu {voucher} đã bị hủy trước đó")]
    AlreadyVoided { voucher: String },
    /// An operation that needs an empty book (first-run set-up, demo) on a book with data.
    #[error("Sổ đã có dữ liệu ({what}); thao tác này chỉ làm trên sổ mới")]
    BookNotEmpty { what: String },
    /// A book file made by a newer version of the program.
    #[error("Sổ này được tạo bởi phiên bản mới hơn (lược đồ {found}, chương trình hiểu tới {supported}); hãy cập nhật chương trình. Sổ không bị thay đổi.")]
    SchemaTooNew { found: i64, supported: i64 },
    /// A file that is not a book (not SQLite, damaged or truncated).
    #[error("Tệp {path} không phải sổ Sổ Tình Thương hoặc đã hỏng ({detail}); tệp không bị ghi đè, hãy khôi phục từ bản sao lưu")]
    NotABook { path: String, detail: String },
    /// The book is being written by another program right now.
    #[error("Sổ đang được một cửa sổ hoặc chương trình khác ghi; hãy đợi hoặc đóng chương trình kia rồi thử lại")]
    Busy,
    /// A backup that cannot be restored (damaged, not a book, newer, failing `check`).
    #[error("Bản sao lưu {path} không dùng được: {detail}. Sổ đang dùng không bị thay đổi")]
    BackupInvalid { path: String, detail: String },
    /// A file name that would lead outside the folder chosen for it.
    #[error("Tên tệp “{name}” dẫn ra ngoài thư mục {folder}; hãy chỉ gõ tên tệp, không có “..”, “/”, “\\” hay “:”")]
    PathOutsideFolder { name: String, folder: String },
    /// A folder that cannot hold backups.
    #[error("Không dùng được thư mục {folder} để sao lưu: {reason}")]
    UnsuitableFolder { folder: String, reason: String },
    /// A file that would be overwritten.
    #[error("Đã có tệp {path}; hãy chọn tên hoặc thư mục khác (tệp cũ không bị ghi đè)")]
    FileExists { path: String },
    /// The disk or USB stick is full.
    #[error("Ổ đĩa đã đầy, chưa ghi được{}; hãy giải phóng chỗ trống hoặc chọn ổ khác rồi thử lại. Không có gì bị ghi dở", at(.path))]
    DiskFull { path: String },
    /// The disk failed to read or write (full, a USB stick pulled out, a failing drive).
    #[error("Lỗi đọc ghi ổ đĩa{} ({detail}): ổ có thể đã đầy, USB bị rút ra hoặc ổ bị hỏng; hãy kiểm tra chỗ trống và ổ đĩa rồi thử lại. Không có gì bị ghi dở", at(.path))]
    DiskIo { path: String, detail: String },
    /// The book, its folder or the chosen folder cannot be written.
    #[error("Không ghi được{}: tệp hoặc thư mục chỉ cho đọc (hoặc USB bị khóa ghi); hãy cấp quyền ghi hoặc chọn nơi khác. Không có gì bị ghi dở", at(.path))]
    ReadOnly { path: String },
    /// An output aimed at a book, its side files, a backup, any SQLite file or a folder.
    #[error("Không ghi vào {path}: đó là {what}; hãy chọn tên tệp khác. Không có gì bị ghi")]
    ProtectedFile { path: String, what: String },
    /// A file another program holds open (Excel keeps last month's export locked on Windows).
    #[error("Tệp {path} đang được mở trong chương trình khác (ví dụ Excel); hãy đóng tệp đó rồi lưu lại, hoặc chọn tên khác. Tệp cũ không bị thay đổi")]
    FileInUse { path: String },
    /// A command other than `init` given a path where no book is.
    #[error("Không có sổ ở {path}{found}; hãy kiểm tra đường dẫn, hoặc tạo sổ mới bằng “init” (cửa sổ: “Tạo sổ mới”). Không có tệp nào được tạo")]
    NoSuchBook { path: String, found: String },
    /// `init` (or "Tạo sổ mới") on a path where a file already is.
    #[error(
        "Đã có tệp {path} ({what}); sổ mới không được tạo đè lên tệp đã có. Hãy chọn tên khác"
    )]
    BookExists { path: String, what: String },
    /// A book SQLite finds damaged: it is read-only until restored from a backup.
    #[error("Sổ {path} bị hỏng ({detail}); không ghi thêm được vào sổ hỏng. Hãy khôi phục từ bản sao lưu (Cài đặt › Khôi phục, hoặc lệnh “restore”)")]
    BookDamaged { path: String, detail: String },
    /// A path longer than Windows lets a book or a backup be opened at.
    #[error("Đường dẫn quá dài cho Windows ({len} ký tự, tối đa {max}): {path}; hãy chọn thư mục gần gốc ổ đĩa hơn (ví dụ D:\\SoTinhThuong) hoặc đặt tên ngắn hơn. Không có gì được ghi")]
    PathTooLong {
        path: String,
        len: usize,
        max: usize,
    },
    /// The webview on this computer is too old to print (on Windows, a WebView2 runtime without
    /// PrintToPdf or the print dialog); `feature` is `pdf` (Lưu PDF) or `print` (In…).
    #[error("Máy này chưa {} được: cần Microsoft Edge WebView2 Runtime bản {needed} trở lên (máy đang có bản {found}). Hãy cập nhật WebView2: chạy lại bộ cài Sổ Tình Thương (có kèm WebView2) hoặc cài “Evergreen Standalone Installer” của WebView2, rồi mở lại chương trình. Sổ sách không bị ảnh hưởng", print_verb(.feature))]
    WebViewTooOld {
        feature: String,
        needed: String,
        found: String,
    },
    /// Any other storage failure.
    #[error("Lỗi lưu trữ: {0}")]
    Storage(String),
}

/// What the clerk was doing, by a print feature's code, as the window's buttons name it.
fn print_verb(feature: &str) -> &'static str {
    if feature == "pdf" {
        "“Lưu PDF”"
    } else {
        "“In…”"
    }
}

/// " vào PATH" when a path is known, for the disk messages.
fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" vào {path}")
    }
}

/// The English of the Vietnamese words the core puts into messages (field labels, reasons,
/// details, `check`'s faults): each phrase of [`EN_WORDS`] found in `text` is replaced, longest
/// first, and amounts in đồng are written in VND. User input inside the text (names, numbers)
/// is left as typed.
pub fn en(text: &str) -> String {
    let mut words: Vec<&(&str, &str)> = EN_WORDS.iter().collect();
    words.sort_by_key(|(vi, _)| std::cmp::Reverse(vi.chars().count()));
    let mut out = text.to_string();
    for (vi, en) in words {
        if out.contains(vi) {
            out = out.replace(vi, en);
        }
    }
    // "300.000 đ" → "300.000 VND": a đ standing alone after a number is the currency.
    let chars: Vec<char> = out.chars().collect();
    let mut fixed = String::with_capacity(out.len());
    for (i, &c) in chars.iter().enumerate() {
        let alone = c == 'đ'
            && i >= 2
            && chars[i - 1] == ' '
            && chars[i - 2].is_ascii_digit()
            && chars.get(i + 1).is_none_or(|n| !n.is_alphabetic());
        if alone {
            fixed.push_str("VND");
        } else {
            fixed.push(c);
        }
    }
    fixed
}

/// Vietnamese phrases of the core's messages and their English ([`en`] tries longer ones first).
pub const EN_WORDS: &[(&str, &str)] = &[
    // Field labels.
    ("Số tiền", "Amount"),
    ("Số ký gạo", "Rice (kg)"),
    ("Số km", "Distance (km)"),
    ("chưa có quãng đường mặc định tới", "no usual distance yet to"),
    ("Số hộ góp gạo", "Households giving"),
    ("Số ngày công", "Workdays"),
    ("Số người tham gia", "Volunteers"),
    ("Số phiếu của giấy biên nhận", "Voucher of the receipt"),
    ("Số phiếu", "Voucher"),
    ("Tên xã", "Commune name"),
    ("Tên ấp", "Hamlet name"),
    ("Tên hộ", "Household name"),
    ("Tên bệnh nhân", "Patient"),
    ("Tên công trình", "Project name"),
    ("Tên", "Name"),
    ("Tài xế", "Driver"),
    ("Nơi đến", "Destination"),
    ("Xe", "Vehicle"),
    ("Người nộp/nhận", "Payer/payee"),
    ("Người nhận tiền", "Payee"),
    ("người nộp / nhận", "payer/payee"),
    ("tài xế", "driver"),
    ("nơi đến", "destination"),
    ("đã gộp vào người khác; hãy sửa tên người được giữ lại", "was merged into another; rename the one kept"),
    ("là cùng một người", "is the same party"),
    ("người này đã được gộp trước đó", "this party was merged already"),
    ("người được giữ lại đã gộp vào người khác; hãy gộp vào người đó", "the party kept was merged into another; merge into that one"),
    ("“Nhà hảo tâm” là người ủng hộ không nêu tên, không gộp với ai", "“Nhà hảo tâm” stands for donors who give no name and is never merged"),
    ("Ghi chú", "Memo"),
    ("Nội dung", "Description"),
    ("Vật tư", "Materials"),
    ("Lý do hủy", "Reason for voiding"),
    ("Lý do chuyến đi", "Purpose of the trip"),
    ("Quy mô", "Size"),
    ("Huyện", "District"),
    ("Tỉnh", "Province"),
    ("Thông tin đơn vị", "Office settings"),
    ("Loại đơn vị", "Kind of unit"),
    ("Loại thu chi", "Category"),
    ("Loại công trình", "Kind of works"),
    ("Loại quỹ", "Asset"),
    ("Diện hộ", "Household standing"),
    ("Tình trạng", "Status"),
    ("Mô hình", "Program"),
    ("Định dạng", "Format"),
    ("Báo cáo", "Report"),
    ("Tháng âm lịch", "Lunar month"),
    ("Danh sách xã", "Commune list"),
    ("Danh sách có sẵn", "Preset list"),
    ("Tồn kho gạo đầu kỳ", "Rice in store at the start"),
    ("dòng có cả số tiền thu và số tiền chi; mỗi dòng là một phiếu", "the row has both a receipt and a payment; one row is one voucher"),
    ("dòng không có số tiền thu hay chi", "the row has neither a receipt nor a payment"),
    ("dòng có cả số kg nhập và số kg xuất; mỗi dòng là một phiếu", "the row has both rice in and rice out; one row is one voucher"),
    ("dòng không có số kg nhập hay xuất", "the row has neither rice in nor rice out"),
    ("Mô hình (chọn mô hình của sổ quỹ)", "Program (choose the cash book's program)"),
    ("Hộ nhận", "Household receiving"),
    ("Số phiếu", "Voucher"),
    ("Diễn giải", "Description"),
    ("Trang tính", "Sheet"),
    ("Loại dữ liệu nhập", "Kind of data"),
    ("Năm", "Year"),
    ("không mở được bảng tính", "the spreadsheet cannot be opened"),
    ("chỉ đọc được .xlsx, .xls, .ods và .csv", "only .xlsx, .xls, .ods and .csv can be read"),
    ("bảng tính không có trang nào", "the spreadsheet has no sheet"),
    ("dòng CSV hỏng", "a broken CSV line"),
    ("Ngày", "Date"),
    ("Số tiền thu", "Receipt"),
    ("Số tiền chi", "Payment"),
    ("Bệnh nhân", "Patient"),
    ("chỉ mô hình Nắm gạo tình thương có gạo", "only the Handful of rice program holds rice"),
    ("Số dư đầu kỳ (tiền hoặc gạo)", "Opening balance (cash or rice)"),
    ("có trước ngày đó", "is before that day"),
    // Programs, assets, categories, kinds.
    ("Nắm gạo tình thương", "Handful of rice"),
    ("Xe chuyển bệnh miễn phí", "Free patient transport"),
    ("Sửa chữa cầu đường", "Bridge and road repair"),
    ("Nhận ủng hộ", "Donations"),
    ("Thu gạo theo đợt", "Rice collection rounds"),
    ("Thu khác", "Other receipts"),
    ("Cấp phát, hỗ trợ hộ", "Handouts to households"),
    ("Nhiên liệu", "Fuel"),
    ("Sửa chữa, bảo dưỡng xe", "Vehicle repair and upkeep"),
    ("Nhân công, hậu cần", "Labour and logistics"),
    ("Chi khác", "Other payments"),
    ("phiếu thu (PT), phiếu nhập kho (PN)", "receipts (PT), rice in (PN)"),
    ("Nhà hảo tâm", "Anonymous donor"),
    ("Xã ", "commune "),
    ("Thị trấn ", "township "),
    ("Phường ", "ward "),
    ("xã/thị trấn", "communes"),
    // What is named in refusals.
    ("ấp của", "hamlet of"),
    ("Ấp của", "Hamlet of"),
    ("thị trấn", "township"),
    ("phường", "ward"),
    ("xã", "commune"),
    ("ấp", "hamlet"),
    ("hộ", "households"),
    ("công trình", "project"),
    ("tiền", "cash"),
    ("gạo", "rice"),
    ("đã khóa sổ rồi", "is already closed"),
    ("chưa khóa sổ", "is not closed"),
    ("phiếu", "entries"),
    ("chưa có ấp", "no hamlet"),
    // Number hints.
    ("không rõ là ", "it is unclear whether it is "),
    (" đồng hay ", " dong or "),
    (" đồng; hãy gõ ", " dong; type "),
    (" hay ", " or "),
    ("; hãy gõ ", "; type "),
    (" hoặc ", " or "),
    ("chỉ gõ chữ số, dấu chấm (phân cách hàng nghìn) và dấu phẩy (phần lẻ)", "type only digits, dots (between thousands) and a comma (before decimals)"),
    ("dùng dấu chấm phân cách hàng nghìn và dấu phẩy cho phần lẻ, ví dụ 1.250,5", "use dots between thousands and a comma before decimals, e.g. 1.250,5"),
    ("số tiền tính bằng đồng, không có phần lẻ; dấu chấm chỉ dùng phân cách hàng nghìn (1.500.000)", "amounts are whole đồng; a dot only separates thousands (1.500.000)"),
    ("số tiền tính bằng đồng, không có phần lẻ", "amounts are whole đồng"),
    ("nhóm hàng nghìn phải đủ ba chữ số, ví dụ 1.500.000", "each group of thousands has three digits, e.g. 1.500.000"),
    ("tối đa một chữ số sau dấu phẩy", "at most one digit after the comma"),
    ("chữ số sau dấu phẩy", "digits after the comma"),
    ("tối đa ", "at most "),
    ("thiếu chữ số", "digits are missing"),
    ("không phải là số", "not a number"),
    ("hãy gõ một số nguyên, ví dụ 35", "type a whole number, e.g. 35"),
    ("hãy gõ một số nguyên", "type a whole number"),
    ("hãy gõ số, ví dụ 7,5", "type a number, e.g. 7,5"),
    // Places and periods.
    ("đã sáp nhập vào", "merged into"),
    ("từ ", "from "),
    ("đến ", "to "),
    // Merges.
    ("không thể sáp nhập một xã vào chính nó", "a commune cannot be merged into itself"),
    ("sáp nhập vòng tròn", "a merge in a circle"),
    ("đã thuộc về", "already belongs to"),
    ("đã sáp nhập vào ", "was already merged into "),
    (" rồi", ""),
    ("ngày sáp nhập", "the merge date"),
    ("không sau ngày", "is not after the day"),
    (" bắt đầu", " began"),
    (" đã có phiếu ", " already has entry "),
    (" từ ngày sáp nhập trở đi; hãy chọn ngày sáp nhập sau ngày đó", " on or after the merge date; choose a merge date after it"),
    (" ngày ", " dated "),
    // Output and storage.
    ("tệp SQLite (sổ, bản sao lưu hoặc sổ đã thay thế)", "a SQLite file (a book, a backup or a replaced book)"),
    ("tệp SQLite (sổ hoặc bản sao lưu)", "a SQLite file (a book or a backup)"),
    ("tệp nhật ký WAL của một sổ SQLite", "the WAL log of a SQLite book"),
    ("tệp đi kèm của một sổ SQLite", "a side file of a SQLite book"),
    ("tệp đi kèm của sổ đang mở", "a side file of the open book"),
    ("tệp đi kèm của một sổ cũ vẫn còn bên cạnh", "a side file of an older book is still beside it"),
    ("liên kết trỏ tới tệp không có", "a link to a file that does not exist"),
    ("sổ đang mở", "the open book"),
    ("thư mục không tồn tại (USB đã rút?)", "the folder does not exist (USB stick pulled out?)"),
    ("thư mục của sổ không tồn tại", "the book's folder does not exist"),
    ("thư mục nằm trong thư mục dữ liệu của chương trình, sẽ bị xóa khi gỡ cài đặt; hãy chọn thư mục khác (ví dụ trong Tài liệu hoặc USB)", "the folder is inside the program's data folder, which an uninstall deletes; choose another (in Documents or on a USB stick)"),
    ("đây là một tệp, không phải thư mục", "this is a file, not a folder"),
    ("chưa chọn thư mục", "no folder chosen"),
    ("một thư mục", "a folder"),
    ("một tệp SQLite", "a SQLite file"),
    ("một tệp", "a file"),
    ("thư mục", "a folder"),
    ("chưa có tên tệp", "no file name"),
    ("tệp SQLite của chương trình khác", "another program's SQLite file"),
    ("tệp SQLite rỗng, chưa phải sổ", "an empty SQLite file, not a book yet"),
    ("không phải tệp SQLite (quá ngắn)", "not a SQLite file (too short)"),
    ("không phải tệp SQLite", "not a SQLite file"),
    ("không tìm thấy tệp", "file not found"),
    ("tệp rỗng, 0 byte: không phải sổ; nếu vừa tạo sổ mà bị ngắt, hãy xóa tệp rồi tạo lại", "an empty file of 0 bytes, not a book; if making a book was cut short, delete the file and make it again"),
    ("tệp rỗng, 0 byte", "an empty file of 0 bytes"),
    ("tệp rỗng", "an empty file"),
    ("đây là thư mục", "this is a folder"),
    ("đây chính là sổ đang dùng", "this is the book in use"),
    ("sổ chưa có lược đồ", "the book has no schema"),
    ("tệp tạm đã đóng", "the temporary file is closed"),
    ("chưa mở sổ", "no book is open"),
    ("; bên cạnh còn sổ đã thay thế", "; beside it is a book set aside by a restore,"),
    ("(mở hoặc khôi phục từ sổ đó)", "(open it, or restore from it)"),
    ("; khôi phục không thay tệp này. Nếu đó là sổ hỏng nặng, hãy đổi tên nó rồi khôi phục lại", "; restore does not replace this file. If it is a badly damaged book, rename it and restore again"),
    ("không phải sổ hoặc đã hỏng", "not a book, or damaged"),
    ("được tạo bởi phiên bản mới hơn", "made by a newer version"),
    ("sổ được tạo bởi phiên bản mới hơn", "a book made by a newer version"),
    ("lược đồ", "schema"),
    ("chương trình hiểu tới", "this program knows up to"),
    ("; hãy cập nhật chương trình", "; update the program"),
    ("bản chép không qua được kiểm tra", "the copy did not pass the check"),
    ("; hãy chạy “Kiểm tra sổ”. Các bản sao lưu cũ được giữ nguyên", "; run “Kiểm tra sổ” (check). Older backups were kept"),
    ("kiểm tra sổ thấy", "check found"),
    (" lỗi, đầu tiên: ", " faults, the first: "),
    ("chế độ nhật ký", "journal mode"),
    ("dừng ở bước", "stopped after step"),
    ("bản sao lưu", "backup"),
    ("cửa sổ", "the window"),
    // check's faults.
    ("SQLite báo hỏng", "SQLite reports damage"),
    ("liên kết khóa ngoại bị hỏng", "broken foreign-key links"),
    ("chuỗi nhật ký không khớp", "the audit chain does not match"),
    ("nhật ký: thiếu mục", "audit log: missing entry"),
    ("gặp mục", "found entry"),
    ("nhật ký: mục", "audit log: entry"),
    ("không nối với mục trước", "does not follow the entry before"),
    ("đã bị sửa (mã băm không khớp)", "was changed (its hash does not match)"),
    ("sổ: dữ liệu phiếu ghi ở mục nhật ký", "book: the entries written under audit entry"),
    ("đã bị sửa ngoài chương trình", "were changed outside the program"),
    ("dòng không khớp với nhật ký (thêm hoặc sửa ngoài chương trình)", "rows do not match the audit log (added or changed outside the program)"),
    ("sổ: bảng", "book: the table"),
    ("đã bị sửa, thêm hoặc xóa dòng ngoài chương trình", "had rows changed, added or deleted outside the program"),
    ("sổ: danh mục, chuyến xe, công trình, khóa sổ hoặc thông tin đơn vị đã bị sửa ngoài chương trình (dấu trạng thái không khớp nhật ký)", "book: lists, trips, projects, month locks or office settings were changed outside the program (the state digest does not match the audit log)"),
    ("sổ: thiếu", "book: missing the"),
    ("thay đổi mới nhất so với", "newest changes against"),
    ("sổ chỉ còn tới mục", "the book now ends at entry"),
    ("các phiếu và nhật ký mới nhất đã bị cắt khỏi sổ; hãy so với bản sao lưu đó", "the newest entries and their audit entries were cut from the book; compare it with that backup"),
    ("sổ: nhật ký khác với", "book: the audit log differs from"),
    ("ở mục", "at entry"),
    ("sổ đã bị sửa rồi tính lại chuỗi nhật ký; hãy so với bản sao lưu đó", "the book was edited and its chain computed again; compare it with that backup"),
    ("lúc ", "at "),
    ("mục ", "entry "),
    ("tổng tháng", "month totals"),
    ("quỹ", "fund"),
    ("của xã", "of commune"),
    ("lưu", "kept"),
    ("đếm lại", "recounted"),
    ("tồn âm", "below zero"),
    ("vào ngày", "on"),
    ("số phiếu", "voucher numbers"),
    ("số ", "numbers "),
    ("có chỗ trống hoặc trùng", "a gap or a duplicate"),
    ("số lớn nhất", "largest number"),
    ("bộ đếm đã tới", "the counter reached"),
    ("nhưng không còn số nào (đã bị xóa)", "but no number is left (deleted)"),
    ("nhưng không còn phiếu nào (đã bị xóa)", "but no entry is left (deleted)"),
    ("bộ đếm", "counter"),
    ("có ", "has "),
];

/// Convenient result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The stable code of the variant, for shells and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidNumber { .. } => "invalid_number",
            Error::NotPositive { .. } => "not_positive",
            Error::TooLarge { .. } => "too_large",
            Error::InvalidDate { .. } => "invalid_date",
            Error::DateOutOfRange { .. } => "date_out_of_range",
            Error::InvalidMonth { .. } => "invalid_month",
            Error::EmptyText { .. } => "empty_text",
            Error::TextTooLong { .. } => "text_too_long",
            Error::ControlCharacters { .. } => "control_characters",
            Error::InvalidChoice { .. } => "invalid_choice",
            Error::UnknownCommune { .. } => "unknown_commune",
            Error::UnknownHamlet { .. } => "unknown_hamlet",
            Error::UnknownHousehold { .. } => "unknown_household",
            Error::SameNameHousehold { .. } => "same_name_household",
            Error::HouseholdNotInHamlet { .. } => "household_not_in_hamlet",
            Error::TwinHouseholds { .. } => "twin_households",
            Error::DuplicateHousehold { .. } => "duplicate_household",
            Error::UnknownProject { .. } => "unknown_project",
            Error::UnknownName { .. } => "unknown_name",
            Error::AmbiguousName { .. } => "ambiguous_name",
            Error::DuplicateName { .. } => "duplicate_name",
            Error::CommuneKindConflict { .. } => "commune_kind_conflict",
            Error::LookalikeName { .. } => "lookalike_name",
            Error::AnonymousPayee { .. } => "anonymous_payee",
            Error::AnonymousRename { .. } => "anonymous_rename",
            Error::MergeRefused { .. } => "merge_refused",
            Error::PlaceNotValidOn { .. } => "place_not_valid_on",
            Error::StockTooLow { .. } => "stock_too_low",
            Error::MonthClosed { .. } => "month_closed",
            Error::PackageEmpty { .. } => "package_empty",
            Error::PackageOpenMonth { .. } => "package_open_month",
            Error::PackageInvalid { .. } => "package_invalid",
            Error::PackageRefused { .. } => "package_refused",
            Error::PackageConflict { .. } => "package_conflict",
            Error::ReceivedCommune { .. } => "received_commune",
            Error::StockTooLowOn { .. } => "stock_too_low",
            Error::ImportFile { .. } => "import_file",
            Error::ImportColumns { .. } => "import_columns",
            Error::LegacyText { .. } => "legacy_text",
            Error::ImportRow { .. } => "import_row",
            Error::ImportRefused => "import_refused",
            Error::ImportCancelled => "import_cancelled",
            Error::ImportRunning => "import_running",
            Error::BeforeStart { .. } => "before_start",
            Error::StartDateDiffers { .. } => "start_date_differs",
            Error::MonthState { .. } => "month_state",
            Error::UnknownVoucher { .. } => "unknown_voucher",
            Error::AmbiguousVoucher { .. } => "ambiguous_voucher",
            Error::AlreadyVoided { .. } => "already_voided",
            Error::BookNotEmpty { .. } => "book_not_empty",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotABook { .. } => "not_a_book",
            Error::Busy => "busy",
            Error::BackupInvalid { .. } => "backup_invalid",
            Error::PathOutsideFolder { .. } => "path_outside_folder",
            Error::UnsuitableFolder { .. } => "unsuitable_folder",
            Error::FileExists { .. } => "file_exists",
            Error::DiskFull { .. } => "disk_full",
            Error::DiskIo { .. } => "disk_io",
            Error::ReadOnly { .. } => "read_only",
            Error::ProtectedFile { .. } => "protected_file",
            Error::FileInUse { .. } => "file_in_use",
            Error::NoSuchBook { .. } => "no_such_book",
            Error::BookExists { .. } => "book_exists",
            Error::BookDamaged { .. } => "book_damaged",
            Error::PathTooLong { .. } => "path_too_long",
            Error::WebViewTooOld { .. } => "webview_too_old",
            Error::Storage(_) => "storage",
        }
    }

    /// True when the user can fix the input and try again (exit code 1 in the CLI); false for
    /// storage faults.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, Error::Storage(_))
    }

    /// The variant's fields as a JSON object, for shells that show details next to a field.
    pub fn details(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Error::InvalidNumber { field, input, hint } => {
                json!({"field": field, "input": input, "hint": hint})
            }
            Error::NotPositive { field, input } => json!({"field": field, "input": input}),
            Error::TooLarge { field, input, max } => {
                json!({"field": field, "input": input, "max": max})
            }
            Error::InvalidDate { input } => json!({"input": input}),
            Error::DateOutOfRange { date, min, max } => {
                json!({"date": date, "min": min, "max": max})
            }
            Error::InvalidMonth { input } => json!({"input": input}),
            Error::EmptyText { field } | Error::ControlCharacters { field } => {
                json!({"field": field})
            }
            Error::TextTooLong { field, len, max } => {
                json!({"field": field, "len": len, "max": max})
            }
            Error::InvalidChoice {
                field,
                input,
                allowed,
            } => json!({"field": field, "input": input, "allowed": allowed}),
            Error::UnknownCommune { name } => json!({"name": name}),
            Error::UnknownHamlet { name, commune } | Error::UnknownHousehold { name, commune } => {
                json!({"name": name, "commune": commune})
            }
            Error::UnknownProject { code } => json!({"code": code}),
            Error::UnknownName { what, name } => json!({"what": what, "name": name}),
            Error::AmbiguousName {
                what,
                name,
                candidates,
            } => json!({"what": what, "name": name, "candidates": candidates}),
            Error::SameNameHousehold {
                name,
                count,
                candidates,
                example,
            } => {
                json!({"name": name, "count": count, "candidates": candidates, "example": example})
            }
            Error::HouseholdNotInHamlet {
                name,
                hamlet,
                hamlets,
            } => json!({"name": name, "hamlet": hamlet, "hamlets": hamlets}),
            Error::TwinHouseholds {
                name,
                hamlet,
                count,
            } => json!({"name": name, "hamlet": hamlet, "count": count}),
            Error::DuplicateHousehold { label, name } => json!({"label": label, "name": name}),
            Error::DuplicateName { what, name } => json!({"what": what, "name": name}),
            Error::CommuneKindConflict {
                name,
                in_name,
                chosen,
            } => json!({"name": name, "in_name": in_name, "chosen": chosen}),
            Error::LookalikeName {
                what,
                name,
                existing,
            } => json!({"what": what, "name": name, "existing": existing}),
            Error::MergeRefused { from, into, reason } => {
                json!({"from": from, "into": into, "reason": reason})
            }
            Error::AnonymousPayee { name } | Error::AnonymousRename { name } => {
                json!({"name": name})
            }
            Error::PlaceNotValidOn {
                place,
                date,
                period,
                successor,
            } => json!({"place": place, "date": date, "period": period, "successor": successor}),
            Error::StockTooLow {
                commune,
                program,
                asset,
                available,
                requested,
                month,
            } => json!({"commune": commune, "program": program, "asset": asset,
                        "available": available, "requested": requested, "month": month}),
            Error::MonthClosed { commune, month } => json!({"commune": commune, "month": month}),
            Error::PackageEmpty { commune } | Error::ReceivedCommune { commune } => {
                json!({"commune": commune})
            }
            Error::PackageOpenMonth { commune, month } => {
                json!({"commune": commune, "month": month})
            }
            Error::PackageInvalid { path, detail } => json!({"path": path, "detail": detail}),
            Error::PackageRefused { commune, reason } => {
                json!({"commune": commune, "reason": reason})
            }
            Error::PackageConflict {
                commune,
                voucher,
                difference,
            } => json!({"commune": commune, "voucher": voucher, "difference": difference}),
            Error::StockTooLowOn {
                commune,
                program,
                asset,
                available,
                requested,
                date,
            } => json!({"commune": commune, "program": program, "asset": asset,
                        "available": available, "requested": requested, "date": date}),
            Error::ImportFile { path, detail } => json!({"path": path, "detail": detail}),
            Error::ImportColumns { missing } => json!({"missing": missing}),
            Error::LegacyText { encoding } => json!({"encoding": encoding}),
            Error::ImportRow { reason } => json!({"reason": reason}),
            Error::ImportRefused | Error::ImportCancelled | Error::ImportRunning => json!({}),
            Error::BeforeStart {
                commune,
                date,
                start,
            } => json!({"commune": commune, "date": date, "start": start}),
            Error::StartDateDiffers {
                commune,
                start,
                date,
            } => json!({"commune": commune, "start": start, "date": date}),
            Error::MonthState {
                commune,
                month,
                state,
            } => json!({"commune": commune, "month": month, "state": state}),
            Error::UnknownVoucher { voucher } | Error::AlreadyVoided { voucher } => {
                json!({"voucher": voucher})
            }
            Error::AmbiguousVoucher { voucher, communes } => {
                json!({"voucher": voucher, "communes": communes})
            }
            Error::BookNotEmpty { what } => json!({"what": what}),
            Error::SchemaTooNew { found, supported } => {
                json!({"found": found, "supported": supported})
            }
            Error::NotABook { path, detail } => json!({"path": path, "detail": detail}),
            Error::Busy => json!({}),
            Error::BackupInvalid { path, detail } => json!({"path": path, "detail": detail}),
            Error::PathOutsideFolder { name, folder } => json!({"name": name, "folder": folder}),
            Error::UnsuitableFolder { folder, reason } => {
                json!({"folder": folder, "reason": reason})
            }
            Error::FileExists { path }
            | Error::DiskFull { path }
            | Error::ReadOnly { path }
            | Error::FileInUse { path } => json!({"path": path}),
            Error::PathTooLong { path, len, max } => {
                json!({"path": path, "len": len, "max": max})
            }
            Error::WebViewTooOld {
                feature,
                needed,
                found,
            } => json!({"feature": feature, "needed": needed, "found": found}),
            Error::DiskIo { path, detail } => json!({"path": path, "detail": detail}),
            Error::ProtectedFile { path, what } => json!({"path": path, "what": what}),
            Error::NoSuchBook { path, found } => json!({"path": path, "found": found}),
            Error::BookExists { path, what } => json!({"path": path, "what": what}),
            Error::BookDamaged { path, detail } => json!({"path": path, "detail": detail}),
            Error::Storage(detail) => json!({"detail": detail}),
        }
    }

    /// The message in the chosen language. Vietnamese is `Display`; English is written here.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::Vi {
            return self.to_string();
        }
        match self {
            Error::InvalidNumber { field, input, hint } => {
                format!("Cannot read “{input}” as {}: {}", en(field), en(hint))
            }
            Error::NotPositive { field, input } => {
                format!("{} must be greater than 0 (got “{input}”)", en(field))
            }
            Error::TooLarge { field, input, max } => {
                format!("{} is too large: “{input}” exceeds the maximum {}", en(field), en(max))
            }
            Error::InvalidDate { input } => format!(
                "Date “{input}” is not valid: type dd/mm/yyyy (e.g. 05/02/2026) or yyyy-mm-dd"
            ),
            Error::DateOutOfRange { date, min, max } => {
                format!("Date {date} is outside the allowed range ({min} to {max})")
            }
            Error::InvalidMonth { input } => {
                format!("Month “{input}” is not valid: type yyyy-mm (e.g. 2026-02) or mm/yyyy")
            }
            Error::EmptyText { field } => format!("{} is required", en(field)),
            Error::TextTooLong { field, len, max } => {
                format!("{} is too long ({len} characters, at most {max})", en(field))
            }
            Error::ControlCharacters { field } => {
                format!("{} contains control characters; type it again", en(field))
            }
            Error::InvalidChoice {
                field,
                input,
                allowed,
            } => format!(
                "{} “{input}” is not valid; choose one of: {}",
                en(field),
                en(allowed)
            ),
            Error::UnknownCommune { name } => format!("No commune named “{name}” in the list"),
            Error::UnknownHamlet { name, commune } => {
                format!("No hamlet named “{name}” in {}", en(commune))
            }
            Error::UnknownHousehold { name, commune } => {
                format!("No household named “{name}” in {}", en(commune))
            }
            Error::UnknownProject { code } => format!("No repair project “{code}”"),
            Error::UnknownName { what, name } => {
                format!("No {} named “{name}” in the list", en(what))
            }
            Error::SameNameHousehold {
                name,
                count,
                candidates,
                example,
            } => format!(
                "{count} households are named “{name}”: {candidates}; add the hamlet in \
                 brackets, e.g. “{example}”"
            ),
            Error::AmbiguousName {
                what,
                name,
                candidates,
            } => format!(
                "“{name}” matches several {}: {candidates}; type it with diacritics or in full",
                en(what)
            ),
            Error::HouseholdNotInHamlet {
                name,
                hamlet,
                hamlets,
            } => format!("No household “{name}” in {hamlet}; households of that name live in: {hamlets}"),
            Error::TwinHouseholds {
                name,
                hamlet,
                count,
            } => format!(
                "{count} households named “{name}” live in {hamlet}, so the name cannot choose; \
                 add the household to be served with a telling note, e.g. “{name} (Tư Lớn)”, and choose that"
            ),
            Error::DuplicateHousehold { label, name } => format!(
                "“{label}” is already in the list; if it is another household of the same name, \
                 add what it is called to tell them apart, e.g. “{name} (Tư Lớn)”"
            ),
            Error::DuplicateName { what, name } => format!("{} “{name}” already exists", en(what)),
            Error::CommuneKindConflict {
                name,
                in_name,
                chosen,
            } => format!(
                "The name “{name}” says {in_name} but the chosen kind is {chosen}; drop “{in_name}” \
                 from the name or choose {in_name}"
            ),
            Error::LookalikeName {
                what,
                name,
                existing,
            } => format!(
                "“{name}” is the same as the {} “{existing}” already in the list (the same without diacritics, or with the tone mark placed the other way); use the existing name",
                en(what)
            ),
            Error::MergeRefused { from, into, reason } => {
                format!("{from} cannot be merged into {into}: {}", en(reason))
            }
            Error::AnonymousPayee { name } => format!(
                "A payment must name the person or body paid; “{name}” is only for donors who give no name"
            ),
            Error::AnonymousRename { name } => format!(
                "“{name}” stands for every donor who gives no name; it cannot be renamed (type the donor's name on the receipt instead)"
            ),
            Error::PlaceNotValidOn {
                place,
                date,
                period,
                successor,
            } => format!(
                "{} is valid only {}; {date} is outside it{}",
                en(place),
                en(period),
                en(successor)
            ),
            Error::StockTooLow {
                commune,
                program,
                asset,
                available,
                requested,
                month,
            } => format!(
                "Not enough {} in the {} fund of {}: {} available, {} needed (the balance would go below zero in {month})",
                en(asset),
                en(program),
                en(commune),
                en(available),
                en(requested)
            ),
            Error::MonthClosed { commune, month } => format!(
                "Month {month} of {} is closed; reopen it before adding, changing or voiding entries in it",
                en(commune)
            ),
            Error::MonthState {
                commune,
                month,
                state,
            } => format!("Month {month} of {} {}", en(commune), en(state)),
            Error::PackageEmpty { commune } => format!(
                "{} has no closed month yet; only closed months can be sent",
                en(commune)
            ),
            Error::PackageOpenMonth { commune, month } => format!(
                "Month {month} of {} has entries but is not closed; close it before sending (only final figures are sent)",
                en(commune)
            ),
            Error::PackageInvalid { path, detail } => format!(
                "The package {path} cannot be received: {}. The book was not changed",
                en(detail)
            ),
            Error::PackageRefused { commune, reason } => format!(
                "The package of {} is refused: {}. The book was not changed",
                en(commune),
                en(reason)
            ),
            Error::PackageConflict {
                commune,
                voucher,
                difference,
            } => format!(
                "The package of {} is refused: voucher {voucher}, received before, now differs ({}). The book was not changed",
                en(commune),
                en(difference)
            ),
            Error::ReceivedCommune { commune } => format!(
                "{} holds figures received in a package from its office; here they can be read, never written or changed",
                en(commune)
            ),
            Error::StockTooLowOn {
                commune,
                program,
                asset,
                available,
                requested,
                date,
            } => format!(
                "Not enough {} in the {} fund of {}: {} available, {} needed (the balance would go below zero on {date})",
                en(asset),
                en(program),
                en(commune),
                en(available),
                en(requested)
            ),
            Error::ImportFile { path, detail } => format!(
                "Cannot read {path}: {}; open it in Excel and save it as .xlsx or .csv",
                en(detail)
            ),
            Error::ImportColumns { missing } => format!(
                "The columns {} were not found in the sheet; choose the column of each field (or correct the header row)",
                en(missing)
            ),
            Error::LegacyText { encoding } => format!(
                "The sheet holds text in the old encoding {encoding}; agree to convert it to Unicode (CLI: --convert tcvn3 or vni) or keep it as it is (--convert none)"
            ),
            Error::ImportRow { reason } => en(reason),
            Error::ImportRefused => "Some rows were refused, so no row was imported; correct them or choose to import only the good rows".to_string(),
            Error::ImportCancelled => "Import stopped; the book is unchanged".to_string(),
            Error::ImportRunning => "Another file is being imported; wait for it or press Stop, then try again".to_string(),
            Error::BeforeStart {
                commune,
                date,
                start,
            } => format!(
                "The books of {} start on {} (the day of the opening balances); an entry dated {date} cannot be before it",
                en(commune),
                en(start)
            ),
            Error::StartDateDiffers {
                commune,
                start,
                date,
            } => format!(
                "The opening balances of {} are dated {start}; all of a commune's opening balances share one day: type {start} (typed {date})",
                en(commune)
            ),
            Error::UnknownVoucher { voucher } => format!("Voucher {voucher} not found"),
            Error::AmbiguousVoucher { voucher, communes } => {
                format!("Voucher {voucher} exists in several communes ({communes}); choose the commune")
            }
            Error::AlreadyVoided { voucher } => format!("Voucher {voucher} is already void"),
            Error::BookNotEmpty { what } => {
                format!("The book already holds data ({}); this works only on a new book", en(what))
            }
            Error::SchemaTooNew { found, supported } => format!(
                "This book was made by a newer version (schema {found}, this program knows up to {supported}); update the program. The book was not changed."
            ),
            Error::NotABook { path, detail } => format!(
                "{path} is not a Sổ Tình Thương book or is damaged ({}); it was not overwritten: restore it from a backup",
                en(detail)
            ),
            Error::Busy => "The book is being written by another window or program; wait or close it and try again".to_string(),
            Error::BackupInvalid { path, detail } => format!(
                "The backup {path} cannot be used: {}. The open book was not changed",
                en(detail)
            ),
            Error::PathOutsideFolder { name, folder } => format!(
                "The file name “{name}” leads outside the folder {folder}; type a file name only, without “..”, “/”, “\\” or “:”"
            ),
            Error::UnsuitableFolder { folder, reason } => {
                format!("The folder {folder} cannot hold backups: {}", en(reason))
            }
            Error::FileExists { path } => format!(
                "{path} already exists; choose another name or folder (the file was not overwritten)"
            ),
            Error::DiskFull { path } => format!(
                "The disk is full; nothing was written{}. Free some space or choose another drive and try again",
                if path.is_empty() { String::new() } else { format!(" to {path}") }
            ),
            Error::DiskIo { path, detail } => format!(
                "The disk failed to read or write{} ({}): it may be full, the USB stick pulled out, or the drive failing; check the free space and the drive and try again. Nothing was half-written",
                if path.is_empty() { String::new() } else { format!(" at {path}") },
                en(detail)
            ),
            Error::ReadOnly { path } => format!(
                "Cannot write{}: the file or folder is read-only (or the USB stick is write-protected); allow writing or choose another place. Nothing was half-written",
                if path.is_empty() { String::new() } else { format!(" to {path}") }
            ),
            Error::ProtectedFile { path, what } => format!(
                "Not writing to {path}: it is {}; choose another file name. Nothing was written",
                en(what)
            ),
            Error::FileInUse { path } => format!(
                "{path} is open in another program (Excel, say); close it and save again, or choose another name. The old file was not changed"
            ),
            Error::NoSuchBook { path, found } => format!(
                "There is no book at {path}{}; check the path, or create a new book with “init” (in the window: “Tạo sổ mới”). No file was created",
                en(found)
            ),
            Error::BookExists { path, what } => format!(
                "{path} already exists ({}); a new book is never made over an existing file. Choose another name",
                en(what)
            ),
            Error::BookDamaged { path, detail } => format!(
                "The book {path} is damaged ({detail}); nothing more can be written to a damaged book. Restore it from a backup (Cài đặt › Khôi phục, or the “restore” command)"
            ),
            Error::PathTooLong { path, len, max } => format!(
                "The path is too long for Windows ({len} characters, at most {max}): {path}; choose a folder nearer the root of the drive (D:\\SoTinhThuong, for example) or a shorter name. Nothing was written"
            ),
            Error::WebViewTooOld {
                feature,
                needed,
                found,
            } => format!(
                "This computer cannot {} yet: it needs Microsoft Edge WebView2 Runtime {needed} or later (it has {found}). Update WebView2: run the Sổ Tình Thương installer (it carries WebView2) again or install WebView2's “Evergreen Standalone Installer”, then start the program again. The books are not affected",
                if feature == "pdf" { "“Save PDF”" } else { "“Print…”" }
            ),
            Error::Storage(detail) => format!("Storage error: {}", en(detail)),
        }
    }

    /// A file-system failure on `path`, classified so the user learns what to fix: a full disk,
    /// a read-only place, or (with the path) anything else.
    pub fn io(path: &std::path::Path, err: std::io::Error) -> Error {
        use std::io::ErrorKind;
        let shown = path.display().to_string();
        // why: Windows says "in use by another process" with codes that std files under no
        // ErrorKind of their own; the clerk must learn to close Excel, not that a disk failed.
        if crate::windows_fs::held_by_another_program(&err) {
            return Error::FileInUse { path: shown };
        }
        if crate::windows_fs::name_too_long(&err) {
            return Error::PathTooLong {
                len: crate::windows_fs::windows_length(path),
                max: crate::windows_fs::MAX_PATH_CHARS,
                path: shown,
            };
        }
        match err.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Error::DiskFull { path: shown },
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                Error::ReadOnly { path: shown }
            }
            _ => Error::Storage(format!("{shown}: {err}")),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match &err {
            rusqlite::Error::SqliteFailure(e, _)
                if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) =>
            {
                Error::Busy
            }
            rusqlite::Error::SqliteFailure(e, _) if e.code == ErrorCode::DiskFull => {
                Error::DiskFull {
                    path: String::new(),
                }
            }
            rusqlite::Error::SqliteFailure(e, msg) if e.code == ErrorCode::SystemIoFailure => {
                Error::DiskIo {
                    path: String::new(),
                    detail: msg.clone().unwrap_or_else(|| e.to_string()),
                }
            }
            rusqlite::Error::SqliteFailure(e, _) if e.code == ErrorCode::ReadOnly => {
                Error::ReadOnly {
                    path: String::new(),
                }
            }
            rusqlite::Error::SqliteFailure(e, msg)
                if matches!(e.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) =>
            {
                Error::NotABook {
                    path: String::new(),
                    detail: msg.clone().unwrap_or_else(|| e.to_string()),
                }
            }
            _ => Error::Storage(err.to_string()),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::Storage(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_an_english_twin_that_differs() {
        let err = Error::MonthClosed {
            commune: "Phú Hữu".into(),
            month: "2026-02".into(),
        };
        assert_eq!(err.code(), "month_closed");
        assert!(err.to_string().contains("khóa sổ"));
        assert!(err.message(Lang::En).contains("closed"));
        assert_eq!(err.details()["month"], "2026-02");
    }
}

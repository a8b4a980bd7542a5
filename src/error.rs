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
    /// Any other storage failure.
    #[error("Lỗi lưu trữ: {0}")]
    Storage(String),
}

/// " vào PATH" when a path is known, for the disk messages.
fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" vào {path}")
    }
}

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
            Error::AmbiguousName { .. } => "ambiguous_name",
            Error::DuplicateName { .. } => "duplicate_name",
            Error::CommuneKindConflict { .. } => "commune_kind_conflict",
            Error::PlaceNotValidOn { .. } => "place_not_valid_on",
            Error::StockTooLow { .. } => "stock_too_low",
            Error::MonthClosed { .. } => "month_closed",
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
            Error::FileExists { path } | Error::DiskFull { path } | Error::ReadOnly { path } => {
                json!({"path": path})
            }
            Error::DiskIo { path, detail } => json!({"path": path, "detail": detail}),
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
                format!("Cannot read “{input}” as {field}: {hint}")
            }
            Error::NotPositive { field, input } => {
                format!("{field} must be greater than 0 (got “{input}”)")
            }
            Error::TooLarge { field, input, max } => {
                format!("{field} is too large: “{input}” exceeds the maximum {max}")
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
            Error::EmptyText { field } => format!("{field} is required"),
            Error::TextTooLong { field, len, max } => {
                format!("{field} is too long ({len} characters, at most {max})")
            }
            Error::ControlCharacters { field } => {
                format!("{field} contains control characters; type it again")
            }
            Error::InvalidChoice {
                field,
                input,
                allowed,
            } => format!("{field} “{input}” is not valid; choose one of: {allowed}"),
            Error::UnknownCommune { name } => format!("No commune named “{name}” in the list"),
            Error::UnknownHamlet { name, commune } => {
                format!("No hamlet named “{name}” in {commune}")
            }
            Error::UnknownHousehold { name, commune } => {
                format!("No household named “{name}” in {commune}")
            }
            Error::UnknownProject { code } => format!("No repair project “{code}”"),
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
                "“{name}” matches several {what}: {candidates}; type it with diacritics or in full"
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
            Error::DuplicateName { what, name } => format!("{what} “{name}” already exists"),
            Error::CommuneKindConflict {
                name,
                in_name,
                chosen,
            } => format!(
                "The name “{name}” says {in_name} but the chosen kind is {chosen}; drop “{in_name}” \
                 from the name or choose {in_name}"
            ),
            Error::PlaceNotValidOn {
                place,
                date,
                period,
                successor,
            } => format!("{place} is valid only {period}; {date} is outside it{successor}"),
            Error::StockTooLow {
                commune,
                program,
                asset,
                available,
                requested,
                month,
            } => format!(
                "Not enough {asset} in the {program} fund of {commune}: {available} available, \
                 {requested} needed (the balance would go below zero in {month})"
            ),
            Error::MonthClosed { commune, month } => format!(
                "Month {month} of {commune} is closed; reopen it before adding, changing or voiding entries in it"
            ),
            Error::MonthState {
                commune,
                month,
                state,
            } => format!("Month {month} of {commune}: {state}"),
            Error::UnknownVoucher { voucher } => format!("Voucher {voucher} not found"),
            Error::AmbiguousVoucher { voucher, communes } => {
                format!("Voucher {voucher} exists in several communes ({communes}); choose the commune")
            }
            Error::AlreadyVoided { voucher } => format!("Voucher {voucher} is already void"),
            Error::BookNotEmpty { what } => {
                format!("The book already holds data ({what}); this works only on a new book")
            }
            Error::SchemaTooNew { found, supported } => format!(
                "This book was made by a newer version (schema {found}, this program knows up to {supported}); update the program. The book was not changed."
            ),
            Error::NotABook { path, detail } => format!(
                "{path} is not a Sổ Tình Thương book or is damaged ({detail}); it was not overwritten: restore it from a backup"
            ),
            Error::Busy => "The book is being written by another window or program; wait or close it and try again".to_string(),
            Error::BackupInvalid { path, detail } => format!(
                "The backup {path} cannot be used: {detail}. The open book was not changed"
            ),
            Error::PathOutsideFolder { name, folder } => format!(
                "The file name “{name}” leads outside the folder {folder}; type a file name only, without “..”, “/”, “\\” or “:”"
            ),
            Error::UnsuitableFolder { folder, reason } => {
                format!("The folder {folder} cannot hold backups: {reason}")
            }
            Error::FileExists { path } => format!(
                "{path} already exists; choose another name or folder (the file was not overwritten)"
            ),
            Error::DiskFull { path } => format!(
                "The disk is full; nothing was written{}. Free some space or choose another drive and try again",
                if path.is_empty() { String::new() } else { format!(" to {path}") }
            ),
            Error::DiskIo { path, detail } => format!(
                "The disk failed to read or write{} ({detail}): it may be full, the USB stick pulled out, or the drive failing; check the free space and the drive and try again. Nothing was half-written",
                if path.is_empty() { String::new() } else { format!(" at {path}") }
            ),
            Error::ReadOnly { path } => format!(
                "Cannot write{}: the file or folder is read-only (or the USB stick is write-protected); allow writing or choose another place. Nothing was half-written",
                if path.is_empty() { String::new() } else { format!(" to {path}") }
            ),
            Error::Storage(detail) => format!("Storage error: {detail}"),
        }
    }

    /// A file-system failure on `path`, classified so the user learns what to fix: a full disk,
    /// a read-only place, or (with the path) anything else.
    pub fn io(path: &std::path::Path, err: std::io::Error) -> Error {
        use std::io::ErrorKind;
        let shown = path.display().to_string();
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

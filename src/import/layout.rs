//! Where the data of a real sheet is: its header found among title rows (and merged cells,
//! and a header over two rows: "Số phiếu: Thu | Chi", "Số tiền: Thu | Chi | Tồn"), its columns
//! guessed from the header words, and the rows that are not entries told apart (blank rows,
//! "Cộng", "Tổng cộng", carried-forward and opening-balance rows, a header repeated on a page).

use super::read::{Cell, Table};
use crate::error::{Error, Result};
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a sheet holds.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Danh sách hộ: name, hamlet, standing, year.
    Households,
    /// Donors and other parties.
    Parties,
    Drivers,
    Vehicles,
    /// Trip destinations with their usual km.
    Destinations,
    /// Sổ quỹ tiền mặt: date, paper voucher, description, receipt, payment (, program).
    Cash,
    /// Sổ theo dõi gạo: date, hamlet or household, kg in, kg out.
    Rice,
    /// Trips: date, patient, destination, km, cost.
    Trips,
}

impl Kind {
    /// Reads `households`, `parties`, `drivers`, `vehicles`, `destinations`, `cash`, `rice`,
    /// `trips` (or the Vietnamese words).
    pub fn parse(input: &str) -> Result<Kind> {
        Ok(match fold(input).replace(['-', '_'], " ").as_str() {
            "households" | "ho" | "danh sach ho" => Kind::Households,
            "parties" | "party" | "nha hao tam" | "nguoi nop" => Kind::Parties,
            "drivers" | "tai xe" => Kind::Drivers,
            "vehicles" | "xe" => Kind::Vehicles,
            "destinations" | "noi den" => Kind::Destinations,
            "cash" | "so quy" | "tien" => Kind::Cash,
            "rice" | "gao" | "so gao" => Kind::Rice,
            "trips" | "chuyen xe" => Kind::Trips,
            _ => {
                return Err(Error::InvalidChoice {
                    field: "Loại dữ liệu nhập".into(),
                    input: input.to_string(),
                    allowed:
                        "households, parties, drivers, vehicles, destinations, cash, rice, trips"
                            .into(),
                })
            }
        })
    }

    /// The fields of this kind, required ones first.
    pub fn fields(self) -> &'static [(Field, bool)] {
        use Field::*;
        match self {
            Kind::Households => &[
                (Name, true),
                (Hamlet, false),
                (Status, false),
                (Year, false),
            ],
            Kind::Parties => &[(Name, true)],
            Kind::Drivers => &[(Name, true), (Phone, false)],
            Kind::Vehicles => &[(Name, true), (Plate, false)],
            Kind::Destinations => &[(Name, true), (Km, false)],
            Kind::Cash => &[
                (Date, true),
                (Receipt, false),
                (Payment, false),
                (VoucherIn, false),
                (VoucherOut, false),
                (Voucher, false),
                (Description, false),
                (Program, false),
                (Party, false),
                (Balance, false),
            ],
            Kind::Rice => &[
                (Date, true),
                (KgIn, false),
                (KgOut, false),
                (Voucher, false),
                (Hamlet, false),
                (Household, false),
                (Households, false),
                (Description, false),
                (Balance, false),
            ],
            Kind::Trips => &[
                (Date, true),
                (Patient, true),
                (Destination, true),
                (Km, false),
                (Cost, false),
                (Driver, false),
                (Vehicle, false),
                (Hamlet, false),
                (Description, false),
            ],
        }
    }
}

/// A column's meaning.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Date,
    /// The paper voucher number (one column for both kinds).
    Voucher,
    /// The paper number of a receipt (under "Số phiếu: Thu").
    VoucherIn,
    /// The paper number of a payment (under "Số phiếu: Chi").
    VoucherOut,
    Description,
    Receipt,
    Payment,
    /// The running balance ("Tồn"): read to be passed over, never imported.
    Balance,
    Program,
    Party,
    Name,
    Hamlet,
    Status,
    Year,
    Phone,
    Plate,
    Km,
    KgIn,
    KgOut,
    /// Households that gave (a rice round).
    Households,
    /// The household that received (a handout).
    Household,
    Patient,
    Destination,
    Cost,
    Driver,
    Vehicle,
}

impl Field {
    /// The field in words, as the dry run names it.
    pub fn label(self) -> &'static str {
        use Field::*;
        match self {
            Date => "Ngày",
            Voucher => "Số phiếu",
            VoucherIn => "Số phiếu thu",
            VoucherOut => "Số phiếu chi",
            Description => "Diễn giải",
            Receipt => "Số tiền thu",
            Payment => "Số tiền chi",
            Balance => "Tồn",
            Program => "Mô hình",
            Party => "Người nộp/nhận",
            Name => "Tên",
            Hamlet => "Ấp",
            Status => "Diện hộ",
            Year => "Năm",
            Phone => "Điện thoại",
            Plate => "Biển số",
            Km => "Số km",
            KgIn => "Số kg nhập",
            KgOut => "Số kg xuất",
            Households => "Số hộ góp",
            Household => "Hộ nhận",
            Patient => "Bệnh nhân",
            Destination => "Nơi đến",
            Cost => "Chi phí",
            Driver => "Tài xế",
            Vehicle => "Xe",
        }
    }

    /// Header words (folded) that name this field in `kind`'s sheets, best first.
    fn words(self, kind: Kind) -> &'static [&'static str] {
        use Field::*;
        match (self, kind) {
            (Name, Kind::Households) => &[
                "ho va ten chu ho",
                "ten chu ho",
                "chu ho",
                "ho va ten",
                "ho ten",
                "ten ho",
                "ho",
            ],
            (Name, Kind::Parties) => &[
                "ho va ten",
                "ho ten",
                "ten nha hao tam",
                "nha hao tam",
                "ten don vi",
                "don vi",
                "ten",
            ],
            (Name, Kind::Drivers) => &["ho va ten", "ho ten", "tai xe", "ten"],
            (Name, Kind::Vehicles) => &["ten xe", "loai xe", "xe", "ten"],
            (Name, Kind::Destinations) => {
                &["noi den", "ten noi den", "benh vien", "co so y te", "ten"]
            }
            (Name, _) => &["ho va ten", "ho ten", "ten"],
            (Date, _) => &[
                "ngay thang nam",
                "ngay thang",
                "ngay ghi so",
                "ngay chung tu",
                "ngay",
                "thoi gian",
            ],
            (Voucher, _) => &["so phieu", "so chung tu", "so ct", "chung tu", "so hieu"],
            (VoucherIn, _) => &[
                "so phieu thu",
                "so chung tu thu",
                "chung tu thu",
                "so hieu thu",
            ],
            (VoucherOut, _) => &[
                "so phieu chi",
                "so chung tu chi",
                "chung tu chi",
                "so hieu chi",
            ],
            (Description, _) => &["dien giai", "noi dung", "ly do", "ghi chu"],
            (Receipt, _) => &["so tien thu", "tien thu", "thu"],
            (Payment, _) => &["so tien chi", "tien chi", "chi"],
            (Balance, _) => &["so tien ton", "ton", "so du", "con lai", "ton kho"],
            (Program, _) => &["mo hinh", "quy", "chuong trinh"],
            (Party, _) => &[
                "nguoi nop nhan",
                "nguoi nop",
                "nguoi nhan",
                "ho va ten",
                "ho ten",
                "don vi",
            ],
            (Hamlet, _) => &["ap khom", "ap", "khom", "thon", "to"],
            (Status, _) => &["dien ho", "dien", "phan loai", "loai ho", "hoan canh"],
            (Year, _) => &["nam"],
            (Phone, _) => &["so dien thoai", "dien thoai", "sdt"],
            (Plate, _) => &["bien so", "bien kiem soat"],
            (Km, _) => &["so km", "km", "quang duong", "cu ly", "khoang cach"],
            (KgIn, _) => &[
                "so luong nhap",
                "so kg nhap",
                "kg nhap",
                "gao nhap",
                "nhap",
                "thu",
            ],
            (KgOut, _) => &[
                "so luong xuat",
                "so kg xuat",
                "kg xuat",
                "gao xuat",
                "xuat",
                "cap phat",
                "cap",
                "chi",
            ],
            (Households, _) => &["so ho gop", "so ho", "ho gop"],
            (Household, _) => &["ho nhan", "nguoi nhan", "ho va ten", "ho ten", "ten ho"],
            (Patient, _) => &[
                "ho ten benh nhan",
                "benh nhan",
                "nguoi benh",
                "ho va ten",
                "ho ten",
            ],
            (Destination, _) => &["noi den", "chuyen den", "benh vien", "den"],
            (Cost, _) => &["chi phi", "tien xang", "nhien lieu", "xang dau", "so tien"],
            (Driver, _) => &["tai xe", "nguoi lai"],
            (Vehicle, _) => &["xe", "phuong tien", "bien so"],
        }
    }
}

/// How a sheet is read: which rows hold its header, and which column holds which field.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub kind: Kind,
    /// The header's rows, 1-based as the sheet numbers them (one or two rows).
    pub header_first: usize,
    pub header_last: usize,
    /// Column letter ("A", "B"…) of each field.
    pub columns: BTreeMap<Field, String>,
}

impl Mapping {
    /// The 0-based column of `field`, if it is mapped.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.get(&field).and_then(|c| column_index(c))
    }
}

/// "A" → 0, "AB" → 27.
pub fn column_index(letters: &str) -> Option<usize> {
    let t = letters.trim().to_ascii_uppercase();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut n = 0usize;
    for c in t.chars() {
        n = n * 26 + (c as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

/// 0 → "A", 27 → "AB".
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// How well a header label names a field: exact words 3, starting with them 2, holding them 1.
fn score(label: &str, words: &[&str]) -> u8 {
    let label = label.replace(['(', ')', ':', '.', ',', '/', '-'], " ");
    let label: String = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut best = 0u8;
    for (i, w) in words.iter().enumerate() {
        // why: earlier words are the better names of the field; they win a tie.
        let bonus = u8::from(i == 0);
        let s = if label == *w {
            3
        } else if label.starts_with(&format!("{w} ")) {
            2
        } else if format!(" {label} ").contains(&format!(" {w} ")) {
            1
        } else {
            0
        };
        if s > 0 {
            best = best.max(s * 2 + bonus);
        }
    }
    best
}

/// The labels of each column from a header of one or two rows (a merged parent over its
/// children is carried right: "Số tiền" over "Thu", "Chi", "Tồn").
fn labels(table: &Table, first: usize, last: usize) -> Vec<String> {
    let width = table.rows.first().map(Vec::len).unwrap_or(0);
    let top: Vec<String> = (0..width)
        .map(|c| fold(&table.rows[first][c].text()))
        .collect();
    if first == last {
        return top;
    }
    let below: Vec<String> = (0..width)
        .map(|c| fold(&table.rows[last][c].text()))
        .collect();
    let mut parent = String::new();
    (0..width)
        .map(|c| {
            if !top[c].is_empty() {
                parent = top[c].clone();
            }
            match (top[c].is_empty(), below[c].is_empty()) {
                (_, true) => top[c].clone(),
                (true, false) => format!("{parent} {}", below[c]),
                (false, false) => format!("{} {}", top[c], below[c]),
            }
        })
        .collect()
}

/// Guesses the header and the columns of `kind` in `table`; refuses a sheet where the
/// required columns are not found, naming them.
pub fn guess(table: &Table, kind: Kind) -> Result<Mapping> {
    let mapping = guess_loose(table, kind);
    let found: BTreeMap<Field, usize> = mapping
        .columns
        .keys()
        .filter_map(|f| mapping.column(*f).map(|c| (*f, c)))
        .collect();
    if kind
        .fields()
        .iter()
        .any(|(f, req)| *req && !found.contains_key(f))
    {
        return Err(missing_columns(kind, &found));
    }
    Ok(mapping)
}

/// The required fields of `kind` that `mapping` leaves without a column.
pub fn missing(mapping: &Mapping) -> Vec<Field> {
    mapping
        .kind
        .fields()
        .iter()
        .filter(|(f, req)| *req && mapping.column(*f).is_none())
        .map(|(f, _)| *f)
        .collect()
}

/// The header's words over each column as the sheet shows them (a merged parent carried
/// right), for the clerk to choose columns by.
pub fn header_words(table: &Table, mapping: &Mapping) -> Vec<String> {
    let width = table.rows.first().map(Vec::len).unwrap_or(0);
    let first = mapping.header_first.saturating_sub(1);
    let last = mapping.header_last.saturating_sub(1).max(first);
    let text = |r: usize, c: usize| -> String {
        table
            .rows
            .get(r)
            .and_then(|row| row.get(c))
            .map(|cell| cell.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    let mut parent = String::new();
    (0..width)
        .map(|c| {
            let top = text(first, c);
            if first == last {
                return top;
            }
            let below = text(last, c);
            if !top.is_empty() {
                parent = top.clone();
            }
            match (top.is_empty(), below.is_empty()) {
                (_, true) => top,
                (true, false) if parent.is_empty() => below,
                (true, false) => format!("{parent}: {below}"),
                (false, false) => format!("{top}: {below}"),
            }
        })
        .collect()
}

/// The best header and columns of `kind` in `table`, even when some required column is not
/// found (the window then asks the clerk to choose it).
pub fn guess_loose(table: &Table, kind: Kind) -> Mapping {
    let scan = table.rows.len().min(40);
    let mut best: Option<(usize, usize, usize)> = None; // (matches, first, last)
    for first in 0..scan {
        for last in [first, first + 1] {
            if last >= table.rows.len() {
                continue;
            }
            if last > first
                && table.rows[last]
                    .iter()
                    .any(|c| matches!(c, Cell::Number(_) | Cell::Date(_)))
            {
                continue;
            }
            let labels = labels(table, first, last);
            let found = assign(&labels, kind);
            let required_found = kind
                .fields()
                .iter()
                .filter(|(f, req)| *req && found.contains_key(f))
                .count();
            let m = found.len() + 10 * required_found;
            if best.is_none_or(|(b, _, _)| m > b) {
                best = Some((m, first, last));
            }
        }
    }
    let Some((_, first, last)) = best else {
        return Mapping {
            kind,
            header_first: 1,
            header_last: 1,
            columns: BTreeMap::new(),
        };
    };
    let found = assign(&labels(table, first, last), kind);
    Mapping {
        kind,
        header_first: first + 1,
        header_last: last + 1,
        columns: found
            .into_iter()
            .map(|(f, c)| (f, column_letters(c)))
            .collect(),
    }
}

fn missing_columns(kind: Kind, found: &BTreeMap<Field, usize>) -> Error {
    let missing: Vec<&str> = kind
        .fields()
        .iter()
        .filter(|(f, req)| *req && !found.contains_key(f))
        .map(|(f, _)| f.label())
        .collect();
    Error::ImportColumns {
        missing: missing.join(", "),
    }
}

/// Gives each field of `kind` the column whose label names it best (each column one field).
fn assign(labels: &[String], kind: Kind) -> BTreeMap<Field, usize> {
    let mut scored: Vec<(u8, Field, usize)> = Vec::new();
    for (field, _) in kind.fields() {
        for (c, label) in labels.iter().enumerate() {
            if label.is_empty() {
                continue;
            }
            let s = score(label, field.words(kind));
            if s > 0 {
                scored.push((s, *field, c));
            }
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut out = BTreeMap::new();
    let mut used = Vec::new();
    for (_, field, c) in scored {
        if out.contains_key(&field) || used.contains(&c) {
            continue;
        }
        out.insert(field, c);
        used.push(c);
    }
    // why: a cash book's "Số phiếu" over "Thu | Chi" is two voucher columns, not one.
    if out.contains_key(&Field::VoucherIn) || out.contains_key(&Field::VoucherOut) {
        out.remove(&Field::Voucher);
    }
    out
}

/// Why a row of the sheet is not an entry, or None when it is one to read.
pub fn passed_over(row: &[Cell], mapping: &Mapping) -> Option<&'static str> {
    if row.iter().all(Cell::is_blank) {
        return Some("dòng trống");
    }
    // why: "Cộng", "Tổng cộng", "Số dư đầu kỳ"… name a whole row; a description that only
    // begins with such a word ("Công tác phí", "Tồn đọng…") is an entry, so only these
    // phrases, whole or followed by more words, mark a row, and never one with a date.
    const TOTALS: [&str; 20] = [
        "cong",
        "cong thang",
        "cong quy",
        "cong nam",
        "cong phat sinh",
        "cong so phat sinh",
        "cong luy ke",
        "cong chuyen sang",
        "cong trang",
        "cong ca nam",
        "tong cong",
        "tong so",
        "so du dau",
        "so du cuoi",
        "ton dau",
        "ton cuoi",
        "luy ke",
        "chuyen sang",
        "mang sang",
        "so trang truoc",
    ];
    let dated = mapping
        .column(Field::Date)
        .and_then(|c| row.get(c))
        .is_some_and(|c| matches!(c, Cell::Date(_)) || super::parse_date(c).is_ok());
    for cell in row {
        if let Cell::Text(t) = cell {
            let f: String = fold(t)
                .replace([':', '.', ',', '(', ')', '-'], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let total = TOTALS
                .iter()
                .any(|w| f == *w || (*w != "cong" && f.starts_with(&format!("{w} "))));
            if total && !dated {
                return Some("dòng cộng, số dư hoặc chuyển sang");
            }
        }
    }
    // A header repeated on each printed page.
    let repeated = mapping
        .columns
        .iter()
        .filter_map(|(f, c)| column_index(c).map(|i| (f, i)))
        .filter(|(f, i)| {
            row.get(*i)
                .is_some_and(|cell| score(&fold(&cell.text()), f.words(mapping.kind)) >= 6)
        })
        .count();
    if repeated >= 2 {
        return Some("dòng tiêu đề lặp lại");
    }
    None
}

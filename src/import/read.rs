//! Reading an office's sheet into rows of cells: .xlsx, .xls and .ods with calamine, .csv with
//! the csv crate, its bytes decoded by encoding_rs (UTF-8 with or without a BOM, UTF-16 as Excel's
//! "Unicode text" writes it, or the Windows code pages of old office PCs, 1258 and 1252, told apart
//! by which one reads as Vietnamese). Nothing is interpreted here beyond the cell's own type.

use crate::error::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// Text, NFC, trimmed of nothing (the layout reads it).
    Text(String),
    /// A number cell (exact decimal of the value the sheet stores).
    Number(Decimal),
    /// A cell formatted as a date.
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text (numbers in plain digits), for headers, names and memos.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.normalize().to_string(),
            Cell::Date(d) => crate::date::show(*d),
        }
    }

    /// True for an empty cell or one holding only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet read from a file.
#[derive(Debug, Clone)]
pub struct Table {
    /// The sheet's name (the file's name for a CSV).
    pub name: String,
    /// All sheets of the file, to choose from.
    pub sheets: Vec<String>,
    /// Rows as in the file (row 0 is the file's first row), each padded to the same width.
    pub rows: Vec<Vec<Cell>>,
    /// For a CSV: the encoding its bytes were read in ("UTF-8", "windows-1258"…).
    pub encoding: Option<String>,
}

/// Reads `sheet` (or the first sheet) of the file at `path`. `encoding` forces the encoding of
/// a CSV ("utf-8", "windows-1258", "windows-1252"); None detects it.
pub fn read(path: &Path, sheet: Option<&str>, encoding: Option<&str>) -> Result<Table> {
    let shown = path.display().to_string();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !path.exists() {
        return Err(Error::ImportFile {
            path: shown,
            detail: "không tìm thấy tệp".into(),
        });
    }
    match ext.as_str() {
        "csv" | "txt" | "tsv" => read_csv(path, encoding),
        "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" => read_workbook(path, sheet),
        _ => Err(Error::ImportFile {
            path: shown,
            detail: "chỉ đọc được .xlsx, .xls, .ods và .csv".into(),
        }),
    }
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Table> {
    use calamine::Reader;
    let fail = |detail: String| Error::ImportFile {
        path: path.display().to_string(),
        detail,
    };
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|e| fail(format!("không mở được bảng tính ({e})")))?;
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(s) => sheets
            .iter()
            .find(|n| n.as_str() == s || crate::text::fold(n) == crate::text::fold(s))
            .cloned()
            .ok_or_else(|| Error::InvalidChoice {
                field: "Trang tính".into(),
                input: s.to_string(),
                allowed: sheets.join(", "),
            })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| fail("bảng tính không có trang nào".into()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| fail(format!("không đọc được trang {name} ({e})")))?;
    let (top, left) = range
        .start()
        .map(|(r, c)| (r as usize, c as usize))
        .unwrap_or((0, 0));
    let (height, width) = range.get_size();
    let mut rows = vec![vec![Cell::Empty; left + width]; top];
    for r in range.rows() {
        let mut row = vec![Cell::Empty; left];
        row.extend(r.iter().map(cell_of));
        rows.push(row);
    }
    debug_assert_eq!(rows.len(), top + height);
    Ok(Table {
        name,
        sheets,
        rows,
        encoding: None,
    })
}

fn cell_of(data: &calamine::Data) -> Cell {
    use calamine::Data;
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Int(i) => Cell::Number(Decimal::from(*i)),
        Data::Float(x) => decimal_of(*x).map_or(Cell::Empty, Cell::Number),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| Cell::Date(d.date()))
            .or_else(|| decimal_of(dt.as_f64()).map(Cell::Number))
            .unwrap_or(Cell::Empty),
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map(Cell::Date)
            .unwrap_or_else(|_| text_cell(s)),
        Data::DurationIso(s) => text_cell(s),
    }
}

/// The exact decimal of a sheet's binary number, written as its shortest round-trip digits
/// (what the sheet shows at full precision), so 1500000 stays 1500000 and 12,5 stays 12,5.
fn decimal_of(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{value}"))
        .or_else(|_| Decimal::from_scientific(&format!("{value:e}")))
        .ok()
}

fn text_cell(s: &str) -> Cell {
    use unicode_normalization::UnicodeNormalization;
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.nfc().collect())
    }
}

fn read_csv(path: &Path, encoding: Option<&str>) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (text, used) = decode(&bytes, encoding).map_err(|detail| Error::ImportFile {
        path: path.display().to_string(),
        detail,
    })?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::ImportFile {
            path: path.display().to_string(),
            detail: format!("dòng CSV hỏng ({e})"),
        })?;
        // why: rows are numbered as the file's lines (the clerk looks them up there); the
        // reader skips blank lines, so they are put back as blank rows.
        let line = record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(rows.len() + 1);
        while rows.len() + 1 < line {
            rows.push(Vec::new());
        }
        rows.push(record.iter().map(text_cell).collect::<Vec<_>>());
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut rows {
        r.resize(width, Cell::Empty);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Table {
        name: name.clone(),
        sheets: vec![name],
        rows,
        encoding: Some(used.to_string()),
    })
}

/// Decodes a CSV's bytes; returns the text and the encoding's name.
fn decode(
    bytes: &[u8],
    forced: Option<&str>,
) -> std::result::Result<(String, &'static str), String> {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1258};
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            format!("không biết bảng mã “{label}”; dùng utf-8, windows-1258 hoặc windows-1252")
        })?;
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            return Err(format!("tệp không phải bảng mã {}", enc.name()));
        }
        return Ok((text.into_owned(), enc.name()));
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[bom..]);
        if bad {
            return Err(format!("tệp có dấu BOM {} nhưng chữ bị hỏng", enc.name()));
        }
        let name = if enc == UTF_16LE || enc == UTF_16BE {
            "UTF-16"
        } else {
            "UTF-8"
        };
        return Ok((text.into_owned(), name));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), UTF_8.name()));
    }
    // why: old office PCs wrote CSV in their ANSI code page; Vietnamese Windows used 1258
    // (letters with combining tones), Western ones 1252. The one that reads as Vietnamese wins.
    let (vn, _, _) = WINDOWS_1258.decode(bytes);
    let (west, _, _) = WINDOWS_1252.decode(bytes);
    let score = |t: &str| -> i64 {
        use unicode_normalization::UnicodeNormalization;
        let nfc: String = t.nfc().collect();
        let vietnamese = nfc
            .chars()
            .filter(|c| "ăâđêôơưĂÂĐÊÔƠƯ".contains(*c) || ('\u{1EA0}'..='\u{1EF9}').contains(c))
            .count() as i64;
        let stray = nfc
            .chars()
            .filter(|c| unicode_normalization::char::is_combining_mark(*c))
            .count() as i64;
        vietnamese - 3 * stray
    };
    Ok(if score(&vn) >= score(&west) {
        (vn.nfc_string(), WINDOWS_1258.name())
    } else {
        (west.into_owned(), WINDOWS_1252.name())
    })
}

trait NfcString {
    fn nfc_string(&self) -> String;
}

impl NfcString for std::borrow::Cow<'_, str> {
    fn nfc_string(&self) -> String {
        use unicode_normalization::UnicodeNormalization;
        self.nfc().collect()
    }
}

/// The separator of a CSV: a comma, the semicolon of Vietnamese Excel, or a tab.
fn sniff_delimiter(text: &str) -> u8 {
    let sample: Vec<&str> = text.lines().take(20).collect();
    let count = |d: char| sample.iter().map(|l| l.matches(d).count()).sum::<usize>();
    let (comma, semi, tab) = (count(','), count(';'), count('\t'));
    if tab >= comma && tab >= semi && tab > 0 {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

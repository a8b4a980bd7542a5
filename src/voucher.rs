//! Voucher numbers as office practice keeps them: phiếu thu (PT, cash in), phiếu chi (PC, cash
//! out), phiếu nhập kho (PN, rice in), phiếu xuất kho (PX, rice out), numbered per commune, per
//! kind, per year, without gaps: `PN-2026-0007`. Trips (CX) and repair projects (CT) get numbers
//! from the same counters. A number is taken inside the transaction that posts the entry, so a
//! refused entry leaves no gap; a voided entry keeps its number.

use crate::book::Tx;
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of numbered document.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VoucherKind {
    /// phiếu thu — cash in
    PT,
    /// phiếu chi — cash out
    PC,
    /// phiếu nhập kho — rice in
    PN,
    /// phiếu xuất kho — rice out
    PX,
    /// chuyến xe — a patient trip
    CX,
    /// công trình — a repair project
    CT,
}

impl VoucherKind {
    /// The two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            VoucherKind::PT => "PT",
            VoucherKind::PC => "PC",
            VoucherKind::PN => "PN",
            VoucherKind::PX => "PX",
            VoucherKind::CX => "CX",
            VoucherKind::CT => "CT",
        }
    }

    /// Vietnamese name of the document.
    pub fn label(self) -> &'static str {
        match self {
            VoucherKind::PT => "Phiếu thu",
            VoucherKind::PC => "Phiếu chi",
            VoucherKind::PN => "Phiếu nhập kho",
            VoucherKind::PX => "Phiếu xuất kho",
            VoucherKind::CX => "Chuyến xe",
            VoucherKind::CT => "Công trình",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "PT" => VoucherKind::PT,
            "PC" => VoucherKind::PC,
            "PN" => VoucherKind::PN,
            "PX" => VoucherKind::PX,
            "CX" => VoucherKind::CX,
            "CT" => VoucherKind::CT,
            _ => return None,
        })
    }
}

/// A document number: kind, year, sequence.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ts", ts(type = "string"))]
pub struct Voucher {
    pub kind: VoucherKind,
    pub year: i32,
    pub seq: i64,
}

impl fmt::Display for Voucher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}-{:04}", self.kind.code(), self.year, self.seq)
    }
}

impl FromStr for Voucher {
    type Err = Error;

    /// Reads `PN-2026-0007` (case and leading zeros do not matter).
    fn from_str(input: &str) -> Result<Self> {
        let bad = || Error::UnknownVoucher {
            voucher: input.trim().to_string(),
        };
        let upper = input.trim().to_uppercase();
        let mut parts = upper.split('-');
        let (Some(k), Some(y), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let kind = VoucherKind::from_code(k).ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let seq: i64 = s.parse().map_err(|_| bad())?;
        if y.len() != 4 || seq <= 0 {
            return Err(bad());
        }
        Ok(Voucher { kind, year, seq })
    }
}

impl TryFrom<String> for Voucher {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        value.parse()
    }
}

impl From<Voucher> for String {
    fn from(v: Voucher) -> String {
        v.to_string()
    }
}

/// Takes the next number of `kind` for a commune and year.
pub(crate) fn next(tx: &Tx, commune_id: i64, kind: VoucherKind, year: i32) -> Result<Voucher> {
    let last: Option<i64> = tx
        .query_row(
            "SELECT last FROM number_counters WHERE commune_id = ?1 AND kind = ?2 AND year = ?3",
            params![commune_id, kind.code(), year],
            |r| r.get(0),
        )
        .optional()?;
    let seq = last.unwrap_or(0) + 1;
    tx.execute(
        "INSERT INTO number_counters (commune_id, kind, year, last) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (commune_id, kind, year) DO UPDATE SET last = excluded.last",
        params![commune_id, kind.code(), year, seq],
    )?;
    Ok(Voucher { kind, year, seq })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voucher_numbers_print_and_read_back() {
        let v = Voucher {
            kind: VoucherKind::PN,
            year: 2026,
            seq: 7,
        };
        assert_eq!(v.to_string(), "PN-2026-0007");
        assert_eq!("pn-2026-7".parse::<Voucher>().ok(), Some(v));
        assert!("PQ-2026-0001".parse::<Voucher>().is_err());
        assert!("PN-26-0001".parse::<Voucher>().is_err());
        assert!("PN-2026-0000".parse::<Voucher>().is_err());
    }
}

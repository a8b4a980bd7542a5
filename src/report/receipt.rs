//! Giấy biên nhận: the receipt given to a donor for one cash-in (PT) or rice-in (PN) voucher
//! (Nghị định 93/2021: receipts are issued to donors on request).
//!
//! It states the voucher number, the date (and the lunar date for rice), the giver, the amount in
//! figures and in words, and what it was given for. A voided voucher still prints, marked void,
//! so that a receipt is never issued for a number the books do not count without saying so.

use super::layout::{Block, Cell, Document, Signature};
use super::words::{kg_in_words, vnd_in_words};
use super::{slug, snapshot, Amount, CommuneName, Meta};
use crate::book::Book;
use crate::error::{Error, Result};
use crate::ledger::{Category, Program};
use crate::lunar;
use crate::place::CommuneId;
use crate::voucher::{Voucher, VoucherKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A receipt for one donation voucher.
#[derive(Debug, Clone, Serialize)]
pub struct DonorReceipt {
    pub meta: Meta,
    pub commune: CommuneName,
    pub voucher: String,
    pub kind: VoucherKind,
    pub date: NaiveDate,
    /// "15/01/2026 ÂL" for rice; empty for cash.
    pub lunar: String,
    /// The giver as printed ("Nhà hảo tâm" when anonymous).
    pub donor: String,
    pub program: Program,
    pub category: Category,
    pub amount: Amount,
    /// "Một triệu năm trăm nghìn đồng".
    pub amount_words: String,
    pub memo: String,
    pub void_reason: Option<String>,
}

/// Builds the receipt of a PT or PN voucher of a commune (`PT-2026-0001`).
pub fn donor_receipt(
    book: &Book,
    commune: CommuneId,
    voucher: &str,
    now: DateTime<Utc>,
) -> Result<DonorReceipt> {
    let number: Voucher = voucher.parse()?;
    if !matches!(number.kind, VoucherKind::PT | VoucherKind::PN) {
        return Err(Error::InvalidChoice {
            field: "Số phiếu của giấy biên nhận".into(),
            input: voucher.trim().into(),
            allowed: "phiếu thu (PT), phiếu nhập kho (PN)".into(),
        });
    }
    snapshot(book, || {
        let commune = book.commune(commune)?;
        let meta = Meta::new(book, Some(&commune), now)?;
        let row = book.find_voucher(&number.to_string(), Some(&commune.title()))?;
        let donor = match (&row.party, &row.hamlet) {
            (Some(p), _) => p.clone(),
            (None, Some(_)) => super::hamlet_givers(row.hamlet.as_deref(), row.households),
            (None, None) => crate::people::ANONYMOUS.to_string(),
        };
        let amount = Amount::of(row.asset, row.amount);
        let amount_words = match amount {
            Amount::Cash(v) => vnd_in_words(v),
            Amount::Rice(k) => kg_in_words(k),
        };
        Ok(DonorReceipt {
            meta,
            commune: (&commune).into(),
            voucher: row.voucher.clone(),
            kind: number.kind,
            date: row.date,
            lunar: match number.kind {
                VoucherKind::PN => lunar::solar_to_lunar(row.date)
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            },
            donor,
            program: row.program,
            category: row.category,
            amount,
            amount_words,
            memo: row.memo.clone(),
            void_reason: row.void_reason.clone(),
        })
    })
}

impl DonorReceipt {
    /// The printable document: one page, the facts, the thanks and three signatures.
    pub fn document(&self) -> Document {
        let mut doc = Document::new(
            &self.meta,
            "GIẤY BIÊN NHẬN",
            vec![format!("Số: {}", self.voucher)],
            slug(&["bien-nhan", &self.voucher, &self.commune.name]),
            &format!("Bien nhan {}", self.voucher),
        );
        if let Some(reason) = &self.void_reason {
            doc.blocks.push(Block::Heading {
                text: format!("PHIẾU ĐÃ HỦY — {reason}"),
            });
        }
        let anonymous = self.donor == crate::people::ANONYMOUS;
        let receiver = if self.meta.organisation.is_empty() {
            self.commune.title.clone()
        } else {
            self.meta.organisation.clone()
        };
        let what = match self.amount {
            Amount::Cash(_) => "Số tiền (đồng)",
            Amount::Rice(_) => "Số gạo (kg)",
        };
        let purpose = if self.memo.trim().is_empty() {
            format!(
                "{} — mô hình {}",
                self.category.label(),
                self.program.label()
            )
        } else {
            format!("{} — mô hình {}", self.memo.trim(), self.program.label())
        };
        let mut lines = vec![
            ("Đơn vị nhận".to_string(), Cell::text(receiver)),
            (
                "Họ tên người, đơn vị ủng hộ".to_string(),
                Cell::text(&self.donor),
            ),
            ("Ngày nhận".to_string(), Cell::Date(self.date)),
        ];
        if !self.lunar.is_empty() {
            lines.push(("Ngày âm lịch".to_string(), Cell::text(&self.lunar)));
        }
        lines.push(("Nội dung".to_string(), Cell::text(purpose)));
        lines.push((what.to_string(), Cell::amount(self.amount)));
        lines.push(("Bằng chữ".to_string(), Cell::text(&self.amount_words)));
        doc.blocks.push(Block::Facts { lines });
        doc.blocks.push(Block::Paragraph {
            text: format!(
                "Thay mặt những người được giúp đỡ, xin chân thành cảm ơn tấm lòng của {}.",
                if anonymous {
                    "quý nhà hảo tâm".to_string()
                } else {
                    self.donor.clone()
                }
            ),
        });
        doc.signatures = Signature::receipt(&self.meta, if anonymous { "" } else { &self.donor });
        doc
    }
}

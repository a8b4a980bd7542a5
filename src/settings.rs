//! The office's settings kept inside the book: who keeps it and who signs its reports.
//!
//! Stored as keys in `settings`, each change audited. The owning organisation is free text (MTTQ,
//! Hội Phụ nữ, Chữ thập đỏ, a Hòa Hảo board…), never a fixed list.

use crate::audit::{self, Change};
use crate::book::Book;
use crate::error::Result;
use crate::text;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The office and signatories, as shown in Settings and printed on reports.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// Parent body, printed in capitals at the top left ("UBND TỈNH AN GIANG").
    pub parent_body: String,
    /// Issuing body ("ỦY BAN NHÂN DÂN XÃ PHÚ HỮU").
    pub issuing_body: String,
    /// The organisation that keeps the books ("Ban công tác Mặt trận xã Phú Hữu").
    pub organisation: String,
    /// Place name for the date line ("Phú Hữu").
    pub place: String,
    /// Người lập biểu.
    pub preparer: String,
    /// Kế toán.
    pub accountant: String,
    /// Thủ quỹ.
    pub cashier: String,
    /// Chủ tịch (or the head who signs).
    pub chairman: String,
}

const KEYS: [&str; 8] = [
    "parent_body",
    "issuing_body",
    "organisation",
    "place",
    "preparer",
    "accountant",
    "cashier",
    "chairman",
];

impl Office {
    fn fields(&self) -> [&String; 8] {
        [
            &self.parent_body,
            &self.issuing_body,
            &self.organisation,
            &self.place,
            &self.preparer,
            &self.accountant,
            &self.cashier,
            &self.chairman,
        ]
    }

    fn fields_mut(&mut self) -> [&mut String; 8] {
        [
            &mut self.parent_body,
            &mut self.issuing_body,
            &mut self.organisation,
            &mut self.place,
            &mut self.preparer,
            &mut self.accountant,
            &mut self.cashier,
            &mut self.chairman,
        ]
    }
}

impl Book {
    /// The office settings (empty strings where unset).
    pub fn office(&self) -> Result<Office> {
        let mut office = Office::default();
        for (key, field) in KEYS.iter().zip(office.fields_mut()) {
            let value: Option<String> = self
                .conn
                .query_row(
                    "SELECT value FROM settings WHERE key = ?1",
                    [format!("office.{key}")],
                    |r| r.get(0),
                )
                .optional()?;
            *field = value.unwrap_or_default();
        }
        Ok(office)
    }

    /// Saves the office settings.
    pub fn set_office(&mut self, office: &Office) -> Result<()> {
        let mut clean = office.clone();
        for field in clean.fields_mut() {
            *field = text::clean("Thông tin đơn vị", field, text::MAX_NAME)?;
        }
        let before = self.office()?;
        self.write(|tx| {
            for (key, value) in KEYS.iter().zip(clean.fields()) {
                audit::track(tx, "settings", &[format!("office.{key}").into()])?;
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![format!("office.{key}"), value],
                )?;
            }
            audit::record(
                tx,
                Change {
                    action: "update",
                    entity: "settings",
                    entity_id: "office",
                    before: Some(json!(before)),
                    after: Some(json!(clean)),
                },
            )?;
            Ok(())
        })
    }
}

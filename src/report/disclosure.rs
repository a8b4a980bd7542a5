//! Danh sách công khai: what was received and who was supported, for posting at the office and in
//! the hamlets (Nghị định 93/2021, Article 14).
//!
//! Who gave what: every receipt of the month that is not voided, cash or rice, with the giver's
//! name ("Nhà hảo tâm" for anonymous gifts, the hamlet's households for a collection round).
//! Who received what: each household supported in the month, with its rice in kg and its cash in
//! đồng (a cash handout to a named person is matched to the commune's household of that name).

use super::layout::{Block, Cell, Column, Document, Orientation, Row, RowKind, Table};
use super::{slug, snapshot, CommuneName, Meta};
use crate::book::Book;
use crate::date::Month;
use crate::error::Result;
use crate::ledger::{Asset, Category, Direction, Program};
use crate::money::{Kg, Vnd};
use crate::place::CommuneId;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::Serialize;

/// The public disclosure list of a commune for a month.
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureList {
    pub meta: Meta,
    pub commune: CommuneName,
    pub month: Month,
    pub givers: Vec<GiverLine>,
    pub given_cash: Vnd,
    pub given_rice: Kg,
    pub receivers: Vec<ReceiverLine>,
    pub received_cash: Vnd,
    pub received_rice: Kg,
}

/// One gift received.
#[derive(Debug, Clone, Serialize)]
pub struct GiverLine {
    pub date: NaiveDate,
    pub voucher: String,
    pub name: String,
    pub program: Program,
    pub cash: Option<Vnd>,
    pub rice: Option<Kg>,
}

/// One household supported in the month.
#[derive(Debug, Clone, Serialize)]
pub struct ReceiverLine {
    pub name: String,
    pub hamlet: Option<String>,
    pub rice: Kg,
    pub cash: Vnd,
    /// How many handouts.
    pub times: i64,
}

/// Builds the disclosure list of a commune for a month.
pub fn disclosure_list(
    book: &Book,
    commune: CommuneId,
    month: Month,
    now: DateTime<Utc>,
) -> Result<DisclosureList> {
    snapshot(book, || {
        let commune = book.commune(commune)?;
        let meta = Meta::new(book, Some(&commune), now)?;
        let rows = book.month_movements(commune.id, month)?;
        let live = || rows.iter().filter(|r| r.void_reason.is_none());
        let givers: Vec<GiverLine> = live()
            .filter(|r| r.direction == Direction::In)
            .map(|r| {
                let name = match &r.party {
                    Some(p) => p.clone(),
                    None => super::hamlet_givers(r.hamlet.as_deref(), r.households),
                };
                let (cash, rice) = match r.asset {
                    Asset::Cash => (Some(Vnd::from_stored(r.amount)), None),
                    Asset::Rice => (None, Some(Kg::from_stored(r.amount))),
                };
                GiverLine {
                    date: r.date,
                    voucher: r.voucher.clone(),
                    name,
                    program: r.program,
                    cash,
                    rice,
                }
            })
            .collect();
        let mut receivers: Vec<ReceiverLine> = Vec::new();
        let mut find_household = book.connection().prepare_cached(
            "SELECT h.name, a.name FROM households h LEFT JOIN hamlets a ON a.id = h.hamlet_id
             WHERE h.commune_id = ?1 AND h.name_fold = ?2",
        )?;
        for r in live().filter(|r| r.direction == Direction::Out) {
            let (name, hamlet) = match (&r.household, &r.party) {
                (Some(h), _) => (h.clone(), r.hamlet.clone()),
                (None, Some(p)) if r.category == Category::Handout => {
                    let found: Vec<(String, Option<String>)> = find_household
                        .query_map(params![commune.id.0, crate::text::fold(p)], |x| {
                            Ok((x.get(0)?, x.get(1)?))
                        })?
                        .collect::<rusqlite::Result<_>>()?;
                    match found.as_slice() {
                        [(n, a)] => (n.clone(), a.clone()),
                        _ => (p.clone(), None),
                    }
                }
                _ => continue,
            };
            // why: "Tư" and "Tứ" of one hamlet are two households; only letter case is the same.
            let key = (name.to_lowercase(), hamlet.clone());
            let line = match receivers
                .iter_mut()
                .find(|l| (l.name.to_lowercase(), l.hamlet.clone()) == key)
            {
                Some(l) => l,
                None => {
                    receivers.push(ReceiverLine {
                        name,
                        hamlet,
                        rice: Kg::ZERO,
                        cash: Vnd::ZERO,
                        times: 0,
                    });
                    match receivers.last_mut() {
                        Some(l) => l,
                        None => continue,
                    }
                }
            };
            line.times += 1;
            match r.asset {
                Asset::Cash => line.cash = Vnd::from_stored(line.cash.stored() + r.amount),
                Asset::Rice => line.rice = Kg::from_stored(line.rice.stored() + r.amount),
            }
        }
        receivers.sort_by(|a, b| {
            (
                a.hamlet.as_deref().map(crate::text::fold),
                crate::text::fold(&a.name),
            )
                .cmp(&(
                    b.hamlet.as_deref().map(crate::text::fold),
                    crate::text::fold(&b.name),
                ))
        });
        let sum_vnd =
            |it: &mut dyn Iterator<Item = Vnd>| Vnd::from_stored(it.map(|v| v.stored()).sum());
        let sum_kg =
            |it: &mut dyn Iterator<Item = Kg>| Kg::from_stored(it.map(|v| v.stored()).sum());
        Ok(DisclosureList {
            meta,
            commune: (&commune).into(),
            month,
            given_cash: sum_vnd(&mut givers.iter().filter_map(|g| g.cash)),
            given_rice: sum_kg(&mut givers.iter().filter_map(|g| g.rice)),
            received_cash: sum_vnd(&mut receivers.iter().map(|r| r.cash)),
            received_rice: sum_kg(&mut receivers.iter().map(|r| r.rice)),
            givers,
            receivers,
        })
    })
}

impl DisclosureList {
    /// The printable document: the gifts, then the households supported.
    pub fn document(&self) -> Document {
        let mut doc = Document::new(
            &self.meta,
            "DANH SÁCH CÔNG KHAI",
            vec![
                format!("Các khoản tiếp nhận và hỗ trợ tháng {}", self.month.show()),
                self.commune.title.clone(),
            ],
            slug(&["cong-khai", &self.month.to_string(), &self.commune.name]),
            &format!("Cong khai {}", self.month),
        );
        doc.orientation = Orientation::Portrait;
        doc.blocks.push(Block::Heading {
            text: "I. CÁC KHOẢN TIẾP NHẬN".into(),
        });
        doc.blocks.push(Block::Table(Table {
            columns: vec![
                Column::index(),
                Column::text("Ngày", 11),
                Column::code("Số phiếu", 13),
                Column::text("Người, đơn vị ủng hộ", 30),
                Column::text("Mô hình", 17),
                Column::number("Tiền (đồng)", 13),
                Column::number("Gạo (kg)", 11),
            ],
            rows: self
                .givers
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    Row::body(vec![
                        Cell::Count(i as i64 + 1),
                        Cell::Date(g.date),
                        Cell::text(&g.voucher),
                        Cell::text(&g.name),
                        Cell::text(g.program.label()),
                        g.cash.map(Cell::Vnd).unwrap_or(Cell::Empty),
                        g.rice.map(Cell::Kg).unwrap_or(Cell::Empty),
                    ])
                })
                .collect(),
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::text("Cộng tiếp nhận"),
                    Cell::Empty,
                    Cell::Vnd(self.given_cash),
                    Cell::Kg(self.given_rice),
                ],
            )],
        }));
        doc.blocks.push(Block::Heading {
            text: "II. CÁC HỘ ĐƯỢC HỖ TRỢ".into(),
        });
        doc.blocks.push(Block::Table(Table {
            columns: vec![
                Column::index(),
                Column::text("Họ tên chủ hộ", 36),
                Column::text("Ấp", 20),
                Column::number("Số lần", 8),
                Column::number("Gạo (kg)", 14),
                Column::number("Tiền (đồng)", 17),
            ],
            rows: self
                .receivers
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    Row::body(vec![
                        Cell::Count(i as i64 + 1),
                        Cell::text(&r.name),
                        Cell::text(r.hamlet.clone().unwrap_or_default()),
                        Cell::Count(r.times),
                        Cell::Kg(r.rice),
                        Cell::Vnd(r.cash),
                    ])
                })
                .collect(),
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::text(format!("Cộng: {} hộ", self.receivers.len())),
                    Cell::Empty,
                    Cell::Count(self.receivers.iter().map(|r| r.times).sum()),
                    Cell::Kg(self.received_rice),
                    Cell::Vnd(self.received_cash),
                ],
            )],
        }));
        let office = if self.meta.organisation.is_empty() {
            format!(
                "Ủy ban nhân dân {}",
                super::lower_first(&self.commune.title)
            )
        } else {
            self.meta.organisation.clone()
        };
        doc.notes.push(format!(
            "Danh sách được niêm yết công khai tại trụ sở và các ấp. Mọi ý kiến phản ánh xin gửi về {office}."
        ));
        doc
    }
}

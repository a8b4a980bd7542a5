//! Quyết toán công trình: the settlement of one repair project over its whole life.
//!
//! Contributions by donor and costs by category (the project's ledger entries, voids excluded),
//! what is left, the work log with its workdays and the materials given in kind, and a list of
//! every voucher of the project, voided ones marked, so that the settlement can be checked
//! against the fund book.

use super::layout::{Block, Cell, Column, Document, Row, RowKind, Table};
use super::{slug, snapshot, CommuneName, Meta, Workdays};
use crate::book::Book;
use crate::error::Result;
use crate::ledger::{Category, Direction};
use crate::money::Vnd;
use crate::place::Commune;
use crate::place::CommuneId;
use crate::repair::{Project, ProjectStatus, WorkDay, WorkKind};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::Serialize;

/// The settlement of one project.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectSettlement {
    pub meta: Meta,
    pub commune: CommuneName,
    pub project: Project,
    pub contributions: Vec<DonorLine>,
    pub total_received: Vnd,
    pub costs: Vec<CostLine>,
    pub total_spent: Vnd,
    /// Received less spent (negative when the fund paid more than was given for the project).
    pub balance: Vnd,
    pub work_log: Vec<WorkDay>,
    pub workdays: Workdays,
    /// Volunteer turns (a person on a day counts once).
    pub volunteers: i64,
    /// Every voucher of the project, voided ones marked.
    pub vouchers: Vec<ProjectVoucher>,
}

/// What one donor gave for the project.
#[derive(Debug, Clone, Serialize)]
pub struct DonorLine {
    pub donor: String,
    pub vouchers: Vec<String>,
    pub amount: Vnd,
}

/// What was spent on one category.
#[derive(Debug, Clone, Serialize)]
pub struct CostLine {
    pub category: Category,
    pub label: String,
    pub vouchers: Vec<String>,
    pub amount: Vnd,
}

/// One voucher of the project.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectVoucher {
    pub date: NaiveDate,
    pub voucher: String,
    pub direction: Direction,
    pub category: Category,
    pub party: String,
    pub memo: String,
    pub amount: Vnd,
    pub void_reason: Option<String>,
}

/// Finds a project of a commune by exact code or name (with or without diacritics), reading
/// only the project's row; anything looser goes to `Book::find_project`, which also says when a
/// name is ambiguous. Its money is filled in by the caller.
fn find_project(book: &Book, commune: &Commune, key: &str) -> Result<Project> {
    let conn = book.connection();
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM repair_projects
             WHERE commune_id = ?1 AND (code = ?2 OR name_fold = ?3) ORDER BY id",
        )?
        .query_map(
            params![
                commune.id.0,
                key.trim().to_uppercase(),
                crate::text::fold(key)
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let [id] = ids.as_slice() else {
        return book.find_project(commune, key);
    };
    Ok(conn.query_row(
        "SELECT p.code, p.name, p.kind, a.name, p.size, p.status, p.start_date, p.end_date, p.estimate
         FROM repair_projects p LEFT JOIN hamlets a ON a.id = p.hamlet_id WHERE p.id = ?1",
        [id],
        |r| {
            Ok(Project {
                id: *id,
                code: r.get(0)?,
                commune_id: commune.id,
                name: r.get(1)?,
                kind: WorkKind::parse(&r.get::<_, String>(2)?).unwrap_or(WorkKind::Bridge),
                hamlet: r.get(3)?,
                size: r.get(4)?,
                status: ProjectStatus::parse(&r.get::<_, String>(5)?).unwrap_or(ProjectStatus::Planned),
                start: r.get(6)?,
                end: r.get(7)?,
                estimate: r.get(8)?,
                received: Vnd::ZERO,
                spent: Vnd::ZERO,
                workdays_tenths: 0,
            })
        },
    )?)
}

/// Builds the settlement of a project of a commune, found by code (`CT-2026-0001`) or name.
pub fn project_settlement(
    book: &Book,
    commune: CommuneId,
    project: &str,
    now: DateTime<Utc>,
) -> Result<ProjectSettlement> {
    snapshot(book, || {
        let commune = book.commune(commune)?;
        let meta = Meta::new(book, Some(&commune), now)?;
        let mut project = find_project(book, &commune, project)?;
        let vouchers: Vec<ProjectVoucher> = book
            .connection()
            .prepare_cached(
                "SELECT m.date, m.voucher_kind || '-' || m.voucher_year || '-' || printf('%04d', m.voucher_seq),
                        m.direction, m.category, ifnull(p.name, ''), m.memo, m.amount, v.reason
                 FROM movements m
                 LEFT JOIN party_names p ON p.id = m.party_id
                 LEFT JOIN voids v ON v.movement_id = m.id
                 WHERE m.commune_id = ?2 AND m.project_id = ?1 ORDER BY m.date, m.id",
            )?
            .query_map(params![project.id, commune.id.0], |r| {
                Ok(ProjectVoucher {
                    date: r.get(0)?,
                    voucher: r.get(1)?,
                    direction: if r.get::<_, String>(2)? == "in" {
                        Direction::In
                    } else {
                        Direction::Out
                    },
                    category: Category::from_code(&r.get::<_, String>(3)?),
                    party: r.get(4)?,
                    memo: r.get(5)?,
                    amount: r.get(6)?,
                    void_reason: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let live = || vouchers.iter().filter(|v| v.void_reason.is_none());
        let mut contributions: Vec<DonorLine> = Vec::new();
        for v in live().filter(|v| v.direction == Direction::In) {
            let key = crate::text::fold(&v.party);
            match contributions
                .iter_mut()
                .find(|d| crate::text::fold(&d.donor) == key)
            {
                Some(d) => {
                    d.vouchers.push(v.voucher.clone());
                    d.amount = Vnd::from_stored(d.amount.stored() + v.amount.stored());
                }
                None => contributions.push(DonorLine {
                    donor: v.party.clone(),
                    vouchers: vec![v.voucher.clone()],
                    amount: v.amount,
                }),
            }
        }
        contributions.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.donor.cmp(&b.donor)));
        let mut costs: Vec<CostLine> = Vec::new();
        for v in live().filter(|v| v.direction == Direction::Out) {
            match costs.iter_mut().find(|c| c.category == v.category) {
                Some(c) => {
                    c.vouchers.push(v.voucher.clone());
                    c.amount = Vnd::from_stored(c.amount.stored() + v.amount.stored());
                }
                None => costs.push(CostLine {
                    category: v.category,
                    label: v.category.label().to_string(),
                    vouchers: vec![v.voucher.clone()],
                    amount: v.amount,
                }),
            }
        }
        costs.sort_by_key(|c| c.category);
        let total_received: i64 = contributions.iter().map(|d| d.amount.stored()).sum();
        let total_spent: i64 = costs.iter().map(|c| c.amount.stored()).sum();
        let work_log = book.work_log(project.id)?;
        let workdays = Workdays(work_log.iter().map(|w| w.workdays_tenths).sum());
        let volunteers = work_log.iter().map(|w| w.volunteers).sum();
        // why: the project's own totals, from the same vouchers as the settlement.
        project.received = Vnd::from_stored(total_received);
        project.spent = Vnd::from_stored(total_spent);
        project.workdays_tenths = workdays.0;
        Ok(ProjectSettlement {
            meta,
            commune: (&commune).into(),
            project,
            contributions,
            total_received: Vnd::from_stored(total_received),
            costs,
            total_spent: Vnd::from_stored(total_spent),
            balance: Vnd::from_stored(total_received - total_spent),
            work_log,
            workdays,
            volunteers,
            vouchers,
        })
    })
}

impl ProjectSettlement {
    /// The printable document.
    pub fn document(&self) -> Document {
        let p = &self.project;
        let mut doc = Document::new(
            &self.meta,
            "QUYẾT TOÁN CÔNG TRÌNH",
            vec![
                // why: names usually start with their kind ("Cầu Rạch Chanh"); never "Cầu Cầu".
                if crate::text::fold(&p.name).starts_with(&crate::text::fold(p.kind.label())) {
                    format!("{} ({})", p.name, p.code)
                } else {
                    format!("{} {} ({})", p.kind.label(), p.name, p.code)
                },
                self.commune.title.clone(),
            ],
            slug(&["quyet-toan", &p.code, &self.commune.name]),
            &format!("Quyet toan {}", p.code),
        );
        let date = |d: Option<NaiveDate>| d.map(Cell::Date).unwrap_or(Cell::text("—"));
        doc.blocks.push(Block::Facts {
            lines: vec![
                (
                    "Địa điểm".into(),
                    Cell::text(
                        p.hamlet
                            .as_deref()
                            .map(|h| super::capitalise(&super::hamlet_label(h)))
                            .unwrap_or_else(|| "—".into()),
                    ),
                ),
                (
                    "Quy mô".into(),
                    Cell::text(if p.size.is_empty() { "—" } else { &p.size }),
                ),
                ("Khởi công".into(), date(p.start)),
                ("Hoàn thành".into(), date(p.end)),
                ("Tình trạng".into(), Cell::text(p.status.label())),
                (
                    "Dự toán (đồng)".into(),
                    p.estimate.map(Cell::Vnd).unwrap_or(Cell::text("—")),
                ),
            ],
        });
        doc.blocks.push(Block::Heading {
            text: "I. CÁC KHOẢN ĐÓNG GÓP".into(),
        });
        doc.blocks.push(Block::Table(Table {
            columns: vec![
                Column::index(),
                Column::text("Người, đơn vị đóng góp", 40),
                Column::text("Số phiếu thu", 34),
                Column::number("Số tiền (đồng)", 20),
            ],
            rows: self
                .contributions
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    Row::body(vec![
                        Cell::Count(i as i64 + 1),
                        Cell::text(&d.donor),
                        Cell::text(d.vouchers.join(", ")),
                        Cell::Vnd(d.amount),
                    ])
                })
                .collect(),
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::text("Cộng thu"),
                    Cell::Empty,
                    Cell::Vnd(self.total_received),
                ],
            )],
        }));
        doc.blocks.push(Block::Heading {
            text: "II. CÁC KHOẢN CHI".into(),
        });
        doc.blocks.push(Block::Table(Table {
            columns: vec![
                Column::index(),
                Column::text("Nội dung chi", 40),
                Column::text("Số phiếu chi", 34),
                Column::number("Số tiền (đồng)", 20),
            ],
            rows: self
                .costs
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    Row::body(vec![
                        Cell::Count(i as i64 + 1),
                        Cell::text(&c.label),
                        Cell::text(c.vouchers.join(", ")),
                        Cell::Vnd(c.amount),
                    ])
                })
                .collect(),
            totals: vec![
                Row::new(
                    RowKind::Total,
                    vec![
                        Cell::Empty,
                        Cell::text("Cộng chi"),
                        Cell::Empty,
                        Cell::Vnd(self.total_spent),
                    ],
                ),
                Row::new(
                    RowKind::Total,
                    vec![
                        Cell::Empty,
                        Cell::text("Còn lại (thu – chi)"),
                        Cell::Empty,
                        Cell::Vnd(self.balance),
                    ],
                ),
            ],
        }));
        doc.blocks.push(Block::Heading {
            text: "III. NGÀY CÔNG VÀ VẬT TƯ".into(),
        });
        doc.blocks.push(Block::Table(Table {
            columns: vec![
                Column::text("Ngày", 12),
                Column::number("Số người", 10),
                Column::number("Ngày công", 10),
                Column::text("Vật tư", 38),
                Column::text("Ghi chú", 30),
            ],
            rows: self
                .work_log
                .iter()
                .map(|w| {
                    Row::body(vec![
                        Cell::Date(w.date),
                        Cell::Count(w.volunteers),
                        Cell::Workdays(Workdays(w.workdays_tenths)),
                        Cell::text(&w.materials),
                        Cell::text(&w.note),
                    ])
                })
                .collect(),
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::text("Cộng"),
                    Cell::Count(self.volunteers),
                    Cell::Workdays(self.workdays),
                    Cell::Empty,
                    Cell::Empty,
                ],
            )],
        }));
        doc.blocks.push(Block::Heading {
            text: "IV. BẢNG KÊ CHỨNG TỪ".into(),
        });
        let receipts: i64 = self.total_received.stored();
        let payments: i64 = self.total_spent.stored();
        doc.blocks.push(Block::Table(Table {
            columns: vec![
                Column::text("Ngày", 12),
                Column::code("Số phiếu", 15),
                Column::text("Diễn giải", 43),
                Column::number("Thu (đồng)", 15),
                Column::number("Chi (đồng)", 15),
            ],
            rows: self
                .vouchers
                .iter()
                .map(|v| {
                    let mut text = format!("{}: {}", v.category.label(), v.party);
                    if !v.memo.trim().is_empty() {
                        text = format!("{text} — {}", v.memo.trim());
                    }
                    let kind = match &v.void_reason {
                        Some(reason) => {
                            text = format!("{text} (ĐÃ HỦY: {reason})");
                            RowKind::Void
                        }
                        None => RowKind::Body,
                    };
                    let (inn, out) = match v.direction {
                        Direction::In => (Cell::Vnd(v.amount), Cell::Empty),
                        Direction::Out => (Cell::Empty, Cell::Vnd(v.amount)),
                    };
                    Row::new(
                        kind,
                        vec![
                            Cell::Date(v.date),
                            Cell::text(&v.voucher),
                            Cell::text(text),
                            inn,
                            out,
                        ],
                    )
                })
                .collect(),
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    Cell::text("Cộng (không tính phiếu đã hủy)"),
                    Cell::Vnd(Vnd::from_stored(receipts)),
                    Cell::Vnd(Vnd::from_stored(payments)),
                ],
            )],
        }));
        doc
    }
}

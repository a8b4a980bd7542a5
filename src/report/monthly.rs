//! Báo cáo tháng: the monthly summary of one commune, and of all communes side by side.
//!
//! For each program's fund: the opening balance (from `month_totals` only), the month's receipts
//! and payments by category (from the month's movements, voids excluded) and the closing balance,
//! in đồng and, for rice, in kg. Beside the money, each model's activity in the month: households
//! that gave and received rice, trips by destination, repair projects, workdays and materials.
//! The side-by-side overview is made of the communes' own summaries, so its figures cannot
//! differ from theirs; its total row is their sum.

use super::layout::{Block, Cell, Column, Document, Orientation, Row, RowKind, Table};
use super::{opening_balance, slug, snapshot, Amount, CommuneName, Meta, Workdays};
use crate::book::Book;
use crate::date::Month;
use crate::error::Result;
use crate::ledger::{Asset, Category, Direction, Program};
use crate::money::{Km, Vnd};
use crate::place::{Commune, CommuneId};
use crate::repair::{ProjectStatus, WorkKind};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::Serialize;

/// The monthly summary of one commune.
#[derive(Debug, Clone, Serialize)]
pub struct MonthlySummary {
    pub meta: Meta,
    pub commune: CommuneName,
    pub month: Month,
    /// One line per fund: rice (kg), rice (đồng), transport (đồng), repair (đồng).
    pub funds: Vec<FundSummary>,
    pub rice: RiceActivity,
    pub transport: TransportActivity,
    pub repair: RepairActivity,
    /// The words of the opening line ("Tồn đầu tháng", or in the month the books start
    /// "Số dư đầu kỳ chuyển sang ngày …").
    pub opening_words: String,
}

/// One fund's month.
#[derive(Debug, Clone, Serialize)]
pub struct FundSummary {
    pub program: Program,
    pub asset: Asset,
    pub opening: Amount,
    pub receipts: Vec<CategoryAmount>,
    pub total_in: Amount,
    pub payments: Vec<CategoryAmount>,
    pub total_out: Amount,
    pub closing: Amount,
}

/// Receipts or payments of one category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryAmount {
    pub category: Category,
    pub label: String,
    pub amount: Amount,
    /// How many entries (not voided).
    pub entries: i64,
}

/// Nắm gạo tình thương in the month.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RiceActivity {
    /// Rice-in entries (collection rounds and rice gifts).
    pub rounds: i64,
    /// Sum of the households counted on the rice-in entries.
    pub households_gave: i64,
    /// Rice handouts.
    pub handouts: i64,
    /// Distinct households that received rice.
    pub households_received: i64,
}

/// Xe chuyển bệnh in the month (voided trips are not counted).
#[derive(Debug, Clone, Serialize)]
pub struct TransportActivity {
    pub trips: i64,
    /// Distinct patients carried.
    pub patients: i64,
    pub km: Km,
    /// Costs booked on the trips (fuel, other).
    pub cost: Vnd,
    /// Gifts received on the trips.
    pub donations: Vnd,
    pub by_destination: Vec<DestinationLine>,
}

/// Trips to one destination.
#[derive(Debug, Clone, Serialize)]
pub struct DestinationLine {
    pub destination: String,
    pub trips: i64,
    pub patients: i64,
    pub km: Km,
    pub cost: Vnd,
}

/// Sửa chữa cầu đường in the month.
#[derive(Debug, Clone, Serialize)]
pub struct RepairActivity {
    /// Projects under way in the month (or with work or money in it) and not finished in it.
    pub active: Vec<ProjectLine>,
    /// Projects finished in the month.
    pub finished: Vec<ProjectLine>,
    /// Workdays logged in the month, all projects.
    pub workdays: Workdays,
    /// Volunteer turns logged in the month (a person on a day counts once).
    pub volunteers: i64,
    /// Materials given or used, from the work log.
    pub materials: Vec<MaterialLine>,
    /// Money spent from the repair fund in the month.
    pub spending: Vnd,
}

/// A project as the monthly summary lists it, with its figures of the month.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectLine {
    pub code: String,
    pub name: String,
    pub kind: WorkKind,
    pub hamlet: Option<String>,
    pub size: String,
    pub status: ProjectStatus,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub workdays: Workdays,
    /// Volunteer turns logged in the month.
    pub volunteers: i64,
    pub received: Vnd,
    pub spent: Vnd,
}

/// One line of materials from the work log.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialLine {
    pub date: NaiveDate,
    pub project: String,
    pub materials: String,
}

/// The funds a summary always shows, in order; others appear only when they hold something.
const FUNDS: [(Program, Asset); 4] = [
    (Program::Rice, Asset::Rice),
    (Program::Rice, Asset::Cash),
    (Program::Transport, Asset::Cash),
    (Program::Repair, Asset::Cash),
];

/// Builds the monthly summary of one commune.
pub fn monthly_summary(
    book: &Book,
    commune: CommuneId,
    month: Month,
    now: DateTime<Utc>,
) -> Result<MonthlySummary> {
    snapshot(book, || {
        let commune = book.commune(commune)?;
        let meta = Meta::new(book, Some(&commune), now)?;
        summary_of(book, &commune, month, meta)
    })
}

fn summary_of(book: &Book, commune: &Commune, month: Month, meta: Meta) -> Result<MonthlySummary> {
    let conn = book.connection();
    let mut funds = Vec::new();
    for program in Program::ALL {
        for asset in [Asset::Rice, Asset::Cash] {
            let fund = fund_summary(book, commune.id, program, asset, month)?;
            let usual = FUNDS.contains(&(program, asset));
            let empty =
                fund.opening.stored() == 0 && fund.receipts.is_empty() && fund.payments.is_empty();
            if usual || !empty {
                funds.push(fund);
            }
        }
    }
    funds.sort_by_key(|f| {
        FUNDS
            .iter()
            .position(|u| *u == (f.program, f.asset))
            .unwrap_or(FUNDS.len())
    });
    let (first, last) = (month.first_day(), month.last_day());

    let (rounds, households_gave) = conn
        .prepare_cached(
            "SELECT count(*), ifnull(sum(households), 0) FROM movements m
             WHERE commune_id = ?1 AND program = 'rice' AND asset = 'rice' AND direction = 'in'
               AND date BETWEEN ?2 AND ?3
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)",
        )?
        .query_row(params![commune.id.0, first, last], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let (handouts, households_received) = conn
        .prepare_cached(
            "SELECT count(*), count(DISTINCT household_id) FROM movements m
             WHERE commune_id = ?1 AND program = 'rice' AND asset = 'rice' AND direction = 'out'
               AND household_id IS NOT NULL AND date BETWEEN ?2 AND ?3
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)",
        )?
        .query_row(params![commune.id.0, first, last], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;

    Ok(MonthlySummary {
        meta,
        commune: commune.into(),
        month,
        funds,
        rice: RiceActivity {
            rounds,
            households_gave,
            handouts,
            households_received,
        },
        transport: transport_activity(book, commune.id, month)?,
        repair: repair_activity(book, commune.id, month)?,
        opening_words: super::opening_words(
            conn,
            commune.id.0,
            month,
            "Tồn đầu tháng",
            "Số dư đầu kỳ chuyển sang",
        )?,
    })
}

/// One fund's opening (from `month_totals`), month's receipts and payments by category, closing.
fn fund_summary(
    book: &Book,
    commune: CommuneId,
    program: Program,
    asset: Asset,
    month: Month,
) -> Result<FundSummary> {
    let conn = book.connection();
    let opening = opening_balance(conn, commune.0, program, asset, month)?;
    let mut stmt = conn.prepare_cached(
        "SELECT category, sum(amount), count(*) FROM movements m
         WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 AND date BETWEEN ?4 AND ?5
           AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)
         GROUP BY category",
    )?;
    let mut lines: Vec<(Category, i64, i64)> = stmt
        .query_map(
            params![
                commune.0,
                program.code(),
                asset.code(),
                month.first_day(),
                month.last_day()
            ],
            |r| {
                Ok((
                    Category::from_code(&r.get::<_, String>(0)?),
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    lines.sort_by_key(|(c, _, _)| *c);
    let pick = |direction: Direction| -> Vec<CategoryAmount> {
        lines
            .iter()
            .filter(|(c, _, _)| c.direction() == direction)
            .map(|(c, amount, entries)| CategoryAmount {
                category: *c,
                label: c.label().to_string(),
                amount: Amount::of(asset, *amount),
                entries: *entries,
            })
            .collect()
    };
    let receipts = pick(Direction::In);
    let payments = pick(Direction::Out);
    let total_in: i64 = receipts.iter().map(|c| c.amount.stored()).sum();
    let total_out: i64 = payments.iter().map(|c| c.amount.stored()).sum();
    Ok(FundSummary {
        program,
        asset,
        opening: Amount::of(asset, opening),
        receipts,
        total_in: Amount::of(asset, total_in),
        payments,
        total_out: Amount::of(asset, total_out),
        closing: Amount::of(asset, opening + total_in - total_out),
    })
}

/// The money of the month's trips, from the month's movements only (a trip's entries are dated
/// on the trip's day), so the cost follows the month, not the history.
pub(crate) const TRIP_MONEY: &str = "WITH money AS (
        SELECT trip_id,
               sum(CASE direction WHEN 'out' THEN amount ELSE 0 END) AS cost,
               sum(CASE direction WHEN 'in' THEN amount ELSE 0 END) AS gift
        FROM movements m
        WHERE commune_id = ?1 AND date BETWEEN ?2 AND ?3 AND trip_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)
        GROUP BY trip_id)";

fn transport_activity(book: &Book, commune: CommuneId, month: Month) -> Result<TransportActivity> {
    let conn = book.connection();
    let mut stmt = conn.prepare_cached(&format!(
        "{TRIP_MONEY}
         SELECT d.name, count(*), count(DISTINCT t.patient), sum(t.distance),
                ifnull(sum(money.cost), 0)
         FROM trips t JOIN destinations d ON d.id = t.destination_id
         LEFT JOIN money ON money.trip_id = t.id
         WHERE t.commune_id = ?1 AND t.date BETWEEN ?2 AND ?3 AND t.void_reason IS NULL
         GROUP BY d.id ORDER BY count(*) DESC, d.name_fold"
    ))?;
    let by_destination: Vec<DestinationLine> = stmt
        .query_map(
            params![commune.0, month.first_day(), month.last_day()],
            |r| {
                Ok(DestinationLine {
                    destination: r.get(0)?,
                    trips: r.get(1)?,
                    patients: r.get(2)?,
                    km: r.get(3)?,
                    cost: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    let (trips, patients, km, cost, donations): (i64, i64, Km, Vnd, Vnd) = conn
        .prepare_cached(&format!(
            "{TRIP_MONEY}
             SELECT count(*), count(DISTINCT t.patient), ifnull(sum(t.distance), 0),
                    ifnull(sum(money.cost), 0), ifnull(sum(money.gift), 0)
             FROM trips t LEFT JOIN money ON money.trip_id = t.id
             WHERE t.commune_id = ?1 AND t.date BETWEEN ?2 AND ?3 AND t.void_reason IS NULL"
        ))?
        .query_row(
            params![commune.0, month.first_day(), month.last_day()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    Ok(TransportActivity {
        trips,
        patients,
        km,
        cost,
        donations,
        by_destination,
    })
}

fn repair_activity(book: &Book, commune: CommuneId, month: Month) -> Result<RepairActivity> {
    let conn = book.connection();
    let (first, last) = (month.first_day(), month.last_day());
    // why: the month's project money comes from the month's movements of the commune (an
    // indexed range), never from a scan of every movement by project.
    let mut stmt = conn.prepare_cached(
        "WITH money AS (
             SELECT project_id,
                    sum(CASE direction WHEN 'in' THEN amount ELSE 0 END) AS received,
                    sum(CASE direction WHEN 'out' THEN amount ELSE 0 END) AS spent
             FROM movements m
             WHERE commune_id = ?1 AND date BETWEEN ?2 AND ?3 AND project_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)
             GROUP BY project_id),
         work AS (
             SELECT w.project_id, sum(w.workdays) AS workdays, sum(w.volunteers) AS volunteers
             FROM repair_worklog w JOIN repair_projects p ON p.id = w.project_id
             WHERE p.commune_id = ?1 AND w.date BETWEEN ?2 AND ?3
             GROUP BY w.project_id)
         SELECT p.code, p.name, p.kind, a.name, p.size, p.status, p.start_date, p.end_date,
                ifnull(work.workdays, 0), ifnull(money.received, 0), ifnull(money.spent, 0),
                ifnull(work.volunteers, 0)
         FROM repair_projects p
         LEFT JOIN hamlets a ON a.id = p.hamlet_id
         LEFT JOIN money ON money.project_id = p.id
         LEFT JOIN work ON work.project_id = p.id
         WHERE p.commune_id = ?1
           AND ((p.status <> 'planned' AND p.start_date <= ?3
                 AND (p.end_date IS NULL OR p.end_date >= ?2))
             OR work.project_id IS NOT NULL OR money.project_id IS NOT NULL)
         ORDER BY p.start_date IS NULL, p.start_date, p.code",
    )?;
    let lines: Vec<ProjectLine> = stmt
        .query_map(params![commune.0, first, last], |r| {
            Ok(ProjectLine {
                code: r.get(0)?,
                name: r.get(1)?,
                kind: WorkKind::parse(&r.get::<_, String>(2)?).unwrap_or(WorkKind::Bridge),
                hamlet: r.get(3)?,
                size: r.get(4)?,
                status: ProjectStatus::parse(&r.get::<_, String>(5)?)
                    .unwrap_or(ProjectStatus::Active),
                start: r.get(6)?,
                end: r.get(7)?,
                workdays: Workdays(r.get(8)?),
                received: r.get(9)?,
                spent: r.get(10)?,
                volunteers: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (finished, active): (Vec<ProjectLine>, Vec<ProjectLine>) = lines
        .into_iter()
        .partition(|p| p.end.is_some_and(|e| e >= first && e <= last));
    let (workdays, volunteers): (i64, i64) = conn
        .prepare_cached(
            "SELECT ifnull(sum(w.workdays), 0), ifnull(sum(w.volunteers), 0)
             FROM repair_worklog w JOIN repair_projects p ON p.id = w.project_id
             WHERE p.commune_id = ?1 AND w.date BETWEEN ?2 AND ?3",
        )?
        .query_row(params![commune.0, first, last], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let materials = conn
        .prepare_cached(
            "SELECT w.date, p.code, w.materials
             FROM repair_worklog w JOIN repair_projects p ON p.id = w.project_id
             WHERE p.commune_id = ?1 AND w.date BETWEEN ?2 AND ?3 AND trim(w.materials) <> ''
             ORDER BY w.date, w.id",
        )?
        .query_map(params![commune.0, first, last], |r| {
            Ok(MaterialLine {
                date: r.get(0)?,
                project: r.get(1)?,
                materials: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let spending: Vnd = conn
        .prepare_cached(
            "SELECT ifnull(sum(amount), 0) FROM movements m
             WHERE commune_id = ?1 AND program = 'repair' AND asset = 'cash' AND direction = 'out'
               AND date BETWEEN ?2 AND ?3
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)",
        )?
        .query_row(params![commune.0, first, last], |r| r.get(0))?;
    Ok(RepairActivity {
        active,
        finished,
        workdays: Workdays(workdays),
        volunteers,
        materials,
        spending,
    })
}

impl MonthlySummary {
    /// The fund of a program and asset, if shown.
    pub fn fund(&self, program: Program, asset: Asset) -> Option<&FundSummary> {
        self.funds
            .iter()
            .find(|f| f.program == program && f.asset == asset)
    }

    /// Sums over all funds of one asset: (opening, receipts, payments, closing), stored units.
    pub fn totals(&self, asset: Asset) -> (i64, i64, i64, i64) {
        self.funds
            .iter()
            .filter(|f| f.asset == asset)
            .fold((0, 0, 0, 0), |(o, i, p, c), f| {
                (
                    o + f.opening.stored(),
                    i + f.total_in.stored(),
                    p + f.total_out.stored(),
                    c + f.closing.stored(),
                )
            })
    }

    /// The printable document: money table, then each model's activity.
    pub fn document(&self) -> Document {
        let subject = format!(
            "Kết quả thực hiện các mô hình từ thiện tháng {}",
            self.month.show()
        );
        let mut doc = Document::new(
            &self.meta,
            "BÁO CÁO",
            vec![subject, self.commune.title.clone()],
            slug(&["bao-cao-thang", &self.month.to_string(), &self.commune.name]),
            &format!(
                "BC {} {}",
                self.month.show().replace('/', "-"),
                self.commune.name
            ),
        );
        doc.number_line = "Số:        /BC-UBND".to_string();
        // why: the money table mixes balances and flows, so a carried sum would mean nothing;
        // one commune's month fits on two pages anyway.
        doc.carry_totals = false;
        doc.blocks.push(Block::Heading {
            text: "I. TÌNH HÌNH THU, CHI CÁC QUỸ".into(),
        });
        doc.blocks.push(Block::Table(self.money_table()));
        doc.blocks.push(Block::Heading {
            text: "II. KẾT QUẢ HOẠT ĐỘNG".into(),
        });
        doc.blocks.push(Block::Heading {
            text: format!("1. {}", Program::Rice.label()),
        });
        doc.blocks.push(Block::Facts {
            lines: vec![
                ("Số đợt nhập gạo".into(), Cell::Count(self.rice.rounds)),
                (
                    "Số hộ góp gạo".into(),
                    Cell::Count(self.rice.households_gave),
                ),
                (
                    "Số lượt cấp phát gạo".into(),
                    Cell::Count(self.rice.handouts),
                ),
                (
                    "Số hộ được nhận gạo".into(),
                    Cell::Count(self.rice.households_received),
                ),
            ],
        });
        doc.blocks.push(Block::Heading {
            text: format!("2. {}", Program::Transport.label()),
        });
        doc.blocks.push(Block::Table(self.transport_table()));
        doc.blocks.push(Block::Heading {
            text: format!("3. {}", Program::Repair.label()),
        });
        doc.blocks.push(Block::Table(self.repair_table()));
        // why: workdays and volunteer turns are the table's columns and totals.
        let mut facts = Vec::new();
        if !self.repair.materials.is_empty() {
            facts.push(("Vật tư".into(), Cell::Text(self.materials_text())));
        }
        if !facts.is_empty() {
            doc.blocks.push(Block::Facts { lines: facts });
        }
        doc.notes.push(
            "Tồn đầu tháng lấy từ số tổng hợp các tháng trước; số phát sinh không tính các phiếu đã hủy.".into(),
        );
        doc
    }

    /// The month's materials: each distinct line of the work log once, with the projects and
    /// the number of days it was logged ("10 bao xi măng (CT-2026-0003, CT-2026-0004; 8 ngày)").
    fn materials_text(&self) -> String {
        let mut lines: Vec<(&str, Vec<&str>, usize)> = Vec::new();
        for m in &self.repair.materials {
            let text = m.materials.trim();
            match lines.iter_mut().find(|(t, _, _)| *t == text) {
                Some((_, projects, days)) => {
                    *days += 1;
                    if !projects.contains(&m.project.as_str()) {
                        projects.push(&m.project);
                    }
                }
                None => lines.push((text, vec![&m.project], 1)),
            }
        }
        lines
            .iter()
            .map(|(text, projects, days)| {
                let days = if *days > 1 {
                    format!("; {days} ngày")
                } else {
                    String::new()
                };
                format!("{text} ({}{days})", projects.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn money_table(&self) -> Table {
        let columns = vec![
            Column::index(),
            Column::text("Nội dung", 52),
            Column::number("Tiền (đồng)", 24),
            Column::number("Gạo (kg)", 18),
        ];
        let mut rows = Vec::new();
        let programs: Vec<Program> = {
            let mut p: Vec<Program> = self.funds.iter().map(|f| f.program).collect();
            p.dedup();
            p
        };
        let roman = ["1", "2", "3", "4", "5"];
        for (i, program) in programs.iter().enumerate() {
            let cash = self.fund(*program, Asset::Cash);
            let rice = self.fund(*program, Asset::Rice);
            let pair = |f: &dyn Fn(&FundSummary) -> Amount| -> (Cell, Cell) {
                (
                    cash.map(|x| Cell::amount(f(x))).unwrap_or(Cell::Empty),
                    rice.map(|x| Cell::amount(f(x))).unwrap_or(Cell::Empty),
                )
            };
            rows.push(Row::new(
                RowKind::Section,
                vec![
                    Cell::text(roman.get(i).copied().unwrap_or("")),
                    Cell::text(program.label()),
                    Cell::Empty,
                    Cell::Empty,
                ],
            ));
            let (c, r) = pair(&|f| f.opening);
            rows.push(Row::new(
                RowKind::Balance,
                vec![Cell::Empty, Cell::text(&self.opening_words), c, r],
            ));
            for (direction, heading, total) in [
                (
                    Direction::In,
                    "Thu, nhập trong tháng",
                    &(|f: &FundSummary| f.total_in) as &dyn Fn(&FundSummary) -> Amount,
                ),
                (
                    Direction::Out,
                    "Chi, xuất trong tháng",
                    &|f: &FundSummary| f.total_out,
                ),
            ] {
                let (c, r) = pair(total);
                rows.push(Row::new(
                    RowKind::Subtotal,
                    vec![Cell::Empty, Cell::text(heading), c, r],
                ));
                let mut categories: Vec<Category> = [cash, rice]
                    .iter()
                    .flatten()
                    .flat_map(|f| match direction {
                        Direction::In => f.receipts.iter(),
                        Direction::Out => f.payments.iter(),
                    })
                    .map(|c| c.category)
                    .collect();
                categories.sort();
                categories.dedup();
                for category in categories {
                    let find = |f: Option<&FundSummary>| -> Cell {
                        f.and_then(|f| {
                            f.receipts
                                .iter()
                                .chain(f.payments.iter())
                                .find(|c| c.category == category)
                                .map(|c| Cell::amount(c.amount))
                        })
                        .unwrap_or(Cell::Empty)
                    };
                    rows.push(Row::body(vec![
                        Cell::Empty,
                        Cell::text(format!("– {}", category.label())),
                        find(cash),
                        find(rice),
                    ]));
                }
            }
            let (c, r) = pair(&|f| f.closing);
            rows.push(Row::new(
                RowKind::Balance,
                vec![Cell::Empty, Cell::text("Tồn cuối tháng"), c, r],
            ));
        }
        let (co, ci, cp, cc) = self.totals(Asset::Cash);
        let (ro, ri, rp, rc) = self.totals(Asset::Rice);
        let total = |label: &str, cash: i64, rice: i64| {
            Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::text(label),
                    Cell::Vnd(Vnd::from_stored(cash)),
                    Cell::Kg(crate::money::Kg::from_stored(rice)),
                ],
            )
        };
        Table {
            columns,
            rows,
            totals: vec![
                total("Cộng các quỹ: tồn đầu tháng", co, ro),
                total("Cộng các quỹ: thu, nhập", ci, ri),
                total("Cộng các quỹ: chi, xuất", cp, rp),
                total("Cộng các quỹ: tồn cuối tháng", cc, rc),
            ],
        }
    }

    fn transport_table(&self) -> Table {
        let t = &self.transport;
        Table {
            columns: vec![
                Column::index(),
                Column::text("Nơi đến", 42),
                Column::number("Số chuyến", 12),
                Column::number("Bệnh nhân", 12),
                Column::number("Số km", 12),
                Column::number("Chi phí (đồng)", 16),
            ],
            rows: t
                .by_destination
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    Row::body(vec![
                        Cell::Count(i as i64 + 1),
                        Cell::text(&d.destination),
                        Cell::Count(d.trips),
                        Cell::Count(d.patients),
                        Cell::Km(d.km),
                        Cell::Vnd(d.cost),
                    ])
                })
                .collect(),
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::text("Cộng"),
                    Cell::Count(t.trips),
                    Cell::Count(t.patients),
                    Cell::Km(t.km),
                    Cell::Vnd(t.cost),
                ],
            )],
        }
    }

    fn repair_table(&self) -> Table {
        let r = &self.repair;
        let line = |i: usize, p: &ProjectLine| {
            let status = match p.end {
                Some(e) => format!("Hoàn thành {}", e.format("%d/%m")),
                None if p.status == ProjectStatus::Planned => "Chưa khởi công".to_string(),
                None => p.status.label().to_string(),
            };
            // why: the hamlet is in the project's own settlement; here one line per project
            // keeps the month on two pages.
            Row::body(vec![
                Cell::Count(i as i64 + 1),
                Cell::text(&p.code),
                Cell::text(&p.name),
                Cell::text(status),
                Cell::Count(p.volunteers),
                Cell::Workdays(p.workdays),
                Cell::Vnd(p.received),
                Cell::Vnd(p.spent),
            ])
        };
        let all: Vec<&ProjectLine> = r.finished.iter().chain(r.active.iter()).collect();
        let sum = |f: &dyn Fn(&ProjectLine) -> i64| all.iter().map(|p| f(p)).sum::<i64>();
        Table {
            columns: vec![
                Column::index(),
                Column::code("Mã số", 13),
                Column::text("Công trình", 33),
                Column::text("Tình trạng", 16),
                Column::number("Lượt người", 7),
                Column::number("Ngày công", 7),
                Column::number("Thu (đồng)", 11),
                Column::number("Chi (đồng)", 11),
            ],
            rows: all.iter().enumerate().map(|(i, p)| line(i, p)).collect(),
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::text("Cộng"),
                    Cell::text(format!(
                        "{} hoàn thành, {} đang thi công",
                        r.finished.len(),
                        r.active.len()
                    )),
                    Cell::Empty,
                    Cell::Count(sum(&|p| p.volunteers)),
                    Cell::Workdays(Workdays(sum(&|p| p.workdays.0))),
                    Cell::Vnd(Vnd::from_stored(sum(&|p| p.received.stored()))),
                    Cell::Vnd(Vnd::from_stored(sum(&|p| p.spent.stored()))),
                ],
            )],
        }
    }
}

/// The month of all communes side by side, with a total row.
#[derive(Debug, Clone, Serialize)]
pub struct MonthlyOverview {
    pub meta: Meta,
    pub month: Month,
    pub communes: Vec<CommuneLine>,
    pub total: CommuneLine,
}

/// One commune's month in the overview (or the total of all).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CommuneLine {
    /// The commune's title; "Tổng cộng" on the total line.
    pub commune: String,
    pub rice_opening: crate::money::Kg,
    pub rice_in: crate::money::Kg,
    pub rice_out: crate::money::Kg,
    pub rice_closing: crate::money::Kg,
    pub households_gave: i64,
    pub households_received: i64,
    /// Cash of all three funds.
    pub cash_opening: Vnd,
    pub cash_in: Vnd,
    pub cash_out: Vnd,
    pub cash_closing: Vnd,
    pub trips: i64,
    pub patients: i64,
    pub km: Km,
    pub projects_active: i64,
    pub projects_finished: i64,
    pub workdays: Workdays,
}

impl CommuneLine {
    fn of(s: &MonthlySummary) -> CommuneLine {
        let (ro, ri, rp, rc) = s.totals(Asset::Rice);
        let (co, ci, cp, cc) = s.totals(Asset::Cash);
        CommuneLine {
            commune: s.commune.title.clone(),
            rice_opening: crate::money::Kg::from_stored(ro),
            rice_in: crate::money::Kg::from_stored(ri),
            rice_out: crate::money::Kg::from_stored(rp),
            rice_closing: crate::money::Kg::from_stored(rc),
            households_gave: s.rice.households_gave,
            households_received: s.rice.households_received,
            cash_opening: Vnd::from_stored(co),
            cash_in: Vnd::from_stored(ci),
            cash_out: Vnd::from_stored(cp),
            cash_closing: Vnd::from_stored(cc),
            trips: s.transport.trips,
            patients: s.transport.patients,
            km: s.transport.km,
            projects_active: s.repair.active.len() as i64,
            projects_finished: s.repair.finished.len() as i64,
            workdays: s.repair.workdays,
        }
    }

    fn add(&mut self, o: &CommuneLine) {
        let kg = |a: crate::money::Kg, b: crate::money::Kg| {
            crate::money::Kg::from_stored(a.stored() + b.stored())
        };
        let vnd = |a: Vnd, b: Vnd| Vnd::from_stored(a.stored() + b.stored());
        self.rice_opening = kg(self.rice_opening, o.rice_opening);
        self.rice_in = kg(self.rice_in, o.rice_in);
        self.rice_out = kg(self.rice_out, o.rice_out);
        self.rice_closing = kg(self.rice_closing, o.rice_closing);
        self.households_gave += o.households_gave;
        self.households_received += o.households_received;
        self.cash_opening = vnd(self.cash_opening, o.cash_opening);
        self.cash_in = vnd(self.cash_in, o.cash_in);
        self.cash_out = vnd(self.cash_out, o.cash_out);
        self.cash_closing = vnd(self.cash_closing, o.cash_closing);
        self.trips += o.trips;
        self.patients += o.patients;
        self.km = Km::from_stored(self.km.stored() + o.km.stored());
        self.projects_active += o.projects_active;
        self.projects_finished += o.projects_finished;
        self.workdays = Workdays(self.workdays.0 + o.workdays.0);
    }

    fn is_empty(&self) -> bool {
        let zero = CommuneLine {
            commune: self.commune.clone(),
            ..CommuneLine::default()
        };
        serde_json::to_value(self).ok() == serde_json::to_value(&zero).ok()
    }

    fn cells(&self, number: Option<usize>) -> Vec<Cell> {
        vec![
            number.map(|n| Cell::Count(n as i64)).unwrap_or(Cell::Empty),
            Cell::text(&self.commune),
            Cell::Kg(self.rice_opening),
            Cell::Kg(self.rice_in),
            Cell::Kg(self.rice_out),
            Cell::Kg(self.rice_closing),
            Cell::Count(self.households_gave),
            Cell::Count(self.households_received),
            Cell::Vnd(self.cash_opening),
            Cell::Vnd(self.cash_in),
            Cell::Vnd(self.cash_out),
            Cell::Vnd(self.cash_closing),
            Cell::Count(self.trips),
            Cell::Count(self.patients),
            Cell::Km(self.km),
            Cell::Count(self.projects_active),
            Cell::Count(self.projects_finished),
            Cell::Workdays(self.workdays),
        ]
    }
}

/// Builds the month of every commune side by side: each commune that existed during the month or
/// holds anything, in the order they were entered, and the total.
pub fn monthly_overview(book: &Book, month: Month, now: DateTime<Utc>) -> Result<MonthlyOverview> {
    snapshot(book, || {
        let meta = Meta::new(book, None, now)?;
        let mut communes = Vec::new();
        let mut total = CommuneLine {
            commune: "Tổng cộng".into(),
            ..CommuneLine::default()
        };
        for commune in book.list_communes(true)? {
            let existed = commune.valid_from.is_none_or(|f| f <= month.last_day())
                && commune.valid_to.is_none_or(|t| t >= month.first_day());
            let summary = summary_of(book, &commune, month, meta.clone())?;
            let line = CommuneLine::of(&summary);
            if existed || !line.is_empty() {
                total.add(&line);
                communes.push(line);
            }
        }
        Ok(MonthlyOverview {
            meta,
            month,
            communes,
            total,
        })
    })
}

impl MonthlyOverview {
    /// The printable document: one landscape table, a row per commune and the total row.
    pub fn document(&self) -> Document {
        let mut doc = Document::new(
            &self.meta,
            "BÁO CÁO",
            vec![format!(
                "Tổng hợp kết quả các mô hình từ thiện tháng {} của các xã",
                self.month.show()
            )],
            slug(&["bao-cao-thang", &self.month.to_string(), "cac-xa"]),
            &format!("BC {} cac xa", self.month.show().replace('/', "-")),
        );
        doc.orientation = Orientation::Landscape;
        doc.number_line = "Số:        /BC-UBND".to_string();
        let rice = "Gạo (kg)";
        let households = "Số hộ";
        let cash = "Tiền các quỹ (đồng)";
        let trips = "Xe chuyển bệnh";
        let repair = "Cầu đường";
        let columns = vec![
            Column::index(),
            Column::text("Xã, thị trấn", 17),
            Column::number("Tồn đầu", 8).under(rice),
            Column::number("Nhập", 7).under(rice),
            Column::number("Xuất", 7).under(rice),
            Column::number("Tồn cuối", 8).under(rice),
            Column::number("Góp gạo", 5).under(households),
            Column::number("Nhận gạo", 5).under(households),
            Column::number("Tồn đầu", 11).under(cash),
            Column::number("Thu", 10).under(cash),
            Column::number("Chi", 10).under(cash),
            Column::number("Tồn cuối", 11).under(cash),
            Column::number("Chuyến", 5).under(trips),
            Column::number("Bệnh nhân", 5).under(trips),
            Column::number("Km", 6).under(trips),
            Column::number("Đang làm", 5).under(repair),
            Column::number("Hoàn thành", 5).under(repair),
            Column::number("Ngày công", 6).under(repair),
        ];
        doc.blocks.push(Block::Table(Table {
            columns,
            rows: self
                .communes
                .iter()
                .enumerate()
                .map(|(i, c)| Row::body(c.cells(Some(i + 1))))
                .collect(),
            totals: vec![Row::new(RowKind::Total, self.total.cells(None))],
        }));
        doc.notes.push(
            "Tiền các quỹ gồm quỹ Nắm gạo tình thương, quỹ Xe chuyển bệnh và quỹ Sửa chữa cầu đường; \
             tồn đầu tháng lấy từ số tổng hợp các tháng trước; không tính các phiếu đã hủy."
                .into(),
        );
        doc
    }
}

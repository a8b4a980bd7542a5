//! Sổ theo dõi chuyến xe: the patient trips of one commune in a month, with totals by driver,
//! vehicle and destination.
//!
//! Voided trips are listed with their number and marked; they count in no total. A trip's cost
//! and donation are its linked ledger entries that are not voided.

use super::layout::{Block, Cell, Column, Document, Orientation, Row, RowKind, Table};
use super::{slug, snapshot, CommuneName, Meta};
use crate::book::Book;
use crate::date::Month;
use crate::error::Result;
use crate::money::{Km, Vnd};
use crate::place::CommuneId;
use crate::transport::TripRow;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// The trip log of a commune for a month.
#[derive(Debug, Clone, Serialize)]
pub struct TripLog {
    pub meta: Meta,
    pub commune: CommuneName,
    pub month: Month,
    /// Every trip of the month, voided ones included (marked by `void_reason`).
    pub trips: Vec<TripRow>,
    /// Totals of the trips that are not voided.
    pub total: TripTotal,
    pub by_driver: Vec<TripTotal>,
    pub by_vehicle: Vec<TripTotal>,
    pub by_destination: Vec<TripTotal>,
}

/// Totals of a group of trips.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TripTotal {
    /// The driver, vehicle or destination; "Cộng" for the grand total.
    pub name: String,
    pub trips: i64,
    /// Distinct patients.
    pub patients: i64,
    pub km: Km,
    pub cost: Vnd,
    pub donation: Vnd,
}

fn total_of<'a>(name: &str, trips: impl Iterator<Item = &'a TripRow>) -> TripTotal {
    let mut t = TripTotal {
        name: name.to_string(),
        ..TripTotal::default()
    };
    let mut patients = std::collections::BTreeSet::new();
    for trip in trips {
        t.trips += 1;
        patients.insert(crate::text::fold(&trip.patient));
        t.km = Km::from_stored(t.km.stored() + trip.km.stored());
        t.cost = Vnd::from_stored(t.cost.stored() + trip.cost.stored());
        t.donation = Vnd::from_stored(t.donation.stored() + trip.donation.stored());
    }
    t.patients = patients.len() as i64;
    t
}

fn grouped(live: &[&TripRow], key: impl Fn(&TripRow) -> String) -> Vec<TripTotal> {
    let mut groups: BTreeMap<String, (String, Vec<&TripRow>)> = BTreeMap::new();
    for trip in live {
        let name = key(trip);
        groups
            .entry(crate::text::fold(&name))
            .or_insert_with(|| (name.clone(), Vec::new()))
            .1
            .push(trip);
    }
    let mut out: Vec<TripTotal> = groups
        .into_values()
        .map(|(name, trips)| total_of(&name, trips.into_iter()))
        .collect();
    out.sort_by(|a, b| b.trips.cmp(&a.trips).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The trips of a commune in a month, by date, with their money from the month's movements.
/// Like `Book::list_trips`, but its costs come from one indexed range of the month's movements
/// instead of a look-up by trip over all movements (which have no index on `trip_id`).
fn month_trips(book: &Book, commune: CommuneId, month: Month) -> Result<Vec<TripRow>> {
    let mut stmt = book.connection().prepare_cached(&format!(
        "{}
         SELECT t.number, t.date, t.patient, a.name, d.name, t.distance, dr.name, v.name, t.purpose,
                ifnull(money.cost, 0), ifnull(money.gift, 0), t.void_reason
         FROM trips t
         JOIN destinations d ON d.id = t.destination_id
         LEFT JOIN hamlets a ON a.id = t.from_hamlet_id
         LEFT JOIN drivers dr ON dr.id = t.driver_id
         LEFT JOIN vehicles v ON v.id = t.vehicle_id
         LEFT JOIN money ON money.trip_id = t.id
         WHERE t.commune_id = ?1 AND t.date BETWEEN ?2 AND ?3
         ORDER BY t.date, t.id",
        super::monthly::TRIP_MONEY
    ))?;
    let rows = stmt
        .query_map(
            rusqlite::params![commune.0, month.first_day(), month.last_day()],
            |r| {
                Ok(TripRow {
                    number: r.get(0)?,
                    date: r.get(1)?,
                    patient: r.get(2)?,
                    from_hamlet: r.get(3)?,
                    destination: r.get(4)?,
                    km: r.get(5)?,
                    driver: r.get(6)?,
                    vehicle: r.get(7)?,
                    purpose: r.get(8)?,
                    cost: r.get(9)?,
                    donation: r.get(10)?,
                    void_reason: r.get(11)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Builds the trip log of a commune for a month.
pub fn trip_log(
    book: &Book,
    commune: CommuneId,
    month: Month,
    now: DateTime<Utc>,
) -> Result<TripLog> {
    snapshot(book, || {
        let commune = book.commune(commune)?;
        let meta = Meta::new(book, Some(&commune), now)?;
        let trips = month_trips(book, commune.id, month)?;
        let live: Vec<&TripRow> = trips.iter().filter(|t| t.void_reason.is_none()).collect();
        let unnamed = "(không ghi)";
        Ok(TripLog {
            total: total_of("Cộng", live.iter().copied()),
            by_driver: grouped(&live, |t| {
                t.driver.clone().unwrap_or_else(|| unnamed.into())
            }),
            by_vehicle: grouped(&live, |t| {
                t.vehicle.clone().unwrap_or_else(|| unnamed.into())
            }),
            by_destination: grouped(&live, |t| t.destination.clone()),
            meta,
            commune: (&commune).into(),
            month,
            trips,
        })
    })
}

impl TripLog {
    /// The printable document: the trips (landscape), then the three tables of totals.
    pub fn document(&self) -> Document {
        let mut doc = Document::new(
            &self.meta,
            "SỔ THEO DÕI CHUYẾN XE CHUYỂN BỆNH",
            vec![
                format!(
                    "{} — {}",
                    crate::ledger::Program::Transport.label(),
                    self.commune.title
                ),
                format!("Tháng {}", self.month.show()),
            ],
            slug(&["so-chuyen-xe", &self.month.to_string(), &self.commune.name]),
            &format!("Chuyen xe {}", self.month),
        );
        doc.orientation = Orientation::Landscape;
        let columns = vec![
            Column::index(),
            Column::code("Số chuyến", 11),
            Column::text("Ngày", 9),
            Column::text("Bệnh nhân", 16),
            Column::text("Từ ấp", 9),
            Column::text("Nơi đến", 17),
            Column::number("Km", 5),
            Column::text("Tài xế", 11),
            Column::text("Xe", 15),
            Column::number("Chi phí (đồng)", 9),
            Column::number("Ủng hộ (đồng)", 9),
        ];
        let rows = self
            .trips
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (kind, patient) = match &t.void_reason {
                    Some(reason) => (RowKind::Void, format!("{} (ĐÃ HỦY: {reason})", t.patient)),
                    None => (RowKind::Body, t.patient.clone()),
                };
                Row::new(
                    kind,
                    vec![
                        Cell::Count(i as i64 + 1),
                        Cell::text(&t.number),
                        Cell::Date(t.date),
                        Cell::text(patient),
                        Cell::text(t.from_hamlet.clone().unwrap_or_default()),
                        Cell::text(&t.destination),
                        Cell::Km(t.km),
                        Cell::text(t.driver.clone().unwrap_or_default()),
                        Cell::text(t.vehicle.clone().unwrap_or_default()),
                        Cell::Vnd(t.cost),
                        Cell::Vnd(t.donation),
                    ],
                )
            })
            .collect();
        let t = &self.total;
        doc.blocks.push(Block::Table(Table {
            columns,
            rows,
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::text("Cộng"),
                    Cell::Empty,
                    Cell::text(format!("{} chuyến, {} bệnh nhân", t.trips, t.patients)),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Km(t.km),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Vnd(t.cost),
                    Cell::Vnd(t.donation),
                ],
            )],
        }));
        for (heading, label, groups) in [
            ("Tổng hợp theo tài xế", "Tài xế", &self.by_driver),
            ("Tổng hợp theo xe", "Xe", &self.by_vehicle),
            ("Tổng hợp theo nơi đến", "Nơi đến", &self.by_destination),
        ] {
            doc.blocks.push(Block::Heading {
                text: heading.into(),
            });
            doc.blocks.push(Block::Table(group_table(label, groups, t)));
        }
        doc.notes
            .push("Chuyến đã hủy vẫn ghi số để đối chiếu, không cộng vào tổng.".into());
        doc
    }
}

fn group_table(label: &str, groups: &[TripTotal], total: &TripTotal) -> Table {
    let line = |kind: RowKind, n: Option<usize>, g: &TripTotal| {
        Row::new(
            kind,
            vec![
                n.map(|n| Cell::Count(n as i64)).unwrap_or(Cell::Empty),
                Cell::text(&g.name),
                Cell::Count(g.trips),
                Cell::Count(g.patients),
                Cell::Km(g.km),
                Cell::Vnd(g.cost),
                Cell::Vnd(g.donation),
            ],
        )
    };
    Table {
        columns: vec![
            Column::index(),
            Column::text(label, 36),
            Column::number("Số chuyến", 10),
            Column::number("Bệnh nhân", 10),
            Column::number("Km", 10),
            Column::number("Chi phí (đồng)", 15),
            Column::number("Ủng hộ (đồng)", 15),
        ],
        rows: groups
            .iter()
            .enumerate()
            .map(|(i, g)| line(RowKind::Body, Some(i + 1), g))
            .collect(),
        totals: vec![line(RowKind::Total, None, total)],
    }
}

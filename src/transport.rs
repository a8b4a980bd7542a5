//! Xe chuyển bệnh miễn phí: patient trips.
//!
//! A trip (chuyến xe, numbered `CX-2026-0001` per commune and year) records the patient, where
//! from and to, the distance, driver, vehicle and purpose. Its money moves through the transport
//! fund as ledger entries linked to it: a donation received on the trip (PT), fuel and other costs
//! (PC), posted in that order so a gift on the day can pay for the fuel. Voiding the trip voids
//! them all.

use crate::audit::{self, Change};
use crate::book::Book;
use crate::date::{self, Month};
use crate::error::{Error, Result};
use crate::ledger::{self, Asset, Category, Entry, Program};
use crate::money::{Km, Vnd};
use crate::people::{self, find_or_create};
use crate::place::CommuneId;
use crate::text;
use crate::voucher::{self, Voucher, VoucherKind};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A trip as typed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewTrip {
    pub commune: String,
    pub date: String,
    pub patient: String,
    /// Destination; created on first use.
    pub to: String,
    /// Distance; blank takes the destination's default.
    pub km: Option<String>,
    pub from_hamlet: Option<String>,
    pub driver: Option<String>,
    pub vehicle: Option<String>,
    pub purpose: String,
    pub fuel_cost: Option<String>,
    pub other_cost: Option<String>,
    pub donation: Option<String>,
    /// Who gave the donation; blank means "nhà hảo tâm".
    pub donor: Option<String>,
}

/// A recorded trip and the vouchers it caused.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripRecorded {
    pub number: String,
    pub vouchers: Vec<String>,
}

/// A trip as listed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripRow {
    pub number: String,
    pub date: NaiveDate,
    pub patient: String,
    pub from_hamlet: Option<String>,
    pub destination: String,
    pub km: Km,
    pub driver: Option<String>,
    pub vehicle: Option<String>,
    pub purpose: String,
    /// Costs of the trip (not voided), in đồng.
    pub cost: Vnd,
    /// Donations received on the trip (not voided), in đồng.
    pub donation: Vnd,
    pub void_reason: Option<String>,
}

fn optional(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Book {
    /// Records a patient trip and its money.
    pub fn record_trip(&mut self, new: &NewTrip) -> Result<TripRecorded> {
        let commune = self.find_commune(&new.commune)?;
        let on = date::parse(&new.date)?;
        let patient = text::name("Tên bệnh nhân", &new.patient)?;
        let to = text::name("Nơi đến", &new.to)?;
        let km = optional(&new.km).map(Km::parse).transpose()?;
        let from = optional(&new.from_hamlet)
            .map(|h| self.find_hamlet(&commune, h))
            .transpose()?;
        let driver = optional(&new.driver)
            .map(|d| text::name("Tài xế", d))
            .transpose()?;
        let vehicle = optional(&new.vehicle)
            .map(|v| text::name("Xe", v))
            .transpose()?;
        let purpose = text::memo("Lý do chuyến đi", &new.purpose)?;
        let fuel = optional(&new.fuel_cost).map(Vnd::parse).transpose()?;
        let other = optional(&new.other_cost).map(Vnd::parse).transpose()?;
        let donation = optional(&new.donation).map(Vnd::parse).transpose()?;
        let facts = TripFacts {
            commune,
            on,
            patient,
            to,
            km,
            from,
            driver,
            vehicle,
            purpose,
            fuel,
            other,
            donation,
            donor: optional(&new.donor).map(str::to_string),
        };
        self.write(|tx| write_trip(tx, &facts))
    }

    /// The trips of a commune in a month, by date.
    pub fn list_trips(&self, commune: CommuneId, month: Month) -> Result<Vec<TripRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.number, t.date, t.patient, a.name, d.name, t.distance, dr.name, v.name, t.purpose,
                    (SELECT ifnull(sum(m.amount), 0) FROM movements m WHERE m.trip_id = t.id
                       AND m.direction = 'out' AND m.id NOT IN (SELECT movement_id FROM voids)),
                    (SELECT ifnull(sum(m.amount), 0) FROM movements m WHERE m.trip_id = t.id
                       AND m.direction = 'in' AND m.id NOT IN (SELECT movement_id FROM voids)),
                    t.void_reason
             FROM trips t
             JOIN destinations d ON d.id = t.destination_id
             LEFT JOIN hamlets a ON a.id = t.from_hamlet_id
             LEFT JOIN drivers dr ON dr.id = t.driver_id
             LEFT JOIN vehicles v ON v.id = t.vehicle_id
             WHERE t.commune_id = ?1 AND t.date BETWEEN ?2 AND ?3
             ORDER BY t.date, t.id",
        )?;
        let rows = stmt
            .query_map(
                params![commune.0, month.first_day(), month.last_day()],
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

    /// Voids a trip and every entry it caused.
    pub(crate) fn void_trip(
        &mut self,
        number: &Voucher,
        reason: &str,
        commune: Option<&str>,
    ) -> Result<Vec<String>> {
        let commune_filter = match commune {
            Some(c) if !c.trim().is_empty() => Some(self.find_commune(c)?.id.0),
            _ => None,
        };
        let mut stmt = self.conn.prepare(
            "SELECT id, commune_id, date, void_reason FROM trips WHERE number = ?1 AND (?2 IS NULL OR commune_id = ?2)",
        )?;
        let found: Vec<(i64, i64, NaiveDate, Option<String>)> = stmt
            .query_map(params![number.to_string(), commune_filter], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        let (trip_id, commune_id, _, voided) = match found.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(Error::UnknownVoucher {
                    voucher: number.to_string(),
                })
            }
            _ => {
                return Err(Error::AmbiguousVoucher {
                    voucher: number.to_string(),
                    communes: found.len().to_string() + " xã",
                })
            }
        };
        if voided.is_some() {
            return Err(Error::AlreadyVoided {
                voucher: number.to_string(),
            });
        }
        let commune = self.commune(CommuneId(commune_id))?;
        let rows: Vec<_> = {
            let ids: Vec<i64> = self
                .conn
                .prepare("SELECT id FROM movements WHERE trip_id = ?1 AND id NOT IN (SELECT movement_id FROM voids) ORDER BY direction DESC")?
                .query_map([trip_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut rows = Vec::new();
            for id in ids {
                let voucher: String = self.conn.query_row(
                    "SELECT voucher_kind || '-' || voucher_year || '-' || printf('%04d', voucher_seq) FROM movements WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                rows.push(self.find_voucher(&voucher, Some(&commune.title()))?);
            }
            rows
        };
        let trip_date: NaiveDate =
            self.conn
                .query_row("SELECT date FROM trips WHERE id = ?1", [trip_id], |r| {
                    r.get(0)
                })?;
        self.write(|tx| {
            ledger::check_open(tx, &commune, trip_date)?;
            let seq = audit::next_seq(tx)?;
            let mut voided = vec![number.to_string()];
            // why: payments first, so voiding them frees the money a voided donation then takes.
            for row in rows
                .iter()
                .filter(|r| r.direction == ledger::Direction::Out)
            {
                ledger::void_movement(tx, seq, &commune, row, reason)?;
                voided.push(row.voucher.clone());
            }
            for row in rows.iter().filter(|r| r.direction == ledger::Direction::In) {
                ledger::void_movement(tx, seq, &commune, row, reason)?;
                voided.push(row.voucher.clone());
            }
            audit::track_id(tx, "trips", trip_id)?;
            tx.execute(
                "UPDATE trips SET voided_at = ?1, void_reason = ?2 WHERE id = ?3",
                params![tx.now, reason, trip_id],
            )?;
            audit::append(
                tx,
                seq,
                Change {
                    action: "void",
                    entity: "trip",
                    entity_id: &number.to_string(),
                    before: None,
                    after: Some(json!({"void_reason": reason, "vouchers": voided})),
                },
            )?;
            Ok(voided)
        })
    }

    /// The default distance of a destination, if set.
    pub fn destination_distance(&self, name: &str) -> Result<Option<Km>> {
        Ok(self
            .conn
            .query_row(
                "SELECT default_distance FROM destinations WHERE name_fold = ?1 ORDER BY id LIMIT 1",
                [text::fold(name)],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?
            .flatten()
            .map(Km::from_stored))
    }
}

/// A trip's facts, read and checked, ready to be written.
pub(crate) struct TripFacts {
    pub commune: crate::place::Commune,
    pub on: chrono::NaiveDate,
    pub patient: String,
    pub to: String,
    pub km: Option<Km>,
    pub from: Option<crate::place::Hamlet>,
    pub driver: Option<String>,
    pub vehicle: Option<String>,
    pub purpose: String,
    pub fuel: Option<Vnd>,
    pub other: Option<Vnd>,
    pub donation: Option<Vnd>,
    pub donor: Option<String>,
}

/// Writes a trip and its money inside the change `tx` (the window, the CLI and imports).
pub(crate) fn write_trip(tx: &crate::book::Tx, f: &TripFacts) -> Result<TripRecorded> {
    let TripFacts {
        commune,
        on,
        patient,
        to,
        km,
        from,
        driver,
        vehicle,
        purpose,
        fuel,
        other,
        donation,
        donor,
    } = f;
    let (on, km, fuel, other, donation) = (*on, *km, *fuel, *other, *donation);
    ledger::check_date(tx, commune, on)?;
    let destination = find_or_create(tx, "destinations", to, None)?;
    let distance = match km {
        Some(k) => {
            // why: the first distance typed for a place becomes its default.
            audit::track_id(tx, "destinations", destination)?;
            tx.execute(
                    "UPDATE destinations SET default_distance = ?1 WHERE id = ?2 AND default_distance IS NULL",
                    params![k, destination],
                )?;
            k
        }
        None => tx
            .query_row(
                "SELECT default_distance FROM destinations WHERE id = ?1",
                [destination],
                |r| r.get::<_, Option<i64>>(0),
            )?
            .map(Km::from_stored)
            .ok_or(Error::EmptyText {
                field: format!("Số km (chưa có quãng đường mặc định tới {to})"),
            })?,
    };
    let driver_id = driver
        .as_deref()
        .map(|d| find_or_create(tx, "drivers", d, None))
        .transpose()?;
    let vehicle_id = vehicle
        .as_deref()
        .map(|v| find_or_create(tx, "vehicles", v, None))
        .transpose()?;
    let number = voucher::next(tx, commune.id.0, VoucherKind::CX, on.year())?;
    let uuid = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO trips (uuid, commune_id, number, date, patient, from_hamlet_id,
                 destination_id, distance, driver_id, vehicle_id, purpose, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            uuid,
            commune.id.0,
            number.to_string(),
            on,
            patient,
            from.as_ref().map(|h| h.id.0),
            destination,
            distance,
            driver_id,
            vehicle_id,
            purpose,
            tx.now
        ],
    )?;
    let trip_id = tx.last_insert_rowid();
    audit::track_new_id(tx, "trips", trip_id)?;
    let donor = match donation {
        Some(_) => Some(people::party_for(tx, donor.as_deref())?),
        None => None,
    };
    // why: taken after every directory entry is created, as those append entries too.
    let seq = audit::next_seq(tx)?;
    let mut vouchers = Vec::new();
    let patient_memo = format!("Chuyến {number}: {patient} đi {to}");
    for (amount, category, party) in [
        (donation, Category::Donation, donor),
        (fuel, Category::Fuel, None),
        (other, Category::OtherOut, None),
    ] {
        if let Some(amount) = amount {
            vouchers.push(
                ledger::post(
                    tx,
                    seq,
                    &Entry {
                        commune,
                        program: Program::Transport,
                        asset: Asset::Cash,
                        date: on,
                        amount: amount.stored(),
                        category,
                        party_id: party,
                        household_id: None,
                        hamlet_id: from.as_ref().map(|h| h.id.0),
                        trip_id: Some(trip_id),
                        project_id: None,
                        households: None,
                        memo: &patient_memo,
                    },
                )?
                .to_string(),
            );
        }
    }
    audit::append(
        tx,
        seq,
        Change {
            action: "record",
            entity: "trip",
            entity_id: &number.to_string(),
            before: None,
            after: Some(
                json!({"commune": commune.name, "date": on, "patient": patient,
                    "to": to, "km": distance.plain(), "driver": driver, "vehicle": vehicle,
                    "purpose": purpose, "vouchers": vouchers}),
            ),
        },
    )?;
    Ok(TripRecorded {
        number: number.to_string(),
        vouchers,
    })
}

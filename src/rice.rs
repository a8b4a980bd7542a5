//! Nắm gạo tình thương: rice collection rounds and handouts.
//!
//! A collection round (đợt thu gạo) is a phiếu nhập kho (PN) into the rice fund, with the hamlet
//! and how many households gave; a handout (cấp phát) is a phiếu xuất kho (PX) to one household of
//! the commune. Both are movements of the ledger, so every rule of the ledger holds: a handout
//! larger than the stock on hand on its date (or on any later date) is refused.

use crate::audit::{self, Change};
use crate::book::Book;
use crate::date;
use crate::error::{Error, Result};
use crate::ledger::{self, Asset, Category, Entry, Program};
use crate::money::Kg;
use crate::text;
use crate::voucher::Voucher;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A collection round as typed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewCollection {
    pub commune: String,
    pub date: String,
    pub kg: String,
    pub hamlet: Option<String>,
    /// How many households gave (as typed; blank if not counted).
    pub households: Option<String>,
    /// Who brought the rice in (a volunteer group, a donor); blank for the hamlet's households.
    pub party: Option<String>,
    pub memo: String,
}

/// A handout as typed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewHandout {
    pub commune: String,
    pub date: String,
    pub kg: String,
    pub household: String,
    pub memo: String,
}

fn count(field: &str, input: &str) -> Result<i64> {
    let t = input.trim();
    let n: i64 = t.parse().map_err(|_| Error::InvalidNumber {
        field: field.into(),
        input: input.into(),
        hint: "hãy gõ một số nguyên, ví dụ 35".into(),
    })?;
    if n <= 0 {
        return Err(Error::NotPositive {
            field: field.into(),
            input: input.into(),
        });
    }
    if n > 100_000 {
        return Err(Error::TooLarge {
            field: field.into(),
            input: input.into(),
            max: "100.000".into(),
        });
    }
    Ok(n)
}

impl Book {
    /// Records a rice collection round (PN).
    pub fn record_rice_in(&mut self, new: &NewCollection) -> Result<Voucher> {
        let commune = self.find_commune(&new.commune)?;
        let on = date::parse(&new.date)?;
        let kg = Kg::parse(&new.kg)?;
        let hamlet = match new.hamlet.as_deref().filter(|h| !h.trim().is_empty()) {
            Some(h) => Some(self.find_hamlet(&commune, h)?),
            None => None,
        };
        let households = match new.households.as_deref().filter(|h| !h.trim().is_empty()) {
            Some(h) => Some(count("Số hộ góp gạo", h)?),
            None => None,
        };
        let memo = text::memo("Ghi chú", &new.memo)?;
        self.write(|tx| {
            let party = match new.party.as_deref().filter(|p| !p.trim().is_empty()) {
                Some(p) => Some(crate::people::party_for(tx, Some(p))?),
                None => None,
            };
            let seq = audit::next_seq(tx)?;
            let number = ledger::post(
                tx,
                seq,
                &Entry {
                    commune: &commune,
                    program: Program::Rice,
                    asset: Asset::Rice,
                    date: on,
                    amount: kg.stored(),
                    category: if party.is_some() {
                        Category::Donation
                    } else {
                        Category::Collection
                    },
                    party_id: party,
                    household_id: None,
                    hamlet_id: hamlet.as_ref().map(|h| h.id.0),
                    trip_id: None,
                    project_id: None,
                    households,
                    memo: &memo,
                },
            )?;
            audit::append(
                tx,
                seq,
                Change {
                    action: "record",
                    entity: "rice_collection",
                    entity_id: &number.to_string(),
                    before: None,
                    after: Some(json!({"commune": commune.name, "date": on, "kg": kg.plain(),
                        "hamlet": hamlet.as_ref().map(|h| &h.name), "households": households, "memo": memo})),
                },
            )?;
            Ok(number)
        })
    }

    /// Records a rice handout to a household of the commune (PX).
    pub fn record_rice_out(&mut self, new: &NewHandout) -> Result<Voucher> {
        let commune = self.find_commune(&new.commune)?;
        let on = date::parse(&new.date)?;
        let kg = Kg::parse(&new.kg)?;
        let household = self.find_household(&commune, &new.household)?;
        let memo = text::memo("Ghi chú", &new.memo)?;
        self.write(|tx| {
            let hamlet = crate::people::household_hamlet(tx, household.id)?;
            let seq = audit::next_seq(tx)?;
            let number = ledger::post(
                tx,
                seq,
                &Entry {
                    commune: &commune,
                    program: Program::Rice,
                    asset: Asset::Rice,
                    date: on,
                    amount: kg.stored(),
                    category: Category::Handout,
                    party_id: None,
                    household_id: Some(household.id.0),
                    hamlet_id: hamlet.map(|h| h.0),
                    trip_id: None,
                    project_id: None,
                    households: None,
                    memo: &memo,
                },
            )?;
            audit::append(
                tx,
                seq,
                Change {
                    action: "record",
                    entity: "rice_handout",
                    entity_id: &number.to_string(),
                    before: None,
                    after: Some(
                        json!({"commune": commune.name, "date": on, "kg": kg.plain(),
                        "household": household.name, "memo": memo}),
                    ),
                },
            )?;
            Ok(number)
        })
    }
}

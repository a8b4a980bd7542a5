//! Corrections of names: a household, a hamlet, a donor or other party, a driver, a vehicle or a
//! destination typed wrong is renamed; a household moves to another hamlet; two parties that are
//! one person are merged.
//!
//! Every entry stays linked (entries point at rows by id, and are never changed: a merged party
//! keeps its row, marked `merged_into`, and its entries print under the name of the one kept).
//! Each correction is in the audit log with before and after, and its row is covered by the
//! chain's state digest. The rules of adding hold for renaming: a household's name stays unique
//! in its hamlet, a hamlet's in its commune (look-alike spellings too), a list's names unique.

use crate::audit::{self, Change};
use crate::book::{Book, Tx};
use crate::error::{Error, Result};
use crate::people::{Household, HouseholdId, HouseholdStatus, Named};
use crate::place::{Hamlet, HamletId};
use crate::text;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The named lists whose entries can be renamed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Register {
    /// Donors, suppliers and other counterparties.
    Party,
    Driver,
    Vehicle,
    Destination,
}

impl Register {
    fn table(self) -> &'static str {
        match self {
            Register::Party => "parties",
            Register::Driver => "drivers",
            Register::Vehicle => "vehicles",
            Register::Destination => "destinations",
        }
    }

    fn entity(self) -> &'static str {
        match self {
            Register::Party => "party",
            Register::Driver => "driver",
            Register::Vehicle => "vehicle",
            Register::Destination => "destination",
        }
    }

    /// The list in words ("người nộp / nhận", "tài xế", "xe", "nơi đến").
    pub fn label(self) -> &'static str {
        match self {
            Register::Party => "người nộp / nhận",
            Register::Driver => "tài xế",
            Register::Vehicle => "xe",
            Register::Destination => "nơi đến",
        }
    }

    fn field(self) -> &'static str {
        match self {
            Register::Party => "Người nộp/nhận",
            Register::Driver => "Tài xế",
            Register::Vehicle => "Xe",
            Register::Destination => "Nơi đến",
        }
    }
}

/// What to correct of a household (see [`Book::correct_household`]); None leaves it as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HouseholdChange {
    /// The new name, as typed.
    pub name: Option<String>,
    /// The new hamlet (Some(None): no hamlet).
    pub hamlet: Option<Option<HamletId>>,
    /// Its standing in a year.
    pub status: Option<(i32, HouseholdStatus)>,
}

/// The row of `register` with this id, or None.
fn named_by_id(
    tx: &rusqlite::Connection,
    register: Register,
    id: i64,
) -> Result<Option<(String, Option<i64>)>> {
    let merged = if register == Register::Party {
        "merged_into"
    } else {
        "NULL"
    };
    Ok(tx
        .query_row(
            &format!(
                "SELECT name, {merged} FROM {} WHERE id = ?1",
                register.table()
            ),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

impl Book {
    /// Renames a household (its entries stay its own and print under the new name).
    pub fn rename_household(&mut self, id: HouseholdId, new_name: &str) -> Result<Household> {
        let name = text::name("Tên hộ", new_name)?;
        self.write(|tx| rename_household_in(tx, id, &name))?;
        self.household(id)
    }

    /// Moves a household to another hamlet of its commune (None: no hamlet).
    pub fn move_household(
        &mut self,
        id: HouseholdId,
        hamlet: Option<HamletId>,
    ) -> Result<Household> {
        self.write(|tx| move_household_in(tx, id, hamlet))?;
        self.household(id)
    }

    /// Corrects a household in one transaction: its name, its hamlet and its standing in a
    /// year, each only when given; all of it is saved, or (when one part is refused) nothing.
    pub fn correct_household(
        &mut self,
        id: HouseholdId,
        change: &HouseholdChange,
    ) -> Result<Household> {
        let name = change
            .name
            .as_deref()
            .map(|n| text::name("Tên hộ", n))
            .transpose()?;
        self.write(|tx| {
            if let Some(name) = &name {
                rename_household_in(tx, id, name)?;
            }
            if let Some(hamlet) = change.hamlet {
                move_household_in(tx, id, hamlet)?;
            }
            if let Some((year, status)) = change.status {
                crate::people::set_status_in(tx, id, year, status)?;
            }
            Ok(())
        })?;
        self.household(id)
    }

    /// Renames a hamlet; a name that prints like another hamlet of the commune is refused.
    pub fn rename_hamlet(&mut self, id: HamletId, new_name: &str) -> Result<Hamlet> {
        let name = text::name("Tên ấp", new_name)?;
        self.write(|tx| {
            let (commune, old): (i64, String) = tx
                .query_row("SELECT commune_id, name FROM hamlets WHERE id = ?1", [id.0], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or_else(|| Error::UnknownHamlet {
                    name: format!("#{}", id.0),
                    commune: String::new(),
                })?;
            crate::place::check_writable_id(tx, commune)?;
            if old == name {
                return Ok(());
            }
            let clash: Option<String> = tx
                .query_row(
                    "SELECT name FROM hamlets WHERE commune_id = ?1 AND name_fold = ?2 AND id <> ?3",
                    params![commune, text::fold(&name), id.0],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = clash {
                return Err(Error::LookalikeName {
                    what: format!("ấp của {}", self_commune_title(tx, commune)?),
                    name,
                    existing,
                });
            }
            audit::track_id(tx, "hamlets", id.0)?;
            tx.execute(
                "UPDATE hamlets SET name = ?1, name_fold = ?2 WHERE id = ?3",
                params![name, text::fold(&name), id.0],
            )?;
            record(tx, "rename", "hamlet", id.0, json!({"name": old}), json!({"name": name}))
        })?;
        self.hamlet(id)
    }

    /// Renames an entry of a named list. A name already in the list is refused (two parties that
    /// are one person are merged instead, [`Book::merge_parties`]).
    pub fn rename_named(&mut self, register: Register, id: i64, new_name: &str) -> Result<Named> {
        let name = text::name(register.field(), new_name)?;
        self.write(|tx| {
            let (old, merged) =
                named_by_id(tx, register, id)?.ok_or_else(|| unknown(register, id))?;
            if merged.is_some() {
                return Err(Error::MergeRefused {
                    from: old,
                    into: String::new(),
                    reason: "đã gộp vào người khác; hãy sửa tên người được giữ lại".into(),
                });
            }
            if register == Register::Party {
                let kind: String =
                    tx.query_row("SELECT kind FROM parties WHERE id = ?1", [id], |r| r.get(0))?;
                if kind == "anonymous" {
                    return Err(Error::AnonymousRename { name: old });
                }
            }
            if old == name {
                return Ok(());
            }
            let clash: Option<String> = tx
                .query_row(
                    &format!(
                        "SELECT name FROM {} WHERE name_fold = ?1 AND id <> ?2 {}",
                        register.table(),
                        if register == Register::Party {
                            "AND merged_into IS NULL"
                        } else {
                            ""
                        }
                    ),
                    params![text::fold(&name), id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = clash {
                if text::canonical(&existing).to_lowercase() == name.to_lowercase() {
                    return Err(Error::DuplicateName {
                        what: capitalised(register.label()),
                        name,
                    });
                }
            }
            audit::track_id(tx, register.table(), id)?;
            tx.execute(
                &format!(
                    "UPDATE {} SET name = ?1, name_fold = ?2 WHERE id = ?3",
                    register.table()
                ),
                params![name, text::fold(&name), id],
            )?;
            record(
                tx,
                "rename",
                register.entity(),
                id,
                json!({"name": old}),
                json!({"name": name}),
            )
        })?;
        self.named(register, id)
    }

    /// Merges party `from` into `into` (one person or body typed twice): `from`'s entries print
    /// under `into`'s name from now on, and typing `from`'s name finds `into`.
    pub fn merge_parties(&mut self, from: i64, into: i64) -> Result<()> {
        self.write(|tx| {
            let (from_name, from_merged) = named_by_id(tx, Register::Party, from)?
                .ok_or_else(|| unknown(Register::Party, from))?;
            let (into_name, into_merged) = named_by_id(tx, Register::Party, into)?
                .ok_or_else(|| unknown(Register::Party, into))?;
            let refuse = |reason: &str| Error::MergeRefused {
                from: from_name.clone(),
                into: into_name.clone(),
                reason: reason.to_string(),
            };
            if from == into {
                return Err(refuse("là cùng một người"));
            }
            if from_merged.is_some() {
                return Err(refuse("người này đã được gộp trước đó"));
            }
            if into_merged.is_some() {
                return Err(refuse(
                    "người được giữ lại đã gộp vào người khác; hãy gộp vào người đó",
                ));
            }
            let anonymous: i64 = tx.query_row(
                "SELECT count(*) FROM parties WHERE id IN (?1, ?2) AND kind = 'anonymous'",
                params![from, into],
                |r| r.get(0),
            )?;
            if anonymous > 0 {
                return Err(refuse(
                    "“Nhà hảo tâm” là người ủng hộ không nêu tên, không gộp với ai",
                ));
            }
            // why: parties merged into `from` earlier now belong to `into` (one step, never a chain).
            let earlier: Vec<i64> = tx
                .prepare("SELECT id FROM parties WHERE merged_into = ?1")?
                .query_map([from], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in earlier.iter().copied().chain(std::iter::once(from)) {
                audit::track_id(tx, "parties", id)?;
                tx.execute(
                    "UPDATE parties SET merged_into = ?1 WHERE id = ?2",
                    params![into, id],
                )?;
            }
            record(
                tx,
                "merge",
                "party",
                from,
                json!({"name": from_name}),
                json!({"merged_into": into, "name": into_name, "also": earlier}),
            )
        })
    }

    /// One household by id, with its standing this year.
    pub fn household(&self, id: HouseholdId) -> Result<Household> {
        let year = chrono::Datelike::year(&self.today());
        let commune: i64 = self
            .conn
            .query_row(
                "SELECT commune_id FROM households WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::UnknownHousehold {
                name: format!("#{}", id.0),
                commune: String::new(),
            })?;
        self.list_households(crate::place::CommuneId(commune), year, None)?
            .into_iter()
            .find(|h| h.id == id)
            .ok_or_else(|| Error::UnknownHousehold {
                name: format!("#{}", id.0),
                commune: String::new(),
            })
    }

    /// One hamlet by id.
    pub fn hamlet(&self, id: HamletId) -> Result<Hamlet> {
        let commune: i64 = self
            .conn
            .query_row(
                "SELECT commune_id FROM hamlets WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::UnknownHamlet {
                name: format!("#{}", id.0),
                commune: String::new(),
            })?;
        self.list_hamlets(crate::place::CommuneId(commune))?
            .into_iter()
            .find(|h| h.id == id)
            .ok_or_else(|| Error::UnknownHamlet {
                name: format!("#{}", id.0),
                commune: String::new(),
            })
    }

    /// One entry of a named list by id.
    pub fn named(&self, register: Register, id: i64) -> Result<Named> {
        let list = match register {
            Register::Party => self.list_parties(None)?,
            Register::Driver => self.list_drivers()?,
            Register::Vehicle => self.list_vehicles()?,
            Register::Destination => self.list_destinations()?,
        };
        list.into_iter()
            .find(|n| n.id == id)
            .ok_or_else(|| unknown(register, id))
    }

    /// Finds an entry of a named list by name, exactly or without diacritics (for the CLI).
    pub fn find_named(&self, register: Register, name: &str) -> Result<Named> {
        let list = match register {
            Register::Party => self.list_parties(None)?,
            Register::Driver => self.list_drivers()?,
            Register::Vehicle => self.list_vehicles()?,
            Register::Destination => self.list_destinations()?,
        };
        let rows = list.into_iter().map(|n| (n.name.clone(), n)).collect();
        crate::place::pick(name, rows, register.label(), || Error::UnknownName {
            what: register.label().to_string(),
            name: name.trim().to_string(),
        })
    }
}

fn unknown(register: Register, id: i64) -> Error {
    Error::UnknownName {
        what: register.label().to_string(),
        name: format!("#{id}"),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn self_commune_title(tx: &rusqlite::Connection, commune: i64) -> Result<String> {
    let (name, kind): (String, String) = tx.query_row(
        "SELECT name, kind FROM communes WHERE id = ?1",
        [commune],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let word = match kind.as_str() {
        "thi_tran" => "Thị trấn",
        "phuong" => "Phường",
        _ => "Xã",
    };
    Ok(format!("{word} {name}"))
}

fn record(
    tx: &Tx,
    action: &str,
    entity: &str,
    id: i64,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<()> {
    audit::record(
        tx,
        Change {
            action,
            entity,
            entity_id: &id.to_string(),
            before: Some(before),
            after: Some(after),
        },
    )?;
    Ok(())
}

/// A household's commune, hamlet and name, by id.
fn household_row(tx: &Tx, id: HouseholdId) -> Result<(i64, Option<i64>, String)> {
    tx.query_row(
        "SELECT commune_id, hamlet_id, name FROM households WHERE id = ?1",
        [id.0],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::UnknownHousehold {
        name: format!("#{}", id.0),
        commune: String::new(),
    })
}

/// Renames a household within `tx` (see [`Book::rename_household`]); `name` is already read.
fn rename_household_in(tx: &Tx, id: HouseholdId, name: &str) -> Result<()> {
    let (commune, hamlet, old) = household_row(tx, id)?;
    crate::place::check_writable_id(tx, commune)?;
    if old == name {
        return Ok(());
    }
    crate::people::refuse_twin(tx, commune, hamlet, name, Some(id))?;
    audit::track_id(tx, "households", id.0)?;
    tx.execute(
        "UPDATE households SET name = ?1, name_fold = ?2 WHERE id = ?3",
        params![name, text::fold(name), id.0],
    )?;
    record(
        tx,
        "rename",
        "household",
        id.0,
        json!({"name": old}),
        json!({"name": name}),
    )
}

/// Moves a household within `tx` (see [`Book::move_household`]).
fn move_household_in(tx: &Tx, id: HouseholdId, hamlet: Option<HamletId>) -> Result<()> {
    let (commune, from, name) = household_row(tx, id)?;
    if let Some(h) = hamlet {
        let of: Option<i64> = tx
            .query_row("SELECT commune_id FROM hamlets WHERE id = ?1", [h.0], |r| {
                r.get(0)
            })
            .optional()?;
        if of != Some(commune) {
            return Err(Error::UnknownHamlet {
                name: format!("#{}", h.0),
                commune: self_commune_title(tx, commune)?,
            });
        }
    }
    crate::place::check_writable_id(tx, commune)?;
    let to = hamlet.map(|h| h.0);
    if from == to {
        return Ok(());
    }
    crate::people::refuse_twin(tx, commune, to, &name, Some(id))?;
    audit::track_id(tx, "households", id.0)?;
    tx.execute(
        "UPDATE households SET hamlet_id = ?1 WHERE id = ?2",
        params![to, id.0],
    )?;
    record(
        tx,
        "move",
        "household",
        id.0,
        json!({"hamlet_id": from}),
        json!({"hamlet_id": to}),
    )
}

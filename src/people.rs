//! People and things the books name: households (with poverty status per year), donors and other
//! counterparties, drivers, vehicles and trip destinations.
//!
//! Households must exist before rice is handed to them (an unknown household is refused); donors,
//! drivers, vehicles and destinations are created on first use, because slips name them freely.
//! A counterparty left blank, or typed as "nhà hảo tâm", is the one anonymous benefactor.

use crate::audit::{self, Change};
use crate::book::{Book, Tx};
use crate::error::{Error, Result};
use crate::money::Km;
use crate::place::{Commune, CommuneId, HamletId};
use crate::text;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A household's standing in one year.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HouseholdStatus {
    /// hộ nghèo
    Ngheo,
    /// hộ cận nghèo
    CanNgheo,
    /// hoàn cảnh khó khăn
    KhoKhan,
}

impl HouseholdStatus {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            HouseholdStatus::Ngheo => "ngheo",
            HouseholdStatus::CanNgheo => "can_ngheo",
            HouseholdStatus::KhoKhan => "kho_khan",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            HouseholdStatus::Ngheo => "Hộ nghèo",
            HouseholdStatus::CanNgheo => "Hộ cận nghèo",
            HouseholdStatus::KhoKhan => "Hoàn cảnh khó khăn",
        }
    }

    /// Reads `ngheo`, `can-ngheo`, `kho-khan` (or with underscores, or the Vietnamese words).
    pub fn parse(input: &str) -> Result<Self> {
        let folded = text::fold(input).replace(['-', '_'], " ");
        match folded.trim_start_matches("ho ") {
            "ngheo" => Ok(HouseholdStatus::Ngheo),
            "can ngheo" => Ok(HouseholdStatus::CanNgheo),
            "kho khan" | "hoan canh kho khan" => Ok(HouseholdStatus::KhoKhan),
            _ => Err(Error::InvalidChoice {
                field: "Diện hộ".into(),
                input: input.into(),
                allowed: "ngheo, can-ngheo, kho-khan".into(),
            }),
        }
    }

    pub(crate) fn from_code(code: &str) -> Self {
        match code {
            "can_ngheo" => HouseholdStatus::CanNgheo,
            "kho_khan" => HouseholdStatus::KhoKhan,
            _ => HouseholdStatus::Ngheo,
        }
    }
}

/// Newtype id of a household.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HouseholdId(pub i64);

/// A household as listed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    pub id: HouseholdId,
    pub commune_id: CommuneId,
    pub hamlet: Option<String>,
    pub name: String,
    /// Status in the year asked for, if recorded.
    pub status: Option<HouseholdStatus>,
}

/// Kinds of counterparty.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    Person,
    Organisation,
    /// "nhà hảo tâm" who gave no name.
    Anonymous,
}

impl PartyKind {
    fn code(self) -> &'static str {
        match self {
            PartyKind::Person => "person",
            PartyKind::Organisation => "organisation",
            PartyKind::Anonymous => "anonymous",
        }
    }
}

/// The name shown for the anonymous benefactor.
pub const ANONYMOUS: &str = "Nhà hảo tâm";

/// Words that mark an organisation rather than a person (a guess for new names only; editable).
const ORGANISATION_WORDS: &[&str] = &[
    "cong ty",
    "cty",
    "doanh nghiep",
    "hoi ",
    "ban ",
    "chua",
    "nha tho",
    "truong",
    "uy ban",
    "mat tran",
    "doan ",
    "hop tac xa",
    "htx",
    "ngan hang",
    "to ",
    "nhom ",
];

/// A named list entry: driver, vehicle, destination or party.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: i64,
    pub name: String,
    /// Extra column: party kind, phone, plate, or default distance in km.
    pub detail: String,
}

impl Book {
    /// Adds a household to a commune (and hamlet), with its status for the current year.
    pub fn add_household(
        &mut self,
        commune: &str,
        name: &str,
        hamlet: Option<&str>,
        status: Option<HouseholdStatus>,
    ) -> Result<Household> {
        let commune = self.find_commune(commune)?;
        let hamlet = match hamlet {
            Some(h) if !h.trim().is_empty() => Some(self.find_hamlet(&commune, h)?),
            _ => None,
        };
        let name = text::name("Tên hộ", name)?;
        let year = chrono::Datelike::year(&self.today());
        let id =
            self.write(|tx| insert_household(tx, &commune, hamlet.as_ref(), &name, status, year))?;
        Ok(Household {
            id,
            commune_id: commune.id,
            hamlet: hamlet.map(|h| h.name),
            name,
            status,
        })
    }

    /// Sets a household's status for one year (standards change from year to year).
    pub fn set_household_status(
        &mut self,
        household: HouseholdId,
        year: i32,
        status: HouseholdStatus,
    ) -> Result<()> {
        self.write(|tx| set_status_in(tx, household, year, status))
    }

    /// The households of a commune with their status in `year`, by name; `search` matches
    /// without diacritics.
    pub fn list_households(
        &self,
        commune: CommuneId,
        year: i32,
        search: Option<&str>,
    ) -> Result<Vec<Household>> {
        let pattern = format!("%{}%", text::fold(search.unwrap_or("")));
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.id, h.commune_id, a.name, h.name, s.status FROM households h
             LEFT JOIN hamlets a ON a.id = h.hamlet_id
             LEFT JOIN household_status s ON s.household_id = h.id AND s.year = ?2
             WHERE h.commune_id = ?1 AND h.name_fold LIKE ?3
             ORDER BY h.name_fold, h.id",
        )?;
        let rows = stmt
            .query_map(params![commune.0, year, pattern], household_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Finds a household of a commune by name, exactly or without diacritics. Households that
    /// share a name are told apart by their hamlet in brackets: "Nguyễn Văn Tư (Phú Hiệp)", or
    /// "Nguyễn Văn Tư (chưa có ấp)" for the one without a hamlet.
    pub fn find_household(&self, commune: &Commune, name: &str) -> Result<Household> {
        // why: the name and its hamlet together ("name (hamlet)") may be longer than a name alone.
        let typed = text::clean("Tên hộ", name, 2 * text::MAX_NAME + 3)?;
        let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        let year = chrono::Datelike::year(&self.today());
        let named = |typed: &str| self.households_named(commune.id, year, typed);
        // why: a name may itself end in brackets ("Lê Văn Út (Út Nhỏ)"), so it is tried whole first.
        let whole = choose(&typed, named(&typed)?);
        if let Choice::One(h) = whole {
            // why: "Nguyễn Văn Tư (Ấp Phú Lợi)" may be one household's own name and another's
            // label; neither is chosen over the other.
            for (base, hamlet) in hamlet_splits(&typed) {
                if let Choice::One(other) = choose(base, in_hamlet(&named(base)?, hamlet)) {
                    if other.id != h.id {
                        return Err(Error::AmbiguousName {
                            what: "hộ".into(),
                            name: typed,
                            candidates: format!("{}, {}", with_hamlet(&h), with_hamlet(&other)),
                        });
                    }
                }
            }
            return Ok(h);
        }
        let mut refusal = None;
        for (base, hamlet) in hamlet_splits(&typed) {
            let namesakes = named(base)?;
            let here = in_hamlet(&namesakes, hamlet);
            match choose(base, here) {
                Choice::One(h) => return Ok(h),
                // why: all of one hamlet, so this is a refusal of twins.
                Choice::Same(twins) => {
                    refusal.get_or_insert_with(|| same_name(twins));
                }
                Choice::Several(found) => {
                    refusal.get_or_insert_with(|| ambiguous(base, &found));
                }
                Choice::None if !namesakes.is_empty() => {
                    // why: "Tư" typed exactly names the hamlets of the Tư, not of a Tứ.
                    let spelled: Vec<&Household> =
                        namesakes.iter().filter(|h| h.name == base).collect();
                    let shown: Vec<&Household> = if spelled.is_empty() {
                        namesakes.iter().collect()
                    } else {
                        spelled
                    };
                    let mut hamlets: Vec<String> = Vec::new();
                    for h in &shown {
                        let at = h.hamlet.clone().unwrap_or_else(|| NO_HAMLET.into());
                        if !hamlets.contains(&at) {
                            hamlets.push(at);
                        }
                    }
                    let one_name = shown.iter().all(|h| h.name == shown[0].name);
                    refusal.get_or_insert(Error::HouseholdNotInHamlet {
                        name: if one_name {
                            shown[0].name.clone()
                        } else {
                            base.to_string()
                        },
                        hamlet: hamlet.to_string(),
                        hamlets: hamlets.join(", "),
                    });
                }
                Choice::None => {}
            }
        }
        Err(match whole {
            Choice::Same(found) => same_name(found),
            Choice::Several(found) => ambiguous(&typed, &found),
            _ => refusal.unwrap_or_else(|| Error::UnknownHousehold {
                name: typed.clone(),
                commune: commune.title(),
            }),
        })
    }

    /// The households of a commune whose name folds to that of `typed`.
    fn households_named(
        &self,
        commune: CommuneId,
        year: i32,
        typed: &str,
    ) -> Result<Vec<Household>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.id, h.commune_id, a.name, h.name, s.status FROM households h
             LEFT JOIN hamlets a ON a.id = h.hamlet_id
             LEFT JOIN household_status s ON s.household_id = h.id AND s.year = ?2
             WHERE h.commune_id = ?1 AND h.name_fold = ?3
             ORDER BY h.id",
        )?;
        let rows = stmt
            .query_map(
                params![commune.0, year, text::fold(typed)],
                household_from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Donors and other counterparties, by name.
    pub fn list_parties(&self, search: Option<&str>) -> Result<Vec<Named>> {
        list_named(
            &self.conn,
            "SELECT id, name, kind FROM parties WHERE name_fold LIKE ?1 AND merged_into IS NULL
             ORDER BY name_fold",
            search,
        )
    }

    /// Drivers, by name.
    pub fn list_drivers(&self) -> Result<Vec<Named>> {
        list_named(
            &self.conn,
            "SELECT id, name, phone FROM drivers WHERE name_fold LIKE ?1 ORDER BY name_fold",
            None,
        )
    }

    /// Vehicles, by name.
    pub fn list_vehicles(&self) -> Result<Vec<Named>> {
        list_named(
            &self.conn,
            "SELECT id, name, plate FROM vehicles WHERE name_fold LIKE ?1 ORDER BY name_fold",
            None,
        )
    }

    /// Destinations with their default distance in km.
    pub fn list_destinations(&self) -> Result<Vec<Named>> {
        let mut rows = list_named(
            &self.conn,
            "SELECT id, name, ifnull(default_distance, '') FROM destinations WHERE name_fold LIKE ?1 ORDER BY name_fold",
            None,
        )?;
        for r in &mut rows {
            if let Ok(m) = r.detail.parse::<i64>() {
                r.detail = Km::from_stored(m).plain();
            }
        }
        Ok(rows)
    }

    /// Adds (or updates the default distance of) a destination.
    pub fn set_destination(&mut self, name: &str, default_km: Option<Km>) -> Result<i64> {
        let name = text::name("Nơi đến", name)?;
        self.write(|tx| {
            let id = find_or_create(tx, "destinations", &name, None)?;
            if let Some(km) = default_km {
                audit::track_id(tx, "destinations", id)?;
                tx.execute(
                    "UPDATE destinations SET default_distance = ?1 WHERE id = ?2",
                    params![km, id],
                )?;
                audit::record(
                    tx,
                    Change {
                        action: "set_distance",
                        entity: "destination",
                        entity_id: &id.to_string(),
                        before: None,
                        after: Some(json!({"name": name, "km": km.plain()})),
                    },
                )?;
            }
            Ok(id)
        })
    }
}

fn list_named(conn: &rusqlite::Connection, sql: &str, search: Option<&str>) -> Result<Vec<Named>> {
    let pattern = format!("%{}%", text::fold(search.unwrap_or("")));
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map([pattern], |r| {
            Ok(Named {
                id: r.get(0)?,
                name: r.get(1)?,
                detail: r.get::<_, rusqlite::types::Value>(2).map(|v| match v {
                    rusqlite::types::Value::Text(t) => t,
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    _ => String::new(),
                })?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Adds a household inside the change `tx`: `name` already cleaned; refused when a household
/// of that name (tone placement and case aside) is already in the hamlet, since twins could be
/// told apart neither in the window nor on the posted list (the clerk adds what the village
/// calls them instead).
pub(crate) fn insert_household(
    tx: &Tx,
    commune: &Commune,
    hamlet: Option<&crate::place::Hamlet>,
    name: &str,
    status: Option<HouseholdStatus>,
    year: i32,
) -> Result<HouseholdId> {
    crate::place::check_writable(commune)?;
    refuse_twin(tx, commune.id.0, hamlet.map(|h| h.id.0), name, None)?;
    let uuid = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO households (uuid, commune_id, hamlet_id, name, name_fold, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            uuid,
            commune.id.0,
            hamlet.map(|h| h.id.0),
            name,
            text::fold(name),
            tx.now
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::track_new_id(tx, "households", id)?;
    if let Some(s) = status {
        tx.execute(
            "INSERT INTO household_status (household_id, year, status) VALUES (?1, ?2, ?3)",
            params![id, year, s.code()],
        )?;
        audit::track_new(tx, "household_status", &[id.into(), i64::from(year).into()])?;
    }
    audit::record(
        tx,
        Change {
            action: "create",
            entity: "household",
            entity_id: &uuid,
            before: None,
            after: Some(
                json!({"commune": commune.name, "hamlet": hamlet.map(|h| &h.name),
                "name": name, "status": status.map(|s| s.code()), "year": year}),
            ),
        },
    )?;
    Ok(HouseholdId(id))
}

/// Refuses a household name that would make twins in `hamlet` (the name of another household
/// there, tone placement and case aside); `except` is the household being renamed or moved.
pub(crate) fn refuse_twin(
    tx: &rusqlite::Connection,
    commune: i64,
    hamlet: Option<i64>,
    name: &str,
    except: Option<HouseholdId>,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT h.name, a.name FROM households h LEFT JOIN hamlets a ON a.id = h.hamlet_id
         WHERE h.commune_id = ?1 AND h.hamlet_id IS ?2 AND h.name_fold = ?3 AND h.id IS NOT ?4",
    )?;
    let wanted = text::canonical(name).to_lowercase();
    let rows: Vec<(String, Option<String>)> = stmt
        .query_map(
            params![commune, hamlet, text::fold(name), except.map(|h| h.0)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    if let Some((twin, at)) = rows
        .into_iter()
        .find(|(n, _)| text::canonical(n).to_lowercase() == wanted)
    {
        return Err(Error::DuplicateHousehold {
            label: format!("{twin} ({})", at.unwrap_or_else(|| NO_HAMLET.into())),
            name: twin,
        });
    }
    Ok(())
}

/// Finds a row of a named list (parties, drivers, vehicles, destinations) by exact or folded name,
/// creating it when there is none. `kind` is for parties only.
pub(crate) fn find_or_create(
    tx: &Tx,
    table: &str,
    name: &str,
    kind: Option<PartyKind>,
) -> Result<i64> {
    let name = &text::canonical(name);
    let fold = text::fold(name);
    // why: a party merged into another (one person typed twice) is found as the one kept.
    let kept = if table == "parties" {
        "coalesce(merged_into, id)"
    } else {
        "id"
    };
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {kept}, name FROM {table} WHERE name_fold = ?1 ORDER BY id"
    ))?;
    let rows: Vec<(i64, String)> = stmt
        .query_map([&fold], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some((id, _)) = rows.iter().find(|(_, n)| text::canonical(n) == *name) {
        return Ok(*id);
    }
    // why: a name typed without diacritics finds the one already written with them.
    if rows.len() == 1 && fold == *name {
        return Ok(rows[0].0);
    }
    let uuid = uuid::Uuid::now_v7().to_string();
    let entity = match table {
        "parties" => "party",
        "drivers" => "driver",
        "vehicles" => "vehicle",
        "destinations" => "destination",
        other => other,
    };
    if table == "parties" {
        let kind = kind.unwrap_or(PartyKind::Person);
        tx.execute(
            "INSERT INTO parties (uuid, kind, name, name_fold, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![uuid, kind.code(), name, fold, tx.now],
        )?;
    } else {
        tx.execute(
            &format!(
                "INSERT INTO {table} (uuid, name, name_fold, created_at) VALUES (?1, ?2, ?3, ?4)"
            ),
            params![uuid, name, fold, tx.now],
        )?;
    }
    let id = tx.last_insert_rowid();
    audit::track_new_id(tx, table, id)?;
    audit::record(
        tx,
        Change {
            action: "create",
            entity,
            entity_id: &uuid,
            before: None,
            after: Some(json!({"name": name, "kind": kind.map(|k| k.code())})),
        },
    )?;
    Ok(id)
}

/// The payee of a payment: a person or body named, never the anonymous donor (a payment to
/// "Nhà hảo tâm" could never be traced).
pub(crate) fn payee_for(tx: &Tx, name: &str) -> Result<i64> {
    let cleaned = text::clean("Người nhận tiền", name, text::MAX_NAME)?;
    let fold = text::fold(&cleaned);
    if cleaned.is_empty() {
        return Err(Error::EmptyText {
            field: "Người nhận tiền".into(),
        });
    }
    if fold == "nha hao tam" || fold == "an danh" {
        return Err(Error::AnonymousPayee { name: cleaned });
    }
    party_for(tx, Some(&cleaned))
}

/// The counterparty for a slip: blank or "nhà hảo tâm" is the anonymous benefactor; a name with an
/// organisation word is an organisation; else a person.
pub(crate) fn party_for(tx: &Tx, name: Option<&str>) -> Result<i64> {
    let name = match name {
        Some(n) => text::clean("Người nộp/nhận", n, text::MAX_NAME)?,
        None => String::new(),
    };
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let fold = text::fold(&name);
    if name.is_empty() || fold == "nha hao tam" || fold == "an danh" {
        return find_or_create(tx, "parties", ANONYMOUS, Some(PartyKind::Anonymous));
    }
    let padded = format!("{fold} ");
    let kind = if ORGANISATION_WORDS.iter().any(|w| padded.starts_with(w)) {
        PartyKind::Organisation
    } else {
        PartyKind::Person
    };
    find_or_create(tx, "parties", &name, Some(kind))
}

/// The hamlet id of a household, if it has one.
pub(crate) fn household_hamlet(tx: &Tx, household: HouseholdId) -> Result<Option<HamletId>> {
    Ok(tx
        .query_row(
            "SELECT hamlet_id FROM households WHERE id = ?1",
            [household.0],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .map(HamletId))
}

/// A household from `SELECT h.id, h.commune_id, a.name, h.name, s.status`.
fn household_from_row(r: &rusqlite::Row) -> rusqlite::Result<Household> {
    let status: Option<String> = r.get(4)?;
    Ok(Household {
        id: HouseholdId(r.get(0)?),
        commune_id: CommuneId(r.get(1)?),
        hamlet: r.get(2)?,
        name: r.get(3)?,
        status: status.as_deref().map(HouseholdStatus::from_code),
    })
}

/// What a household is labelled with in brackets when it has no hamlet.
pub const NO_HAMLET: &str = "chưa có ấp";

/// The households that answer to a name.
enum Choice {
    None,
    One(Household),
    /// Several, all of exactly this name.
    Same(Vec<Household>),
    /// Several whose names differ only in diacritics or case.
    Several(Vec<Household>),
}

/// Chooses among households whose names fold alike: the one spelled exactly as typed, else the
/// only one that the typed name fits.
fn choose(typed: &str, found: Vec<Household>) -> Choice {
    // why: diacritics the clerk typed are part of the name: "Tứ" never chooses a "Tư".
    let found: Vec<Household> = found
        .into_iter()
        .filter(|h| text::fits(typed, &h.name))
        .collect();
    let exact: Vec<&Household> = found.iter().filter(|h| h.name == typed).collect();
    let found = match exact.len() {
        1 => return Choice::One(exact[0].clone()),
        0 => found,
        _ => exact.into_iter().cloned().collect(),
    };
    match found.len() {
        0 => Choice::None,
        1 => Choice::One(found.into_iter().next().expect("one household")),
        _ if found.iter().all(|h| h.name == found[0].name) => Choice::Same(found),
        _ => Choice::Several(found),
    }
}

/// Those of `found` who live in the hamlet typed: spelled as typed (diacritics aside), else
/// named without its unit word ("Phú Lợi" for "Ấp Phú Lợi").
fn in_hamlet(found: &[Household], typed: &str) -> Vec<Household> {
    let at = |key: fn(&str) -> String| -> Vec<Household> {
        let wanted = key(typed);
        let no_hamlet = wanted == key(NO_HAMLET);
        found
            .iter()
            .filter(|h| match &h.hamlet {
                Some(a) => key(a) == wanted,
                None => no_hamlet,
            })
            .cloned()
            .collect()
    };
    let exact = at(text::fold);
    if exact.is_empty() {
        at(crate::place::name_key)
    } else {
        exact
    }
}

/// A household's label where its name repeats: "Nguyễn Văn Tư (Ấp Phú Lợi)".
fn with_hamlet(h: &Household) -> String {
    format!("{} ({})", h.name, h.hamlet.as_deref().unwrap_or(NO_HAMLET))
}

/// Households of one name: each with its hamlet, the example one that has a hamlet; or twins,
/// when they all live in one hamlet.
fn same_name(found: Vec<Household>) -> Error {
    if found.iter().all(|h| h.hamlet == found[0].hamlet) {
        return Error::TwinHouseholds {
            name: found[0].name.clone(),
            hamlet: found[0].hamlet.clone().unwrap_or_else(|| NO_HAMLET.into()),
            count: found.len(),
        };
    }
    // why: the example must choose; one of twins would not.
    let alone = |h: &&Household| found.iter().filter(|o| o.hamlet == h.hamlet).count() == 1;
    let example = found
        .iter()
        .filter(|h| h.hamlet.is_some())
        .find(alone)
        .or_else(|| found.iter().find(alone))
        .unwrap_or(&found[0]);
    Error::SameNameHousehold {
        name: found[0].name.clone(),
        count: found.len(),
        example: with_hamlet(example),
        candidates: found.iter().map(with_hamlet).collect::<Vec<_>>().join(", "),
    }
}

/// Households whose names differ only in diacritics: "type the diacritics", with hamlets only
/// where a name repeats.
fn ambiguous(typed: &str, found: &[Household]) -> Error {
    let label = |h: &Household| {
        if found.iter().filter(|o| o.name == h.name).count() > 1 {
            with_hamlet(h)
        } else {
            h.name.clone()
        }
    };
    Error::AmbiguousName {
        what: "hộ".into(),
        name: typed.to_string(),
        candidates: found.iter().map(label).collect::<Vec<_>>().join(", "),
    }
}

/// The ways to read a name as "name (hamlet)", the last bracket first: "Võ Văn Út (Út Nhỏ)
/// (Ấp Phú Lợi)" and "Nguyễn Văn Tư (Ấp Mới (Phú Lợi))" both read.
fn hamlet_splits(typed: &str) -> Vec<(&str, &str)> {
    let Some(inner) = typed.trim().strip_suffix(')') else {
        return Vec::new();
    };
    let mut splits: Vec<(&str, &str)> = inner
        .match_indices('(')
        .map(|(open, _)| (inner[..open].trim(), inner[open + 1..].trim()))
        .filter(|(base, hamlet)| !base.is_empty() && !hamlet.is_empty())
        .collect();
    splits.reverse();
    splits
}

/// Sets a household's standing for one year within `tx` (see [`Book::set_household_status`]).
pub(crate) fn set_status_in(
    tx: &Tx,
    household: HouseholdId,
    year: i32,
    status: HouseholdStatus,
) -> Result<()> {
    let before: Option<String> = tx
        .query_row(
            "SELECT status FROM household_status WHERE household_id = ?1 AND year = ?2",
            params![household.0, year],
            |r| r.get(0),
        )
        .optional()?;
    audit::track(
        tx,
        "household_status",
        &[household.0.into(), i64::from(year).into()],
    )?;
    tx.execute(
        "INSERT INTO household_status (household_id, year, status) VALUES (?1, ?2, ?3)
         ON CONFLICT (household_id, year) DO UPDATE SET status = excluded.status",
        params![household.0, year, status.code()],
    )?;
    audit::record(
        tx,
        Change {
            action: "set_status",
            entity: "household",
            entity_id: &household.0.to_string(),
            before: Some(json!({"year": year, "status": before})),
            after: Some(json!({"year": year, "status": status.code()})),
        },
    )?;
    Ok(())
}

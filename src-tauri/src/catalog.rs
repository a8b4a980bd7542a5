//! The commands of Danh mục that change what is already there: the opening balances an office
//! brings from its paper books, and corrections of names (rename, move, standing for a year,
//! merge of two parties that are one person). Each is a few lines over the core, which keeps
//! every entry linked and writes the audit log with before and after.

use crate::commands::{with_book, Reply};
use crate::AppState;
use serde::{Deserialize, Serialize};
use sotinhthuong::corrections::{HouseholdChange, Register};
use sotinhthuong::opening::{NewOpening, Opening};
use sotinhthuong::people::{Household, HouseholdId, HouseholdStatus, Named};
use sotinhthuong::place::{Hamlet, HamletId};
use sotinhthuong::CommuneId;
use tauri::State;

/// The opening balances of one commune, or of all when `commune_id` is null.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpeningQuery {
    pub commune_id: Option<CommuneId>,
}

#[tauri::command]
pub async fn list_openings(state: State<'_, AppState>, input: OpeningQuery) -> Reply<Vec<Opening>> {
    with_book(&state, |b| b.list_openings(input.commune_id))
}

#[tauri::command]
pub async fn set_opening(state: State<'_, AppState>, input: NewOpening) -> Reply<Vec<Opening>> {
    with_book(&state, |b| b.set_opening(&input))
}

/// A new name for a household or a hamlet (by id).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RenameInput {
    pub id: i64,
    pub name: String,
}

#[tauri::command]
pub async fn rename_hamlet(state: State<'_, AppState>, input: RenameInput) -> Reply<Hamlet> {
    with_book(&state, |b| b.rename_hamlet(HamletId(input.id), &input.name))
}

/// A household corrected: each part only when given, all in one transaction.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HouseholdCorrection {
    pub id: i64,
    /// The new name, as typed.
    pub name: Option<String>,
    /// The new hamlet as typed; blank: no hamlet.
    pub hamlet: Option<String>,
    /// The year of `status`, and of the standing the answer carries.
    pub year: i32,
    /// `ngheo`, `can_ngheo` or `kho_khan` in `year`.
    pub status: Option<String>,
}

#[tauri::command]
pub async fn correct_household(
    state: State<'_, AppState>,
    input: HouseholdCorrection,
) -> Reply<Household> {
    with_book(&state, |b| {
        let id = HouseholdId(input.id);
        let hamlet = match input.hamlet.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(name) => {
                let commune = b.commune(b.household(id)?.commune_id)?;
                Some(Some(b.find_hamlet(&commune, name)?.id))
            }
        };
        let status = input
            .status
            .as_deref()
            .map(|s| HouseholdStatus::parse(s).map(|s| (input.year, s)))
            .transpose()?;
        let change = HouseholdChange {
            name: input.name,
            hamlet,
            status,
        };
        let h = b.correct_household(id, &change)?;
        // The household with its standing in that year, as the list shows it.
        let listed = b.list_households(h.commune_id, input.year, Some(&h.name))?;
        Ok(listed.into_iter().find(|row| row.id == id).unwrap_or(h))
    })
}

/// A new name in one of the named lists (donors and parties, drivers, vehicles, destinations).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RenameNamedInput {
    pub register: Register,
    pub id: i64,
    pub name: String,
}

#[tauri::command]
pub async fn rename_named(state: State<'_, AppState>, input: RenameNamedInput) -> Reply<Named> {
    with_book(&state, |b| {
        b.rename_named(input.register, input.id, &input.name)
    })
}

/// Two parties that are one person: `from`'s entries move to `into`, and `from` is gone.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MergeInput {
    pub from: i64,
    /// The party kept, named as typed (found as the CLI finds it).
    pub into: String,
}

#[tauri::command]
pub async fn merge_parties(state: State<'_, AppState>, input: MergeInput) -> Reply<Named> {
    with_book(&state, |b| {
        let into = b.find_named(Register::Party, &input.into)?;
        b.merge_parties(input.from, into.id)?;
        b.named(Register::Party, into.id)
    })
}

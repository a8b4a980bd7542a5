//! The commands the window may call. Each is a few lines: take its `input`, call the core, map
//! the error to `{ code, message, details }` (the UI chooses its words by `code`).
//!
//! Inputs carry amounts and dates as typed ("1.500.000", "12,5", "05/02/2026"): the core reads and
//! checks them, so the rules live in one place.

use crate::AppState;
use serde::{Deserialize, Serialize};
use sotinhthuong::backup::{self, BackupFile, Verified};
use sotinhthuong::check::CheckReport;
use sotinhthuong::ledger::MovementRow;
use sotinhthuong::overview::Overview;
use sotinhthuong::people::{Household, HouseholdStatus, Named};
use sotinhthuong::place::Hamlet;
use sotinhthuong::repair::{
    NewProject, NewProjectMoney, NewWorkDay, Project, ProjectStatus, WorkDay,
};
use sotinhthuong::restore::{self, Restored};
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::settings::Office;
use sotinhthuong::transport::{NewTrip, TripRecorded, TripRow};
use sotinhthuong::{
    date, lunar, Balance, Book, Commune, CommuneId, Direction, Error, Km, ListFilter, Month,
    NewCash, NewCommune, Page, Preset, Program, Source,
};
use std::path::PathBuf;
use tauri::State;

/// A failure as the window receives it.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommandError {
    /// Stable code of the core's error (e.g. `stock_too_low`).
    pub code: String,
    /// The Vietnamese message, for logs and as a fallback.
    pub message: String,
    /// The error's fields (field, input, available…), for precise messages.
    #[cfg_attr(test, ts(type = "Record<string, unknown>"))]
    pub details: serde_json::Value,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
            details: e.details(),
        }
    }
}

pub(crate) type Reply<T> = Result<T, CommandError>;

pub(crate) fn with_book<T>(
    state: &AppState,
    f: impl FnOnce(&mut Book) -> Result<T, Error>,
) -> Reply<T> {
    let mut slot = state
        .book
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?;
    match slot.as_mut() {
        Some(book) => f(book).map_err(CommandError::from),
        None => Err(state
            .open_error
            .lock()
            .ok()
            .and_then(|e| e.clone())
            .unwrap_or_else(|| Error::Storage("chưa mở sổ".into()).into())),
    }
}

fn month(input: &str) -> Result<Month, Error> {
    input.parse()
}

/// What the window shows in its title, About box and Settings.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppInfo {
    pub version: String,
    pub book_path: String,
    /// Set when the book could not be opened (damaged, newer, not a book): the window offers to
    /// open another book or restore a backup.
    pub book_error: Option<CommandError>,
    /// True until the first-run set-up has entered communes.
    pub first_run: bool,
    pub licence: String,
    /// The book's fingerprint (head of the audit chain).
    pub fingerprint: String,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    info(&state)
}

fn info(state: &AppState) -> Reply<AppInfo> {
    let path = state
        .path
        .lock()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let book_error = state.open_error.lock().ok().and_then(|e| e.clone());
    let no_book_yet = state.book.lock().map(|b| b.is_none()).unwrap_or(false);
    let (first_run, fingerprint) = match book_error {
        Some(_) => (false, String::new()),
        // The first run: the book is made by `setup_book`.
        None if no_book_yet => (true, String::new()),
        None => with_book(state, |b| {
            Ok((
                b.list_communes(true)?.is_empty(),
                sotinhthuong::audit::fingerprint(b.connection())?,
            ))
        })?,
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        book_path: path,
        book_error,
        first_run,
        licence: "MIT".to_string(),
        fingerprint,
    })
}

/// The first-run choices.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetupInput {
    /// `an-phu-2024`, `an-phu-2025`, or null to use `communes`.
    pub preset: Option<String>,
    /// Commune names typed by the user (one a line), when no preset.
    pub communes: Vec<String>,
    pub office: Office,
}

#[tauri::command]
pub async fn setup_book(state: State<'_, AppState>, input: SetupInput) -> Reply<AppInfo> {
    let preset = match input.preset.as_deref() {
        Some(p) => Preset::parse(p)?,
        None => None,
    };
    let typed: Vec<&str> = input
        .communes
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if preset.is_none() && typed.is_empty() {
        return Err(Error::EmptyText {
            field: "Danh sách xã".into(),
        }
        .into());
    }
    // why: the first run makes the book only now, once the clerk has said what goes in it.
    let no_book_yet = state.book.lock().map(|b| b.is_none()).unwrap_or(false);
    let no_error = state.open_error.lock().is_ok_and(|e| e.is_none());
    if no_book_yet && no_error {
        let path = state
            .path
            .lock()
            .map_err(|_| CommandError::from(Error::Busy))?
            .clone();
        state.switch_to(&path, true)?;
    }
    with_book(&state, |b| {
        if !b.list_communes(true)?.is_empty() {
            return Err(Error::BookNotEmpty {
                what: "danh sách xã".into(),
            });
        }
        b.set_office(&input.office)?;
        match preset {
            Some(p) => {
                b.apply_preset(p)?;
            }
            None => {
                for name in typed {
                    b.add_commune(&NewCommune {
                        name: name.to_string(),
                        ..Default::default()
                    })?;
                }
            }
        }
        Ok(())
    })?;
    info(&state)
}

/// A file path chosen in a dialog.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PathInput {
    pub path: String,
}

#[tauri::command]
pub async fn open_book(state: State<'_, AppState>, input: PathInput) -> Reply<AppInfo> {
    state.switch_to(&PathBuf::from(&input.path), false)?;
    info(&state)
}

#[tauri::command]
pub async fn create_book(state: State<'_, AppState>, input: PathInput) -> Reply<AppInfo> {
    state.switch_to(&PathBuf::from(&input.path), true)?;
    info(&state)
}

#[tauri::command]
pub async fn list_communes(state: State<'_, AppState>) -> Reply<Vec<Commune>> {
    with_book(&state, |b| b.list_communes(false))
}

#[tauri::command]
pub async fn add_commune(state: State<'_, AppState>, input: NewCommune) -> Reply<Commune> {
    with_book(&state, |b| b.add_commune(&input))
}

/// A commune by id.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommuneInput {
    pub commune_id: CommuneId,
}

#[tauri::command]
pub async fn list_hamlets(state: State<'_, AppState>, input: CommuneInput) -> Reply<Vec<Hamlet>> {
    with_book(&state, |b| b.list_hamlets(input.commune_id))
}

/// A name to add in a commune (named as typed).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NameInCommune {
    pub commune: String,
    pub name: String,
}

#[tauri::command]
pub async fn add_hamlet(state: State<'_, AppState>, input: NameInCommune) -> Reply<Hamlet> {
    with_book(&state, |b| b.add_hamlet(&input.commune, &input.name))
}

/// A household search.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HouseholdQuery {
    pub commune_id: CommuneId,
    pub year: i32,
    pub search: Option<String>,
}

#[tauri::command]
pub async fn list_households(
    state: State<'_, AppState>,
    input: HouseholdQuery,
) -> Reply<Vec<Household>> {
    with_book(&state, |b| {
        b.list_households(input.commune_id, input.year, input.search.as_deref())
    })
}

/// A household to add.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewHousehold {
    pub commune: String,
    pub name: String,
    pub hamlet: Option<String>,
    /// `ngheo`, `can_ngheo`, `kho_khan` or null.
    pub status: Option<String>,
}

#[tauri::command]
pub async fn add_household(state: State<'_, AppState>, input: NewHousehold) -> Reply<Household> {
    with_book(&state, |b| {
        let status = input
            .status
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(HouseholdStatus::parse)
            .transpose()?;
        b.add_household(&input.commune, &input.name, input.hamlet.as_deref(), status)
    })
}

/// A free-text search.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchInput {
    pub search: Option<String>,
}

#[tauri::command]
pub async fn list_parties(state: State<'_, AppState>, input: SearchInput) -> Reply<Vec<Named>> {
    with_book(&state, |b| b.list_parties(input.search.as_deref()))
}

#[tauri::command]
pub async fn list_drivers(state: State<'_, AppState>) -> Reply<Vec<Named>> {
    with_book(&state, |b| b.list_drivers())
}

#[tauri::command]
pub async fn list_vehicles(state: State<'_, AppState>) -> Reply<Vec<Named>> {
    with_book(&state, |b| b.list_vehicles())
}

#[tauri::command]
pub async fn list_destinations(state: State<'_, AppState>) -> Reply<Vec<Named>> {
    with_book(&state, |b| b.list_destinations())
}

/// A destination and its default distance as typed.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DestinationInput {
    pub name: String,
    pub km: Option<String>,
}

#[tauri::command]
pub async fn set_destination(state: State<'_, AppState>, input: DestinationInput) -> Reply<()> {
    with_book(&state, |b| {
        let km = input
            .km
            .as_deref()
            .filter(|k| !k.trim().is_empty())
            .map(Km::parse)
            .transpose()?;
        b.set_destination(&input.name, km).map(|_| ())
    })
}

#[tauri::command]
pub async fn record_cash(state: State<'_, AppState>, input: NewCash) -> Reply<String> {
    with_book(&state, |b| b.record_cash(&input).map(|v| v.to_string()))
}

#[tauri::command]
pub async fn record_rice_in(state: State<'_, AppState>, input: NewCollection) -> Reply<String> {
    with_book(&state, |b| b.record_rice_in(&input).map(|v| v.to_string()))
}

#[tauri::command]
pub async fn record_rice_out(state: State<'_, AppState>, input: NewHandout) -> Reply<String> {
    with_book(&state, |b| b.record_rice_out(&input).map(|v| v.to_string()))
}

#[tauri::command]
pub async fn record_trip(state: State<'_, AppState>, input: NewTrip) -> Reply<TripRecorded> {
    with_book(&state, |b| b.record_trip(&input))
}

#[tauri::command]
pub async fn add_project(state: State<'_, AppState>, input: NewProject) -> Reply<Project> {
    with_book(&state, |b| b.add_project(&input))
}

#[tauri::command]
pub async fn list_projects(state: State<'_, AppState>, input: CommuneInput) -> Reply<Vec<Project>> {
    with_book(&state, |b| b.list_projects(input.commune_id))
}

/// A project status change.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectStatusInput {
    pub commune: String,
    /// Code (`CT-2026-0001`) or name.
    pub project: String,
    pub status: ProjectStatus,
    pub date: String,
}

#[tauri::command]
pub async fn set_project_status(
    state: State<'_, AppState>,
    input: ProjectStatusInput,
) -> Reply<Project> {
    with_book(&state, |b| {
        b.set_project_status(&input.commune, &input.project, input.status, &input.date)
    })
}

/// A day of a project's work log.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkLogInput {
    pub commune: String,
    pub project: String,
    pub day: NewWorkDay,
}

#[tauri::command]
pub async fn log_work(state: State<'_, AppState>, input: WorkLogInput) -> Reply<WorkDay> {
    with_book(&state, |b| {
        b.log_work(&input.commune, &input.project, &input.day)
    })
}

/// A project by id.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectInput {
    pub project_id: i64,
}

#[tauri::command]
pub async fn work_log(state: State<'_, AppState>, input: ProjectInput) -> Reply<Vec<WorkDay>> {
    with_book(&state, |b| b.work_log(input.project_id))
}

/// Money given for (in) or spent on (out) a project.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectMoneyInput {
    pub commune: String,
    pub project: String,
    pub direction: Direction,
    pub money: NewProjectMoney,
}

#[tauri::command]
pub async fn record_project_money(
    state: State<'_, AppState>,
    input: ProjectMoneyInput,
) -> Reply<String> {
    with_book(&state, |b| {
        b.record_project_money(
            &input.commune,
            &input.project,
            input.direction,
            &input.money,
        )
        .map(|v| v.to_string())
    })
}

/// A void: the number, the reason, and the commune when numbers are shared.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoidInput {
    pub voucher: String,
    pub reason: String,
    pub commune: Option<String>,
}

#[tauri::command]
pub async fn void_entry(state: State<'_, AppState>, input: VoidInput) -> Reply<Vec<String>> {
    with_book(&state, |b| {
        b.void_entry(&input.voucher, &input.reason, input.commune.as_deref())
    })
}

/// A commune (by name) and a month (`yyyy-mm`).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MonthInput {
    pub commune: String,
    pub month: String,
}

#[tauri::command]
pub async fn close_month(state: State<'_, AppState>, input: MonthInput) -> Reply<()> {
    with_book(&state, |b| {
        b.close_month(&input.commune, month(&input.month)?)
    })
}

#[tauri::command]
pub async fn reopen_month(state: State<'_, AppState>, input: MonthInput) -> Reply<()> {
    with_book(&state, |b| {
        b.reopen_month(&input.commune, month(&input.month)?)
    })
}

/// A commune (by id) and a month (`yyyy-mm`).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommuneMonth {
    pub commune_id: CommuneId,
    pub month: String,
}

#[tauri::command]
pub async fn month_closed(state: State<'_, AppState>, input: CommuneMonth) -> Reply<bool> {
    with_book(&state, |b| {
        b.month_closed(input.commune_id, month(&input.month)?)
    })
}

/// A fund's balance on a date.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BalanceInput {
    pub commune_id: CommuneId,
    pub program: Program,
    pub date: String,
}

#[tauri::command]
pub async fn balance(state: State<'_, AppState>, input: BalanceInput) -> Reply<Balance> {
    with_book(&state, |b| {
        b.balance(input.commune_id, input.program, date::parse(&input.date)?)
    })
}

#[tauri::command]
pub async fn list_movements(
    state: State<'_, AppState>,
    input: ListFilter,
) -> Reply<Page<MovementRow>> {
    with_book(&state, |b| b.list_movements(&input))
}

#[tauri::command]
pub async fn list_trips(state: State<'_, AppState>, input: CommuneMonth) -> Reply<Vec<TripRow>> {
    with_book(&state, |b| {
        b.list_trips(input.commune_id, month(&input.month)?)
    })
}

#[tauri::command]
pub async fn overview(state: State<'_, AppState>, input: CommuneMonth) -> Reply<Overview> {
    let reply = with_book(&state, |b| {
        b.overview(input.commune_id, month(&input.month)?)
    });
    crate::timing_mark("first-data-reply-ms");
    reply
}

/// A date as typed.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DateInput {
    pub date: String,
}

/// A solar date's lunar date.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LunarInfo {
    /// The solar date, dd/mm/yyyy.
    pub solar: String,
    /// "15/10/2026 ÂL".
    pub text: String,
    pub day: u8,
    pub month: u8,
    pub year: i32,
    pub leap: bool,
    /// "Bính Ngọ".
    pub can_chi: String,
}

#[tauri::command]
pub async fn lunar(input: DateInput) -> Reply<LunarInfo> {
    let on = date::parse(&input.date)?;
    let l = lunar::solar_to_lunar(on).ok_or(Error::DateOutOfRange {
        date: date::show(on),
        min: "01/01/1900".into(),
        max: "31/12/2100".into(),
    })?;
    Ok(LunarInfo {
        solar: date::show(on),
        text: l.to_string(),
        day: l.day,
        month: l.month,
        year: l.year,
        leap: l.leap,
        can_chi: lunar::can_chi(l.year),
    })
}

/// A lunar month whose rằm (15th) is wanted.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RamInput {
    pub year: i32,
    pub month: u8,
    pub leap: bool,
}

#[tauri::command]
pub async fn ram(input: RamInput) -> Reply<String> {
    lunar::ram(input.year, input.month, input.leap)
        .map(date::show)
        .ok_or_else(|| {
            Error::InvalidChoice {
                field: "Tháng âm lịch".into(),
                input: format!(
                    "{}{}/{}",
                    input.month,
                    if input.leap { " nhuận" } else { "" },
                    input.year
                ),
                allowed: "1–12".into(),
            }
            .into()
        })
}

#[tauri::command]
pub async fn get_office(state: State<'_, AppState>) -> Reply<Office> {
    with_book(&state, |b| b.office())
}

#[tauri::command]
pub async fn set_office(state: State<'_, AppState>, input: Office) -> Reply<()> {
    with_book(&state, |b| b.set_office(&input))
}

#[tauri::command]
pub async fn check_book(state: State<'_, AppState>) -> Reply<CheckReport> {
    let folder = state
        .backups
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?
        .folder();
    let mut heads = sotinhthuong::audit::heads::in_backups(&folder);
    heads.extend(sotinhthuong::audit::heads::load(&state.heads_file));
    with_book(&state, |b| {
        let mut report = b.check()?;
        report.faults.extend(b.compare_heads(&heads)?.faults);
        Ok(report)
    })
}

/// Where automatic backups go and how the last one went (Settings).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupSettings {
    /// The folder backups go to now.
    pub folder: String,
    /// True when it is the default folder in Documents.
    pub is_default: bool,
    /// `Documents/Sổ Tình Thương/Sao lưu`.
    pub default_folder: String,
    /// The last automatic backup (written or found up to date) since the app started.
    pub last: Option<BackupFile>,
    /// Why the last automatic backup failed, if it did.
    pub last_error: Option<CommandError>,
}

/// A folder chosen in a dialog; null means the backup folder (or, for `set_backup_folder`, the
/// default one).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FolderInput {
    pub folder: Option<String>,
}

/// A backup just written and verified.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupMade {
    pub file: BackupFile,
    pub verified: Verified,
}

fn backup_settings(state: &AppState) -> Reply<BackupSettings> {
    let b = state
        .backups
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?;
    Ok(BackupSettings {
        folder: b.folder().display().to_string(),
        is_default: b.chosen.is_none(),
        default_folder: b.default.display().to_string(),
        last: b.last.clone(),
        last_error: b.last_error.clone(),
    })
}

#[tauri::command]
pub async fn backup_folder(state: State<'_, AppState>) -> Reply<BackupSettings> {
    backup_settings(&state)
}

#[tauri::command]
pub async fn set_backup_folder(
    state: State<'_, AppState>,
    input: FolderInput,
) -> Reply<BackupSettings> {
    let app_data = state
        .backups
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?
        .app_data
        .clone();
    let chosen = match input.folder.as_deref().map(str::trim) {
        Some(f) if !f.is_empty() => {
            Some(backup::prepare_folder(&PathBuf::from(f), Some(&app_data))?)
        }
        _ => None,
    };
    state
        .backups
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?
        .chosen = chosen;
    state.save_prefs();
    backup_settings(&state)
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, input: FolderInput) -> Reply<BackupMade> {
    let folder = match input.folder.as_deref().map(str::trim) {
        Some(f) if !f.is_empty() => PathBuf::from(f),
        _ => {
            let folder = state
                .backups
                .lock()
                .map_err(|_| CommandError::from(Error::Busy))?
                .folder();
            std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
            folder
        }
    };
    with_book(&state, |b| {
        let (file, verified) = b.backup_into(&folder)?;
        Ok(BackupMade { file, verified })
    })
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Reply<Vec<BackupFile>> {
    let folder = state
        .backups
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?
        .folder();
    Ok(backup::list(&folder)?)
}

/// Replaces the book with a backup (from `list_backups` or a file dialog) once it passed every
/// check; the replaced book is kept beside it. Works also when the book could not be opened.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, input: PathInput) -> Reply<Restored> {
    let path = state
        .path
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?
        .clone();
    let mut slot = state
        .book
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?;
    // why: close our connection first, so the book's log is folded in before it is set aside.
    let was_open = slot.take().is_some();
    match restore::restore(
        &PathBuf::from(&input.path),
        &path,
        Source::Window,
        chrono::Utc::now(),
    ) {
        Ok(restored) => {
            *slot = Some(Book::open(&path, Source::Window)?);
            if let Ok(mut e) = state.open_error.lock() {
                *e = None;
            }
            Ok(restored)
        }
        Err(e) => {
            if was_open {
                *slot = Book::open(&path, Source::Window).ok();
            }
            Err(e.into())
        }
    }
}

/// All commands, for the builder.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        app_info,
        setup_book,
        open_book,
        create_book,
        list_communes,
        add_commune,
        list_hamlets,
        add_hamlet,
        list_households,
        add_household,
        list_parties,
        list_drivers,
        list_vehicles,
        list_destinations,
        set_destination,
        record_cash,
        record_rice_in,
        record_rice_out,
        record_trip,
        add_project,
        list_projects,
        set_project_status,
        log_work,
        work_log,
        record_project_money,
        void_entry,
        close_month,
        reopen_month,
        month_closed,
        balance,
        list_movements,
        list_trips,
        overview,
        lunar,
        ram,
        get_office,
        set_office,
        check_book,
        crate::printing::render_report,
        crate::printing::export_report,
        crate::printing::save_pdf,
        crate::printing::print_report,
        backup_folder,
        set_backup_folder,
        backup_now,
        list_backups,
        restore_backup,
        crate::catalog::list_openings,
        crate::catalog::set_opening,
        crate::catalog::rename_hamlet,
        crate::catalog::correct_household,
        crate::catalog::rename_named,
        crate::catalog::merge_parties,
        crate::importing::preview_import,
        crate::importing::run_import,
        crate::importing::stop_import,
        crate::importing::import_mappings,
        crate::importing::save_import_mapping,
    ]
}

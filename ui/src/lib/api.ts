// The window's only door to the core: one typed function per Tauri command.
// Types come from ./bindings (generated from Rust by ts-rs; a Rust test fails when stale).
// Each command takes one `input` object; failures reject with an AppError carrying the core's
// stable `code`, which the UI uses to choose its words (never the message text).

import { invoke } from '@tauri-apps/api/core';
import type { AppInfo } from './bindings/AppInfo';
import type { Balance } from './bindings/Balance';
import type { BalanceInput } from './bindings/BalanceInput';
import type { CheckReport } from './bindings/CheckReport';
import type { CommandError } from './bindings/CommandError';
import type { Commune } from './bindings/Commune';
import type { CommuneInput } from './bindings/CommuneInput';
import type { CommuneMonth } from './bindings/CommuneMonth';
import type { DateInput } from './bindings/DateInput';
import type { DestinationInput } from './bindings/DestinationInput';
import type { Hamlet } from './bindings/Hamlet';
import type { Household } from './bindings/Household';
import type { HouseholdQuery } from './bindings/HouseholdQuery';
import type { ListFilter } from './bindings/ListFilter';
import type { LunarInfo } from './bindings/LunarInfo';
import type { MonthInput } from './bindings/MonthInput';
import type { MovementRow } from './bindings/MovementRow';
import type { NameInCommune } from './bindings/NameInCommune';
import type { Named } from './bindings/Named';
import type { NewCash } from './bindings/NewCash';
import type { NewCollection } from './bindings/NewCollection';
import type { NewCommune } from './bindings/NewCommune';
import type { NewHandout } from './bindings/NewHandout';
import type { NewHousehold } from './bindings/NewHousehold';
import type { NewProject } from './bindings/NewProject';
import type { NewTrip } from './bindings/NewTrip';
import type { Office } from './bindings/Office';
import type { Overview } from './bindings/Overview';
import type { Page } from './bindings/Page';
import type { PathInput } from './bindings/PathInput';
import type { Project } from './bindings/Project';
import type { ProjectInput } from './bindings/ProjectInput';
import type { ProjectMoneyInput } from './bindings/ProjectMoneyInput';
import type { ProjectStatusInput } from './bindings/ProjectStatusInput';
import type { RamInput } from './bindings/RamInput';
import type { SearchInput } from './bindings/SearchInput';
import type { SetupInput } from './bindings/SetupInput';
import type { TripRecorded } from './bindings/TripRecorded';
import type { TripRow } from './bindings/TripRow';
import type { VoidInput } from './bindings/VoidInput';
import type { WorkDay } from './bindings/WorkDay';
import type { WorkLogInput } from './bindings/WorkLogInput';
import type { ExportInput } from './bindings/ExportInput';
import type { ReportRequest } from './bindings/ReportRequest';
import type { SavePdfInput } from './bindings/SavePdfInput';

/** A refusal or failure from the core, as thrown by every function here. */
export class AppError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(e: CommandError) {
    super(e.message);
    this.name = 'AppError';
    this.code = e.code;
    this.details = e.details ?? {};
  }
}

function isCommandError(e: unknown): e is CommandError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(command: string, input?: unknown): Promise<T> {
  try {
    return await invoke<T>(command, input === undefined ? {} : { input });
  } catch (e) {
    if (isCommandError(e)) throw new AppError(e);
    throw new AppError({ code: 'storage', message: String(e), details: {} });
  }
}

export const appInfo = () => call<AppInfo>('app_info');
export const setupBook = (input: SetupInput) => call<AppInfo>('setup_book', input);
export const openBook = (input: PathInput) => call<AppInfo>('open_book', input);
export const createBook = (input: PathInput) => call<AppInfo>('create_book', input);

export const listCommunes = () => call<Commune[]>('list_communes');
export const addCommune = (input: NewCommune) => call<Commune>('add_commune', input);
export const listHamlets = (input: CommuneInput) => call<Hamlet[]>('list_hamlets', input);
export const addHamlet = (input: NameInCommune) => call<Hamlet>('add_hamlet', input);
export const listHouseholds = (input: HouseholdQuery) => call<Household[]>('list_households', input);
export const addHousehold = (input: NewHousehold) => call<Household>('add_household', input);
export const listParties = (input: SearchInput) => call<Named[]>('list_parties', input);
export const listDrivers = () => call<Named[]>('list_drivers');
export const listVehicles = () => call<Named[]>('list_vehicles');
export const listDestinations = () => call<Named[]>('list_destinations');
export const setDestination = (input: DestinationInput) => call<null>('set_destination', input);

/** Each returns the new voucher number, e.g. "PN-2026-0007". */
export const recordCash = (input: NewCash) => call<string>('record_cash', input);
export const recordRiceIn = (input: NewCollection) => call<string>('record_rice_in', input);
export const recordRiceOut = (input: NewHandout) => call<string>('record_rice_out', input);
export const recordTrip = (input: NewTrip) => call<TripRecorded>('record_trip', input);

export const addProject = (input: NewProject) => call<Project>('add_project', input);
export const listProjects = (input: CommuneInput) => call<Project[]>('list_projects', input);
export const setProjectStatus = (input: ProjectStatusInput) =>
  call<Project>('set_project_status', input);
export const logWork = (input: WorkLogInput) => call<WorkDay>('log_work', input);
export const workLog = (input: ProjectInput) => call<WorkDay[]>('work_log', input);
export const recordProjectMoney = (input: ProjectMoneyInput) =>
  call<string>('record_project_money', input);

/** Returns the numbers voided (a trip voids with its entries). */
export const voidEntry = (input: VoidInput) => call<string[]>('void_entry', input);
export const closeMonth = (input: MonthInput) => call<null>('close_month', input);
export const reopenMonth = (input: MonthInput) => call<null>('reopen_month', input);
export const monthClosed = (input: CommuneMonth) => call<boolean>('month_closed', input);

export const balance = (input: BalanceInput) => call<Balance>('balance', input);
export const listMovements = (input: ListFilter) => call<Page<MovementRow>>('list_movements', input);
export const listTrips = (input: CommuneMonth) => call<TripRow[]>('list_trips', input);
export const overview = (input: CommuneMonth) => call<Overview>('overview', input);

export const lunar = (input: DateInput) => call<LunarInfo>('lunar', input);
/** The solar date (dd/mm/yyyy) of rằm of a lunar month. */
export const ram = (input: RamInput) => call<string>('ram', input);

export const getOffice = () => call<Office>('get_office');
export const setOffice = (input: Office) => call<null>('set_office', input);
export const checkBook = () => call<CheckReport>('check_book');

// Backups and restore (the backup folder is outside the app-data folder; see src/backup.rs).
import type { BackupFile } from './bindings/BackupFile';
import type { BackupMade } from './bindings/BackupMade';
import type { BackupSettings } from './bindings/BackupSettings';
import type { FolderInput } from './bindings/FolderInput';
import type { Restored } from './bindings/Restored';

/** Where automatic backups go, and how the last one went. */
export const backupFolder = () => call<BackupSettings>('backup_folder');
/** Choose the backup folder (`folder: null` returns to the default in Documents). */
export const setBackupFolder = (input: FolderInput) =>
  call<BackupSettings>('set_backup_folder', input);
/** Write a verified backup now: into `folder` (a USB stick) or, when null, the backup folder. */
export const backupNow = (input: FolderInput) => call<BackupMade>('backup_now', input);
/** The backups in the backup folder, newest first. */
export const listBackups = () => call<BackupFile[]>('list_backups');
/** Replace the book with a checked backup; the replaced book is kept beside it. */
export const restoreBackup = (input: PathInput) => call<Restored>('restore_backup', input);

/** The report as print-ready HTML (A4, official layout), for the preview. */
export const renderReport = (input: ReportRequest) => call<string>('render_report', input);
/** Writes the report as html, csv, xlsx or json to the chosen path; returns the path. */
export const exportReport = (input: ExportInput) => call<string>('export_report', input);
/** Writes the report as an A4 PDF without a dialog (WebKit's print engine); returns the path. */
export const savePdf = (input: SavePdfInput) => call<string>('save_pdf', input);
/** Opens the system's print dialog for the report with A4, its orientation and the official
 * margins chosen; false where the window prints the preview itself instead (not Linux). */
export const printReport = (input: ReportRequest) => call<boolean>('print_report', input);

// Danh mục: opening balances and corrections of names (src-tauri/src/catalog.rs).
import type { OpeningQuery } from './bindings/OpeningQuery';
import type { NewOpening } from './bindings/NewOpening';
import type { Opening } from './bindings/Opening';
import type { RenameInput } from './bindings/RenameInput';
import type { HouseholdCorrection } from './bindings/HouseholdCorrection';
import type { RenameNamedInput } from './bindings/RenameNamedInput';
import type { MergeInput } from './bindings/MergeInput';

/** The opening balances (số dư đầu kỳ) of one commune, or of all. */
export const listOpenings = (input: OpeningQuery) => call<Opening[]>('list_openings', input);
/** Sets one program's opening balances; returns the commune's as they now stand. */
export const setOpening = (input: NewOpening) => call<Opening[]>('set_opening', input);
export const renameHamlet = (input: RenameInput) => call<Hamlet>('rename_hamlet', input);
/** Corrects a household's name, hamlet (blank: none) and standing in a year, all or nothing. */
export const correctHousehold = (input: HouseholdCorrection) =>
  call<Household>('correct_household', input);
/** Renames a donor or other party, a driver, a vehicle or a destination. */
export const renameNamed = (input: RenameNamedInput) => call<Named>('rename_named', input);
/** Merges party `from` into the party named `into`; returns the party kept. */
export const mergeParties = (input: MergeInput) => call<Named>('merge_parties', input);

// Import from an office's own sheets (Nhập từ sổ cũ): a preview, then a dry run or the import
// itself, reporting its progress through a channel; stopImport rolls a running one back.
import { Channel } from '@tauri-apps/api/core';
import type { PreviewInput } from './bindings/PreviewInput';
import type { Preview } from './bindings/Preview';
import type { ImportInput } from './bindings/ImportInput';
import type { ImportReport } from './bindings/ImportReport';
import type { ImportProgress } from './bindings/ImportProgress';
import type { SavedMapping } from './bindings/SavedMapping';

/** The sheet's first rows under the guessed (or given) columns; also its sheets and old-font text. */
export const previewImport = (input: PreviewInput) => call<Preview>('preview_import', input);

/** Runs the import (or, with options.dry_run, the dry run); `onProgress` hears how far it is. */
export async function runImport(input: ImportInput, onProgress: (p: ImportProgress) => void): Promise<ImportReport> {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  try {
    return await invoke<ImportReport>('run_import', { input, onProgress: channel });
  } catch (e) {
    if (isCommandError(e)) throw new AppError(e);
    throw new AppError({ code: 'storage', message: String(e), details: {} });
  }
}

/** Stops the running import: it answers `import_cancelled` and the book is unchanged. */
export const stopImport = () => call<null>('stop_import');
export const importMappings = () => call<SavedMapping[]>('import_mappings');
export const saveImportMapping = (input: SavedMapping) => call<null>('save_import_mapping', input);

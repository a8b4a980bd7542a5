fn main() {
    // why: tauri.conf.json sits at the repository root, not in src-tauri/; the app manifest
    // makes each command a permission, so the capability file grants exactly these.
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build: {e:#}");
    }
}

/// Every command of `commands::handler`; a test checks the two lists agree.
const COMMANDS: &[&str] = &[
    "app_info",
    "setup_book",
    "open_book",
    "create_book",
    "list_communes",
    "add_commune",
    "list_hamlets",
    "add_hamlet",
    "list_households",
    "add_household",
    "list_parties",
    "list_drivers",
    "list_vehicles",
    "list_destinations",
    "set_destination",
    "record_cash",
    "record_rice_in",
    "record_rice_out",
    "record_trip",
    "add_project",
    "list_projects",
    "set_project_status",
    "log_work",
    "work_log",
    "record_project_money",
    "void_entry",
    "close_month",
    "reopen_month",
    "month_closed",
    "balance",
    "list_movements",
    "list_trips",
    "overview",
    "lunar",
    "ram",
    "get_office",
    "set_office",
    "check_book",
    "render_report",
    "export_report",
    "save_pdf",
    "print_report",
    "backup_folder",
    "set_backup_folder",
    "backup_now",
    "list_backups",
    "restore_backup",
    "list_openings",
    "set_opening",
    "rename_hamlet",
    "correct_household",
    "rename_named",
    "merge_parties",
    "preview_import",
    "run_import",
    "stop_import",
    "import_mappings",
    "save_import_mapping",
];

//! The TypeScript types of the IPC, generated from the Rust types by ts-rs into
//! `ui/src/lib/bindings/`. The test fails when the committed files are stale; run it with
//! `UPDATE_BINDINGS=1` to rewrite them.

use crate::catalog::*;
use crate::commands::*;
use crate::importing::{ImportInput, ImportProgress, PreviewInput, SavedMapping};
use crate::printing::{ExportInput, SavePdfInput};
use sotinhthuong::backup::{BackupFile, Verified};
use sotinhthuong::check::CheckReport;
use sotinhthuong::corrections::Register;
use sotinhthuong::import::{ImportReport, Preview};
use sotinhthuong::ledger::MovementRow;
use sotinhthuong::opening::{NewOpening, Opening};
use sotinhthuong::overview::Overview;
use sotinhthuong::people::{Household, Named};
use sotinhthuong::place::Hamlet;
use sotinhthuong::repair::{NewProject, Project, WorkDay};
use sotinhthuong::report::ReportRequest;
use sotinhthuong::restore::Restored;
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::settings::Office;
use sotinhthuong::transport::{NewTrip, TripRecorded, TripRow};
use sotinhthuong::{Balance, Commune, ListFilter, NewCash, NewCommune, Page};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

fn export(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    macro_rules! all {
        ($($t:ty),* $(,)?) => { $( <$t>::export_all(&cfg)?; )* };
    }
    all!(
        AppInfo,
        SetupInput,
        PathInput,
        CommuneInput,
        NameInCommune,
        HouseholdQuery,
        NewHousehold,
        SearchInput,
        DestinationInput,
        ProjectStatusInput,
        WorkLogInput,
        ProjectInput,
        ProjectMoneyInput,
        VoidInput,
        MonthInput,
        CommuneMonth,
        BalanceInput,
        DateInput,
        LunarInfo,
        RamInput,
        CommandError,
        Commune,
        NewCommune,
        Hamlet,
        Household,
        Named,
        NewCash,
        NewCollection,
        NewHandout,
        NewTrip,
        TripRecorded,
        TripRow,
        NewProject,
        Project,
        WorkDay,
        Balance,
        ListFilter,
        Page<MovementRow>,
        MovementRow,
        Overview,
        Office,
        CheckReport,
        BackupSettings,
        FolderInput,
        BackupMade,
        BackupFile,
        Verified,
        Restored,
        ExportInput,
        SavePdfInput,
        ReportRequest,
        OpeningQuery,
        NewOpening,
        Opening,
        RenameInput,
        HouseholdCorrection,
        RenameNamedInput,
        MergeInput,
        Register,
        PreviewInput,
        ImportInput,
        ImportProgress,
        SavedMapping,
        Preview,
        ImportReport,
    );
    Ok(())
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let fresh = tempfile::tempdir().expect("tempdir");
    export(fresh.path()).expect("export bindings");
    let generated = read_dir(fresh.path());
    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).expect("bindings dir");
        for (name, text) in &generated {
            std::fs::write(committed_dir.join(name), text).expect("write binding");
        }
    }
    let committed = read_dir(&committed_dir);
    let stale: Vec<&String> = generated
        .keys()
        .chain(committed.keys())
        .filter(|k| generated.get(*k) != committed.get(*k))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/bindings is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test -p sotinhthuong-app bindings` and commit"
    );
}

#[test]
fn every_command_is_a_permission_of_the_main_window() {
    let build = include_str!("../build.rs");
    let handler = include_str!("commands.rs");
    let capability = include_str!("../capabilities/main.json");
    let listed: Vec<&str> = handler
        .split("generate_handler![")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .unwrap_or("")
        .split(',')
        .map(|s| s.trim().rsplit("::").next().unwrap_or(""))
        .filter(|s| !s.is_empty())
        .collect();
    assert!(listed.len() > 30, "commands found: {listed:?}");
    for c in &listed {
        assert!(
            build.contains(&format!("\"{c}\"")),
            "{c} missing from build.rs COMMANDS"
        );
        let permission = format!("\"allow-{}\"", c.replace('_', "-"));
        assert!(
            capability.contains(&permission),
            "{c} not granted in capabilities/main.json"
        );
    }
}

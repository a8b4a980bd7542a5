//! The window's automatic backups, without a window: today's backup lands in the user's
//! Documents (outside the app-data folder), is written once while nothing changes, follows the
//! folder chosen in Settings across restarts, and a failure is kept for Settings to show.

use sotinhthuong_app::AppState;
use std::path::Path;

fn today_backups(folder: &Path) -> Vec<String> {
    sotinhthuong::backup::list(folder)
        .expect("list")
        .into_iter()
        .filter(|b| b.day.is_some())
        .map(|b| b.name)
        .collect()
}

#[test]
fn the_window_backs_up_into_documents_and_follows_the_folder_chosen_in_settings() {
    // why: one test owns the environment of this process, so nothing races on it.
    std::env::remove_var("SOTINHTHUONG_DB");
    std::env::remove_var("SOTINHTHUONG_BACKUP_DIR");
    let home = tempfile::tempdir().expect("tempdir");
    let (data, config, documents) = (
        home.path().join("data"),
        home.path().join("config"),
        home.path().join("Documents"),
    );
    let state = AppState::start(&data, &config, &documents);
    assert!(state.open_error.lock().expect("lock").is_none());
    // The first run makes no book by itself; the clerk's set-up does.
    state
        .switch_to(&data.join("so-tinh-thuong.db"), true)
        .expect("first-run set-up makes the book");
    let default = documents.join("Sổ Tình Thương").join("Sao lưu");
    assert_eq!(state.backups.lock().expect("lock").folder(), default);

    state.automatic_backup(false);
    let first = today_backups(&default);
    assert_eq!(first.len(), 1, "today's backup is made: {first:?}");
    assert!(first[0].starts_with("so-tinh-thuong-saoluu-"), "{first:?}");
    let last = state.backups.lock().expect("lock").last.clone();
    assert_eq!(last.map(|b| b.name), Some(first[0].clone()));
    let written = std::fs::metadata(default.join(&first[0]))
        .and_then(|m| m.modified())
        .expect("time");
    state.automatic_backup(false);
    state.automatic_backup(true);
    assert_eq!(
        std::fs::metadata(default.join(&first[0]))
            .and_then(|m| m.modified())
            .expect("time"),
        written,
        "nothing changed, so nothing was rewritten, on the hour or on closing"
    );

    // Settings chooses a USB stick; the choice is remembered across restarts.
    let usb = home.path().join("usb");
    let chosen = sotinhthuong::backup::prepare_folder(&usb, Some(&data)).expect("usb");
    state.backups.lock().expect("lock").chosen = Some(chosen.clone());
    state.save_prefs();
    drop(state);
    let state = AppState::start(&data, &config, &documents);
    assert_eq!(state.backups.lock().expect("lock").folder(), chosen);
    state.automatic_backup(true);
    assert_eq!(
        today_backups(&usb).len(),
        1,
        "closing backs up to the stick"
    );
    // A folder inside the app-data folder would go with an uninstall: refused.
    let inside = sotinhthuong::backup::prepare_folder(&data.join("sao-luu"), Some(&data));
    assert_eq!(inside.err().map(|e| e.code()), Some("unsuitable_folder"));

    // The stick is pulled out: the failure is kept for Settings, and nothing crashes.
    std::fs::remove_dir_all(&usb).expect("pull the stick");
    std::fs::write(&usb, "not a folder any more").expect("file in its place");
    state.automatic_backup(true);
    let b = state.backups.lock().expect("lock");
    assert!(
        b.last_error.is_some(),
        "the failure is kept for Settings to show"
    );
}

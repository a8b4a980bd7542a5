//! The Báo cáo screen's commands: preview a report as HTML, export it to a file (HTML, CSV, XLSX,
//! JSON), and "Lưu PDF" — a PDF written without a dialog by the webview's own print engine
//! (WebKitGTK's PrintOperation on Linux), from a hidden window that loads the report alone.

use crate::commands::{with_book, CommandError, Reply};
use crate::AppState;
use serde::{Deserialize, Serialize};
use sotinhthuong::output;
use sotinhthuong::report::layout::Orientation;
use sotinhthuong::report::{self, Format, ReportRequest};
use sotinhthuong::Error;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};

fn build_html(state: &AppState, request: &ReportRequest) -> Reply<String> {
    Ok(build_page(state, request)?.0)
}

/// The report's HTML and whether its page is landscape (a trip log, all communes side by side).
fn build_page(state: &AppState, request: &ReportRequest) -> Reply<(String, bool)> {
    with_book(state, |b| {
        let document = report::build(b, request, b.now())?.document();
        let landscape = document.orientation == Orientation::Landscape;
        Ok((report::html::render(&document), landscape))
    })
}

/// The report as print-ready HTML, for the preview.
#[tauri::command]
pub async fn render_report(state: State<'_, AppState>, input: ReportRequest) -> Reply<String> {
    build_html(&state, &input)
}

/// A report to write to a file the user chose.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportInput {
    pub request: ReportRequest,
    /// `html`, `csv`, `xlsx` or `json`; `pdf` goes through `save_pdf`.
    pub format: String,
    pub path: String,
}

/// Writes a report in a format to a file; returns the path written.
#[tauri::command]
pub async fn export_report(state: State<'_, AppState>, input: ExportInput) -> Reply<String> {
    let format = Format::parse(&input.format)?;
    let target = PathBuf::from(&input.path);
    let book = book_path(&state)?;
    // why: refuse the book, a backup or any SQLite file before building anything.
    output::check_target(&target, &[&book])?;
    let bytes = with_book(&state, |b| {
        let built = report::build(b, &input.request, b.now())?;
        report::render(&built, format)
    })?;
    output::write(&target, &[&book], &bytes)?;
    Ok(input.path)
}

/// The open book's path, which no output may hit.
fn book_path(state: &AppState) -> Reply<PathBuf> {
    Ok(state
        .path
        .lock()
        .map_err(|_| CommandError::from(Error::Busy))?
        .clone())
}

/// A report to save as PDF.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavePdfInput {
    pub request: ReportRequest,
    pub path: String,
}

/// Saves a report as an A4 PDF without a dialog; returns the path written.
#[tauri::command]
pub async fn save_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SavePdfInput,
) -> Reply<String> {
    let target = PathBuf::from(&input.path);
    let absolute = std::path::absolute(&target).map_err(|e| Error::Storage(e.to_string()))?;
    // why: the suggested folder (Documents) may not exist yet on a fresh account.
    if let Some(folder) = absolute.parent() {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    }
    let book = book_path(&state)?;
    let checked = output::check_target(&absolute, &[&book])?;
    let (html, landscape) = build_page(&state, &input.request)?;
    // why: the print engine writes the PDF beside the target, and only a finished PDF is
    // renamed over it (a failed print leaves the old file as it was).
    let printing = output::temporary_beside(&checked.real, "dang-in");
    let dir = app
        .path()
        .app_cache_dir()
        .map_err(|e| Error::Storage(e.to_string()))?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::Storage(e.to_string()))?;
    let page = dir.join("bao-cao-in.html");
    std::fs::write(&page, html).map_err(|e| Error::Storage(e.to_string()))?;
    let printed = print_page(&app, &page, Target::File(printing.clone()), landscape).await;
    let _ = std::fs::remove_file(&page);
    let placed = match printed {
        Ok(true) if printing.exists() => output::place(&printing, &absolute, &[&book]),
        Ok(true) => Err(Error::Storage(format!(
            "không thấy tệp PDF {}",
            printing.display()
        ))),
        Ok(false) => Err(Error::Storage("Lưu PDF trực tiếp chưa có trên hệ điều hành này; hãy bấm “In…” và chọn “Microsoft Print to PDF”".into())),
        Err(e) => {
            let _ = std::fs::remove_file(&printing);
            return Err(e);
        }
    };
    let _ = std::fs::remove_file(&printing);
    Ok(placed?.display().to_string())
}

/// Prints a report through the system's print dialog, with A4, the report's orientation and
/// Nghị định 30's margins already chosen in it (on Linux, WebKitGTK's print dialog; the preview's
/// own `window.print()` would start from GTK's narrow default margins). Returns false where the
/// window is to print the preview itself (other systems), true once the dialog is closed.
#[tauri::command]
pub async fn print_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ReportRequest,
) -> Reply<bool> {
    if !cfg!(target_os = "linux") {
        return Ok(false);
    }
    let (html, landscape) = build_page(&state, &input)?;
    let dir = app
        .path()
        .app_cache_dir()
        .map_err(|e| Error::Storage(e.to_string()))?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::Storage(e.to_string()))?;
    let page = dir.join("bao-cao-in-ra-giay.html");
    std::fs::write(&page, html).map_err(|e| Error::Storage(e.to_string()))?;
    let printed = print_page(&app, &page, Target::Dialog, landscape).await;
    let _ = std::fs::remove_file(&page);
    printed
}

/// Where a printed report goes.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
enum Target {
    /// A PDF file, without a dialog.
    File(PathBuf),
    /// The system's print dialog, over the main window.
    Dialog,
}

/// Prints the page at `page` (a report's HTML) to `target` from a hidden window; returns false
/// where this system has no such print path.
#[cfg(target_os = "linux")]
async fn print_page<R: Runtime>(
    app: &AppHandle<R>,
    page: &std::path::Path,
    target: Target,
    landscape: bool,
) -> Reply<bool> {
    use std::sync::mpsc;
    use tauri::{WebviewUrl, WebviewWindowBuilder};
    let storage = |e: String| CommandError::from(Error::Storage(e));
    let page_uri = url::Url::from_file_path(page)
        .map_err(|_| storage("đường dẫn trang in không hợp lệ".into()))?
        .to_string();
    let out_uri = match &target {
        Target::File(out) => Some(
            url::Url::from_file_path(out)
                .map_err(|_| storage(format!("đường dẫn không hợp lệ: {}", out.display())))?
                .to_string(),
        ),
        Target::Dialog => None,
    };
    let label = format!("print-{}", std::process::id());
    if let Some(old) = app.get_webview_window(&label) {
        let _ = old.destroy();
    }
    let window = WebviewWindowBuilder::new(
        app,
        &label,
        WebviewUrl::External("about:blank".parse().map_err(|_| storage("url".into()))?),
    )
    .visible(false)
    .build()
    .map_err(|e| storage(e.to_string()))?;
    // Ok(true): printed; Ok(false): the dialog was cancelled.
    let (tx, rx) = mpsc::channel::<Result<bool, String>>();
    let dialog = out_uri.is_none();
    let main = app.clone();
    let hooked = window.with_webview(move |wv| {
        use webkit2gtk::{LoadEvent, PrintOperationExt, WebViewExt};
        let view = wv.inner();
        let out_uri = out_uri.clone();
        let tx = tx.clone();
        // A crashed page never finishes printing: say so rather than wait.
        let crashed = tx.clone();
        view.connect_web_process_terminated(move |_, _| {
            let _ = crashed.send(Err("trang in bị dừng".into()));
        });
        let started = std::cell::Cell::new(false);
        view.connect_load_changed(move |view, event| {
            // why: the window first loads about:blank; only the report, once, is printed.
            if event != LoadEvent::Finished
                || !view.uri().is_some_and(|u| u.starts_with("file:"))
                || started.replace(true)
            {
                return;
            }
            let op = webkit2gtk::PrintOperation::new(view);
            if let Some(out_uri) = &out_uri {
                let settings = gtk::PrintSettings::new();
                // why: GTK names its PDF printer in the desktop's language ("In ra tập
                // tin" in Vietnamese) and WebKit looks printers up by that name.
                let file_printer = gtk::glib::dgettext(Some("gtk30"), "Print to File");
                settings.set_printer(&file_printer);
                settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
                settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(out_uri));
                op.set_print_settings(&settings);
            }
            let setup = gtk::PageSetup::new();
            setup.set_paper_size(&gtk::PaperSize::new(Some(gtk::PAPER_NAME_A4)));
            // why: the report's @page size says landscape for wide tables; WebKit takes the
            // page from GTK, so the orientation is set here too.
            setup.set_orientation(if landscape {
                gtk::PageOrientation::Landscape
            } else {
                gtk::PageOrientation::Portrait
            });
            // why: WebKit lays pages out inside GTK's margins and ignores the report's
            // `@page { margin }`, so the page setup carries the same margins as that rule
            // (12/15/12/30 mm; each page's 8 mm number line at the top and the room the
            // core leaves at its foot make Nghị định 30's 20/15/20/30 mm); with 0 the text
            // ran to the paper's edge.
            setup.set_top_margin(12.0, gtk::Unit::Mm);
            setup.set_bottom_margin(12.0, gtk::Unit::Mm);
            setup.set_left_margin(30.0, gtk::Unit::Mm);
            setup.set_right_margin(15.0, gtk::Unit::Mm);
            op.set_page_setup(&setup);
            let done = tx.clone();
            op.connect_finished(move |_| {
                let _ = done.send(Ok(true));
            });
            let failed = tx.clone();
            op.connect_failed(move |_, e| {
                let _ = failed.send(Err(e.to_string()));
            });
            if out_uri.is_some() {
                op.print();
            } else {
                // The dialog belongs to the main window (this one is hidden).
                let parent = main
                    .get_webview_window("main")
                    .and_then(|w| w.gtk_window().ok());
                let answer = op.run_dialog(parent.as_ref());
                if answer == webkit2gtk::PrintOperationResponse::Cancel {
                    let _ = tx.send(Ok(false));
                }
            }
        });
        view.load_uri(&page_uri);
    });
    if let Err(e) = hooked {
        let _ = window.destroy();
        return Err(storage(e.to_string()));
    }
    // why: the print engine runs on the GTK main thread; wait for it off that thread. A clerk
    // may take a while in the print dialog.
    let wait = std::time::Duration::from_secs(if dialog { 30 * 60 } else { 60 });
    let result = tauri::async_runtime::spawn_blocking(move || {
        rx.recv_timeout(wait)
            .map_err(|e| match e {
                mpsc::RecvTimeoutError::Timeout => "hết thời gian chờ in".to_string(),
                mpsc::RecvTimeoutError::Disconnected => "cửa sổ in đã đóng".to_string(),
            })
            .and_then(|r| r)
    })
    .await;
    let _ = window.destroy();
    let result = result.map_err(|e| storage(e.to_string()))?;
    // A cancelled dialog printed nothing, and that is not a fault either.
    result.map_err(|e| {
        storage(if dialog {
            format!("không in được: {e}")
        } else {
            format!("không in được ra PDF: {e}")
        })
    })?;
    Ok(true)
}

#[cfg(not(target_os = "linux"))]
async fn print_page<R: Runtime>(
    _app: &AppHandle<R>,
    _page: &std::path::Path,
    _target: Target,
    _landscape: bool,
) -> Reply<bool> {
    // why: WebView2's PrintToPdf and print dialog are the Windows equivalents; until they are
    // wired, "In…" prints the preview itself and "Lưu PDF" asks for "Microsoft Print to PDF".
    Ok(false)
}

//! "Lưu PDF" and "In…" on Windows, through WebView2's own print engine: `PrintToPdf` with A4,
//! the report's margins and orientation for a PDF without a dialog, and the system print dialog
//! (`ShowPrintUI`) for paper. Both run on a hidden window that loads the report alone, as on
//! Linux; the settings, the version rules and the messages live in `print_setup`, where the tests
//! reach them without a webview.
//!
//! Threading: `with_webview` runs its closure on the UI thread, where WebView2 also calls its
//! handlers back. The print is started there and never waited for there; its outcome comes back
//! through a channel that `print_page` waits on off the UI thread, so the window never freezes.

use crate::commands::{CommandError, Reply};
use crate::print_setup::{self, PageInches, PrintFeature};
use crate::printing::Target;
use sotinhthuong::Error;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};
use webview2_com::Microsoft::Web::WebView2::Win32::{
    GetAvailableCoreWebView2BrowserVersionString, ICoreWebView2, ICoreWebView2Environment6,
    ICoreWebView2NavigationCompletedEventArgs, ICoreWebView2PrintSettings, ICoreWebView2_16,
    ICoreWebView2_7, COREWEBVIEW2_PRINT_DIALOG_KIND_SYSTEM,
    COREWEBVIEW2_PRINT_ORIENTATION_LANDSCAPE, COREWEBVIEW2_PRINT_ORIENTATION_PORTRAIT,
    COREWEBVIEW2_WEB_ERROR_STATUS, COREWEBVIEW2_WEB_ERROR_STATUS_OPERATION_CANCELED,
};
use webview2_com::{
    take_pwstr, NavigationCompletedEventHandler, PrintToPdfCompletedHandler,
    ProcessFailedEventHandler,
};
use windows::core::{Interface, BOOL, HSTRING, PCWSTR, PWSTR};

/// The label of the hidden print window (one at a time: a second print replaces the first).
fn print_label() -> String {
    format!("print-{}", std::process::id())
}

/// The version of the WebView2 runtime Windows would start, None when it has none.
pub fn installed_runtime() -> Option<String> {
    let mut version = PWSTR::null();
    // SAFETY: the loader writes a CoTaskMem string (or nothing) into `version`; take_pwstr
    // frees it.
    let found =
        unsafe { GetAvailableCoreWebView2BrowserVersionString(PCWSTR::null(), &mut version) };
    let text = if version.is_null() {
        String::new()
    } else {
        take_pwstr(version)
    };
    found.ok().filter(|_| !text.trim().is_empty()).map(|_| text)
}

/// Shows, before any window, why the app cannot start when Windows has no WebView2 runtime;
/// returns true when it did (the caller then exits).
pub fn tell_when_runtime_missing() -> bool {
    use windows::Win32::UI::WindowsAndMessaging::{MessageBoxW, MB_ICONERROR, MB_OK};
    let Some(message) = print_setup::missing_runtime_message(installed_runtime().as_deref()) else {
        return false;
    };
    // why: also to stderr, where a launcher, a log or the tests (under wine) read it.
    eprintln!("{message}");
    // SAFETY: both strings live until MessageBoxW returns; no owner window.
    unsafe {
        MessageBoxW(
            None,
            &HSTRING::from(message),
            &HSTRING::from("Sổ Tình Thương"),
            MB_OK | MB_ICONERROR,
        );
    }
    true
}

/// Closes the hidden print window, if one is open (the app closes with its main window).
pub fn close_print_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(&print_label()) {
        let _ = window.destroy();
    }
}

/// Prints the page at `page` (a report's HTML) to `target` from a hidden window.
pub async fn print_page<R: Runtime>(
    app: &AppHandle<R>,
    page: &Path,
    target: Target,
    landscape: bool,
) -> Reply<bool> {
    let storage = |e: String| CommandError::from(Error::Storage(e));
    let page_uri = url::Url::from_file_path(page)
        .map_err(|_| storage("đường dẫn trang in không hợp lệ".into()))?
        .to_string();
    let (feature, out) = match target {
        Target::File(out) => (PrintFeature::Pdf, Some(out)),
        Target::Dialog => (PrintFeature::Dialog, None),
    };
    // why: an old runtime is told before a window is made for nothing.
    let runtime = installed_runtime();
    if let Some(version) = runtime.as_deref() {
        if print_setup::runtime_has(version, feature) == Some(false) {
            return Err(print_setup::runtime_too_old(feature, Some(version)).into());
        }
    }
    close_print_window(app);
    // why: made in a block of its own: the builder is not Send and must not live across an await.
    let window = {
        let mut builder = WebviewWindowBuilder::new(
            app,
            print_label(),
            WebviewUrl::External("about:blank".parse().map_err(|_| storage("url".into()))?),
        )
        .visible(false);
        if let Some(main) = app.get_webview_window("main") {
            // why: the print dialog then opens over the clerk's window, and Windows destroys
            // the hidden window with it (it never keeps the app running once the clerk has
            // closed it).
            builder = builder.owner(&main).map_err(|e| storage(e.to_string()))?;
        }
        builder.build().map_err(|e| storage(e.to_string()))?
    };
    let (tx, rx) = mpsc::channel::<Result<bool, Error>>();
    let page_setup = print_setup::page_in_inches(landscape);
    let found = runtime.clone();
    let hooked = window.with_webview(move |wv| {
        let job = Job {
            feature,
            out,
            page: page_setup,
            found,
        };
        if let Err(e) = start(
            &wv.controller(),
            &wv.environment(),
            job,
            &page_uri,
            tx.clone(),
        ) {
            let _ = tx.send(Err(e));
        }
    });
    if let Err(e) = hooked {
        let _ = window.destroy();
        return Err(storage(e.to_string()));
    }
    let wait = std::time::Duration::from_secs(60);
    let result = tauri::async_runtime::spawn_blocking(move || {
        rx.recv_timeout(wait).unwrap_or_else(|e| {
            Err(print_setup::print_failure(
                feature,
                match e {
                    mpsc::RecvTimeoutError::Timeout => "hết thời gian chờ in",
                    mpsc::RecvTimeoutError::Disconnected => "cửa sổ in đã đóng",
                },
            ))
        })
    })
    .await
    .map_err(|e| storage(e.to_string()))?;
    // why: the system dialog belongs to the hidden window and WebView2 says nothing when it
    // closes or when the job is spooled, so that window stays (hidden) until the next print or
    // the main window closes; a PDF is written once its handler has answered.
    if feature == PrintFeature::Pdf || result.is_err() {
        let _ = window.destroy();
    }
    Ok(result?)
}

/// What to print and how.
struct Job {
    feature: PrintFeature,
    /// The PDF's path (Lưu PDF); None for the print dialog.
    out: Option<PathBuf>,
    page: PageInches,
    /// The runtime's version, for the messages.
    found: Option<String>,
}

/// On the UI thread: checks the interfaces, then loads the report and prints it once it has
/// finished loading. The outcome goes to `tx`.
fn start(
    controller: &webview2_com::Microsoft::Web::WebView2::Win32::ICoreWebView2Controller,
    environment: &webview2_com::Microsoft::Web::WebView2::Win32::ICoreWebView2Environment,
    job: Job,
    page_uri: &str,
    tx: mpsc::Sender<Result<bool, Error>>,
) -> Result<(), Error> {
    let feature = job.feature;
    let found = job.found.clone();
    let cast_failed = |e: windows::core::Error| {
        print_setup::interface_failure(feature, e.code().0, &e.message(), found.as_deref())
    };
    let failed = |e: windows::core::Error| {
        print_setup::print_failure(feature, &format!("{} (0x{:08X})", e.message(), e.code().0))
    };
    // SAFETY: COM calls on the UI thread that owns these objects, as WebView2 requires.
    unsafe {
        let webview: ICoreWebView2 = controller.CoreWebView2().map_err(failed)?;
        // Everything the print needs is asked for before the page loads, so that a runtime
        // too old for it is told at once, not after a blank wait.
        let print = match &job.out {
            Some(path) => {
                let pdf: ICoreWebView2_7 = webview.cast().map_err(cast_failed)?;
                let env: ICoreWebView2Environment6 = environment.cast().map_err(cast_failed)?;
                let settings = env.CreatePrintSettings().map_err(failed)?;
                apply_page(&settings, &job.page).map_err(failed)?;
                Print::Pdf {
                    pdf,
                    settings,
                    path: HSTRING::from(path.as_os_str()),
                }
            }
            None => Print::Dialog(webview.cast::<ICoreWebView2_16>().map_err(cast_failed)?),
        };
        // A crashed page never finishes printing: say so rather than wait.
        let crashed = tx.clone();
        let mut token = 0i64;
        webview
            .add_ProcessFailed(
                &ProcessFailedEventHandler::create(Box::new(move |_, _| {
                    let _ =
                        crashed.send(Err(print_setup::print_failure(feature, "trang in bị dừng")));
                    Ok(())
                })),
                &mut token,
            )
            .map_err(failed)?;
        let mut started = false;
        let loaded = NavigationCompletedEventHandler::create(Box::new(
            move |sender: Option<ICoreWebView2>,
                  args: Option<ICoreWebView2NavigationCompletedEventArgs>| {
                let (Some(sender), Some(args)) = (sender, args) else {
                    return Ok(());
                };
                let mut source = PWSTR::null();
                sender.Source(&mut source)?;
                let mut ok = BOOL::default();
                args.IsSuccess(&mut ok)?;
                let mut status = COREWEBVIEW2_WEB_ERROR_STATUS::default();
                args.WebErrorStatus(&mut status)?;
                // why: the window first shows about:blank, whose load the report's cuts short
                // (its end is reported too, maybe under the report's address); only the
                // report, once, is printed.
                if !take_pwstr(source).starts_with("file:")
                    || started
                    || (!ok.as_bool() && status == COREWEBVIEW2_WEB_ERROR_STATUS_OPERATION_CANCELED)
                {
                    return Ok(());
                }
                started = true;
                if !ok.as_bool() {
                    let _ = tx.send(Err(print_setup::print_failure(
                        feature,
                        "không mở được trang báo cáo",
                    )));
                    return Ok(());
                }
                let outcome = match &print {
                    Print::Pdf {
                        pdf,
                        settings,
                        path,
                    } => {
                        let done = tx.clone();
                        let handler = PrintToPdfCompletedHandler::create(Box::new(
                            move |result: windows::core::Result<()>, written: bool| {
                                let _ = done.send(match result {
                                    Ok(()) if written => Ok(true),
                                    Ok(()) => Err(print_setup::print_failure(
                                        feature,
                                        "WebView2 không ghi được tệp (thư mục chỉ đọc, ổ đầy hoặc tệp đang mở?)",
                                    )),
                                    Err(e) => Err(print_setup::print_failure(
                                        feature,
                                        &format!("{} (0x{:08X})", e.message(), e.code().0),
                                    )),
                                });
                                Ok(())
                            },
                        ));
                        pdf.PrintToPdf(path, settings, &handler)
                    }
                    // why: the system dialog takes no settings; A4, the orientation and the
                    // margins come from the report's `@page` rule.
                    Print::Dialog(dialog) => dialog
                        .ShowPrintUI(COREWEBVIEW2_PRINT_DIALOG_KIND_SYSTEM)
                        .map(|()| {
                            let _ = tx.send(Ok(true));
                        }),
                };
                if let Err(e) = outcome {
                    let _ = tx.send(Err(print_setup::print_failure(
                        feature,
                        &format!("{} (0x{:08X})", e.message(), e.code().0),
                    )));
                }
                Ok(())
            },
        ));
        let mut token = 0i64;
        webview
            .add_NavigationCompleted(&loaded, &mut token)
            .map_err(failed)?;
        webview.Navigate(&HSTRING::from(page_uri)).map_err(failed)?;
    }
    Ok(())
}

/// The print started once the report has loaded.
enum Print {
    Pdf {
        pdf: ICoreWebView2_7,
        settings: ICoreWebView2PrintSettings,
        path: HSTRING,
    },
    Dialog(ICoreWebView2_16),
}

/// A4 with the report's margins and orientation, backgrounds on, no header or footer (WebView2
/// would print the page's address and date there). On the UI thread, as every WebView2 call.
fn apply_page(
    settings: &ICoreWebView2PrintSettings,
    page: &PageInches,
) -> windows::core::Result<()> {
    // SAFETY: property setters of a settings object this thread made.
    unsafe {
        settings.SetOrientation(if page.landscape {
            COREWEBVIEW2_PRINT_ORIENTATION_LANDSCAPE
        } else {
            COREWEBVIEW2_PRINT_ORIENTATION_PORTRAIT
        })?;
        settings.SetPageWidth(page.width)?;
        settings.SetPageHeight(page.height)?;
        settings.SetMarginTop(page.margins.top)?;
        settings.SetMarginRight(page.margins.right)?;
        settings.SetMarginBottom(page.margins.bottom)?;
        settings.SetMarginLeft(page.margins.left)?;
        settings.SetScaleFactor(1.0)?;
        settings.SetShouldPrintBackgrounds(true)?;
        settings.SetShouldPrintSelectionOnly(false)?;
        settings.SetShouldPrintHeaderAndFooter(false)?;
    }
    Ok(())
}

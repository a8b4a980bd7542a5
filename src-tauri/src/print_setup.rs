//! The paper a report is printed on, in the units each print engine takes, and what the clerk
//! is told when the engine on this computer cannot print. Shared by "Lưu PDF" and "In…" on every
//! system and free of any webview, so that the tests check it on Linux and under wine alike.

// why: compiled everywhere so that the tests check it on Linux too; only the Windows print path
// (webview2_print) calls all of it.
#![cfg_attr(not(windows), allow(dead_code))]

use sotinhthuong::Error;

/// Millimetres in an inch: WebView2 takes every length in inches.
pub const MM_PER_INCH: f64 = 25.4;

/// A4 in millimetres, portrait (width, height).
pub const A4_MM: (f64, f64) = (210.0, 297.0);

/// The paper's margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

/// The margins of the report's `@page` rule (src/report/html.rs): each page's 8 mm number line
/// at the top and the room the core leaves at its foot make Nghị định 30's 20/15/20/30 mm. The
/// print engines are given them too: WebKitGTK ignores `@page { margin }`, and WebView2's
/// settings would otherwise put their own 0.4 inch in.
pub const PAPER_MARGINS_MM: Margins = Margins {
    top: 12.0,
    right: 15.0,
    bottom: 12.0,
    left: 30.0,
};

/// A page as WebView2's print settings take it: every length in inches; width and height are
/// the portrait sheet's, and the engine turns it for landscape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageInches {
    pub width: f64,
    pub height: f64,
    pub margins: Margins,
    pub landscape: bool,
}

/// A4 with the report's margins, in inches, for WebView2.
pub fn page_in_inches(landscape: bool) -> PageInches {
    let inches = |mm: f64| mm / MM_PER_INCH;
    let m = PAPER_MARGINS_MM;
    PageInches {
        width: inches(A4_MM.0),
        height: inches(A4_MM.1),
        margins: Margins {
            top: inches(m.top),
            right: inches(m.right),
            bottom: inches(m.bottom),
            left: inches(m.left),
        },
        landscape,
    }
}

/// What a print needs of the webview on Windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFeature {
    /// "Lưu PDF": `ICoreWebView2_7::PrintToPdf` with `ICoreWebView2Environment6` settings.
    Pdf,
    /// "In…": `ICoreWebView2_16::ShowPrintUI`, the system print dialog.
    Dialog,
}

impl PrintFeature {
    /// The first WebView2 runtime that has the interface (the SDK release that made it
    /// stable: 1.0.1020.30 for PrintToPdf, 1.0.1518.46 for ShowPrintUI; runtimes carry the
    /// same build number after their own major version).
    pub fn first_runtime(self) -> &'static str {
        match self {
            PrintFeature::Pdf => "95.0.1020.30",
            PrintFeature::Dialog => "109.0.1518.46",
        }
    }

    /// The code the window's messages know the feature by.
    pub fn code(self) -> &'static str {
        match self {
            PrintFeature::Pdf => "pdf",
            PrintFeature::Dialog => "print",
        }
    }
}

/// The build number of a WebView2 runtime version ("109.0.1518.46" → 1518): the part that
/// orders runtimes across channels.
pub fn runtime_build(version: &str) -> Option<u32> {
    let mut parts = version.trim().split('.');
    let (_major, _minor) = (parts.next()?, parts.next()?);
    // A channel suffix ("120.0.2210.91 beta") is not part of the number.
    let build = parts.next()?;
    build.trim().parse().ok()
}

/// True when the runtime of `version` has `feature`; None when the version cannot be read
/// (then the interface itself decides).
pub fn runtime_has(version: &str, feature: PrintFeature) -> Option<bool> {
    let needed = runtime_build(feature.first_runtime())?;
    Some(runtime_build(version)? >= needed)
}

/// The refusal when the runtime lacks `feature` (its interface is missing): what to install,
/// never a crash or a blank page.
pub fn runtime_too_old(feature: PrintFeature, found: Option<&str>) -> Error {
    Error::WebViewTooOld {
        feature: feature.code().to_string(),
        needed: feature.first_runtime().to_string(),
        found: found
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .unwrap_or("?")
            .to_string(),
    }
}

/// HRESULT E_NOINTERFACE: the runtime answers a cast to an interface it does not have so.
pub const E_NOINTERFACE: i32 = 0x8000_4002_u32 as i32;

/// The refusal for a failed cast to the interface of `feature`: a missing interface means a
/// runtime too old for it; anything else is a failure of the print itself.
pub fn interface_failure(
    feature: PrintFeature,
    hresult: i32,
    message: &str,
    found: Option<&str>,
) -> Error {
    if hresult == E_NOINTERFACE || found.and_then(|v| runtime_has(v, feature)) == Some(false) {
        runtime_too_old(feature, found)
    } else {
        print_failure(feature, &format!("{message} (0x{:08X})", hresult as u32))
    }
}

/// A print that started and failed, in the words of the Linux path.
pub fn print_failure(feature: PrintFeature, detail: &str) -> Error {
    Error::Storage(match feature {
        PrintFeature::Pdf => format!("không in được ra PDF: {detail}"),
        PrintFeature::Dialog => format!("không in được: {detail}"),
    })
}

/// What the window says at start, before anything else, when Windows has no WebView2 runtime
/// at all (`found` is the version the loader reports, None when it finds none): Vietnamese
/// first, English second, with what to install and where an office without internet gets it.
pub fn missing_runtime_message(found: Option<&str>) -> Option<String> {
    if found.is_some_and(|v| !v.trim().is_empty()) {
        return None;
    }
    Some(
        "Máy này chưa có Microsoft Edge WebView2 Runtime, phần Windows dùng để hiện cửa sổ Sổ Tình Thương.\n\n\
         Cách cài: chạy lại bộ cài Sổ Tình Thương (bản có kèm WebView2), hoặc tải “Evergreen Standalone Installer” (x64) \
         của WebView2 tại https://developer.microsoft.com/microsoft-edge/webview2/ ở một máy có mạng, chép sang bằng USB \
         rồi chạy nó. Sổ sách không bị ảnh hưởng.\n\n\
         This computer has no Microsoft Edge WebView2 Runtime, which Sổ Tình Thương needs for its window. \
         Run the Sổ Tình Thương installer that carries WebView2 again, or install the WebView2 \
         “Evergreen Standalone Installer” (x64) from the address above. The books are not affected."
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a4_is_given_to_webview2_in_inches_with_the_reports_margins() {
        let page = page_in_inches(false);
        assert!(close(page.width, 8.267_716_535_433_07), "{page:?}");
        assert!(close(page.height, 11.692_913_385_826_77), "{page:?}");
        assert!(close(page.margins.top * 25.4, 12.0));
        assert!(close(page.margins.right * 25.4, 15.0));
        assert!(close(page.margins.bottom * 25.4, 12.0));
        assert!(close(page.margins.left * 25.4, 30.0));
        assert!(!page.landscape);
    }

    #[test]
    fn a_landscape_report_keeps_the_portrait_sheet_and_asks_the_engine_to_turn_it() {
        let page = page_in_inches(true);
        assert!(page.landscape);
        assert!(page.width < page.height);
        assert_eq!(page.margins, page_in_inches(false).margins);
    }

    #[test]
    fn the_margins_given_to_the_engines_are_those_of_the_reports_page_rule() {
        let mut book = sotinhthuong::Book::open_in_memory(sotinhthuong::Source::Cli).unwrap();
        book.apply_preset(sotinhthuong::Preset::AnPhu2025).unwrap();
        let commune = book.list_communes(false).unwrap()[0].name.clone();
        let request = sotinhthuong::report::ReportRequest {
            name: sotinhthuong::report::ReportName::parse("monthly").unwrap(),
            commune: Some(commune),
            all: false,
            month: Some("2026-02".into()),
            period: None,
            program: None,
            asset: None,
            project: None,
            voucher: None,
        };
        let now = book.now();
        let html = sotinhthuong::report::html::render(
            &sotinhthuong::report::build(&book, &request, now)
                .unwrap()
                .document(),
        );
        let m = PAPER_MARGINS_MM;
        let rule = format!(
            "margin: {}mm {}mm {}mm {}mm;",
            m.top, m.right, m.bottom, m.left
        );
        assert!(html.contains(&rule), "the @page rule has changed: {rule}");
    }

    #[test]
    fn a_runtime_build_is_read_from_its_version() {
        assert_eq!(runtime_build("109.0.1518.46"), Some(1518));
        assert_eq!(runtime_build(" 120.0.2210.91 "), Some(2210));
        assert_eq!(runtime_build("95.0.1020.30"), Some(1020));
        assert_eq!(runtime_build("mới"), None);
        assert_eq!(runtime_build(""), None);
        assert_eq!(runtime_build("1.0"), None);
    }

    #[test]
    fn each_print_feature_needs_the_runtime_that_brought_it() {
        assert_eq!(runtime_has("94.0.992.31", PrintFeature::Pdf), Some(false));
        assert_eq!(runtime_has("95.0.1020.30", PrintFeature::Pdf), Some(true));
        assert_eq!(
            runtime_has("108.0.1462.54", PrintFeature::Dialog),
            Some(false)
        );
        assert_eq!(runtime_has("108.0.1462.54", PrintFeature::Pdf), Some(true));
        assert_eq!(
            runtime_has("131.0.2903.70", PrintFeature::Dialog),
            Some(true)
        );
        assert_eq!(runtime_has("?", PrintFeature::Dialog), None);
    }

    #[test]
    fn a_missing_interface_tells_the_clerk_which_webview2_to_install() {
        let err = interface_failure(
            PrintFeature::Pdf,
            E_NOINTERFACE,
            "No such interface supported",
            Some("94.0.992.31"),
        );
        assert_eq!(err.code(), "webview_too_old");
        let text = err.to_string();
        assert!(text.contains("95.0.1020.30"), "{text}");
        assert!(text.contains("94.0.992.31"), "{text}");
        assert!(text.contains("Lưu PDF"), "{text}");
        assert!(text.contains("WebView2"), "{text}");
        let en = err.message(sotinhthuong::Lang::En);
        assert!(
            en.contains("Save PDF") && en.contains("95.0.1020.30"),
            "{en}"
        );
        let dialog = interface_failure(PrintFeature::Dialog, E_NOINTERFACE, "", None);
        assert!(dialog.to_string().contains("109.0.1518.46"), "{dialog}");
        assert!(dialog.to_string().contains("In…"), "{dialog}");
    }

    #[test]
    fn an_old_runtime_is_named_even_when_the_cast_fails_otherwise() {
        let err = interface_failure(PrintFeature::Dialog, -1, "lỗi", Some("100.0.1185.36"));
        assert_eq!(err.code(), "webview_too_old");
    }

    #[test]
    fn any_other_failure_is_a_print_failure_with_its_code() {
        let err = interface_failure(
            PrintFeature::Pdf,
            0x8007_0005_u32 as i32,
            "Access is denied",
            None,
        );
        assert_eq!(err.code(), "storage");
        let text = err.to_string();
        assert!(text.contains("không in được ra PDF"), "{text}");
        assert!(text.contains("0x80070005"), "{text}");
    }

    #[test]
    fn a_computer_without_webview2_is_told_what_to_install_in_vietnamese_first() {
        assert_eq!(missing_runtime_message(Some("131.0.2903.70")), None);
        for none in [None, Some(""), Some("  ")] {
            let text = missing_runtime_message(none).unwrap();
            assert!(text.starts_with("Máy này chưa có Microsoft Edge WebView2 Runtime"));
            assert!(text.contains("Evergreen Standalone Installer"));
            assert!(text.contains("USB"));
            assert!(text.contains("This computer has no Microsoft Edge WebView2 Runtime"));
        }
    }
}

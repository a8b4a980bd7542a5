//! The HTML printed to PDF by headless Chromium, checked with poppler's pdfinfo and pdftotext:
//! A4, at most two pages for one commune's monthly summary, the official heading and the totals.
//!
//! Skipped, with a notice, only when no Chromium is installed (CI installs `chromium` and
//! `poppler-utils`). Set `REPORT_PREVIEW_DIR` to keep the HTML and PDF of every report there.

mod report_support;

use report_support::{february, now, small_book, Fixture};
use sotinhthuong::report::layout::RowKind;
use sotinhthuong::report::{self, Format, Period, Report};
use sotinhthuong::{Asset, Program};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Prints `html` to `pdf` with headless Chromium, waiting at most two minutes.
fn print_to_pdf(chrome: &Path, html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish printing in two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(pdf.is_file(), "chromium wrote no PDF");
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs: {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

struct Printed {
    pages: usize,
    size: String,
    text: String,
}

fn print(chrome: &Path, dir: &Path, name: &str, report: &Report) -> Printed {
    let html = dir.join(format!("{name}.html"));
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&html, report::render(report, Format::Html).expect("html")).expect("write html");
    print_to_pdf(chrome, &html, &pdf);
    let pdf_arg = pdf.to_str().expect("utf-8 path");
    let info = run("pdfinfo", &[pdf_arg]);
    let field = |key: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
            .unwrap_or_default()
    };
    Printed {
        pages: field("Pages:").parse().expect("a page count"),
        size: field("Page size:"),
        text: run("pdftotext", &["-layout", pdf_arg, "-"]),
    }
}

fn all_reports(f: &Fixture) -> Vec<(&'static str, Report)> {
    let b = &f.book;
    vec![
        (
            "monthly",
            Report::Monthly(
                report::monthly_summary(b, f.phu_huu, february(), now()).expect("monthly"),
            ),
        ),
        (
            "overview",
            Report::Overview(report::monthly_overview(b, february(), now()).expect("overview")),
        ),
        (
            "fund-book",
            Report::FundBook(
                report::fund_book(
                    b,
                    f.phu_huu,
                    Program::Transport,
                    Asset::Cash,
                    Period::Year(2026),
                    now(),
                )
                .expect("fund book"),
            ),
        ),
        (
            "rice-book",
            Report::RiceBook(
                report::rice_book(b, f.phu_huu, february(), now()).expect("rice book"),
            ),
        ),
        (
            "trips",
            Report::TripLog(report::trip_log(b, f.phu_huu, february(), now()).expect("trips")),
        ),
        (
            "project",
            Report::Project(
                report::project_settlement(b, f.phu_huu, "CT-2026-0001", now()).expect("project"),
            ),
        ),
        (
            "disclosure",
            Report::Disclosure(
                report::disclosure_list(b, f.phu_huu, february(), now()).expect("disclosure"),
            ),
        ),
        (
            "receipt",
            Report::Receipt(
                report::donor_receipt(b, f.phu_huu, &f.trip_donation, now()).expect("receipt"),
            ),
        ),
    ]
}

/// Whether pdfinfo's "594.96 x 841.92 pts (A4)" is A4, upright or on its side.
fn is_a4(size: &str, landscape: bool) -> bool {
    let points: Vec<i64> = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok())
        .map(|p| p.round() as i64)
        .collect();
    let expected = if landscape {
        vec![842, 595]
    } else {
        vec![595, 842]
    };
    points == expected
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[cfg_attr(
    wine,
    ignore = "wine: Chromium and poppler are Linux programs here; the Linux run prints every report"
)]
fn the_monthly_summary_prints_on_at_most_two_a4_pages_with_its_heading_and_totals() {
    let Some(chrome) = chromium() else {
        eprintln!("NOTICE: chromium is not installed; the PDF test is skipped (CI installs it)");
        return;
    };
    let f = small_book();
    let dir = tempfile::tempdir().expect("temp dir");
    let summary = report::monthly_summary(&f.book, f.phu_huu, february(), now()).expect("summary");
    let printed = print(&chrome, dir.path(), "monthly", &Report::Monthly(summary));
    assert!(is_a4(&printed.size, false), "A4 portrait: {}", printed.size);
    assert!((1..=2).contains(&printed.pages), "{} pages", printed.pages);
    let text = squeeze(&printed.text);
    for expected in [
        "UBND TỈNH AN GIANG",
        "ỦY BAN NHÂN DÂN",
        "XÃ PHÚ HỮU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phú Hữu, ngày 05 tháng 02 năm 2026",
        "BÁO CÁO",
        "Cộng các quỹ: tồn cuối tháng 7.000.000 1.608",
        "Cộng các quỹ: thu, nhập 4.300.000 850,5",
        "Người lập biểu",
        "TM. ỦY BAN NHÂN DÂN",
        "Phạm Văn Dũng",
        "(Ký, họ tên)",
    ] {
        assert!(
            text.contains(expected),
            "the PDF shows {expected:?}:\n{text}"
        );
    }
}

#[test]
#[cfg_attr(
    wine,
    ignore = "wine: Chromium and poppler are Linux programs here; the Linux run prints every report"
)]
fn every_report_prints_to_a4_and_a_long_book_numbers_its_pages_from_the_second() {
    let Some(chrome) = chromium() else {
        eprintln!("NOTICE: chromium is not installed; the PDF test is skipped (CI installs it)");
        return;
    };
    let f = small_book();
    let keep = std::env::var_os("REPORT_PREVIEW_DIR").map(PathBuf::from);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = keep.clone().unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("preview dir");
    for (name, report) in all_reports(&f) {
        let landscape = matches!(report, Report::Overview(_) | Report::TripLog(_));
        let printed = print(&chrome, &dir, name, &report);
        assert!(
            is_a4(&printed.size, landscape),
            "{name}: {} is not A4 (landscape: {landscape})",
            printed.size
        );
        assert!(
            squeeze(&printed.text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{name}"
        );
        assert!(
            squeeze(&printed.text).contains(&report.document().meta.fingerprint),
            "{name} carries the fingerprint"
        );
        assert_eq!(
            printed.pages,
            report::html::page_count(&report.document()),
            "{name} prints on the pages it planned"
        );
    }

    // A fund book long enough to run over pages: the header repeats and pages 2.. are numbered.
    let mut f = f;
    for i in 0..60 {
        f.book
            .record_cash(&sotinhthuong::NewCash {
                commune: "Phú Hữu".into(),
                program: Program::Repair,
                direction: sotinhthuong::Direction::In,
                date: "05/02/2026".into(),
                amount: format!("{}.000", 100 + i),
                party: format!("Hộ gia đình số {}", i + 1),
                category: None,
                memo: "Ủng hộ sửa cầu".into(),
            })
            .expect("gift");
    }
    let long = report::fund_book(
        &f.book,
        f.phu_huu,
        Program::Repair,
        Asset::Cash,
        Period::Month(february()),
        now(),
    )
    .expect("fund book");
    let doc = Report::FundBook(long.clone()).document();
    let printed = print(&chrome, &dir, "fund-book-long", &Report::FundBook(long));
    assert!(printed.pages >= 2, "sixty entries run over a page");
    let pages: Vec<&str> = printed.text.split('\u{c}').collect();
    let first_line = |page: &str| {
        page.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string()
    };
    assert!(
        !first_line(pages[0]).starts_with('1'),
        "no number on the first page: {}",
        first_line(pages[0])
    );
    assert_eq!(first_line(pages[1]), "2", "page 2 is numbered at the top");
    assert!(
        pages[1].contains("Diễn giải"),
        "the table header repeats on page 2"
    );
    assert_eq!(printed.pages, report::html::page_count(&doc));
    // The totals carried from page 1 to page 2: the receipts so far and the balance as it stood.
    let carried = |page: &str, label: &str| -> Vec<String> {
        page.lines()
            .find(|l| squeeze(l).contains(label))
            .unwrap_or_else(|| panic!("no “{label}” line on the page"))
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    let out = carried(pages[0], "Cộng chuyển sang trang sau");
    let brought = carried(pages[1], "Số trang trước chuyển sang");
    assert_eq!(out, brought, "what page 1 carries is what page 2 brings");
    let table = doc.tables().next().expect("the book's table");
    let on_page_1 = table
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Body && pages[0].contains(&r.cells[1].printed()))
        .count();
    let sum: i64 = table
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Body)
        .take(on_page_1)
        .map(|r| {
            r.cells[3]
                .printed()
                .replace('.', "")
                .parse::<i64>()
                .unwrap_or(0)
        })
        .sum();
    assert!(on_page_1 > 10, "{on_page_1} entries on page 1");
    assert_eq!(
        out.first().map(|v| v.replace('.', "")),
        Some(sum.to_string()),
        "page 1 carries the sum of its receipts"
    );
}

/// Donors with long names and notes, so that rows take two and three lines: the pages printed
/// are still the pages planned, and every donor is printed.
#[test]
#[cfg_attr(
    wine,
    ignore = "wine: Chromium and poppler are Linux programs here; the Linux run prints every report"
)]
fn long_names_wrap_and_the_pages_are_still_the_pages_planned() {
    let Some(chrome) = chromium() else {
        eprintln!("NOTICE: chromium is not installed; the PDF test is skipped (CI installs it)");
        return;
    };
    let mut f = small_book();
    for i in 0..90 {
        let party = match i % 3 {
            0 => format!("Công ty Trách nhiệm hữu hạn Một thành viên Thương mại Dịch vụ Nông sản Phú Hữu số {i}"),
            1 => format!("Bà Nguyễn Thị Ngọc {i}"),
            _ => format!("Hội Phụ nữ ấp Phú Hiệp và Câu lạc bộ Những người con xa quê hương An Phú {i}"),
        };
        f.book
            .record_cash(&sotinhthuong::NewCash {
                commune: "Phú Hữu".into(),
                program: Program::Repair,
                direction: sotinhthuong::Direction::In,
                date: format!("{:02}/02/2026", 1 + i % 27),
                amount: format!("{}.000", 50 + i),
                party,
                category: None,
                memo: "Ủng hộ sửa cầu Rạch Chanh, đổ bê tông mặt cầu và làm lan can hai bên".into(),
            })
            .expect("gift");
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let keep = std::env::var_os("REPORT_PREVIEW_DIR").map(PathBuf::from);
    let dir = keep.unwrap_or_else(|| temp.path().to_path_buf());
    let reports = [
        (
            "disclosure-long",
            Report::Disclosure(
                report::disclosure_list(&f.book, f.phu_huu, february(), now()).expect("list"),
            ),
        ),
        (
            "fund-book-wrapped",
            Report::FundBook(
                report::fund_book(
                    &f.book,
                    f.phu_huu,
                    Program::Repair,
                    Asset::Cash,
                    Period::Month(february()),
                    now(),
                )
                .expect("fund book"),
            ),
        ),
    ];
    for (name, report) in reports {
        let printed = print(&chrome, &dir, name, &report);
        let planned = report::html::page_count(&report.document());
        assert!(planned >= 3, "{name}: {planned} pages planned");
        assert_eq!(
            printed.pages, planned,
            "{name} prints on the pages it planned"
        );
        let text = squeeze(&printed.text);
        assert!(
            text.contains("Bà Nguyễn Thị Ngọc 88"),
            "{name}: the last donor is printed"
        );
        assert!(
            text.contains("Phạm Văn Dũng"),
            "{name}: the signatures are printed"
        );
    }
}

/// Adds to February everything a busy commune might have: every category, six destinations,
/// four more projects with a work log and materials every day (six at once; a commune repairs
/// about two a year).
fn make_busy(f: &mut Fixture) {
    use sotinhthuong::repair::{NewProject, NewWorkDay};
    use sotinhthuong::transport::NewTrip;
    use sotinhthuong::{Direction, NewCash};
    let b = &mut f.book;
    for (program, direction, category, amount) in [
        (Program::Rice, Direction::In, "other_in", "250.000"),
        (Program::Rice, Direction::Out, "other_out", "120.000"),
        (Program::Transport, Direction::Out, "vehicle", "450.000"),
        (Program::Transport, Direction::Out, "other_out", "60.000"),
        (Program::Repair, Direction::In, "other_in", "700.000"),
        (Program::Repair, Direction::Out, "other_out", "90.000"),
    ] {
        b.record_cash(&NewCash {
            commune: "Phú Hữu".into(),
            program,
            direction,
            date: "05/02/2026".into(),
            amount: amount.into(),
            party: "Hội Chữ thập đỏ xã".into(),
            category: Some(category.into()),
            memo: String::new(),
        })
        .expect("cash");
    }
    for (i, to) in [
        "Trạm Y tế xã Phú Hữu",
        "Bệnh viện Đa khoa khu vực tỉnh An Giang",
        "Bệnh viện Đa khoa Trung tâm An Giang",
        "Bệnh viện Đa khoa Trung ương Cần Thơ",
    ]
    .iter()
    .enumerate()
    {
        b.record_trip(&NewTrip {
            commune: "Phú Hữu".into(),
            date: "05/02/2026".into(),
            patient: format!("Bệnh nhân số {}", i + 1),
            to: to.to_string(),
            km: Some("20".into()),
            fuel_cost: Some("50.000".into()),
            ..NewTrip::default()
        })
        .expect("trip");
    }
    for i in 0..4 {
        let project = b
            .add_project(&NewProject {
                commune: "Phú Hữu".into(),
                name: format!("Đường liên ấp Phú Hiệp đoạn số {}", i + 1),
                kind: "road".into(),
                hamlet: Some("Phú Hiệp".into()),
                size: "dài 200 m, rộng 2,5 m".into(),
                estimate: None,
                start: Some("01/02/2026".into()),
            })
            .expect("project");
        for day in 1..=4 {
            b.log_work(
                "Phú Hữu",
                &project.code,
                &NewWorkDay {
                    date: format!("0{day}/02/2026"),
                    volunteers: "6".into(),
                    workdays: "6".into(),
                    materials: "10 bao xi măng, 2 m³ đá 1x2, 1 m³ cát vàng".into(),
                    note: String::new(),
                },
            )
            .expect("work day");
        }
    }
}

#[test]
#[cfg_attr(
    wine,
    ignore = "wine: Chromium and poppler are Linux programs here; the Linux run prints every report"
)]
fn a_busy_month_still_prints_its_summary_on_two_pages() {
    let Some(chrome) = chromium() else {
        eprintln!("NOTICE: chromium is not installed; the PDF test is skipped (CI installs it)");
        return;
    };
    let mut f = small_book();
    make_busy(&mut f);
    let summary = report::monthly_summary(&f.book, f.phu_huu, february(), now()).expect("summary");
    assert_eq!(summary.repair.active.len(), 5);
    // The pages are those the core planned, and no more than two.
    assert_eq!(
        report::html::page_count(&Report::Monthly(summary.clone()).document()),
        2
    );
    assert_eq!(summary.transport.by_destination.len(), 6);
    let keep = std::env::var_os("REPORT_PREVIEW_DIR").map(PathBuf::from);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = keep.unwrap_or_else(|| temp.path().to_path_buf());
    let printed = print(&chrome, &dir, "monthly-busy", &Report::Monthly(summary));
    assert!(printed.pages <= 2, "{} pages", printed.pages);
    assert!(
        squeeze(&printed.text).contains("Phạm Văn Dũng"),
        "the signatures are printed"
    );
}

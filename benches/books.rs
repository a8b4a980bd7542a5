//! Speed at ten years of books (issue 7): in-process benchmarks with criterion, printing median
//! and spread. Books are made once with `demo` and kept in target/bench-books/.
//!
//! Sizes come from `BENCH_SIZES` (movements, comma-separated; default `100000,1000000`); add
//! `5000000` to check that a month's reports cost what the month costs, not the history.
//! Run: `cargo bench --bench books` (see README, "Performance").

use chrono::Utc;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sotinhthuong::demo::DemoOptions;
use sotinhthuong::report::{self, Period};
use sotinhthuong::{Asset, Book, Direction, ListFilter, Month, NewCash, Program, Source};
use std::path::PathBuf;
use std::time::Duration;

fn sizes() -> Vec<u64> {
    std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect()
}

/// Years of history in a bench book of `size` movements: a district writes about 100,000
/// movements a year (a million in ten years), so a bigger book is a longer history of the same
/// district and its months stay the same size. That is what the summary's growth measures: the
/// cost of the history, not of a month made denser.
fn years(size: u64) -> u32 {
    u32::try_from(size / 100_000).unwrap_or(u32::MAX).max(1)
}

/// The demo book of `size` movements, made once and reused.
fn book(size: u64) -> Book {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-books");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("demo-{size}-{}y.db", years(size)));
    let ready = dir.join(format!("demo-{size}-{}y.ready", years(size)));
    if !ready.exists() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let mut book = Book::create(&path, Source::Demo).expect("bench book");
        let s = book
            .generate_demo(DemoOptions {
                seed: 1,
                movements: size,
                years: years(size),
            })
            .expect("demo");
        eprintln!(
            "made {} ({} movements over {} years in {:.1} s)",
            path.display(),
            s.movements,
            years(size),
            s.seconds
        );
        std::fs::write(&ready, "ok").expect("mark");
    }
    Book::open(&path, Source::Demo).expect("bench book")
}

/// The busiest commune and the last month of the demo.
fn subject(book: &Book) -> (sotinhthuong::CommuneId, Month) {
    let commune = book.find_commune("Phú Hữu").expect("commune").id;
    let month = Month::of(book.today()).prev();
    (commune, month)
}

fn reports(c: &mut Criterion) {
    let mut g = c.benchmark_group("reports");
    g.measurement_time(Duration::from_secs(4)).sample_size(30);
    for size in sizes() {
        let book = book(size);
        let (commune, month) = subject(&book);
        let now = Utc::now();
        g.bench_with_input(BenchmarkId::new("monthly_summary", size), &size, |b, _| {
            b.iter(|| report::monthly_summary(&book, commune, month, now).expect("summary"))
        });
        g.bench_with_input(BenchmarkId::new("all_communes", size), &size, |b, _| {
            b.iter(|| report::monthly_overview(&book, month, now).expect("overview"))
        });
        g.bench_with_input(BenchmarkId::new("fund_book_month", size), &size, |b, _| {
            b.iter(|| {
                report::fund_book(
                    &book,
                    commune,
                    Program::Rice,
                    Asset::Cash,
                    Period::Month(month),
                    now,
                )
                .expect("fund book")
            })
        });
        g.bench_with_input(BenchmarkId::new("list_page", size), &size, |b, _| {
            let filter = ListFilter {
                commune: Some(commune),
                month: Some(month),
                search: Some("nguyen".into()),
                limit: 100,
                ..Default::default()
            };
            b.iter(|| book.list_movements(&filter).expect("list"))
        });
    }
    g.finish();
}

fn save_entry(c: &mut Criterion) {
    let mut g = c.benchmark_group("save_entry");
    g.measurement_time(Duration::from_secs(4)).sample_size(30);
    for size in sizes() {
        let mut book = book(size);
        let today = book.today().format("%d/%m/%Y").to_string();
        let cash = NewCash {
            commune: "Phú Hữu".into(),
            program: Program::Transport,
            direction: Direction::In,
            date: today,
            amount: "50.000".into(),
            party: "Nhà hảo tâm".into(),
            category: None,
            memo: "benchmark".into(),
        };
        // why: synchronous=FULL, as the window writes; this is the latency a clerk feels.
        g.bench_with_input(BenchmarkId::new("record_cash", size), &size, |b, _| {
            b.iter(|| book.record_cash(&cash).expect("save"))
        });
    }
    g.finish();
}

fn demo(c: &mut Criterion) {
    let mut g = c.benchmark_group("demo");
    let n = 200_000;
    g.throughput(Throughput::Elements(n))
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    g.bench_function(BenchmarkId::new("movements", n), |b| {
        b.iter_with_setup(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                let mut book = Book::create(&dir.path().join("d.db"), Source::Demo).expect("book");
                book.generate_demo(DemoOptions {
                    seed: 1,
                    movements: n,
                    years: 10,
                })
                .expect("demo");
                dir
            },
        )
    });
    g.finish();
}

/// A cash book of `rows` rows over one year in a sheet as an office keeps it (title, a header
/// over two rows, dates as Excel dates, amounts as numbers), made once in target/bench-books.
fn cash_book_sheet(rows: u32) -> PathBuf {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-books");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("so-quy-{rows}.xlsx"));
    if path.exists() {
        return path;
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 5, "SỔ QUỸ TIỀN MẶT", &bold)
        .expect("title");
    ws.merge_range(2, 0, 3, 0, "Ngày", &bold).expect("h");
    ws.merge_range(2, 1, 2, 2, "Số phiếu", &bold).expect("h");
    ws.write_string(3, 1, "Thu").expect("h");
    ws.write_string(3, 2, "Chi").expect("h");
    ws.merge_range(2, 3, 3, 3, "Diễn giải", &bold).expect("h");
    ws.merge_range(2, 4, 2, 5, "Số tiền", &bold).expect("h");
    ws.write_string(3, 4, "Thu").expect("h");
    ws.write_string(3, 5, "Chi").expect("h");
    let first = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    for i in 0..rows {
        let r = 4 + i;
        let day = first + chrono::Days::new(u64::from(i * 365 / rows));
        ws.write_datetime_with_format(r, 0, day, &date).expect("d");
        // Two receipts for each payment, so the fund never runs dry.
        if i % 3 == 2 {
            ws.write_string(r, 2, (i / 3 + 1).to_string()).expect("v");
            ws.write_string(r, 3, format!("Chi hỗ trợ hộ nghèo số {i}"))
                .expect("t");
            ws.write_number(r, 5, 150_000.0).expect("n");
        } else {
            ws.write_string(r, 1, (i * 2 / 3 + 1).to_string())
                .expect("v");
            ws.write_string(r, 3, format!("Thu ủng hộ của bà con, phiếu {i}"))
                .expect("t");
            ws.write_number(r, 4, 100_000.0).expect("n");
        }
    }
    wb.save(&path).expect("save");
    path
}

/// Peak resident memory of this process so far, in MiB (Linux), printed beside the figures.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn import(c: &mut Criterion) {
    use sotinhthuong::import::{read, Convert, ImportOptions, Kind};
    let rows = 50_000;
    let sheet = cash_book_sheet(rows);
    let mut g = c.benchmark_group("import");
    g.throughput(Throughput::Elements(u64::from(rows)))
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for dry_run in [true, false] {
        let name = if dry_run { "dry_run" } else { "import" };
        g.bench_function(BenchmarkId::new(name, rows), |b| {
            b.iter_with_setup(
                || {
                    let dir = tempfile::tempdir().expect("tempdir");
                    let mut book =
                        Book::create(&dir.path().join("so.db"), Source::Cli).expect("book");
                    book.add_commune(&sotinhthuong::NewCommune {
                        name: "Phú Hữu".into(),
                        ..Default::default()
                    })
                    .expect("commune");
                    (dir, book)
                },
                |(dir, mut book)| {
                    // The whole path a clerk waits for: read the file, then check or import.
                    let table = read::read(&sheet, None, None).expect("read");
                    let report = book
                        .import_table(
                            &table,
                            &ImportOptions {
                                kind: Kind::Cash,
                                commune: "Phú Hữu".into(),
                                program: Some(Program::Rice),
                                mapping: None,
                                convert: Convert::Ask,
                                good_rows_only: false,
                                dry_run,
                                source: "so-quy.xlsx".into(),
                            },
                        )
                        .expect("import");
                    assert_eq!(report.imported, rows as usize, "{:?}", report.rows.first());
                    (dir, book)
                },
            )
        });
    }
    g.finish();
    if let Some(mib) = peak_mib() {
        eprintln!("import: peak memory of the benchmark process {mib:.0} MiB (target ≤ 200 MB)");
    }
}

criterion_group!(benches, reports, save_entry, demo, import);
criterion_main!(benches);

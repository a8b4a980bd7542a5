//! Crash safety: a writer process records entries as fast as it can and reports each one the
//! moment it is committed; it is killed with SIGKILL at random moments, over and over (a power
//! cut is no gentler). Every few kills, and after the last, the book is reopened and must pass
//! `check` — SQLite integrity, no fund below zero, month totals equal to a recount, gapless
//! numbers, the audit chain — and hold every entry the writer reported as saved, voided ones void.

use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::{Book, NewCommune, Source};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many times the writer is killed.
const KILLS: usize = 120;
/// Every how many kills the book is reopened and checked in full.
const CHECK_EVERY: usize = 5;

/// A small deterministic generator, seeded from the clock unless `SAFETY_SEED` is set, so that a
/// failing run can be repeated.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn new_book(path: &Path) {
    let mut book = Book::create(path, Source::Test).expect("create");
    book.add_commune(&NewCommune {
        name: "Phú Hữu".into(),
        ..Default::default()
    })
    .expect("commune");
    book.add_household(
        "Phú Hữu",
        "Nguyễn Thị Hoa",
        None,
        Some(HouseholdStatus::Ngheo),
    )
    .expect("household");
}

/// What the writer reported before it died: (saved, voided).
fn reported(output: &str) -> (Vec<String>, Vec<String>) {
    let (mut saved, mut voided) = (Vec::new(), Vec::new());
    // why: only whole lines count; a line cut by the kill was never fully reported.
    let whole = output.rsplit_once('\n').map(|(w, _)| w).unwrap_or("");
    for line in whole.lines() {
        if let Some(v) = line.strip_prefix("saved ") {
            saved.push(v.to_string());
        } else if let Some(v) = line.strip_prefix("voided ") {
            voided.push(v.to_string());
        } else {
            assert!(
                line.starts_with("refused "),
                "the writer reported a fault: {line}"
            );
        }
    }
    (saved, voided)
}

/// Reopens the book and checks it against itself and against what the writers reported.
fn assert_sound(path: &Path, saved: &BTreeSet<String>, voided: &BTreeSet<String>, when: &str) {
    let book = Book::open(path, Source::Test).unwrap_or_else(|e| panic!("{when}: reopen: {e}"));
    let report = book
        .check()
        .unwrap_or_else(|e| panic!("{when}: check: {e}"));
    assert!(report.ok(), "{when}: {:?}", report.faults);
    for v in saved {
        let row = book
            .find_voucher(v, Some("Phú Hữu"))
            .unwrap_or_else(|e| panic!("{when}: {v} was reported saved but is missing: {e}"));
        if voided.contains(v) {
            assert!(row.void_reason.is_some(), "{when}: {v} was reported void");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_writer_killed_at_random_moments_never_loses_a_saved_entry_or_breaks_the_book() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("so.db");
    new_book(&path);
    let seed = std::env::var("SAFETY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
        | 1;
    eprintln!("crash test seed: {seed} (repeat with SAFETY_SEED={seed})");
    let mut dice = Dice(seed);
    let writer = env!("CARGO_BIN_EXE_sotinhthuong-writer");
    let (mut saved, mut voided) = (BTreeSet::new(), BTreeSet::new());
    let mut killed_mid_work = 0;
    for kill in 1..=KILLS {
        let mut child = Command::new(writer)
            .args(["--db", path.to_str().expect("utf-8")])
            .args(["--seed", &(seed ^ kill as u64).to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the writer");
        // Mostly short lives (opening and the first entries), sometimes longer ones.
        let life = if dice.roll(4) == 0 {
            40 + dice.roll(120)
        } else {
            dice.roll(40)
        };
        std::thread::sleep(Duration::from_millis(life));
        let still_running = child.try_wait().expect("wait").is_none();
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("reap");
        let mut output = String::new();
        if let Some(mut out) = child.stdout.take() {
            out.read_to_string(&mut output).expect("stdout");
        }
        let mut errors = String::new();
        if let Some(mut err) = child.stderr.take() {
            let _ = err.read_to_string(&mut errors);
        }
        assert!(
            still_running,
            "kill {kill}: the writer stopped by itself ({status}): {errors}{output}"
        );
        let (s, v) = reported(&output);
        if !s.is_empty() || !v.is_empty() {
            killed_mid_work += 1;
        }
        saved.extend(s);
        voided.extend(v);
        // why: damage or a lost entry would persist, so a full check every few kills (and at
        // the end) finds it; the next writer's open already recovers the log after each kill.
        if kill % CHECK_EVERY == 0 || kill == KILLS {
            assert_sound(&path, &saved, &voided, &format!("after kill {kill}"));
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "crash test: {KILLS} kills ({killed_mid_work} after entries were saved), {} entries and {} voids reported saved, all found; {:.1} s",
        saved.len(),
        voided.len(),
        elapsed.as_secs_f64()
    );
    assert!(
        saved.len() >= 2 * KILLS,
        "the writer did real work between kills: {} entries",
        saved.len()
    );
    assert!(
        killed_mid_work >= KILLS / 2,
        "{killed_mid_work} kills hit a working writer"
    );
}

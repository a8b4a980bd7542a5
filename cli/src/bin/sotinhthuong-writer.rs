//! `sotinhthuong-writer`: a test helper, not a tool for users. It writes entries into a book as
//! fast as it can and reports each one on stdout the moment the core has committed it, so that the
//! crash test (`cli/tests/safety_crash.rs`) can kill it at any instant and then prove that every
//! entry reported as saved is in the book, and the two-writer test can run two of it at once.
//!
//! Usage: `sotinhthuong-writer --db FILE [--seed N] [--count N] [--commune NAME]
//! [--household NAME]`. The commune and the household must exist. Output, one line each:
//! `saved VOUCHER` (a movement committed), `voided VOUCHER` (a void committed), `refused CODE`
//! (a rule refused the entry; nothing was written). Without `--count` it runs until killed.
//! Exit code 1 on a storage fault (anything but a refusal or a busy book).

use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::transport::NewTrip;
use sotinhthuong::{Book, Direction, Error, NewCash, Program, Source};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

struct Options {
    db: PathBuf,
    seed: u64,
    count: Option<u64>,
    commune: String,
    household: String,
}

fn options() -> Option<Options> {
    let mut o = Options {
        db: PathBuf::new(),
        seed: 1,
        count: None,
        commune: "Phú Hữu".into(),
        household: "Nguyễn Thị Hoa".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next()?;
        match flag.as_str() {
            "--db" => o.db = PathBuf::from(value),
            "--seed" => o.seed = value.parse().ok()?,
            "--count" => o.count = Some(value.parse().ok()?),
            "--commune" => o.commune = value,
            "--household" => o.household = value,
            _ => return None,
        }
    }
    (!o.db.as_os_str().is_empty()).then_some(o)
}

/// A small deterministic generator (xorshift), so a run can be repeated from its seed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn main() -> ExitCode {
    let Some(o) = options() else {
        eprintln!("usage: sotinhthuong-writer --db FILE [--seed N] [--count N] [--commune NAME] [--household NAME]");
        return ExitCode::from(2);
    };
    let mut book = match Book::open(&o.db, Source::Test) {
        Ok(b) => b.with_actor("crash-writer"),
        Err(e) => {
            eprintln!("open: [{}] {e}", e.code());
            return ExitCode::from(1);
        }
    };
    let mut dice = Dice(o.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut saved: Vec<String> = Vec::new();
    let mut done = 0u64;
    let out = std::io::stdout();
    while o.count.is_none_or(|n| done < n) {
        let result = step(&mut book, &o, &mut dice, &saved);
        let mut lines = out.lock();
        let written = match result {
            Ok(Step::Saved(vouchers)) => {
                done += 1;
                vouchers
                    .iter()
                    .try_for_each(|v| writeln!(lines, "saved {v}"))
                    .map(|_| saved.extend(vouchers))
            }
            Ok(Step::Voided(v)) => {
                done += 1;
                writeln!(lines, "voided {v}")
            }
            Err(Error::Busy) => writeln!(lines, "refused busy"),
            Err(e) if e.is_refusal() => writeln!(lines, "refused {}", e.code()),
            Err(e) => {
                let _ = writeln!(lines, "fault [{}] {e}", e.code());
                return ExitCode::from(1);
            }
        };
        // why: the line must leave the process before the next entry starts, or a kill could
        // lose the report of an entry that was saved.
        if written.and_then(|_| lines.flush()).is_err() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

enum Step {
    Saved(Vec<String>),
    Voided(String),
}

fn step(book: &mut Book, o: &Options, dice: &mut Dice, saved: &[String]) -> Result<Step, Error> {
    let day = 1 + dice.roll(365);
    let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
        .map(|d| d + chrono::Days::new(day - 1))
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| "01/01/2025".into());
    let commune = o.commune.clone();
    let one = |v: sotinhthuong::Voucher| Step::Saved(vec![v.to_string()]);
    match dice.roll(10) {
        0..=2 => book
            .record_rice_in(&NewCollection {
                commune,
                date,
                kg: format!("{},{}", 20 + dice.roll(80), dice.roll(10)),
                households: Some((1 + dice.roll(60)).to_string()),
                memo: format!("đợt thu #{}", dice.roll(1000)),
                ..Default::default()
            })
            .map(one),
        3 | 4 => book
            .record_rice_out(&NewHandout {
                commune,
                date: "31/12/2025".into(),
                kg: (1 + dice.roll(10)).to_string(),
                household: o.household.clone(),
                memo: String::new(),
            })
            .map(one),
        5 | 6 => book
            .record_cash(&NewCash {
                commune,
                program: Program::ALL[dice.roll(3) as usize],
                direction: Direction::In,
                date,
                amount: format!("{}.000", 50 + dice.roll(5000)),
                party: format!("Nhà hảo tâm {}", dice.roll(20)),
                category: None,
                memo: String::new(),
            })
            .map(one),
        7 => book
            .record_trip(&NewTrip {
                commune,
                date: "31/12/2025".into(),
                patient: format!("Bệnh nhân {}", dice.roll(50)),
                to: "Trung tâm Y tế An Phú".into(),
                km: Some(format!("{}", 5 + dice.roll(40))),
                fuel_cost: Some(format!("{}.000", 10 + dice.roll(90))),
                ..Default::default()
            })
            .map(|t| Step::Saved(t.vouchers)),
        8 => book
            .record_cash(&NewCash {
                commune,
                program: Program::Rice,
                direction: Direction::Out,
                date: "31/12/2025".into(),
                amount: format!("{}.000", 1 + dice.roll(50)),
                party: o.household.clone(),
                category: None,
                memo: String::new(),
            })
            .map(one),
        _ => match saved.get(dice.roll(saved.len() as u64) as usize) {
            Some(v) => book
                .void_entry(v, "ghi nhầm", Some(&o.commune))
                .map(|_| Step::Voided(v.clone())),
            None => Err(Error::UnknownVoucher {
                voucher: String::new(),
            }),
        },
    }
}

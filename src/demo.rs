//! `demo`: a realistic generated book, for trying the app, screenshots and benchmarks.
//!
//! On an empty book it lays out An Phú's 14 units (unless communes were already entered), hamlets,
//! households, donors, drivers, vehicles and destinations, then ten years of the three models,
//! month by month, with the sizes of REFERENCE.md: rice collected on ngày rằm, 700–900 kg per
//! hamlet round; handouts of about 10 kg and 50.000 đ per household; trips whose fuel follows the
//! distance; bridge and road repairs of 5–7 million đ with volunteer workdays.
//!
//! Every generated book obeys the ledger's rules (no fund below zero on any day, gapless numbers,
//! month totals, an audit chain covering every row), so `check` passes on it. For speed it writes
//! rows in bulk inside large transactions, one audit entry per commune and month covering that
//! month's rows, with synchronous writes relaxed while it runs (it only ever runs on a new book).
//! The same seed gives the same book.

use crate::audit::{self, Change};
use crate::book::Book;
use crate::date::Month;
use crate::error::{Error, Result};
use crate::ledger::{Asset, Category, Direction, Program};
use crate::lunar;
use crate::people::HouseholdStatus;
use crate::place::{CommuneId, Preset};
use crate::settings::Office;
use crate::text;
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::params;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// Seed of the generator; the same seed gives the same book.
    pub seed: u64,
    /// About how many movements (the generator stops at this count exactly).
    pub movements: u64,
    /// How many years of history, ending with last month.
    pub years: u32,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            seed: 1,
            movements: 100_000,
            years: 10,
        }
    }
}

/// What was generated, and how fast.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoSummary {
    pub communes: usize,
    pub months: usize,
    pub movements: u64,
    pub trips: u64,
    pub projects: u64,
    pub seconds: f64,
}

const HAMLET_NAMES: &[&str] = &[
    "Phú Hiệp",
    "Phú Thạnh",
    "Bình Di",
    "Búng Lớn",
    "Long Hòa",
    "Quốc Hưng",
    "Hà Bao",
    "Vĩnh Thạnh",
    "Phước Khánh",
    "Phú Lợi",
    "Bắc Đai",
    "Rạch Chanh",
    "Châu Giang",
    "Tây Sơn",
    "Phú Hưng",
    "Khánh Hòa",
];
const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lâm", "Châu", "Sa", "Mohamad",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Hữu", "Thanh", "Minh", "Ngọc", "Kim", "Đức"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cúc", "Dũng", "Hoa", "Hùng", "Lan", "Lộc", "Mai", "Nam", "Phúc", "Sương", "Tâm",
    "Thảo", "Tú", "Út", "Vân", "Xuân", "Y", "Ly",
];
const ORGANISATIONS: &[&str] = &[
    "Công ty TNHH Lương thực Phú Hữu",
    "Chùa Phước Hưng",
    "Hội Phụ nữ xã",
    "Ban đại diện Phật giáo Hòa Hảo",
    "Hội Chữ thập đỏ huyện",
    "Nhóm thiện nguyện Tấm Lòng Vàng",
];
/// Usual destinations and their distances in metres (REFERENCE.md, editable defaults).
const DESTINATIONS: &[(&str, i64)] = &[
    ("Trung tâm Y tế An Phú", 6_000),
    ("Bệnh viện Đa khoa khu vực tỉnh An Giang (Châu Đốc)", 18_000),
    ("Bệnh viện Đa khoa Trung tâm An Giang (Long Xuyên)", 72_000),
    ("Bệnh viện Đa khoa Trung ương Cần Thơ", 130_000),
    ("Bệnh viện Chợ Rẫy (TP.HCM)", 240_000),
];
const MATERIALS: &[&str] = &[
    "20 bao xi măng",
    "2 m³ cát",
    "1,5 m³ đá 1x2",
    "50 kg sắt phi 10",
    "12 tấm đan bê tông",
    "ván gỗ, đinh",
];

fn person(rng: &mut StdRng) -> String {
    format!(
        "{} {} {}",
        FAMILY[rng.random_range(0..FAMILY.len())],
        MIDDLE[rng.random_range(0..MIDDLE.len())],
        GIVEN[rng.random_range(0..GIVEN.len())]
    )
}

/// Per fund and month: in, out, lowest end-of-day running point, entries.
type FundMonth = (i64, &'static str, &'static str, Month);

/// The generator's side of the demo: it plans each commune-month and turns it into rows (with
/// their ids, numbers, digests and audit entries), which it hands to the writer as [`Op`]s.
struct Planner {
    rng: StdRng,
    counters: HashMap<(i64, &'static str, i32), i64>,
    totals: HashMap<FundMonth, [i64; 4]>,
    /// Running balance per fund (commune, program, asset).
    balances: HashMap<(i64, Program, Asset), i64>,
    written: u64,
    created_at: String,
    /// The digest of the rows written for the current audit entry, built as they are written
    /// (the same canonical text `audit::MOVEMENT_CANON` gives; `check` recomputes it from the file).
    digest: audit::RowsDigest,
    /// Scratch space for one row's canonical text.
    canon: String,
    /// The ids the next movement, trip and project get.
    next_id: i64,
    next_trip: i64,
    next_project: i64,
    ram_days: HashMap<Month, (NaiveDate, u32)>,
    /// What the writer is to do, in order.
    ops: Vec<Op>,
}

/// One row for the writer to insert, or the end of a transaction.
enum Op {
    Movement(Pending),
    Trip(Vec<rusqlite::types::Value>),
    Project(Vec<rusqlite::types::Value>),
    Worklog(Vec<rusqlite::types::Value>),
    Audit(Vec<rusqlite::types::Value>),
    /// The end of a year: number counters and month totals, then commit.
    EndChunk {
        counters: Vec<((i64, &'static str, i32), i64)>,
        totals: Vec<(FundMonth, [i64; 4])>,
    },
}

/// The writer's side: the open transaction, the batch statement and the rows waiting for it.
struct Sink<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    /// The INSERT of a full batch, prepared once per transaction.
    batch: rusqlite::Statement<'a>,
    pending: Vec<Pending>,
    created_at: String,
}

/// One generated movement before it is written.
struct Gen {
    day: NaiveDate,
    program: Program,
    asset: Asset,
    category: Category,
    amount: i64,
    party: Option<i64>,
    household: Option<i64>,
    hamlet: Option<i64>,
    households: Option<i64>,
    trip: Option<i64>,
    project: Option<i64>,
    memo: String,
}

/// A movement waiting for the next multi-row INSERT.
struct Pending {
    id: i64,
    uuid: String,
    commune: i64,
    date: String,
    number: i64,
    seq: i64,
    kind: &'static str,
    g: Gen,
}

/// Rows per INSERT statement (21 parameters each; SQLite allows 32766).
const BATCH: usize = 64;

/// `INSERT INTO movements … VALUES (…), (…)` with `rows` rows of parameters.
fn insert_sql(rows: usize) -> String {
    let one = format!("({})", vec!["?"; 21].join(", "));
    format!(
        "INSERT INTO movements (id, uuid, commune_id, program, asset, direction, date, amount,
             category, party_id, household_id, hamlet_id, trip_id, project_id, households, memo,
             voucher_kind, voucher_year, voucher_seq, audit_seq, created_at)
         VALUES {}",
        vec![one; rows].join(", ")
    )
}

/// Binds the parameters of `rows` rows to an INSERT from [`insert_sql`].
// why: the batch statement is kept for the whole transaction rather than taken from the cache
// for each batch: a cached statement clears its bindings when handed back, which frees and
// re-allocates the buffers of its 1 344 parameters (a sixth of `demo`'s time).
fn bind_rows(stmt: &mut rusqlite::Statement<'_>, rows: &[Pending], created_at: &str) -> Result<()> {
    let mut i = 1;
    for p in rows {
        let g = &p.g;
        let values: [&dyn rusqlite::ToSql; 21] = [
            &p.id,
            &p.uuid,
            &p.commune,
            &g.program.code(),
            &g.asset.code(),
            &g.category.direction().code(),
            &p.date,
            &g.amount,
            &g.category.code(),
            &g.party,
            &g.household,
            &g.hamlet,
            &g.trip,
            &g.project,
            &g.households,
            &g.memo,
            &p.kind,
            &g.day.year(),
            &p.number,
            &p.seq,
            &created_at,
        ];
        for v in values {
            stmt.raw_bind_parameter(i, v)?;
            i += 1;
        }
    }
    Ok(())
}

impl Sink<'_> {
    /// Inserts one movement, in batches.
    fn movement(&mut self, p: Pending) -> Result<()> {
        self.pending.push(p);
        if self.pending.len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the pending rows: a full batch in one statement, a shorter tail row by row.
    fn flush(&mut self) -> Result<()> {
        if self.pending.len() == BATCH {
            bind_rows(&mut self.batch, &self.pending, &self.created_at)?;
            self.batch.raw_execute()?;
        } else {
            let mut single = self.tx.prepare_cached(&insert_sql(1))?;
            for p in &self.pending {
                bind_rows(&mut single, std::slice::from_ref(p), &self.created_at)?;
                single.raw_execute()?;
            }
        }
        self.pending.clear();
        Ok(())
    }

    /// Carries out one op; returns whether it ended the transaction's work.
    fn apply(&mut self, op: Op) -> Result<bool> {
        let insert = |sql: &str, values: Vec<rusqlite::types::Value>| -> Result<()> {
            self.tx
                .prepare_cached(sql)?
                .execute(rusqlite::params_from_iter(values))?;
            Ok(())
        };
        match op {
            Op::Movement(p) => self.movement(p)?,
            Op::Trip(v) => insert(
                "INSERT INTO trips (id, uuid, commune_id, number, date, patient, from_hamlet_id,
                     destination_id, distance, driver_id, vehicle_id, purpose, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                v,
            )?,
            Op::Project(v) => insert(
                "INSERT INTO repair_projects (id, uuid, commune_id, code, name, name_fold, kind,
                     hamlet_id, size, status, start_date, end_date, estimate, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                v,
            )?,
            Op::Worklog(v) => insert(
                "INSERT INTO repair_worklog (uuid, project_id, date, volunteers, workdays, materials,
                     note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7)",
                v,
            )?,
            Op::Audit(v) => insert(
                "INSERT INTO audit_log (seq, at, actor, source, action, entity, entity_id, before,
                     after, rows_digest, prev_hash, hash)
                 VALUES (?1, ?2, 'demo', 'demo', 'demo_month', 'commune', ?3, NULL, ?4, ?5, ?6, ?7)",
                v,
            )?,
            Op::EndChunk { counters, totals } => {
                // The last rows of the year, then its counters and month totals, in the same
                // transaction as its rows.
                self.flush()?;
                for ((commune, kind, year), last) in counters {
                    self.tx
                        .prepare_cached(
                            "INSERT INTO number_counters (commune_id, kind, year, last)
                             VALUES (?1, ?2, ?3, ?4)
                             ON CONFLICT (commune_id, kind, year) DO UPDATE SET last = excluded.last",
                        )?
                        .execute(params![commune, kind, year, last])?;
                }
                for ((commune, program, asset, month), t) in totals {
                    self.tx
                        .prepare_cached(
                            "INSERT INTO month_totals (commune_id, program, asset, month, total_in,
                                 total_out, low, entries)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        )?
                        .execute(params![
                            commune,
                            program,
                            asset,
                            month.to_string(),
                            t[0],
                            t[1],
                            t[2],
                            t[3]
                        ])?;
                }
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl Planner {
    fn next_number(&mut self, commune: i64, kind: &'static str, year: i32) -> i64 {
        let n = self.counters.entry((commune, kind, year)).or_insert(0);
        *n += 1;
        *n
    }

    fn uuid(&mut self, day: NaiveDate) -> String {
        let millis = Utc
            .from_utc_datetime(&day.and_hms_opt(8, 0, 0).unwrap_or_default())
            .timestamp_millis()
            .max(0) as u64;
        let mut bytes = [0u8; 10];
        self.rng.fill(&mut bytes);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes)
            .into_uuid()
            .to_string()
    }

    /// Writes one movement, if the fund can bear it; returns whether it was written.
    fn write(&mut self, commune: i64, seq: i64, g: Gen) -> bool {
        let direction = g.category.direction();
        let fund = (commune, g.program, g.asset);
        let balance = self.balances.entry(fund).or_insert(0);
        if direction == Direction::Out && *balance < g.amount {
            return false;
        }
        *balance += if direction == Direction::In {
            g.amount
        } else {
            -g.amount
        };
        let kind = match (g.asset, direction) {
            (Asset::Cash, Direction::In) => "PT",
            (Asset::Cash, Direction::Out) => "PC",
            (Asset::Rice, Direction::In) => "PN",
            (Asset::Rice, Direction::Out) => "PX",
        };
        let number = self.next_number(commune, kind, g.day.year());
        let uuid = self.uuid(g.day);
        let date = format!(
            "{:04}-{:02}-{:02}",
            g.day.year(),
            g.day.month(),
            g.day.day()
        );
        let id = self.next_id;
        self.next_id += 1;
        {
            use std::fmt::Write as _;
            let canon = &mut self.canon;
            canon.clear();
            let opt = |canon: &mut String, v: Option<i64>| match v {
                Some(v) => write!(canon, "\u{1f}{v}"),
                None => write!(canon, "\u{1f}∅"),
            };
            // The text `audit::MOVEMENT_CANON` gives for this row (columns joined by U+001F).
            let _ = write!(
                canon,
                "{id}\u{1f}{uuid}\u{1f}{commune}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{date}\u{1f}{}\u{1f}{}",
                g.program.code(),
                g.asset.code(),
                direction.code(),
                g.amount,
                g.category.code()
            );
            for v in [
                g.party,
                g.household,
                g.hamlet,
                g.trip,
                g.project,
                g.households,
            ] {
                let _ = opt(canon, v);
            }
            let _ = write!(
                canon,
                "\u{1f}{}\u{1f}{kind}\u{1f}{}\u{1f}{number}\u{1f}{seq}\u{1f}{}",
                g.memo,
                g.day.year(),
                self.created_at
            );
            self.digest.add(canon);
        }
        let t = self
            .totals
            .entry((commune, g.program.code(), g.asset.code(), Month::of(g.day)))
            .or_insert([0, 0, 0, 0]);
        if direction == Direction::In {
            t[0] += g.amount;
        } else {
            t[1] += g.amount;
        }
        // why: movements of a month are written in date order, so the running net within the
        // month after this row is in - out so far; its minimum over rows that end a day is `low`.
        // Taking it after every row is at most as low as end-of-day values and never above
        // them when a day's inflows come first, which is how the generator orders each day.
        t[2] = t[2].min(t[0] - t[1]);
        t[3] += 1;
        self.written += 1;
        self.ops.push(Op::Movement(Pending {
            id,
            uuid,
            commune,
            date,
            number,
            seq,
            kind,
            g,
        }));
        true
    }
}

impl Book {
    /// Generates a demo book; see the module docs. Refuses a book that already has movements.
    pub fn generate_demo(&mut self, options: DemoOptions) -> Result<DemoSummary> {
        let started = Instant::now();
        let existing: i64 = self
            .conn
            .query_row("SELECT count(*) FROM movements", [], |r| r.get(0))?;
        if existing > 0 {
            return Err(Error::BookNotEmpty {
                what: format!("{existing} phiếu"),
            });
        }
        // why: a demo is written only on a new book; if it is interrupted the file is thrown away,
        // so the per-commit fsync is relaxed while it runs and restored at the end.
        // Rows go straight to the file (no journal) through a large page cache; the book is
        // put back in WAL mode with full syncs before it is handed back.
        // Foreign keys are not enforced row by row while it runs (a sixth of its time: every row
        // looked up its commune, hamlet, household, donor, trip and project); instead the whole
        // book's references are checked once at the end, and a fault fails the demo.
        let journal: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA journal_mode = OFF;
             PRAGMA foreign_keys = OFF;",
        )?;
        let result = self.generate_demo_inner(options, started);
        self.conn.execute_batch(&format!(
            "PRAGMA journal_mode = {journal}; PRAGMA cache_size = -2000; PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;"
        ))?;
        result
    }

    fn generate_demo_inner(
        &mut self,
        options: DemoOptions,
        started: Instant,
    ) -> Result<DemoSummary> {
        let mut rng = StdRng::seed_from_u64(options.seed);
        if self.list_communes(true)?.is_empty() {
            self.apply_preset(Preset::AnPhu2024)?;
        }
        let communes: Vec<(CommuneId, String)> = self
            .list_communes(true)?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        if self.office()?.issuing_body.is_empty() {
            self.set_office(&Office {
                parent_body: "UBND HUYỆN AN PHÚ".into(),
                issuing_body: "ỦY BAN NHÂN DÂN XÃ PHÚ HỮU".into(),
                organisation: "Ban công tác Mặt trận xã Phú Hữu".into(),
                place: "Phú Hữu".into(),
                preparer: "Nguyễn Thị Hoa".into(),
                accountant: "Trần Văn Lộc".into(),
                cashier: "Lê Thị Mai".into(),
                chairman: "Huỳnh Văn Phúc".into(),
            })?;
        }
        let this_year = self.today().year();
        // Directory: hamlets, households, destinations, drivers, vehicles, donors.
        let mut hamlets: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut households: HashMap<i64, Vec<(i64, Option<i64>)>> = HashMap::new();
        for (cid, name) in &communes {
            let count = rng.random_range(5..=8);
            let start = rng.random_range(0..HAMLET_NAMES.len());
            for i in 0..count {
                let h = format!("Ấp {}", HAMLET_NAMES[(start + i) % HAMLET_NAMES.len()]);
                let hamlet = self.add_hamlet(name, &h)?;
                hamlets.entry(cid.0).or_default().push(hamlet.id.0);
            }
        }
        let mut destinations = Vec::new();
        let mut drivers = Vec::new();
        let mut vehicles = Vec::new();
        let mut donors = Vec::new();
        let now = self.now();
        let created_at = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let comm_hamlets = hamlets.clone();
        let communes_for_tx = communes.clone();
        let (household_total, anonymous) = self.write(|tx| {
            let seq = audit::next_seq(tx)?;
            let mut n = 0;
            for (cid, _) in &communes_for_tx {
                let hs = &comm_hamlets[&cid.0];
                let mut taken = HashSet::new();
                for _ in 0..rng.random_range(60..=120) {
                    let mut name = person(&mut rng);
                    let hamlet = hs[rng.random_range(0..hs.len())];
                    // why: a hamlet's twins are refused in the window; the village tells them
                    // apart by what it calls them. No draw is added, so the demo stays the same.
                    let (base, given) = (name.clone(), name.rsplit(' ').next().unwrap_or_default().to_string());
                    let mut k = 0;
                    while !taken.insert((hamlet, name.clone())) {
                        let nick = ["Lớn", "Nhỏ", "Út"].get(k).map_or_else(|| (k + 1).to_string(), |n| n.to_string());
                        name = format!("{base} ({given} {nick})");
                        k += 1;
                    }
                    tx.prepare_cached(
                        "INSERT INTO households (uuid, commune_id, hamlet_id, name, name_fold, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![uuid::Uuid::now_v7().to_string(), cid.0, hamlet, name, text::fold(&name), created_at])?;
                    let id = tx.last_insert_rowid();
                    let status = [HouseholdStatus::Ngheo, HouseholdStatus::CanNgheo, HouseholdStatus::KhoKhan]
                        [rng.random_range(0..3)];
                    for year in (this_year - options.years as i32)..=this_year {
                        tx.prepare_cached(
                            "INSERT INTO household_status (household_id, year, status) VALUES (?1, ?2, ?3)",
                        )?
                        .execute(params![id, year, status.code()])?;
                    }
                    households.entry(cid.0).or_default().push((id, Some(hamlet)));
                    n += 1;
                }
            }
            for (name, metres) in DESTINATIONS {
                tx.execute(
                    "INSERT INTO destinations (uuid, name, name_fold, default_distance, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![uuid::Uuid::now_v7().to_string(), name, text::fold(name), metres, created_at],
                )?;
                destinations.push((tx.last_insert_rowid(), *metres));
            }
            for i in 0..6 {
                let name = person(&mut rng);
                tx.execute(
                    "INSERT INTO drivers (uuid, name, name_fold, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![uuid::Uuid::now_v7().to_string(), name, text::fold(&name), created_at],
                )?;
                drivers.push(tx.last_insert_rowid());
                if i < 3 {
                    let name = format!("Xe cứu thương số {}", i + 1);
                    tx.execute(
                        "INSERT INTO vehicles (uuid, name, name_fold, plate, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![uuid::Uuid::now_v7().to_string(), name, text::fold(&name), format!("67A-{:03}.{:02}", 100 + i, 10 + i), created_at],
                    )?;
                    vehicles.push(tx.last_insert_rowid());
                }
            }
            tx.execute(
                "INSERT INTO parties (uuid, kind, name, name_fold, created_at) VALUES (?1, 'anonymous', ?2, ?3, ?4)",
                params![uuid::Uuid::now_v7().to_string(), crate::people::ANONYMOUS, text::fold(crate::people::ANONYMOUS), created_at],
            )?;
            let anonymous = tx.last_insert_rowid();
            for org in ORGANISATIONS {
                tx.execute(
                    "INSERT INTO parties (uuid, kind, name, name_fold, created_at) VALUES (?1, 'organisation', ?2, ?3, ?4)",
                    params![uuid::Uuid::now_v7().to_string(), org, text::fold(org), created_at],
                )?;
                donors.push(tx.last_insert_rowid());
            }
            for _ in 0..40 {
                let name = person(&mut rng);
                tx.execute(
                    "INSERT INTO parties (uuid, kind, name, name_fold, created_at) VALUES (?1, 'person', ?2, ?3, ?4)",
                    params![uuid::Uuid::now_v7().to_string(), name, text::fold(&name), created_at],
                )?;
                donors.push(tx.last_insert_rowid());
            }
            audit::append(
                tx,
                seq,
                Change {
                    action: "demo_directory",
                    entity: "book",
                    entity_id: "demo",
                    before: None,
                    after: Some(json!({"households": n, "destinations": DESTINATIONS.len(),
                        "drivers": drivers.len(), "vehicles": vehicles.len(), "donors": donors.len()})),
                },
            )?;
            Ok((n, anonymous))
        })?;
        let _ = household_total;

        // The months: `years` years ending with last month.
        let last = Month::of(self.today()).prev();
        let mut months = Vec::new();
        let mut m = last;
        for _ in 0..(options.years * 12) {
            months.push(m);
            m = m.prev();
        }
        months.reverse();
        let slots = (communes.len() * months.len()).max(1) as u64;
        let (communes_count, months_count) = (communes.len(), months.len());
        // why: planning (names, numbers, ids, canonical texts and their digests, the audit
        // chain) runs on its own thread and hands each commune-month's rows to this one, which
        // only inserts them: the two halves of the work overlap on two cores.
        let next = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let mut planner = Planner {
            rng,
            counters: HashMap::new(),
            totals: HashMap::new(),
            balances: HashMap::new(),
            written: 0,
            created_at: created_at.clone(),
            digest: audit::RowsDigest::default(),
            canon: String::new(),
            next_id: next("SELECT ifnull(max(id), 0) + 1 FROM movements")?,
            next_trip: next("SELECT ifnull(max(id), 0) + 1 FROM trips")?,
            next_project: next("SELECT ifnull(max(id), 0) + 1 FROM repair_projects")?,
            ram_days: HashMap::new(),
            ops: Vec::new(),
        };
        let mut seq: i64 = audit::next_seq(&self.conn)?;
        let mut prev_hash: String = self.conn.query_row(
            "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )?;
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Op>>(256);
        let directory = (
            &hamlets,
            &households,
            &destinations,
            &drivers,
            &vehicles,
            &donors,
        );
        let (trips, projects, written) = std::thread::scope(|scope| -> Result<(u64, u64, u64)> {
            let plan = scope.spawn(move || {
                let (hamlets, households, destinations, drivers, vehicles, donors) = directory;
                let w = &mut planner;
                let mut trips = 0u64;
                let mut projects = 0u64;
                let mut slot = 0u64;
                // One transaction per year of months.
                for chunk in months.chunks(12) {
                    for month in chunk {
                        for (cid, cname) in &communes {
                            slot += 1;
                            // The quota of this commune-month, spreading the target evenly.
                            let quota = (options.movements * slot / slots)
                                - (options.movements * (slot - 1) / slots);
                            let before = w.written;
                            let plan = plan_month(
                                w,
                                cid.0,
                                *month,
                                quota,
                                &hamlets[&cid.0],
                                &households[&cid.0],
                                destinations,
                                drivers,
                                vehicles,
                                donors,
                                anonymous,
                                &mut trips,
                                &mut projects,
                            );
                            for g in plan {
                                if w.written - before >= quota {
                                    break;
                                }
                                w.write(cid.0, seq, g);
                            }
                            if w.written > before {
                                // One audit entry for the commune-month, covering its rows.
                                let digest = std::mem::take(&mut w.digest).finish();
                                let after = json!({"commune": cname, "month": month,
                                    "movements": w.written - before})
                                .to_string();
                                let hash = audit::entry_hash(
                                    &prev_hash,
                                    seq,
                                    &w.created_at,
                                    "demo",
                                    "demo",
                                    "demo_month",
                                    "commune",
                                    &cid.0.to_string(),
                                    None,
                                    Some(&after),
                                    digest.as_deref(),
                                    None,
                                );
                                use rusqlite::types::Value;
                                w.ops.push(Op::Audit(vec![
                                    Value::Integer(seq),
                                    Value::Text(w.created_at.clone()),
                                    Value::Text(cid.0.to_string()),
                                    Value::Text(after),
                                    digest.map_or(Value::Null, Value::Text),
                                    Value::Text(prev_hash.clone()),
                                    Value::Text(hash.clone()),
                                ]));
                                prev_hash = hash;
                                seq += 1;
                            }
                            if send.send(std::mem::take(&mut w.ops)).is_err() {
                                return (trips, projects, w.written); // the writer stopped
                            }
                        }
                    }
                    let end = Op::EndChunk {
                        counters: w.counters.iter().map(|(k, v)| (*k, *v)).collect(),
                        totals: w.totals.drain().collect(),
                    };
                    if send.send(vec![end]).is_err() {
                        break;
                    }
                }
                (trips, projects, w.written)
            });
            // This thread writes: one transaction per year, ended by the planner's EndChunk.
            // (The receiver lives in this closure: if a write fails, it is dropped on the way
            // out and the planner, finding no one to send to, stops.)
            let receive = receive;
            let mut open = true;
            while open {
                let tx = self.conn.transaction()?;
                let mut sink = Sink {
                    tx: &tx,
                    batch: tx.prepare(&insert_sql(BATCH))?,
                    pending: Vec::with_capacity(BATCH),
                    created_at: created_at.clone(),
                };
                let mut ended = false;
                while !ended {
                    let Ok(ops) = receive.recv() else {
                        open = false;
                        break;
                    };
                    for op in ops {
                        ended |= sink.apply(op)?;
                    }
                }
                sink.flush()?;
                drop(sink);
                tx.commit()?;
            }
            plan.join()
                .map_err(|_| Error::Storage("demo: the planning thread failed".into()))
        })?;
        let broken: i64 =
            self.conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
        if broken > 0 {
            return Err(Error::Storage(format!(
                "demo wrote {broken} rows whose references do not exist"
            )));
        }
        // why: the demo wrote its directory, trips and projects in bulk, without tracking each
        // row for the chain's state digest; one entry counts those tables and vouches for them.
        self.write(|tx| {
            audit::record_baseline(
                tx,
                Change {
                    action: "demo_done",
                    entity: "book",
                    entity_id: "demo",
                    before: None,
                    after: Some(
                        json!({"movements": written, "trips": trips, "projects": projects}),
                    ),
                },
            )
        })?;
        let seconds = started.elapsed().as_secs_f64();
        Ok(DemoSummary {
            communes: communes_count,
            months: months_count,
            movements: written,
            trips,
            projects,
            seconds,
        })
    }
}

/// The day of a month that is rằm (15th of a lunar month), or the 15th if none falls in it.
fn ram_day(month: Month) -> (NaiveDate, u32) {
    let mut d = month.first_day();
    while d <= month.last_day() {
        if let Some(l) = lunar::solar_to_lunar(d).filter(|l| l.day == 15) {
            return (d, l.month as u32);
        }
        d = d.succ_opt().unwrap_or(d);
    }
    let d = NaiveDate::from_ymd_opt(month.year(), month.number(), 15).unwrap_or(month.first_day());
    (d, lunar::solar_to_lunar(d).map_or(0, |l| l.month as u32))
}

/// Plans a commune-month of activity in date order (inflows of a day before its outflows). Trips
/// and projects are written here (they are records, not movements); movements are returned.
#[allow(clippy::too_many_arguments)]
fn plan_month(
    w: &mut Planner,
    commune: i64,
    month: Month,
    quota: u64,
    hamlets: &[i64],
    households: &[(i64, Option<i64>)],
    destinations: &[(i64, i64)],
    drivers: &[i64],
    vehicles: &[i64],
    donors: &[i64],
    anonymous: i64,
    trips: &mut u64,
    projects: &mut u64,
) -> Vec<Gen> {
    use rusqlite::types::Value;
    let text = |s: String| Value::Text(s);
    let int = |n: i64| Value::Integer(n);
    let ymd = |d: NaiveDate| Value::Text(d.format("%Y-%m-%d").to_string());
    let mut plan: Vec<Gen> = Vec::new();
    let days = month.last_day().day();
    let day = |d: u32| {
        NaiveDate::from_ymd_opt(month.year(), month.number(), d.clamp(1, days))
            .unwrap_or(month.first_day())
    };
    // The rằm of the month and its lunar month, the same for every commune.
    let (ram, ram_lunar_month) = *w.ram_days.entry(month).or_insert_with(|| ram_day(month));
    let base = |program, asset, category, amount, d: NaiveDate| Gen {
        day: d,
        program,
        asset,
        category,
        amount,
        party: None,
        household: None,
        hamlet: None,
        households: None,
        trip: None,
        project: None,
        memo: String::new(),
    };
    // What the month's handouts will need, so rounds and gifts match them as in real books
    // (a hamlet group collects 700–900 kg when it feeds about eighty households).
    let handouts = quota.saturating_sub(hamlets.len() as u64 + 12) as i64;
    let rice_need = handouts * 4 / 5 * 10_000;
    let cash_need = handouts / 5 * 50_000;
    // Rice rounds on rằm, one per hamlet; cash gifts to the rice and transport funds early on.
    for &h in hamlets {
        let share = rice_need / hamlets.len().max(1) as i64;
        let kg = if share > 0 {
            share * w.rng.random_range(100..=112) / 100 / 1_000 * 1_000
        } else {
            w.rng.random_range(700_000..=900_000)
        };
        let mut g = base(
            Program::Rice,
            Asset::Rice,
            Category::Collection,
            kg.max(5_000),
            ram,
        );
        g.hamlet = Some(h);
        g.households = Some(w.rng.random_range(60..=140));
        g.memo = format!("Thu gạo ngày rằm tháng {ram_lunar_month}");
        plan.push(g);
    }
    let donor = |w: &mut Planner| {
        if w.rng.random_bool(0.3) {
            anonymous
        } else {
            donors[w.rng.random_range(0..donors.len())]
        }
    };
    let mut gift = base(
        Program::Rice,
        Asset::Cash,
        Category::Donation,
        (cash_need * w.rng.random_range(100..=115) / 100 / 100_000 + 1) * 100_000,
        day(w.rng.random_range(1..=10)),
    );
    gift.party = Some(donor(w));
    gift.memo = "Ủng hộ quỹ Nắm gạo tình thương".into();
    plan.push(gift);
    let mut gift = base(
        Program::Transport,
        Asset::Cash,
        Category::Donation,
        w.rng.random_range(15..=40) * 100_000,
        day(w.rng.random_range(1..=5)),
    );
    gift.party = Some(donor(w));
    gift.memo = "Ủng hộ xe chuyển bệnh".into();
    plan.push(gift);

    // Trips: about four a month, each with fuel by distance.
    let trip_count = if quota > 40 {
        w.rng.random_range(3..=6)
    } else {
        1
    };
    for _ in 0..trip_count {
        let d = day(w.rng.random_range(1..=days));
        let (dest, metres) = destinations[w.rng.random_range(0..destinations.len())];
        let number = w.next_number(commune, "CX", d.year());
        let uuid = w.uuid(d);
        let patient = person(&mut w.rng);
        let from = hamlets[w.rng.random_range(0..hamlets.len())];
        let trip = w.next_trip;
        w.next_trip += 1;
        let driver = drivers[w.rng.random_range(0..drivers.len())];
        let vehicle = vehicles[w.rng.random_range(0..vehicles.len())];
        w.ops.push(Op::Trip(vec![
            int(trip),
            text(uuid),
            int(commune),
            text(format!("CX-{:04}-{:04}", d.year(), number)),
            ymd(d),
            text(patient.clone()),
            int(from),
            int(dest),
            int(metres * 2),
            int(driver),
            int(vehicle),
            text("Đưa bệnh nhân đi khám, điều trị".into()),
            text(w.created_at.clone()),
        ]));
        *trips += 1;
        let fuel = ((metres * 2 / 1000) * 3_000 / 1_000 + 1) * 1_000;
        let mut g = base(
            Program::Transport,
            Asset::Cash,
            Category::Fuel,
            fuel.max(50_000),
            d,
        );
        g.trip = Some(trip);
        g.hamlet = Some(from);
        g.memo = format!("Chuyến CX-{:04}-{:04}: {patient}", d.year(), number);
        plan.push(g);
    }

    // A repair project about twice a year per commune.
    if month.number() % 6 == (commune as u32 % 6) && quota > 40 {
        let d0 = day(w.rng.random_range(1..=10));
        let number = w.next_number(commune, "CT", d0.year());
        let kind = ["bridge", "road", "culvert"][w.rng.random_range(0..3)];
        let hamlet = hamlets[w.rng.random_range(0..hamlets.len())];
        let name = match kind {
            "bridge" => format!(
                "Sửa cầu gỗ rạch {}",
                GIVEN[w.rng.random_range(0..GIVEN.len())]
            ),
            "road" => "Vá đường đal liên ấp".to_string(),
            _ => "Thay cống thoát nước".to_string(),
        };
        let cost = w.rng.random_range(50..=70) * 100_000;
        let done = d0 + chrono::Days::new(12);
        let uuid = w.uuid(d0);
        let project = w.next_project;
        w.next_project += 1;
        w.ops.push(Op::Project(vec![
            int(project),
            text(uuid),
            int(commune),
            text(format!("CT-{:04}-{:04}", d0.year(), number)),
            text(name.clone()),
            text(crate::text::fold(&name)),
            text(kind.into()),
            int(hamlet),
            text("dài 12 m, rộng 2 m".into()),
            text(
                if done <= month.last_day() {
                    "done"
                } else {
                    "active"
                }
                .into(),
            ),
            ymd(d0),
            if done <= month.last_day() {
                ymd(done)
            } else {
                Value::Null
            },
            int(cost),
            text(w.created_at.clone()),
        ]));
        *projects += 1;
        for i in 0..3u64 {
            let d = d0 + chrono::Days::new(i * 3 + 1);
            if d > month.last_day() {
                break;
            }
            let wuuid = w.uuid(d);
            let volunteers = w.rng.random_range(6..=15);
            let material = MATERIALS[w.rng.random_range(0..MATERIALS.len())];
            w.ops.push(Op::Worklog(vec![
                text(wuuid),
                int(project),
                ymd(d),
                int(volunteers),
                int(volunteers * 10),
                text(material.into()),
                text(w.created_at.clone()),
            ]));
        }
        let mut g = base(Program::Repair, Asset::Cash, Category::Donation, cost, d0);
        g.party = Some(donor(w));
        g.project = Some(project);
        g.memo = format!("Ủng hộ công trình {name}");
        plan.push(g);
        let mut g = base(
            Program::Repair,
            Asset::Cash,
            Category::Materials,
            cost * 7 / 10,
            d0 + chrono::Days::new(1),
        );
        g.project = Some(project);
        g.memo = format!("Mua vật tư: {name}");
        plan.push(g);
        let mut g = base(
            Program::Repair,
            Asset::Cash,
            Category::Labour,
            cost * 2 / 10,
            d0 + chrono::Days::new(2),
        );
        g.project = Some(project);
        g.memo = format!("Hậu cần cho đội: {name}");
        plan.push(g);
    }

    // Handouts fill the rest of the quota: about 10 kg of rice, and 50.000 đ to some households.
    let fixed = plan.len() as u64;
    let rest = quota.saturating_sub(fixed);
    for i in 0..rest {
        let (hh, hamlet) = households[w.rng.random_range(0..households.len())];
        let d = (ram + chrono::Days::new(w.rng.random_range(0..=3))).min(month.last_day());
        let mut g = if i % 5 == 4 {
            let mut g = base(Program::Rice, Asset::Cash, Category::Handout, 50_000, d);
            g.memo = "Hỗ trợ tiền mặt".into();
            g
        } else {
            let mut g = base(
                Program::Rice,
                Asset::Rice,
                Category::Handout,
                w.rng.random_range(8..=12) * 1_000,
                d,
            );
            g.memo = "Cấp gạo".into();
            g
        };
        g.household = Some(hh);
        g.hamlet = hamlet;
        plan.push(g);
    }
    // Date order, receipts first within a day, so every day ends with the fund non-negative.
    plan.sort_by_key(|g| (g.day, g.category.direction() == Direction::Out));
    // Drop what a fund cannot bear (e.g. early months), keeping the order.
    let mut balances = w.balances.clone();
    let mut kept = Vec::with_capacity(plan.len());
    for g in plan {
        let b = balances.entry((commune, g.program, g.asset)).or_insert(0);
        if g.category.direction() == Direction::Out {
            if *b < g.amount {
                continue;
            }
            *b -= g.amount;
        } else {
            *b += g.amount;
        }
        kept.push(g);
    }
    // Keep the monthly quota exact where the funds allow: top up with gifts to the rice fund.
    while (kept.len() as u64) < quota {
        let mut g = base(
            Program::Rice,
            Asset::Cash,
            Category::Donation,
            w.rng.random_range(1..=20) * 50_000,
            month.last_day(),
        );
        g.party = Some(anonymous);
        g.memo = "Ủng hộ cuối tháng".into();
        kept.push(g);
    }
    kept.sort_by_key(|g| (g.day, g.category.direction() == Direction::Out));
    kept
}

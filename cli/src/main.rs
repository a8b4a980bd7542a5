//! `sotinhthuong-cli`: the terminal shell on the core books.
//!
//! A thin layer: parse the command line, call one method of [`Book`], print the result. Every rule
//! lives in the core. Exit codes: 0 success; 1 when input or a rule refuses (the message, in
//! Vietnamese by default, says what to fix, and nothing is changed); 2 on wrong usage.

use clap::{Args, Parser, Subcommand, ValueEnum};
use sotinhthuong::demo::DemoOptions;
use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::repair::{NewProject, NewProjectMoney, NewWorkDay, ProjectStatus};
use sotinhthuong::report;
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::settings::Office;
use sotinhthuong::transport::NewTrip;
use sotinhthuong::{
    backup, date, lunar, Book, CommuneKind, Direction, Error, Lang, Month, NewCash, NewCommune,
    Preset, Program, Source,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sotinhthuong-cli",
    version,
    about = "Sổ Tình Thương — sổ sách Nắm gạo tình thương, Xe chuyển bệnh miễn phí, Sửa chữa cầu đường"
)]
struct Cli {
    /// Tệp sổ (SQLite); mặc định lấy từ biến môi trường SOTINHTHUONG_DB
    #[arg(long, global = true, env = "SOTINHTHUONG_DB")]
    db: Option<PathBuf>,
    /// Ngôn ngữ thông báo: vi (mặc định) hoặc en
    #[arg(long, global = true, value_enum, default_value = "vi")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProgramArg {
    Rice,
    Transport,
    Repair,
}

impl From<ProgramArg> for Program {
    fn from(p: ProgramArg) -> Program {
        match p {
            ProgramArg::Rice => Program::Rice,
            ProgramArg::Transport => Program::Transport,
            ProgramArg::Repair => Program::Repair,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Tạo sổ mới, có thể kèm danh sách xã có sẵn
    Init {
        #[arg(long, default_value = "none")]
        preset: String,
    },
    /// Danh mục xã / thị trấn
    #[command(subcommand)]
    Commune(CommuneCmd),
    /// Danh mục ấp
    #[command(subcommand)]
    Hamlet(HamletCmd),
    /// Danh mục hộ
    #[command(subcommand)]
    Household(HouseholdCmd),
    /// Nơi đến của xe chuyển bệnh (với quãng đường mặc định)
    #[command(subcommand)]
    Destination(DestinationCmd),
    /// Ghi phiếu: thu, chi, nhập gạo, xuất gạo, chuyến xe
    #[command(subcommand)]
    Record(RecordCmd),
    /// Công trình sửa chữa cầu đường và nhật ký thi công
    #[command(subcommand)]
    Project(ProjectCmd),
    /// Hủy một phiếu (giữ số phiếu), hoặc một chuyến xe CX-… cùng các phiếu của nó
    Void {
        voucher: String,
        #[arg(long)]
        reason: String,
        /// Xã của phiếu, khi số phiếu có ở nhiều xã
        #[arg(long)]
        commune: Option<String>,
    },
    /// Khóa sổ một tháng
    CloseMonth {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        month: String,
    },
    /// Mở lại sổ một tháng đã khóa
    ReopenMonth {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        month: String,
    },
    /// Tồn quỹ của một mô hình vào cuối một ngày
    Balance {
        #[arg(long)]
        commune: String,
        #[arg(long, value_enum)]
        program: ProgramArg,
        #[arg(long)]
        date: String,
    },
    /// Liệt kê các phiếu của một xã trong một tháng
    List {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        month: String,
        #[arg(long, value_enum)]
        program: Option<ProgramArg>,
    },
    /// Tạo sổ mẫu (14 xã, mười năm, đủ ba mô hình)
    Demo {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 100_000)]
        movements: u64,
        #[arg(long, default_value_t = 10)]
        years: u32,
    },
    /// Kiểm tra toàn vẹn sổ: SQLite, số dư, tổng tháng, số phiếu, chuỗi nhật ký
    Check,
    /// Sao lưu sổ ra một tệp mới, hoặc vào một thư mục có sẵn (ví dụ USB); bản sao được kiểm tra
    /// sau khi ghi
    Backup {
        /// Tệp sao lưu mới, hoặc thư mục có sẵn (tên tệp đặt theo ngày giờ)
        #[arg(long)]
        out: PathBuf,
    },
    /// Khôi phục sổ từ một bản sao lưu: kiểm tra bản sao trước, sổ đang có được giữ lại bên cạnh
    /// (đổi tên kèm thời điểm)
    Restore {
        /// Tệp sao lưu
        file: PathBuf,
    },
    /// Các bản sao lưu
    #[command(subcommand)]
    Backups(BackupsCmd),
    /// In báo cáo: monthly, fund-book, rice-book, trips, project, disclosure, receipt
    Report {
        /// monthly | fund-book | rice-book | trips | project | disclosure | receipt
        name: String,
        #[arg(long)]
        commune: Option<String>,
        /// Báo cáo tháng của tất cả các xã, đặt cạnh nhau
        #[arg(long)]
        all: bool,
        #[arg(long)]
        month: Option<String>,
        /// Sổ quỹ: một tháng (yyyy-mm) hoặc cả năm (yyyy)
        #[arg(long)]
        period: Option<String>,
        #[arg(long, value_enum)]
        program: Option<ProgramArg>,
        /// Sổ quỹ: cash (tiền, mặc định) hoặc rice (gạo)
        #[arg(long)]
        asset: Option<String>,
        #[arg(long)]
        project: Option<String>,
        #[arg(long)]
        voucher: Option<String>,
        /// html | csv | xlsx | json
        #[arg(long, default_value = "html")]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Xuất toàn bộ sổ cho công cụ khác
    #[command(subcommand)]
    Export(ExportCmd),
    /// Thông tin đơn vị và người ký
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// Đổi ngày dương lịch sang âm lịch, hoặc tìm ngày rằm
    Lunar {
        /// Ngày dương lịch (dd/mm/yyyy hoặc yyyy-mm-dd)
        date: Option<String>,
        /// Tìm ngày rằm của tháng âm lịch này (1–12)
        #[arg(long)]
        ram: Option<u8>,
        /// Năm âm lịch cho --ram
        #[arg(long)]
        year: Option<i32>,
        /// Tháng nhuận (cho --ram)
        #[arg(long)]
        leap: bool,
    },
}

#[derive(Subcommand)]
enum BackupsCmd {
    /// Liệt kê các bản sao lưu, mới nhất trước: thời điểm, loại, cỡ, đường dẫn
    List {
        /// Thư mục sao lưu; mặc định: Tài liệu/Sổ Tình Thương/Sao lưu
        #[arg(long, env = "SOTINHTHUONG_BACKUP_DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ExportCmd {
    /// Sổ nhật ký cho ledger-cli (tài khoản theo xã và mô hình; hàng hóa VND và KG)
    Ledger {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum CommuneCmd {
    /// Liệt kê (một xã một dòng)
    List {
        /// Cả các đơn vị đã sáp nhập
        #[arg(long)]
        all: bool,
    },
    /// Thêm một xã / thị trấn / phường
    Add {
        /// Tên; chữ “xã”, “thị trấn”, “TT”, “phường”, “P.” ở đầu tên được hiểu là loại đơn vị
        #[arg(long)]
        name: String,
        /// xa, thi-tran, phuong (bỏ trống: theo chữ đầu tên, không có thì là xã)
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, default_value = "")]
        district: String,
        #[arg(long, default_value = "")]
        province: String,
        #[arg(long)]
        valid_from: Option<String>,
        #[arg(long)]
        valid_to: Option<String>,
    },
    /// Ghi nhận sáp nhập: từ ngày DATE, FROM thuộc về INTO
    Merge {
        #[arg(long)]
        from: String,
        #[arg(long)]
        into: String,
        #[arg(long)]
        date: String,
    },
}

#[derive(Subcommand)]
enum HamletCmd {
    /// Thêm ấp
    Add {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        name: String,
    },
    /// Liệt kê ấp của một xã
    List {
        #[arg(long)]
        commune: String,
    },
}

#[derive(Subcommand)]
enum HouseholdCmd {
    /// Thêm hộ
    Add {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        hamlet: Option<String>,
        /// ngheo | can-ngheo | kho-khan
        #[arg(long)]
        status: Option<String>,
    },
    /// Liệt kê hộ của một xã (tìm không dấu được)
    List {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        search: Option<String>,
    },
}

#[derive(Subcommand)]
enum DestinationCmd {
    /// Thêm nơi đến hoặc sửa quãng đường mặc định
    Set {
        #[arg(long)]
        name: String,
        #[arg(long, allow_hyphen_values = true)]
        km: Option<String>,
    },
    /// Liệt kê nơi đến
    List,
}

#[derive(Subcommand)]
enum RecordCmd {
    /// Phiếu thu tiền
    CashIn(CashArgs),
    /// Phiếu chi tiền
    CashOut(CashArgs),
    /// Phiếu nhập kho gạo (đợt thu gạo)
    RiceIn {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        kg: String,
        #[arg(long)]
        hamlet: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        households: Option<String>,
        /// Người / đơn vị nộp gạo (bỏ trống: các hộ trong ấp góp)
        #[arg(long)]
        party: Option<String>,
        #[arg(long, default_value = "")]
        memo: String,
    },
    /// Phiếu xuất kho gạo (cấp cho một hộ)
    RiceOut {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        kg: String,
        /// The household's name; where several share it, add the hamlet: "Nguyễn Văn Tư (Phú Lợi)"
        #[arg(long)]
        household: String,
        #[arg(long, default_value = "")]
        memo: String,
    },
    /// Chuyến xe chuyển bệnh
    Trip {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        patient: String,
        #[arg(long)]
        to: String,
        #[arg(long, allow_hyphen_values = true)]
        km: Option<String>,
        #[arg(long)]
        driver: Option<String>,
        #[arg(long)]
        vehicle: Option<String>,
        #[arg(long)]
        from_hamlet: Option<String>,
        #[arg(long, default_value = "")]
        purpose: String,
        /// Chi phí nhiên liệu
        #[arg(long, allow_hyphen_values = true)]
        cost: Option<String>,
        /// Chi phí khác
        #[arg(long, allow_hyphen_values = true)]
        other_cost: Option<String>,
        /// Tiền ủng hộ nhận trong chuyến
        #[arg(long, allow_hyphen_values = true)]
        donation: Option<String>,
        #[arg(long)]
        donor: Option<String>,
    },
}

#[derive(Args)]
struct CashArgs {
    #[arg(long)]
    commune: String,
    #[arg(long, value_enum)]
    program: ProgramArg,
    #[arg(long)]
    date: String,
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    #[arg(long)]
    party: String,
    #[arg(long)]
    category: Option<String>,
    #[arg(long, default_value = "")]
    memo: String,
}

#[derive(Subcommand)]
enum ProjectCmd {
    /// Thêm công trình (in ra mã CT-…)
    Add {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        name: String,
        /// bridge | road | culvert
        #[arg(long)]
        kind: String,
        #[arg(long)]
        hamlet: Option<String>,
        #[arg(long, default_value = "")]
        size: String,
        #[arg(long, allow_hyphen_values = true)]
        estimate: Option<String>,
        #[arg(long)]
        start: Option<String>,
    },
    /// Liệt kê công trình của một xã
    List {
        #[arg(long)]
        commune: String,
    },
    /// Đổi tình trạng: planned | active | done
    Status {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        project: String,
        #[arg(long)]
        status: String,
        #[arg(long)]
        date: String,
    },
    /// Ghi một ngày thi công
    Log {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        project: String,
        #[arg(long)]
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        volunteers: String,
        #[arg(long, allow_hyphen_values = true)]
        workdays: String,
        #[arg(long, default_value = "")]
        materials: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Chi cho công trình (phiếu chi)
    Cost(ProjectMoneyArgs),
    /// Nhận ủng hộ cho công trình (phiếu thu)
    Contribute(ProjectMoneyArgs),
    /// Nhật ký thi công của một công trình
    Show {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        project: String,
    },
}

#[derive(Args)]
struct ProjectMoneyArgs {
    #[arg(long)]
    commune: String,
    #[arg(long)]
    project: String,
    #[arg(long)]
    date: String,
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    #[arg(long, default_value = "")]
    party: String,
    #[arg(long)]
    category: Option<String>,
    #[arg(long, default_value = "")]
    memo: String,
}

#[derive(Subcommand)]
enum SettingsCmd {
    /// In thông tin đơn vị
    Show,
    /// Đặt thông tin đơn vị và người ký (chỉ đổi những mục được nêu)
    Set {
        #[arg(long)]
        parent_body: Option<String>,
        #[arg(long)]
        issuing_body: Option<String>,
        #[arg(long)]
        organisation: Option<String>,
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        preparer: Option<String>,
        #[arg(long)]
        accountant: Option<String>,
        #[arg(long)]
        cashier: Option<String>,
        #[arg(long)]
        chairman: Option<String>,
    },
}

/// Chooses the Vietnamese or English text.
fn t<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::En {
        en
    } else {
        vi
    }
}

fn main() -> ExitCode {
    // why: Rust ignores SIGPIPE, so printing into a closed pipe (`| head`) would panic.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let lang = match cli.lang {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    };
    // why: listing backups needs no book, and restore must not open the book it replaces (it
    // may be the damaged file being replaced).
    let result = match (cli.command, cli.db) {
        (Command::Backups(BackupsCmd::List { dir }), _) => list_backups(dir, lang),
        (Command::Restore { file }, Some(db)) => restore(&file, &db, lang),
        (command, Some(db)) => run(command, &db, lang),
        (_, None) => {
            eprintln!(
                "{}",
                t(
                    lang,
                    "Chưa chọn tệp sổ: dùng --db TỆP hoặc đặt biến môi trường SOTINHTHUONG_DB",
                    "No book file: use --db FILE or set SOTINHTHUONG_DB"
                )
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {}", t(lang, "Lỗi", "Error"), e.message(lang));
            eprintln!("[{}]", e.code());
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, db: &std::path::Path, lang: Lang) -> Result<ExitCode, Error> {
    let mut book = Book::open(db, Source::Cli)?;
    match command {
        Command::Init { preset } => {
            let preset = Preset::parse(&preset)?;
            if let Some(p) = preset {
                let communes = book.apply_preset(p)?;
                println!(
                    "{} {} ({} {})",
                    t(lang, "Đã tạo sổ", "Book created"),
                    db.display(),
                    communes.len(),
                    t(lang, "xã/thị trấn", "communes")
                );
            } else {
                println!("{} {}", t(lang, "Đã tạo sổ", "Book created"), db.display());
            }
        }
        Command::Commune(CommuneCmd::List { all }) => {
            for c in book.list_communes(all)? {
                println!("{}", c.name);
            }
        }
        Command::Commune(CommuneCmd::Add {
            name,
            kind,
            district,
            province,
            valid_from,
            valid_to,
        }) => {
            let c = book.add_commune(&NewCommune {
                name,
                kind: kind.as_deref().map(CommuneKind::parse).transpose()?,
                district,
                province,
                valid_from: valid_from.as_deref().map(date::parse).transpose()?,
                valid_to: valid_to.as_deref().map(date::parse).transpose()?,
            })?;
            println!("{} {}", t(lang, "Đã thêm", "Added"), c.title());
        }
        Command::Commune(CommuneCmd::Merge {
            from,
            into,
            date: d,
        }) => {
            book.merge_commune(&from, &into, date::parse(&d)?)?;
            println!("{from} → {into} ({d})");
        }
        Command::Hamlet(HamletCmd::Add { commune, name }) => {
            let h = book.add_hamlet(&commune, &name)?;
            println!("{} {}", t(lang, "Đã thêm ấp", "Hamlet added:"), h.name);
        }
        Command::Hamlet(HamletCmd::List { commune }) => {
            let c = book.find_commune(&commune)?;
            for h in book.list_hamlets(c.id)? {
                println!("{}", h.name);
            }
        }
        Command::Household(HouseholdCmd::Add {
            commune,
            name,
            hamlet,
            status,
        }) => {
            let status = status.as_deref().map(HouseholdStatus::parse).transpose()?;
            let h = book.add_household(&commune, &name, hamlet.as_deref(), status)?;
            println!("{} {}", t(lang, "Đã thêm hộ", "Household added:"), h.name);
        }
        Command::Household(HouseholdCmd::List { commune, search }) => {
            let c = book.find_commune(&commune)?;
            let year = chrono::Datelike::year(&book.today());
            for h in book.list_households(c.id, year, search.as_deref())? {
                println!(
                    "{}\t{}\t{}",
                    h.name,
                    h.hamlet.unwrap_or_default(),
                    h.status.map(|s| s.label()).unwrap_or("")
                );
            }
        }
        Command::Destination(DestinationCmd::Set { name, km }) => {
            let km = km.as_deref().map(sotinhthuong::Km::parse).transpose()?;
            book.set_destination(&name, km)?;
            println!("{} {name}", t(lang, "Đã lưu nơi đến", "Destination saved:"));
        }
        Command::Destination(DestinationCmd::List) => {
            for d in book.list_destinations()? {
                println!("{}\t{}", d.name, d.detail);
            }
        }
        Command::Record(cmd) => record(&mut book, cmd, lang)?,
        Command::Project(cmd) => project(&mut book, cmd, lang)?,
        Command::Void {
            voucher,
            reason,
            commune,
        } => {
            let voided = book.void_entry(&voucher, &reason, commune.as_deref())?;
            for v in voided {
                println!("{} {v}", t(lang, "Đã hủy", "Voided"));
            }
        }
        Command::CloseMonth { commune, month } => {
            let m: Month = month.parse()?;
            book.close_month(&commune, m)?;
            println!(
                "{} {} — {commune}",
                t(lang, "Đã khóa sổ tháng", "Closed month"),
                m.show()
            );
        }
        Command::ReopenMonth { commune, month } => {
            let m: Month = month.parse()?;
            book.reopen_month(&commune, m)?;
            println!(
                "{} {} — {commune}",
                t(lang, "Đã mở sổ tháng", "Reopened month"),
                m.show()
            );
        }
        Command::Balance {
            commune,
            program,
            date: d,
        } => {
            let c = book.find_commune(&commune)?;
            let on = date::parse(&d)?;
            let b = book.balance(c.id, program.into(), on)?;
            println!("{}: {}", t(lang, "Tiền mặt", "Cash"), b.cash);
            println!("{}: {}", t(lang, "Gạo", "Rice"), b.rice);
        }
        Command::List {
            commune,
            month,
            program,
        } => {
            let c = book.find_commune(&commune)?;
            let m: Month = month.parse()?;
            let rows = book.month_movements(c.id, m)?;
            let rows: Vec<_> = rows
                .into_iter()
                .filter(|r| program.is_none_or(|p| r.program == Program::from(p)))
                .collect();
            for r in &rows {
                let who = r
                    .household
                    .clone()
                    .or_else(|| r.party.clone())
                    .or_else(|| r.hamlet.clone())
                    .unwrap_or_default();
                let void = r
                    .void_reason
                    .as_ref()
                    .map(|why| format!("\t[{}: {why}]", t(lang, "ĐÃ HỦY", "VOID")))
                    .unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}{void}",
                    date::show(r.date),
                    r.voucher,
                    r.program.code(),
                    r.category.label(),
                    r.amount_text,
                    who,
                    r.memo
                );
            }
            println!("{}: {}", t(lang, "Số phiếu", "Entries"), rows.len());
        }
        Command::Demo {
            seed,
            movements,
            years,
        } => {
            let s = book.generate_demo(DemoOptions {
                seed,
                movements,
                years,
            })?;
            let rate = s.movements as f64 / s.seconds.max(1e-9);
            println!(
                "{}: {} {}, {} {}, {} {}, {} {}, {:.2} s ({:.0} {})",
                t(lang, "Đã tạo sổ mẫu", "Demo book made"),
                s.communes,
                t(lang, "xã", "communes"),
                s.months,
                t(lang, "tháng", "months"),
                s.movements,
                t(lang, "phiếu", "movements"),
                s.trips,
                t(lang, "chuyến xe", "trips"),
                s.seconds,
                rate,
                t(lang, "phiếu/giây", "movements/s")
            );
        }
        Command::Check => {
            let report = book.check()?;
            for f in &report.faults {
                println!("{} {f}", t(lang, "LỖI:", "FAULT:"));
            }
            println!(
                "{}: {} {}, {} {}, {} {}",
                t(lang, "Kiểm tra", "Check"),
                report.movements,
                t(lang, "phiếu", "movements"),
                report.audit_entries,
                t(lang, "mục nhật ký", "audit entries"),
                report.faults.len(),
                t(lang, "lỗi", "faults")
            );
            if !report.ok() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Backup { out } => {
            let (path, v) = if out.is_dir() {
                let (file, v) = book.backup_into(&out)?;
                (PathBuf::from(file.path), v)
            } else {
                let v = book.backup_to(&out)?;
                (out, v)
            };
            println!(
                "{} {}",
                t(lang, "Đã sao lưu vào", "Backed up to"),
                path.display()
            );
            println!(
                "{}: {} {}, {} {}, {} {}, {} {}",
                t(lang, "Bản sao đã kiểm tra", "Backup checked"),
                v.movements,
                t(lang, "phiếu", "movements"),
                v.audit_entries,
                t(lang, "mục nhật ký", "audit entries"),
                t(lang, "lược đồ", "schema"),
                v.schema_version,
                t(lang, "dấu vân tay", "fingerprint"),
                v.fingerprint
            );
            println!("{}", path.display());
        }
        // why: handled in `main` without opening the book.
        Command::Restore { .. } | Command::Backups(_) => {}
        Command::Settings(SettingsCmd::Show) => {
            let o = book.office()?;
            println!("parent_body\t{}", o.parent_body);
            println!("issuing_body\t{}", o.issuing_body);
            println!("organisation\t{}", o.organisation);
            println!("place\t{}", o.place);
            println!("preparer\t{}", o.preparer);
            println!("accountant\t{}", o.accountant);
            println!("cashier\t{}", o.cashier);
            println!("chairman\t{}", o.chairman);
        }
        Command::Settings(SettingsCmd::Set {
            parent_body,
            issuing_body,
            organisation,
            place,
            preparer,
            accountant,
            cashier,
            chairman,
        }) => {
            let mut o = book.office()?;
            for (field, value) in [
                (&mut o.parent_body, parent_body),
                (&mut o.issuing_body, issuing_body),
                (&mut o.organisation, organisation),
                (&mut o.place, place),
                (&mut o.preparer, preparer),
                (&mut o.accountant, accountant),
                (&mut o.cashier, cashier),
                (&mut o.chairman, chairman),
            ] {
                if let Some(v) = value {
                    *field = v;
                }
            }
            book.set_office(&Office { ..o })?;
            println!(
                "{}",
                t(lang, "Đã lưu thông tin đơn vị", "Office settings saved")
            );
        }
        Command::Report {
            name,
            commune,
            all,
            month,
            period,
            program,
            asset,
            project,
            voucher,
            format,
            out,
        } => {
            let format = report::Format::parse(&format)?;
            let asset = match asset.as_deref().map(str::trim) {
                None | Some("") => None,
                Some("cash") | Some("tien") => Some(sotinhthuong::Asset::Cash),
                Some("rice") | Some("gao") => Some(sotinhthuong::Asset::Rice),
                Some(other) => {
                    return Err(Error::InvalidChoice {
                        field: t(lang, "Loại quỹ", "Asset").into(),
                        input: other.into(),
                        allowed: "cash, rice".into(),
                    })
                }
            };
            let request = report::ReportRequest {
                name: report::ReportName::parse(&name)?,
                commune,
                all,
                month,
                period,
                program: program.map(Program::from),
                asset,
                project,
                voucher,
            };
            let built = report::build(&book, &request, book.now())?;
            let bytes = report::render(&built, format)?;
            std::fs::write(&out, bytes)
                .map_err(|e| Error::Storage(format!("{}: {e}", out.display())))?;
            println!("{} {}", t(lang, "Đã ghi", "Written"), out.display());
        }
        Command::Export(ExportCmd::Ledger { out }) => {
            let file = std::fs::File::create(&out)
                .map_err(|e| Error::Storage(format!("{}: {e}", out.display())))?;
            let mut w = std::io::BufWriter::new(file);
            let n = sotinhthuong::export::write_ledger(&book, &mut w)?;
            std::io::Write::flush(&mut w).map_err(|e| Error::Storage(e.to_string()))?;
            println!(
                "{} {n} {} → {}",
                t(lang, "Đã xuất", "Exported"),
                t(lang, "giao dịch", "transactions"),
                out.display()
            );
        }
        Command::Lunar {
            date: d,
            ram,
            year,
            leap,
        } => match (d, ram) {
            (Some(d), _) => {
                let on = date::parse(&d)?;
                let l = lunar::solar_to_lunar(on).ok_or(Error::DateOutOfRange {
                    date: date::show(on),
                    min: "01/01/1900".into(),
                    max: "31/12/2100".into(),
                })?;
                println!("{} = {l} ({})", date::show(on), lunar::can_chi(l.year));
            }
            (None, Some(month)) => {
                let y = year.unwrap_or_else(|| chrono::Datelike::year(&book.today()));
                let on = lunar::ram(y, month, leap).ok_or(Error::InvalidChoice {
                    field: t(lang, "Tháng âm lịch", "Lunar month").into(),
                    input: format!("{month}{}/{y}", if leap { " nhuận" } else { "" }),
                    allowed: "1–12".into(),
                })?;
                println!("{}", date::show(on));
            }
            (None, None) => {
                eprintln!(
                    "{}",
                    t(
                        lang,
                        "Cần một ngày hoặc --ram THÁNG",
                        "Give a date or --ram MONTH"
                    )
                );
                return Ok(ExitCode::from(2));
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// Replaces the book with a checked backup; the replaced book is kept beside it.
fn restore(file: &Path, db: &Path, lang: Lang) -> Result<ExitCode, Error> {
    let r = backup::restore(file, db, Source::Cli, chrono::Utc::now())?;
    println!(
        "{} {} {} {} ({} {}, {} {}, {} {})",
        t(lang, "Đã khôi phục sổ", "Restored the book"),
        r.book,
        t(lang, "từ", "from"),
        r.from,
        r.verified.movements,
        t(lang, "phiếu", "movements"),
        r.verified.audit_entries,
        t(lang, "mục nhật ký", "audit entries"),
        t(lang, "dấu vân tay", "fingerprint"),
        r.verified.fingerprint
    );
    if let Some(aside) = &r.set_aside {
        println!(
            "{} {aside}",
            t(
                lang,
                "Sổ cũ được giữ lại ở",
                "The replaced book was kept as"
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Lists the backups of a folder (default: the one the window uses), newest first.
fn list_backups(dir: Option<PathBuf>, lang: Lang) -> Result<ExitCode, Error> {
    let dir = match dir {
        Some(d) => d,
        None => dirs::document_dir()
            .or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
            .map(|docs| backup::default_folder(&docs))
            .ok_or_else(|| Error::UnsuitableFolder {
                folder: t(lang, "Tài liệu", "Documents").to_string(),
                reason: t(
                    lang,
                    "không tìm thấy thư mục Tài liệu của người dùng; hãy dùng --dir THƯ_MỤC",
                    "the user's Documents folder was not found; use --dir FOLDER",
                )
                .to_string(),
            })?,
    };
    let found = backup::list(&dir)?;
    if found.is_empty() {
        println!(
            "{} {}",
            t(lang, "Chưa có bản sao lưu nào trong", "No backups in"),
            dir.display()
        );
    }
    for b in found {
        let kind = if b.day.is_some() {
            t(lang, "tự động", "automatic")
        } else {
            t(lang, "thủ công", "by hand")
        };
        let kb = sotinhthuong::money::Decimal::from(b.bytes.div_ceil(1024));
        println!(
            "{}\t{kind}\t{} KB\t{}",
            b.made,
            sotinhthuong::money::format_decimal_vi(kb),
            b.path
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn record(book: &mut Book, cmd: RecordCmd, lang: Lang) -> Result<(), Error> {
    match cmd {
        RecordCmd::CashIn(a) => cash(book, a, Direction::In, lang)?,
        RecordCmd::CashOut(a) => cash(book, a, Direction::Out, lang)?,
        RecordCmd::RiceIn {
            commune,
            date,
            kg,
            hamlet,
            households,
            party,
            memo,
        } => {
            let v = book.record_rice_in(&NewCollection {
                commune,
                date,
                kg,
                hamlet,
                households,
                party,
                memo,
            })?;
            println!(
                "{} {v}",
                t(lang, "Đã ghi phiếu nhập kho", "Rice-in voucher recorded:")
            );
            println!("{v}");
        }
        RecordCmd::RiceOut {
            commune,
            date,
            kg,
            household,
            memo,
        } => {
            let v = book.record_rice_out(&NewHandout {
                commune,
                date,
                kg,
                household,
                memo,
            })?;
            println!(
                "{} {v}",
                t(lang, "Đã ghi phiếu xuất kho", "Rice-out voucher recorded:")
            );
            println!("{v}");
        }
        RecordCmd::Trip {
            commune,
            date,
            patient,
            to,
            km,
            driver,
            vehicle,
            from_hamlet,
            purpose,
            cost,
            other_cost,
            donation,
            donor,
        } => {
            let trip = book.record_trip(&NewTrip {
                commune,
                date,
                patient,
                to,
                km,
                from_hamlet,
                driver,
                vehicle,
                purpose,
                fuel_cost: cost,
                other_cost,
                donation,
                donor,
            })?;
            for v in &trip.vouchers {
                println!("{} {v}", t(lang, "Phiếu", "Voucher"));
            }
            println!(
                "{} {}",
                t(lang, "Đã ghi chuyến xe", "Trip recorded:"),
                trip.number
            );
            // The last line is the trip's cost voucher when it has one, else the trip number.
            let last = trip
                .vouchers
                .iter()
                .rev()
                .find(|v| v.starts_with("PC"))
                .cloned()
                .unwrap_or(trip.number);
            println!("{last}");
        }
    }
    Ok(())
}

fn cash(book: &mut Book, a: CashArgs, direction: Direction, lang: Lang) -> Result<(), Error> {
    let v = book.record_cash(&NewCash {
        commune: a.commune,
        program: a.program.into(),
        direction,
        date: a.date,
        amount: a.amount,
        party: a.party,
        category: a.category,
        memo: a.memo,
    })?;
    let label = match direction {
        Direction::In => t(lang, "Đã ghi phiếu thu", "Receipt recorded:"),
        Direction::Out => t(lang, "Đã ghi phiếu chi", "Payment recorded:"),
    };
    println!("{label} {v}");
    println!("{v}");
    Ok(())
}

fn project(book: &mut Book, cmd: ProjectCmd, lang: Lang) -> Result<(), Error> {
    match cmd {
        ProjectCmd::Add {
            commune,
            name,
            kind,
            hamlet,
            size,
            estimate,
            start,
        } => {
            let p = book.add_project(&NewProject {
                commune,
                name,
                kind,
                hamlet,
                size,
                estimate,
                start,
            })?;
            println!(
                "{} {}: {}",
                t(lang, "Đã thêm công trình", "Project added"),
                p.code,
                p.name
            );
            println!("{}", p.code);
        }
        ProjectCmd::List { commune } => {
            let c = book.find_commune(&commune)?;
            for p in book.list_projects(c.id)? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    p.code,
                    p.kind.label(),
                    p.name,
                    p.status.label(),
                    p.received,
                    p.spent,
                    sotinhthuong::money::format_decimal_vi(rust_decimal_tenths(p.workdays_tenths))
                );
            }
        }
        ProjectCmd::Status {
            commune,
            project,
            status,
            date,
        } => {
            let p =
                book.set_project_status(&commune, &project, ProjectStatus::parse(&status)?, &date)?;
            println!("{} {}: {}", p.code, p.name, p.status.label());
        }
        ProjectCmd::Log {
            commune,
            project,
            date,
            volunteers,
            workdays,
            materials,
            note,
        } => {
            let d = book.log_work(
                &commune,
                &project,
                &NewWorkDay {
                    date,
                    volunteers,
                    workdays,
                    materials,
                    note,
                },
            )?;
            println!(
                "{} {}: {} {}",
                t(lang, "Đã ghi ngày thi công", "Work day recorded"),
                date::show(d.date),
                d.volunteers,
                t(lang, "người", "volunteers")
            );
        }
        ProjectCmd::Cost(a) => project_money(book, a, Direction::Out, lang)?,
        ProjectCmd::Contribute(a) => project_money(book, a, Direction::In, lang)?,
        ProjectCmd::Show { commune, project } => {
            let c = book.find_commune(&commune)?;
            let p = book.find_project(&c, &project)?;
            println!(
                "{} {} — {} ({})",
                p.code,
                p.name,
                p.status.label(),
                p.kind.label()
            );
            for d in book.work_log(p.id)? {
                println!(
                    "{}\t{}\t{}\t{}",
                    date::show(d.date),
                    d.volunteers,
                    sotinhthuong::money::format_decimal_vi(rust_decimal_tenths(d.workdays_tenths)),
                    d.materials
                );
            }
        }
    }
    Ok(())
}

fn rust_decimal_tenths(tenths: i64) -> sotinhthuong::money::Decimal {
    sotinhthuong::money::Decimal::new(tenths, 1)
}

fn project_money(
    book: &mut Book,
    a: ProjectMoneyArgs,
    direction: Direction,
    lang: Lang,
) -> Result<(), Error> {
    let v = book.record_project_money(
        &a.commune,
        &a.project,
        direction,
        &NewProjectMoney {
            date: a.date,
            amount: a.amount,
            party: a.party,
            category: a.category,
            memo: a.memo,
        },
    )?;
    let label = match direction {
        Direction::In => t(lang, "Đã ghi phiếu thu", "Receipt recorded:"),
        Direction::Out => t(lang, "Đã ghi phiếu chi", "Payment recorded:"),
    };
    println!("{label} {v}");
    println!("{v}");
    Ok(())
}

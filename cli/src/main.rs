//! `sotinhthuong-cli`: the terminal shell on the core books.
//!
//! A thin layer: parse the command line, call one method of [`Book`], print the result. Every rule
//! lives in the core. Exit codes: 0 success; 1 when input or a rule refuses (the message, in
//! Vietnamese by default, says what to fix, and nothing is changed); 2 on wrong usage.

use clap::{Args, Parser, Subcommand, ValueEnum};
use sotinhthuong::corrections::Register;
use sotinhthuong::demo::DemoOptions;
use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::repair::{NewProject, NewProjectMoney, NewWorkDay, ProjectStatus};
use sotinhthuong::report;
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::settings::Office;
use sotinhthuong::transport::NewTrip;
use sotinhthuong::{
    backup, date, lunar, output, Book, CommuneKind, Direction, Error, Lang, Month, NewCash,
    NewCommune, Preset, Program, Source,
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
    /// Người nộp / nhận: liệt kê, sửa tên, gộp hai người là một
    #[command(subcommand)]
    Party(PartyCmd),
    /// Tài xế: liệt kê, sửa tên
    #[command(subcommand)]
    Driver(NamedCmd),
    /// Xe: liệt kê, sửa tên
    #[command(subcommand)]
    Vehicle(NamedCmd),
    /// Số dư đầu kỳ: tiền của mỗi quỹ và gạo tồn kho khi bắt đầu ghi sổ ở đây
    #[command(subcommand)]
    Opening(OpeningCmd),
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
    /// Nhập sổ cũ của đơn vị từ bảng tính (.xlsx, .xls, .ods) hoặc CSV: danh sách hộ, người
    /// nộp/nhận, tài xế, xe, nơi đến, sổ quỹ, sổ gạo, chuyến xe
    Import {
        /// Tệp bảng tính
        file: PathBuf,
        /// households | parties | drivers | vehicles | destinations | cash | rice | trips
        #[arg(long)]
        kind: String,
        /// Xã của các dòng
        #[arg(long)]
        commune: String,
        /// Mô hình của sổ quỹ (khi sổ không có cột “Mô hình”)
        #[arg(long, value_enum)]
        program: Option<ProgramArg>,
        /// Trang tính (mặc định trang đầu)
        #[arg(long)]
        sheet: Option<String>,
        /// Cách đọc cột: tệp JSON (từ --save-map) hoặc tên đã lưu trong sổ
        #[arg(long)]
        map: Option<String>,
        /// Lưu cách đọc cột đã dùng: vào tệp .json, hoặc vào sổ với tên này
        #[arg(long)]
        save_map: Option<String>,
        /// Bảng mã của tệp CSV: utf-8, windows-1258, windows-1252 (mặc định: tự nhận)
        #[arg(long)]
        encoding: Option<String>,
        /// Chữ theo bảng mã cũ: tcvn3 | vni (chuyển sang Unicode) | none (giữ nguyên)
        #[arg(long)]
        convert: Option<String>,
        /// Chỉ kiểm tra, không ghi gì vào sổ
        #[arg(long)]
        dry_run: bool,
        /// Chỉ nhập các dòng hợp lệ, bỏ qua các dòng bị từ chối
        #[arg(long)]
        good_rows_only: bool,
    },
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
    /// Sửa tên ấp (các phiếu vẫn thuộc ấp đó, in theo tên mới)
    Rename {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        hamlet: String,
        /// Tên mới
        #[arg(long)]
        to: String,
    },
}

/// The named lists that `rename` corrects.
#[derive(Subcommand)]
enum NamedCmd {
    /// Liệt kê
    List,
    /// Sửa tên (các phiếu vẫn liên kết, in theo tên mới)
    Rename {
        #[arg(long)]
        name: String,
        /// Tên mới
        #[arg(long)]
        to: String,
    },
}

#[derive(Subcommand)]
enum PartyCmd {
    /// Liệt kê người nộp / nhận (tìm không dấu được)
    List {
        #[arg(long)]
        search: Option<String>,
    },
    /// Sửa tên người nộp / nhận
    Rename {
        #[arg(long)]
        name: String,
        /// Tên mới
        #[arg(long)]
        to: String,
    },
    /// Gộp hai người là một (các phiếu của FROM in theo tên INTO)
    Merge {
        #[arg(long)]
        from: String,
        #[arg(long)]
        into: String,
    },
}

#[derive(Subcommand)]
enum HouseholdCmd {
    /// Sửa tên hộ (các phiếu vẫn thuộc hộ đó, in theo tên mới)
    Rename {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        household: String,
        /// Tên mới
        #[arg(long)]
        to: String,
    },
    /// Chuyển hộ sang ấp khác
    Move {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        household: String,
        /// Ấp mới; bỏ trống là chưa có ấp
        #[arg(long, default_value = "")]
        hamlet: String,
    },
    /// Đổi diện hộ của một năm: ngheo | can-ngheo | kho-khan
    Status {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        household: String,
        #[arg(long)]
        status: String,
        /// Năm (mặc định năm nay)
        #[arg(long)]
        year: Option<i32>,
    },
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
    /// Sửa tên nơi đến
    Rename {
        #[arg(long)]
        name: String,
        /// Tên mới
        #[arg(long)]
        to: String,
    },
}

#[derive(Subcommand)]
enum OpeningCmd {
    /// Đặt số dư đầu kỳ của một mô hình (tiền; gạo cho Nắm gạo) vào ngày bắt đầu sổ của xã
    Set {
        #[arg(long)]
        commune: String,
        #[arg(long, value_enum)]
        program: ProgramArg,
        /// Ngày bắt đầu sổ của xã (mọi số dư đầu kỳ của xã cùng ngày này)
        #[arg(long)]
        date: String,
        /// Tiền mặt của quỹ (0 là không có)
        #[arg(long, allow_hyphen_values = true)]
        cash: Option<String>,
        /// Gạo tồn kho, kg (chỉ mô hình rice)
        #[arg(long, allow_hyphen_values = true)]
        kg: Option<String>,
    },
    /// Liệt kê số dư đầu kỳ
    List {
        #[arg(long)]
        commune: Option<String>,
    },
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
        (
            Command::Lunar {
                date: d,
                ram,
                year,
                leap,
            },
            _,
        ) => lunar_command(d, ram, year, leap, lang),
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
    // why: only `init` makes a book; `check` reads without writing a byte (a backup on a
    // read-only USB stick); every other command needs a book that exists.
    let mut book = match &command {
        Command::Init { .. } => Book::create(db, Source::Cli)?,
        // why: a demo is a generated new book; on an existing file it must be an empty book.
        Command::Demo { .. } if !db.exists() => Book::create(db, Source::Cli)?,
        Command::Check => Book::open_read_only(db, Source::Cli)?,
        _ => Book::open(db, Source::Cli)?,
    };
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
        Command::Destination(DestinationCmd::Rename { name, to }) => {
            rename_named(&mut book, Register::Destination, &name, &to, lang)?
        }
        Command::Party(PartyCmd::List { search }) => {
            for p in book.list_parties(search.as_deref())? {
                println!("{}\t{}", p.name, p.detail);
            }
        }
        Command::Party(PartyCmd::Rename { name, to }) => {
            rename_named(&mut book, Register::Party, &name, &to, lang)?
        }
        Command::Party(PartyCmd::Merge { from, into }) => {
            let a = book.find_named(Register::Party, &from)?;
            let b = book.find_named(Register::Party, &into)?;
            book.merge_parties(a.id, b.id)?;
            println!("{} {} → {}", t(lang, "Đã gộp", "Merged"), a.name, b.name);
        }
        Command::Driver(NamedCmd::List) => {
            for d in book.list_drivers()? {
                println!("{}\t{}", d.name, d.detail);
            }
        }
        Command::Driver(NamedCmd::Rename { name, to }) => {
            rename_named(&mut book, Register::Driver, &name, &to, lang)?
        }
        Command::Vehicle(NamedCmd::List) => {
            for v in book.list_vehicles()? {
                println!("{}\t{}", v.name, v.detail);
            }
        }
        Command::Vehicle(NamedCmd::Rename { name, to }) => {
            rename_named(&mut book, Register::Vehicle, &name, &to, lang)?
        }
        Command::Hamlet(HamletCmd::Rename {
            commune,
            hamlet,
            to,
        }) => {
            let c = book.find_commune(&commune)?;
            let h = book.find_hamlet(&c, &hamlet)?;
            let renamed = book.rename_hamlet(h.id, &to)?;
            println!(
                "{} {} → {}",
                t(lang, "Đã sửa tên", "Renamed"),
                h.name,
                renamed.name
            );
        }
        Command::Household(HouseholdCmd::Rename {
            commune,
            household,
            to,
        }) => {
            let c = book.find_commune(&commune)?;
            let h = book.find_household(&c, &household)?;
            let renamed = book.rename_household(h.id, &to)?;
            println!(
                "{} {} → {}",
                t(lang, "Đã sửa tên", "Renamed"),
                h.name,
                renamed.name
            );
        }
        Command::Household(HouseholdCmd::Move {
            commune,
            household,
            hamlet,
        }) => {
            let c = book.find_commune(&commune)?;
            let h = book.find_household(&c, &household)?;
            let to = match hamlet.trim() {
                "" => None,
                name => Some(book.find_hamlet(&c, name)?.id),
            };
            let moved = book.move_household(h.id, to)?;
            println!(
                "{} {} → {}",
                t(lang, "Đã chuyển", "Moved"),
                moved.name,
                moved
                    .hamlet
                    .unwrap_or_else(|| t(lang, "(chưa có ấp)", "(no hamlet)").into())
            );
        }
        Command::Household(HouseholdCmd::Status {
            commune,
            household,
            status,
            year,
        }) => {
            let c = book.find_commune(&commune)?;
            let h = book.find_household(&c, &household)?;
            let status = HouseholdStatus::parse(&status)?;
            let year = year.unwrap_or_else(|| chrono::Datelike::year(&book.today()));
            book.set_household_status(h.id, year, status)?;
            println!("{} {year}: {}", h.name, status.label());
        }
        Command::Destination(DestinationCmd::List) => {
            for d in book.list_destinations()? {
                println!("{}\t{}", d.name, d.detail);
            }
        }
        Command::Opening(OpeningCmd::Set {
            commune,
            program,
            date: d,
            cash,
            kg,
        }) => {
            let all = book.set_opening(&sotinhthuong::opening::NewOpening {
                commune,
                program: Some(program.into()),
                date: d,
                cash,
                kg,
            })?;
            println!(
                "{}",
                t(lang, "Đã lưu số dư đầu kỳ", "Opening balances saved")
            );
            print_openings(&all);
        }
        Command::Opening(OpeningCmd::List { commune }) => {
            let id = commune
                .map(|c| book.find_commune(&c))
                .transpose()?
                .map(|c| c.id);
            print_openings(&book.list_openings(id)?);
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
            let mut report = book.check()?;
            // why: what the book alone cannot show (its newest changes cut off, its chain
            // computed again) shows against the heads its backups and the window remember.
            let mut heads = Vec::new();
            if let Some(folder) = default_backup_folder() {
                heads.extend(sotinhthuong::audit::heads::in_backups(&folder));
            }
            if let Some(file) = window_heads_file() {
                heads.extend(sotinhthuong::audit::heads::load(&file));
            }
            let against = book.compare_heads(&heads)?;
            report.faults.extend(against.faults.iter().cloned());
            for f in &report.faults {
                let f = if lang == Lang::En {
                    sotinhthuong::error::en(f)
                } else {
                    f.clone()
                };
                println!("{} {f}", t(lang, "LỖI:", "FAULT:"));
            }
            if against.compared > 0 || against.before_restore > 0 {
                println!(
                    "{} {} {}{}",
                    t(lang, "Đã so với", "Compared with"),
                    against.compared,
                    t(
                        lang,
                        "dấu vân tay lưu ngoài sổ (bản sao lưu, cửa sổ)",
                        "fingerprints kept outside the book (backups, the window)"
                    ),
                    if against.before_restore > 0 {
                        format!(
                            "; {} {}",
                            against.before_restore,
                            t(
                                lang,
                                "dấu cũ hơn lần khôi phục gần nhất được bỏ qua",
                                "older than the last restore passed over"
                            )
                        )
                    } else {
                        String::new()
                    }
                );
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
            // why: refuse a path that is the book or any SQLite file before building anything.
            output::check_target(&out, &[db])?;
            let built = report::build(&book, &request, book.now())?;
            let bytes = report::render(&built, format)?;
            output::write(&out, &[db], &bytes)?;
            println!("{} {}", t(lang, "Đã ghi", "Written"), out.display());
        }
        Command::Import {
            file,
            kind,
            commune,
            program,
            sheet,
            map,
            save_map,
            encoding,
            convert,
            dry_run,
            good_rows_only,
        } => {
            return import(
                &mut book,
                ImportArgs {
                    file,
                    kind,
                    commune,
                    program: program.map(Program::from),
                    sheet,
                    map,
                    save_map,
                    encoding,
                    convert,
                    dry_run,
                    good_rows_only,
                },
                lang,
            );
        }
        Command::Export(ExportCmd::Ledger { out }) => {
            let mut w = output::OutputFile::create(&out, &[db])?;
            let n = sotinhthuong::export::write_ledger(&book, &mut w)?;
            w.commit()?;
            println!(
                "{} {n} {} → {}",
                t(lang, "Đã xuất", "Exported"),
                t(lang, "giao dịch", "transactions"),
                out.display()
            );
        }
        // why: handled in `main`; the calendar needs no book.
        Command::Lunar { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// The `import` command's arguments.
struct ImportArgs {
    file: PathBuf,
    kind: String,
    commune: String,
    program: Option<Program>,
    sheet: Option<String>,
    map: Option<String>,
    save_map: Option<String>,
    encoding: Option<String>,
    convert: Option<String>,
    dry_run: bool,
    good_rows_only: bool,
}

/// Imports a sheet; prints every row's outcome; exit 1 when a row is refused and not only the
/// good rows were asked for (then nothing is written).
fn import(book: &mut Book, a: ImportArgs, lang: Lang) -> Result<ExitCode, Error> {
    use sotinhthuong::import::{self as im, Convert, ImportOptions, Legacy, RowOutcome};
    let kind = im::Kind::parse(&a.kind)?;
    let table = im::read::read(&a.file, a.sheet.as_deref(), a.encoding.as_deref())?;
    let mapping = match a.map.as_deref() {
        None => None,
        Some(m) if Path::new(m).is_file() => {
            let text = std::fs::read_to_string(m).map_err(|e| Error::io(Path::new(m), e))?;
            Some(im::mapping_from_json(&text)?)
        }
        Some(name) => Some(
            book.saved_mappings()?
                .into_iter()
                .find(|(n, _)| sotinhthuong::text::fold(n) == sotinhthuong::text::fold(name))
                .map(|(_, m)| m)
                .ok_or_else(|| Error::UnknownName {
                    what: t(lang, "cách đọc cột", "column mapping").into(),
                    name: name.into(),
                })?,
        ),
    };
    let convert = match a.convert.as_deref().map(str::trim) {
        None => Convert::Ask,
        Some("none") | Some("keep") | Some("giu") => Convert::Keep,
        Some(c) => Convert::From(Legacy::parse(c).ok_or_else(|| Error::InvalidChoice {
            field: "Bảng mã cũ".into(),
            input: c.into(),
            allowed: "tcvn3, vni, none".into(),
        })?),
    };
    let source = a
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let report = book.import_table(
        &table,
        &ImportOptions {
            kind,
            commune: a.commune,
            program: a.program,
            mapping,
            convert,
            good_rows_only: a.good_rows_only,
            dry_run: a.dry_run,
            source,
        },
    )?;
    let columns: Vec<String> = report
        .mapping
        .columns
        .iter()
        .map(|(f, c)| format!("{}={c}", f.label()))
        .collect();
    println!(
        "{} {}; {} {}–{}; {}: {}",
        t(lang, "Trang", "Sheet"),
        report.sheet,
        t(lang, "dòng tiêu đề", "header rows"),
        report.mapping.header_first,
        report.mapping.header_last,
        t(lang, "cột", "columns"),
        columns.join(", ")
    );
    if let Some(enc) = report.legacy {
        println!(
            "{} {}{}",
            t(lang, "Chữ theo bảng mã cũ:", "Old-encoding text:"),
            enc.label(),
            if report.converted {
                t(lang, " (đã chuyển sang Unicode)", " (converted to Unicode)")
            } else {
                t(lang, " (giữ nguyên)", " (kept as it is)")
            }
        );
    }
    for r in &report.rows {
        let (word, detail) = match &r.outcome {
            RowOutcome::Imported { what } => (t(lang, "NHẬP", "IMPORT"), what.clone()),
            RowOutcome::Skipped { reason } => (
                t(lang, "BỎ QUA", "SKIPPED"),
                if lang == Lang::En {
                    sotinhthuong::error::en(reason)
                } else {
                    reason.clone()
                },
            ),
            RowOutcome::Duplicate => (
                t(lang, "ĐÃ CÓ", "ALREADY IN"),
                t(lang, "đã nhập trước đó", "imported before").to_string(),
            ),
            RowOutcome::Refused {
                reason, reason_en, ..
            } => (
                t(lang, "TỪ CHỐI", "REFUSED"),
                if lang == Lang::En {
                    reason_en.clone()
                } else {
                    reason.clone()
                },
            ),
        };
        println!("{} {}\t{word}\t{detail}", t(lang, "dòng", "row"), r.row);
    }
    let summary = format!(
        "{} {}, {} {}, {} {}, {} {}",
        report.imported,
        t(lang, "dòng nhập", "imported"),
        report.duplicates,
        t(lang, "dòng đã có", "already in"),
        report.skipped,
        t(lang, "dòng bỏ qua", "skipped"),
        report.refused,
        t(lang, "dòng từ chối", "refused")
    );
    if report.dry_run {
        println!(
            "{} {summary}",
            t(lang, "Chạy thử, chưa ghi gì:", "Dry run, nothing written:")
        );
    } else if report.written {
        println!("{} {summary}", t(lang, "Đã nhập:", "Imported:"));
    } else {
        println!(
            "{} {summary}",
            t(
                lang,
                "Không nhập dòng nào (có dòng bị từ chối; dùng --good-rows-only để chỉ nhập các dòng hợp lệ):",
                "Nothing imported (rows were refused; use --good-rows-only to import the good rows only):"
            )
        );
    }
    if report.imported == 0 && report.duplicates > 0 && report.refused == 0 {
        println!(
            "{}",
            t(
                lang,
                "Tệp này đã được nhập trước đó: không thêm gì",
                "This file was imported before: nothing added"
            )
        );
    }
    if let Some(save) = a.save_map.as_deref() {
        if save.ends_with(".json") {
            let json = serde_json::to_vec_pretty(&report.mapping).map_err(Error::from)?;
            let books: Vec<&Path> = book.path().into_iter().collect();
            output::write(Path::new(save), &books, &json)?;
        } else {
            book.save_mapping(save, &report.mapping)?;
        }
        println!(
            "{} {save}",
            t(lang, "Đã lưu cách đọc cột:", "Column mapping saved:")
        );
    }
    Ok(if report.refused > 0 && !a.good_rows_only {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Renames an entry of a named list found by name.
fn rename_named(
    book: &mut Book,
    register: Register,
    name: &str,
    to: &str,
    lang: Lang,
) -> Result<(), Error> {
    let found = book.find_named(register, name)?;
    let renamed = book.rename_named(register, found.id, to)?;
    println!(
        "{} {} → {}",
        t(lang, "Đã sửa tên", "Renamed"),
        found.name,
        renamed.name
    );
    Ok(())
}

/// One opening balance a line: commune, program, asset, date, amount (tab-separated).
fn print_openings(all: &[sotinhthuong::opening::Opening]) {
    for o in all {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            o.commune,
            o.program.code(),
            o.asset.code(),
            date::show(o.date),
            o.amount
        );
    }
}

/// The lunar date of a day, or the solar date of rằm of a lunar month (no book needed).
fn lunar_command(
    d: Option<String>,
    ram: Option<u8>,
    year: Option<i32>,
    leap: bool,
    lang: Lang,
) -> Result<ExitCode, Error> {
    match (d, ram) {
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
            let today = chrono::Utc::now()
                .with_timezone(&sotinhthuong::book::vietnam_offset())
                .date_naive();
            let y = year.unwrap_or_else(|| chrono::Datelike::year(&today));
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
    }
    Ok(ExitCode::SUCCESS)
}

/// Replaces the book with a checked backup; the replaced book is kept beside it.
fn restore(file: &Path, db: &Path, lang: Lang) -> Result<ExitCode, Error> {
    let r = sotinhthuong::restore::restore(file, db, Source::Cli, chrono::Utc::now())?;
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

/// The backup folder the window uses: `$SOTINHTHUONG_BACKUP_DIR`, else `Documents/Sổ Tình
/// Thương/Sao lưu`.
fn default_backup_folder() -> Option<PathBuf> {
    std::env::var_os("SOTINHTHUONG_BACKUP_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            dirs::document_dir()
                .or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
                .map(|docs| backup::default_folder(&docs))
        })
}

/// Where the window remembers the heads of its books' chains (its config folder).
fn window_heads_file() -> Option<PathBuf> {
    std::env::var_os("SOTINHTHUONG_HEADS")
        .map(PathBuf::from)
        .or_else(|| dirs::config_dir().map(|d| d.join(WINDOW_IDENTIFIER).join("heads.json")))
}

/// The window's identifier in tauri.conf.json, which names its config folder.
const WINDOW_IDENTIFIER: &str = "vn.sotinhthuong.desktop";

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
    let anonymous = direction == Direction::In && a.party.trim().is_empty();
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
    if anonymous {
        println!(
            "{}",
            t(
                lang,
                "Người nộp: Nhà hảo tâm (không nêu tên)",
                "Given by: an anonymous donor (Nhà hảo tâm)"
            )
        );
    }
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

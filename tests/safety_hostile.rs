//! Hostile input through the core API, as one table: each bad input gets its error code and a
//! clear message in both languages, and leaves the book's content checksum exactly as it was;
//! each odd but valid input (NFD text, SQL-looking text, emoji, Cham and Khmer names, amounts
//! and dates at their limits) is accepted and stored as the books keep it.
//! The same inputs through the command line are in `cli/tests/safety_cli.rs`.

mod common;

use common::{content, small_book};
use sha2::{Digest, Sha256};
use sotinhthuong::backup;
use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::repair::{NewProject, NewWorkDay, ProjectStatus};
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::transport::NewTrip;
use sotinhthuong::{
    Book, CommuneKind, Direction, Lang, Month, NewCash, NewCommune, Program, Result,
};
use unicode_normalization::UnicodeNormalization;

type Op = Box<dyn Fn(&mut Book) -> Result<String>>;

/// What the books keep after an accepted input, read back from the last row written.
enum Stored {
    /// The memo of the last movement.
    Memo(String),
    /// The counterparty of the last movement.
    Party(String),
    /// The stored amount (đồng or grams) of the last movement.
    Amount(i64),
    /// The date of the last movement, yyyy-mm-dd.
    Date(&'static str),
    /// The name of the last household added.
    Household(String),
    /// The name of the last hamlet added.
    Hamlet(String),
}

enum Want {
    Refused(&'static str),
    Accepted(Stored),
}

struct Case {
    what: String,
    op: Op,
    want: Want,
}

fn case(
    what: impl Into<String>,
    want: Want,
    op: impl Fn(&mut Book) -> Result<String> + 'static,
) -> Case {
    Case {
        what: what.into(),
        op: Box::new(op),
        want,
    }
}

fn refused(code: &'static str) -> Want {
    Want::Refused(code)
}

fn cash_in(
    date: &str,
    amount: &str,
    party: &str,
    memo: &str,
) -> impl Fn(&mut Book) -> Result<String> {
    cash(
        Direction::In,
        Program::Rice,
        date,
        amount,
        party,
        memo,
        None,
    )
}

fn cash(
    direction: Direction,
    program: Program,
    date: &str,
    amount: &str,
    party: &str,
    memo: &str,
    category: Option<&str>,
) -> impl Fn(&mut Book) -> Result<String> {
    let new = NewCash {
        commune: "Phú Hữu".into(),
        program,
        direction,
        date: date.into(),
        amount: amount.into(),
        party: party.into(),
        category: category.map(String::from),
        memo: memo.into(),
    };
    move |b: &mut Book| b.record_cash(&new).map(|v| v.to_string())
}

fn with_commune(commune: &str) -> impl Fn(&mut Book) -> Result<String> {
    let new = NewCash {
        commune: commune.into(),
        program: Program::Rice,
        direction: Direction::In,
        date: "05/11/2026".into(),
        amount: "100.000".into(),
        party: "Bà Tư".into(),
        category: None,
        memo: String::new(),
    };
    move |b: &mut Book| b.record_cash(&new).map(|v| v.to_string())
}

fn rice_in(
    date: &str,
    kg: &str,
    hamlet: Option<&str>,
    households: Option<&str>,
) -> impl Fn(&mut Book) -> Result<String> {
    let new = NewCollection {
        commune: "Phú Hữu".into(),
        date: date.into(),
        kg: kg.into(),
        hamlet: hamlet.map(String::from),
        households: households.map(String::from),
        ..Default::default()
    };
    move |b: &mut Book| b.record_rice_in(&new).map(|v| v.to_string())
}

fn rice_out(kg: &str, household: &str) -> impl Fn(&mut Book) -> Result<String> {
    let new = NewHandout {
        commune: "Phú Hữu".into(),
        date: "20/11/2026".into(),
        kg: kg.into(),
        household: household.into(),
        memo: String::new(),
    };
    move |b: &mut Book| b.record_rice_out(&new).map(|v| v.to_string())
}

fn trip(patient: &str, km: &str, cost: &str) -> impl Fn(&mut Book) -> Result<String> {
    let new = NewTrip {
        commune: "Phú Hữu".into(),
        date: "20/11/2026".into(),
        patient: patient.into(),
        to: "Trung tâm Y tế An Phú".into(),
        km: Some(km.into()),
        fuel_cost: Some(cost.into()),
        ..Default::default()
    };
    move |b: &mut Book| b.record_trip(&new).map(|t| t.number)
}

fn household(name: &str) -> impl Fn(&mut Book) -> Result<String> {
    let name = name.to_string();
    move |b: &mut Book| {
        b.add_household("Phú Hữu", &name, None, Some(HouseholdStatus::KhoKhan))
            .map(|h| h.name)
    }
}

fn void(voucher: &str, reason: &str) -> impl Fn(&mut Book) -> Result<String> {
    let (voucher, reason) = (voucher.to_string(), reason.to_string());
    move |b: &mut Book| b.void_entry(&voucher, &reason, None).map(|v| v.join(","))
}

fn checksum(book: &Book) -> String {
    hex_digest(content(book).as_bytes())
}

fn hex_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The book every case runs on: Phú Hữu with rice, cash, a voided receipt, a closed August, a
/// handed-out collection, a commune that ended in 2025 and a repair project.
fn book() -> Book {
    let mut b = small_book();
    b.record_rice_in(&NewCollection {
        commune: "Phú Hữu".into(),
        date: "15/08/2026".into(),
        kg: "50".into(),
        ..Default::default()
    })
    .expect("august round"); // PN-2026-0001
    b.close_month("Phú Hữu", Month::new(2026, 8).expect("month"))
        .expect("close august");
    b.record_rice_in(&NewCollection {
        commune: "Phú Hữu".into(),
        date: "01/10/2026".into(),
        kg: "100".into(),
        ..Default::default()
    })
    .expect("october round"); // PN-2026-0002
    rice_out("140", "Lê Văn Út")(&mut b).expect("handout"); // PX-2026-0001
    cash_in("01/10/2026", "1.000.000", "Bà Tư", "")(&mut b).expect("gift"); // PT-2026-0001
    cash_in("02/10/2026", "200.000", "Bà Năm", "")(&mut b).expect("gift"); // PT-2026-0002
    b.void_entry("PT-2026-0002", "ghi nhầm", None)
        .expect("void once");
    b.add_commune(&NewCommune {
        name: "Xã Cũ".into(),
        valid_to: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
        ..Default::default()
    })
    .expect("old commune");
    b.add_project(&NewProject {
        commune: "Phú Hữu".into(),
        name: "Cầu Mương Khai".into(),
        kind: "bridge".into(),
        hamlet: None,
        size: "dài 12 m".into(),
        estimate: None,
        start: Some("01/11/2026".into()),
    })
    .expect("project"); // CT-2026-0001
    b
}

fn bad_cases(scratch: &std::path::Path) -> Vec<Case> {
    let mut cases = Vec::new();
    // Impossible, malformed and out-of-range dates.
    for date in [
        "30/02/2026",
        "31/04/2026",
        "29/02/2025",
        "00/10/2026",
        "32/10/2026",
        "01/13/2026",
        "2026-13-01",
        "2026-02-30",
        "hôm qua",
        "",
        "10/2026",
        "05-10-2026",
        "5/10/26",
        "05/10/2026 08:00",
        "٠٥/١٠/٢٠٢٦",
        "０５/１０/２０２６",
        "05/10/+2026",
    ] {
        cases.push(case(
            format!("date {date:?}"),
            refused("invalid_date"),
            cash_in(date, "100.000", "Bà Tư", ""),
        ));
    }
    for date in ["31/12/1999", "01/01/2028", "31/12/9999"] {
        cases.push(case(
            format!("date {date:?}"),
            refused("date_out_of_range"),
            cash_in(date, "100.000", "Bà Tư", ""),
        ));
    }
    // Negative, zero, absurd, overflowing and non-numeric amounts.
    for (amount, code) in [
        ("-100.000", "not_positive"),
        ("-0", "not_positive"),
        ("0", "not_positive"),
        ("000", "not_positive"),
        ("100.000.000.001", "too_large"),
        ("999999999999999999999999999999", "too_large"),
        ("18446744073709551616", "too_large"),
        ("1e6", "invalid_number"),
        ("một trăm nghìn", "invalid_number"),
        ("NaN", "invalid_number"),
        ("∞", "invalid_number"),
        ("1.5000", "invalid_number"),
        ("1,500", "invalid_number"),
        ("100.000,5", "invalid_number"),
        ("0x1F", "invalid_number"),
        ("１００.０００", "invalid_number"),
        ("100.000 USD", "invalid_number"),
        ("$100", "invalid_number"),
        ("1.000.000.000.000.000.000.000.000", "too_large"),
        ("   ", "empty_text"),
    ] {
        cases.push(case(
            format!("amount {amount:?}"),
            refused(code),
            cash_in("05/11/2026", amount, "Bà Tư", ""),
        ));
    }
    for (kg, code) in [
        ("-5", "not_positive"),
        ("0,000", "not_positive"),
        ("100.001", "invalid_number"),
        ("100001", "too_large"),
        ("1,2345", "invalid_number"),
        ("năm ký", "invalid_number"),
    ] {
        cases.push(case(
            format!("rice {kg:?} kg"),
            refused(code),
            rice_in("05/11/2026", kg, None, None),
        ));
    }
    for (households, code) in [
        ("-3", "not_positive"),
        ("ba mươi", "invalid_number"),
        ("1000000", "too_large"),
    ] {
        cases.push(case(
            format!("households {households:?}"),
            refused(code),
            rice_in("05/11/2026", "20", None, Some(households)),
        ));
    }
    for (km, code) in [
        ("5001", "too_large"),
        ("-12", "not_positive"),
        ("12 dặm", "invalid_number"),
    ] {
        cases.push(case(
            format!("distance {km:?}"),
            refused(code),
            trip("Bà Sáu", km, "50.000"),
        ));
    }
    // Very long text and control characters.
    let long_name = "Ngô".repeat(67) + "x"; // 202 characters
    let long_memo = "ủng hộ ".repeat(143); // 1001 characters once trimmed
    cases.push(case(
        "a counterparty of 202 characters",
        refused("text_too_long"),
        cash_in("05/11/2026", "100.000", &long_name, ""),
    ));
    cases.push(case(
        "a memo of 1001 characters",
        refused("text_too_long"),
        cash_in("05/11/2026", "100.000", "Bà Tư", &(long_memo.clone() + "x")),
    ));
    cases.push(case(
        "a household of 202 characters",
        refused("text_too_long"),
        household(&long_name),
    ));
    for (what, party, memo) in [
        ("an escape sequence in a name", "Hoa\u{1b}[31m", ""),
        ("a tab inside a name", "Nguyễn\tVăn A", ""),
        ("a NUL in a memo", "Bà Tư", "dòng 1\u{0}"),
        ("a DEL in a memo", "Bà Tư", "xóa\u{7f}"),
        ("a line break in a memo", "Bà Tư", "dòng 1\ndòng 2"),
        ("a carriage return in a name", "Bà\rTư", ""),
        ("a bell in a memo", "Bà Tư", "\u{7}"),
    ] {
        cases.push(case(
            what,
            refused("control_characters"),
            cash_in("05/11/2026", "100.000", party, memo),
        ));
    }
    cases.push(case(
        "a blank household name",
        refused("empty_text"),
        household("   "),
    ));
    cases.push(case(
        "a blank patient",
        refused("empty_text"),
        trip(" ", "12", "50.000"),
    ));
    // Unknown names.
    cases.push(case(
        "an unknown commune",
        refused("unknown_commune"),
        with_commune("Xã Không Có"),
    ));
    cases.push(case(
        "a commune given as SQL",
        refused("unknown_commune"),
        with_commune("' OR 1=1 --"),
    ));
    cases.push(case(
        "an unknown hamlet",
        refused("unknown_hamlet"),
        rice_in("05/11/2026", "20", Some("Ấp Ma"), None),
    ));
    cases.push(case(
        "an unknown household",
        refused("unknown_household"),
        rice_out("1", "Người Lạ"),
    ));
    cases.push(case(
        "an unknown project",
        refused("unknown_project"),
        |b| {
            b.log_work(
                "Phú Hữu",
                "CT-2026-0099",
                &NewWorkDay {
                    date: "05/11/2026".into(),
                    volunteers: "12".into(),
                    workdays: "12".into(),
                    materials: String::new(),
                    note: String::new(),
                },
            )
            .map(|d| d.volunteers.to_string())
        },
    ));
    for voucher in [
        "PT-2026-9999",
        "không phải số phiếu",
        "PT-2026-0000",
        "PT-26-1",
        "XX-2026-0001",
    ] {
        cases.push(case(
            format!("voiding {voucher:?}"),
            refused("unknown_voucher"),
            void(voucher, "thử"),
        ));
    }
    // Values outside their fixed lists.
    cases.push(case(
        "an unknown category",
        refused("invalid_choice"),
        cash(
            Direction::In,
            Program::Rice,
            "05/11/2026",
            "100.000",
            "Bà Tư",
            "",
            Some("ăn trưa"),
        ),
    ));
    cases.push(case(
        "a payment category on a receipt",
        refused("invalid_choice"),
        cash(
            Direction::In,
            Program::Transport,
            "05/11/2026",
            "100.000",
            "Bà Tư",
            "",
            Some("fuel"),
        ),
    ));
    cases.push(case(
        "an unknown household status",
        refused("invalid_choice"),
        |b| {
            let status = HouseholdStatus::parse("giàu")?;
            b.add_household("Phú Hữu", "Trần Văn Giàu", None, Some(status))
                .map(|h| h.name)
        },
    ));
    cases.push(case(
        "an unknown kind of commune",
        refused("invalid_choice"),
        |b| {
            let kind = CommuneKind::parse("tỉnh")?;
            b.add_commune(&NewCommune {
                name: "Xã Mới".into(),
                kind: Some(kind),
                ..Default::default()
            })
            .map(|c| c.name)
        },
    ));
    cases.push(case(
        "an unknown kind of work",
        refused("invalid_choice"),
        |b| {
            b.add_project(&NewProject {
                commune: "Phú Hữu".into(),
                name: "Nhà văn hóa".into(),
                kind: "nhà".into(),
                hamlet: None,
                size: String::new(),
                estimate: None,
                start: None,
            })
            .map(|p| p.code)
        },
    ));
    cases.push(case(
        "an unknown project status",
        refused("invalid_choice"),
        |b| {
            let status = ProjectStatus::parse("xong rồi")?;
            b.set_project_status("Phú Hữu", "CT-2026-0001", status, "05/11/2026")
                .map(|p| p.code)
        },
    ));
    cases.push(case("negative volunteers", refused("not_positive"), |b| {
        b.log_work(
            "Phú Hữu",
            "CT-2026-0001",
            &NewWorkDay {
                date: "05/11/2026".into(),
                volunteers: "-3".into(),
                workdays: "1".into(),
                materials: String::new(),
                note: String::new(),
            },
        )
        .map(|d| d.volunteers.to_string())
    }));
    // The rules of the books.
    cases.push(case(
        "an entry in a closed month",
        refused("month_closed"),
        rice_in("20/08/2026", "20", None, None),
    ));
    cases.push(case(
        "voiding an entry of a closed month",
        refused("month_closed"),
        void("PN-2026-0001", "ghi nhầm"),
    ));
    cases.push(case(
        "closing a closed month",
        refused("month_state"),
        |b| {
            b.close_month("Phú Hữu", Month::new(2026, 8).expect("month"))
                .map(|_| String::new())
        },
    ));
    cases.push(case(
        "reopening an open month",
        refused("month_state"),
        |b| {
            b.reopen_month("Phú Hữu", Month::new(2026, 9).expect("month"))
                .map(|_| String::new())
        },
    ));
    cases.push(case(
        "voiding twice",
        refused("already_voided"),
        void("PT-2026-0002", "lại"),
    ));
    cases.push(case(
        "voiding without a reason",
        refused("empty_text"),
        void("PT-2026-0001", "  "),
    ));
    cases.push(case(
        "voiding with a reason of 1001 characters",
        refused("text_too_long"),
        void("PT-2026-0001", &(long_memo + "x")),
    ));
    cases.push(case(
        "handing out more rice than the stock",
        refused("stock_too_low"),
        rice_out("10000", "Nguyễn Thị Hoa"),
    ));
    cases.push(case(
        "paying from an empty fund",
        refused("stock_too_low"),
        cash(
            Direction::Out,
            Program::Repair,
            "05/11/2026",
            "50.000.000",
            "Cửa hàng",
            "",
            None,
        ),
    ));
    cases.push(case(
        "voiding a round whose rice was handed out",
        refused("stock_too_low"),
        void("PN-2026-0002", "ghi nhầm"),
    ));
    cases.push(case(
        "an entry in a commune after it ended",
        refused("place_not_valid_on"),
        with_commune("Xã Cũ"),
    ));
    cases.push(case(
        "a commune that already exists",
        refused("duplicate_name"),
        |b| {
            b.add_commune(&NewCommune {
                name: "Phú Hữu".into(),
                ..Default::default()
            })
            .map(|c| c.name)
        },
    ));
    cases.push(case(
        "a hamlet that already exists",
        refused("duplicate_name"),
        |b| b.add_hamlet("Phú Hữu", "Ấp Phú Hiệp").map(|h| h.name),
    ));
    // Paths that escape the folder chosen for them, and files a backup must not overwrite.
    for name in [
        "../so.db",
        "../../etc/passwd",
        "/etc/passwd",
        "..\\..\\so.db",
        "C:\\Windows\\so.db",
        "sao-luu/../../so.db",
        "..",
        "so.db:luồng",
        "so\u{0}.db",
    ] {
        let folder = scratch.to_path_buf();
        cases.push(case(
            format!("export name {name:?}"),
            refused("path_outside_folder"),
            move |_| backup::file_in_folder(&folder, name).map(|p| p.display().to_string()),
        ));
    }
    let theirs = scratch.join("cua-ho.db");
    std::fs::write(&theirs, "của thủ quỹ").expect("their file");
    cases.push(case(
        "a backup over an existing file",
        refused("file_exists"),
        move |b| b.backup_to(&theirs).map(|v| v.fingerprint),
    ));
    let gone = scratch.join("usb-da-rut");
    cases.push(case(
        "a backup into a missing folder",
        refused("unsuitable_folder"),
        move |b| b.backup_into(&gone).map(|(f, _)| f.name),
    ));
    cases
}

fn odd_but_valid_cases() -> Vec<Case> {
    let nfd: String = "Nguyễn Thị Hoà".nfd().collect();
    let nfd_commune: String = "Phú Hữu".nfd().collect();
    let name_200 = "Ngô".repeat(66) + "xy";
    let memo_1000 = "ủng hộ ".repeat(143);
    let memo_1000 = memo_1000.trim_end().to_string();
    assert_eq!(name_200.chars().count(), 200);
    assert_eq!(memo_1000.chars().count(), 1000);
    let mut cases = vec![
        case(
            "a name typed in NFD is stored in NFC, its tone mark placed by the one rule",
            Want::Accepted(Stored::Party("Nguyễn Thị Hòa".nfc().collect())),
            cash_in("05/11/2026", "100.000", &nfd, ""),
        ),
        case(
            "a commune typed in NFD is found",
            Want::Accepted(Stored::Amount(100_000)),
            with_commune(&nfd_commune),
        ),
        case(
            "a commune typed without diacritics is found",
            Want::Accepted(Stored::Amount(100_000)),
            with_commune("phu huu"),
        ),
        case(
            "a commune typed in capitals is found",
            Want::Accepted(Stored::Amount(100_000)),
            with_commune("PHÚ HỮU"),
        ),
        case(
            "SQL in a memo is stored verbatim",
            Want::Accepted(Stored::Memo("Robert'); DROP TABLE movements;--".into())),
            cash_in(
                "05/11/2026",
                "100.000",
                "Bà Tư",
                "Robert'); DROP TABLE movements;--",
            ),
        ),
        case(
            "SQL in a name is stored verbatim",
            Want::Accepted(Stored::Party("' OR '1'='1".into())),
            cash_in("05/11/2026", "100.000", "' OR '1'='1", ""),
        ),
        case(
            "LIKE wildcards and quotes in a memo are stored verbatim",
            Want::Accepted(Stored::Memo("100% \"gạo\" _mới_ \\ ;".into())),
            cash_in("05/11/2026", "100.000", "Bà Tư", "100% \"gạo\" _mới_ \\ ;"),
        ),
        case(
            "emoji in a memo are stored verbatim",
            Want::Accepted(Stored::Memo("Gạo 🌾🍚 cho bà con ❤️ 👨‍👩‍👧".into())),
            cash_in(
                "05/11/2026",
                "100.000",
                "Bà Tư",
                "Gạo 🌾🍚 cho bà con ❤️ 👨‍👩‍👧",
            ),
        ),
        case(
            "a Cham name in Latin letters",
            Want::Accepted(Stored::Party("Mohamad Sa Ly".into())),
            cash_in("05/11/2026", "100.000", "Mohamad Sa Ly", ""),
        ),
        case(
            "a Cham name in Cham script",
            Want::Accepted(Stored::Party("ꨌꩌ ꨚꨰ".into())),
            cash_in("05/11/2026", "100.000", "ꨌꩌ ꨚꨰ", ""),
        ),
        case(
            "a Cham name in Arabic script",
            Want::Accepted(Stored::Party("محمد سلي".into())),
            cash_in("05/11/2026", "100.000", "محمد سلي", ""),
        ),
        case(
            "a Khmer household in Khmer script",
            Want::Accepted(Stored::Household("ស្រី ពៅ".into())),
            household("ស្រី ពៅ"),
        ),
        case(
            "a Khmer household in Latin letters",
            Want::Accepted(Stored::Household("Chau Sóc Khêl".into())),
            household("Chau Sóc Khêl"),
        ),
        case(
            "a Khmer name with a one-letter word",
            Want::Accepted(Stored::Household("Néang Sa Ri".into())),
            household("Néang Sa Ri"),
        ),
        case(
            "a hamlet named in Khmer",
            Want::Accepted(Stored::Hamlet("Phum Srê".into())),
            |b: &mut Book| b.add_hamlet("Phú Hữu", "Phum Srê").map(|h| h.name),
        ),
        case(
            "a name of exactly 200 characters",
            Want::Accepted(Stored::Party(name_200.clone())),
            cash_in("05/11/2026", "100.000", &name_200, ""),
        ),
        case(
            "a memo of exactly 1000 characters",
            Want::Accepted(Stored::Memo(memo_1000.clone())),
            cash_in("05/11/2026", "100.000", "Bà Tư", &memo_1000),
        ),
        case(
            "spaces around and inside a name are tidied",
            Want::Accepted(Stored::Party("Nguyễn Văn Bảy".into())),
            cash_in("05/11/2026", "100.000", "  Nguyễn   Văn  Bảy  ", ""),
        ),
        case(
            "a blank counterparty is the anonymous donor",
            Want::Accepted(Stored::Party("Nhà hảo tâm".into())),
            cash_in("05/11/2026", "100.000", "", ""),
        ),
    ];
    for (amount, stored) in [
        ("1 500 000", 1_500_000),
        ("1\u{a0}500\u{a0}000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1.500.000 đ", 1_500_000),
        ("1.500.000đồng", 1_500_000),
        ("  250.000  ", 250_000),
        ("100.000.000.000", 100_000_000_000),
        ("1", 1),
    ] {
        cases.push(case(
            format!("amount {amount:?}"),
            Want::Accepted(Stored::Amount(stored)),
            cash_in("05/11/2026", amount, "Bà Tư", ""),
        ));
    }
    for (kg, grams) in [
        ("12,5", 12_500),
        ("12.5", 12_500),
        ("0,001", 1),
        ("1.250,75", 1_250_750),
        ("100000", 100_000_000),
        ("12,5 kg", 12_500),
    ] {
        cases.push(case(
            format!("rice {kg:?}"),
            Want::Accepted(Stored::Amount(grams)),
            rice_in("05/11/2026", kg, Some("phu hiep"), None),
        ));
    }
    for (date, stored) in [
        ("5/11/2026", "2026-11-05"),
        ("2026-11-05", "2026-11-05"),
        (" 05/11/2026 ", "2026-11-05"),
        ("29/02/2024", "2024-02-29"),
        ("01/01/2000", "2000-01-01"),
        ("31/12/2027", "2027-12-31"),
    ] {
        cases.push(case(
            format!("date {date:?}"),
            Want::Accepted(Stored::Date(stored)),
            cash_in(date, "100.000", "Bà Tư", ""),
        ));
    }
    cases
}

fn last_movement(book: &Book) -> (i64, String, Option<String>, String) {
    book.connection()
        .query_row(
            "SELECT m.amount, m.memo, p.name, m.date FROM movements m
             LEFT JOIN parties p ON p.id = m.party_id ORDER BY m.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("last movement")
}

fn last_name(book: &Book, table: &str) -> String {
    book.connection()
        .query_row(
            &format!("SELECT name FROM {table} ORDER BY id DESC LIMIT 1"),
            [],
            |r| r.get(0),
        )
        .expect("last name")
}

#[test]
fn every_bad_input_is_refused_with_its_code_and_changes_nothing() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let mut book = book();
    let cases = bad_cases(scratch.path());
    assert!(
        cases.len() >= 80,
        "the table holds {} bad inputs",
        cases.len()
    );
    let mut failures = Vec::new();
    for c in &cases {
        let Want::Refused(code) = c.want else {
            continue;
        };
        let before = checksum(&book);
        match (c.op)(&mut book) {
            Ok(v) => failures.push(format!("{}: accepted ({v})", c.what)),
            Err(e) => {
                if e.code() != code {
                    failures.push(format!("{}: {} instead of {code}: {e}", c.what, e.code()));
                }
                let (vi, en) = (e.to_string(), e.message(Lang::En));
                if vi.trim().is_empty() || en.trim().is_empty() || vi == en {
                    failures.push(format!("{}: messages “{vi}” / “{en}”", c.what));
                }
                if !e.is_refusal() {
                    failures.push(format!("{}: a storage fault, not a refusal: {e}", c.what));
                }
            }
        }
        if checksum(&book) != before {
            failures.push(format!("{}: the book changed", c.what));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(book.check().expect("check").ok());
    eprintln!("bad inputs refused: {}", cases.len());
}

#[test]
fn odd_but_valid_input_is_accepted_and_stored_as_the_books_keep_it() {
    let mut book = book();
    let cases = odd_but_valid_cases();
    let mut failures = Vec::new();
    for c in &cases {
        let Want::Accepted(stored) = &c.want else {
            continue;
        };
        if let Err(e) = (c.op)(&mut book) {
            failures.push(format!("{}: refused [{}] {e}", c.what, e.code()));
            continue;
        }
        let (amount, memo, party, date) = last_movement(&book);
        let ok = match stored {
            Stored::Memo(m) => &memo == m,
            Stored::Party(p) => party.as_deref() == Some(p.as_str()),
            Stored::Amount(a) => amount == *a,
            Stored::Date(d) => date == *d,
            Stored::Household(h) => &last_name(&book, "households") == h,
            Stored::Hamlet(h) => &last_name(&book, "hamlets") == h,
        };
        if !ok {
            failures.push(format!(
                "{}: stored amount {amount}, memo {memo:?}, party {party:?}, date {date}, household {:?}",
                c.what,
                last_name(&book, "households")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let tables: i64 = book
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'movements'",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert_eq!(tables, 1, "SQL-looking text did nothing but sit in a memo");
    assert!(book.check().expect("check").ok());
    eprintln!("odd but valid inputs accepted: {}", cases.len());
}

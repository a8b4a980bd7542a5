//! A small book with known answers, shared by the report tests.
//!
//! Xã Phú Hữu, January and February 2026, every model; Xã Vĩnh Lộc with one rice round in
//! February. The expected figures of February are written beside the entries that make them.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use sotinhthuong::ledger::NewCash;
use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::repair::{NewProject, NewProjectMoney, NewWorkDay, ProjectStatus};
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::settings::Office;
use sotinhthuong::transport::NewTrip;
use sotinhthuong::{Book, CommuneId, CommuneKind, Direction, Month, NewCommune, Program, Source};
use std::sync::Arc;

/// 05/02/2026 10:00 in Vietnam.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 5, 3, 0, 0)
        .single()
        .expect("a real instant")
}

pub fn february() -> Month {
    Month::new(2026, 2).expect("a real month")
}

pub fn january() -> Month {
    Month::new(2026, 1).expect("a real month")
}

/// The book and the ids a test needs.
pub struct Fixture {
    pub book: Book,
    pub phu_huu: CommuneId,
    pub vinh_loc: CommuneId,
    /// The donation voucher of the first trip (300.000 đ from Nguyễn Văn Hùng).
    pub trip_donation: String,
    /// The February collection round of ấp Phú Thạnh (750,5 kg, 30 households).
    pub february_round: String,
}

fn cash(
    program: Program,
    direction: Direction,
    date: &str,
    amount: &str,
    party: &str,
    category: Option<&str>,
) -> NewCash {
    NewCash {
        commune: "Phú Hữu".into(),
        program,
        direction,
        date: date.into(),
        amount: amount.into(),
        party: party.into(),
        category: category.map(str::to_string),
        memo: String::new(),
    }
}

fn handout(date: &str, kg: &str, household: &str) -> NewHandout {
    NewHandout {
        commune: "Phú Hữu".into(),
        date: date.into(),
        kg: kg.into(),
        household: household.into(),
        memo: String::new(),
    }
}

fn trip(date: &str, patient: &str, to: &str, km: &str, fuel: &str, driver: &str) -> NewTrip {
    NewTrip {
        commune: "Phú Hữu".into(),
        date: date.into(),
        patient: patient.into(),
        to: to.into(),
        km: Some(km.into()),
        from_hamlet: Some("Phú Hiệp".into()),
        driver: Some(driver.into()),
        vehicle: Some("Xe cứu thương 67A-123.45".into()),
        purpose: "Khám bệnh".into(),
        fuel_cost: Some(fuel.into()),
        ..NewTrip::default()
    }
}

/// Builds the small book. Expected February figures of Xã Phú Hữu:
/// - rice (kg): opening 790, in 850,5 (750,5 + 100), out 32,5 (12,5 + 10 + 10; a voided 10 not
///   counted), closing 1.608; households gave 30, received 2;
/// - rice cash: opening 2.000.000, out 500.000 (handout), closing 1.500.000;
/// - transport cash: opening 3.000.000, in 300.000, out 1.700.000 (a voided trip's 50.000 not
///   counted), closing 1.600.000; 3 trips, 2 patients, 468 km;
/// - repair cash: opening 5.000.000, in 4.000.000, out 5.100.000, closing 3.900.000; one project
///   finished, one active, 17,5 workdays, 18 volunteer turns.
pub fn small_book() -> Fixture {
    let clock = Arc::new(now);
    let mut book = Book::open_in_memory(Source::Test)
        .expect("an empty book")
        .with_clock(clock)
        .with_actor("kiểm thử");
    let commune = |name: &str| NewCommune {
        name: name.into(),
        kind: Some(CommuneKind::Xa),
        district: "An Phú".into(),
        province: "An Giang".into(),
        valid_from: None,
        valid_to: None,
    };
    let phu_huu = book.add_commune(&commune("Phú Hữu")).expect("commune").id;
    let vinh_loc = book.add_commune(&commune("Vĩnh Lộc")).expect("commune").id;
    book.set_office(&Office {
        parent_body: "UBND tỉnh An Giang".into(),
        issuing_body: "Ủy ban nhân dân xã Phú Hữu".into(),
        organisation: "Ban công tác Mặt trận xã Phú Hữu".into(),
        place: "Phú Hữu".into(),
        preparer: "Nguyễn Thị Lan".into(),
        accountant: "Trần Văn Nam".into(),
        cashier: "Lê Thị Hoa".into(),
        chairman: "Phạm Văn Dũng".into(),
    })
    .expect("office");
    for h in ["Phú Hiệp", "Phú Thạnh"] {
        book.add_hamlet("Phú Hữu", h).expect("hamlet");
    }
    book.add_hamlet("Vĩnh Lộc", "Vĩnh Thạnh").expect("hamlet");
    for (name, hamlet) in [
        ("Nguyễn Văn An", "Phú Hiệp"),
        ("Trần Thị Bình", "Phú Thạnh"),
        ("Lê Văn Cúc", "Phú Hiệp"),
    ] {
        book.add_household("Phú Hữu", name, Some(hamlet), Some(HouseholdStatus::Ngheo))
            .expect("household");
    }

    // January: the history the February opening balances stand on.
    book.record_rice_in(&NewCollection {
        commune: "Phú Hữu".into(),
        date: "15/01/2026".into(),
        kg: "800".into(),
        hamlet: Some("Phú Hiệp".into()),
        households: Some("35".into()),
        ..NewCollection::default()
    })
    .expect("January round");
    book.record_rice_out(&handout("20/01/2026", "10", "Nguyễn Văn An"))
        .expect("January handout");
    book.record_cash(&cash(
        Program::Rice,
        Direction::In,
        "10/01/2026",
        "2.000.000",
        "Công ty TNHH Lương thực Phú Hữu",
        None,
    ))
    .expect("rice cash gift");
    book.record_cash(&cash(
        Program::Transport,
        Direction::In,
        "12/01/2026",
        "3.000.000",
        "",
        None,
    ))
    .expect("transport gift");
    book.add_project(&NewProject {
        commune: "Phú Hữu".into(),
        name: "Cầu Rạch Chanh".into(),
        kind: "bridge".into(),
        hamlet: Some("Phú Hiệp".into()),
        size: "dài 12 m, rộng 2 m".into(),
        estimate: Some("10.000.000".into()),
        start: Some("20/01/2026".into()),
    })
    .expect("project");
    let money = |date: &str, amount: &str, party: &str, category: Option<&str>| NewProjectMoney {
        date: date.into(),
        amount: amount.into(),
        party: party.into(),
        category: category.map(str::to_string),
        memo: String::new(),
    };
    book.record_project_money(
        "Phú Hữu",
        "CT-2026-0001",
        Direction::In,
        &money(
            "25/01/2026",
            "5.000.000",
            "Công ty TNHH Lương thực Phú Hữu",
            None,
        ),
    )
    .expect("project gift");

    // February.
    let february_round = book
        .record_rice_in(&NewCollection {
            commune: "Phú Hữu".into(),
            date: "01/02/2026".into(),
            kg: "750,5".into(),
            hamlet: Some("Phú Thạnh".into()),
            households: Some("30".into()),
            ..NewCollection::default()
        })
        .expect("February round")
        .to_string();
    book.record_rice_in(&NewCollection {
        commune: "Phú Hữu".into(),
        date: "03/02/2026".into(),
        kg: "100".into(),
        party: Some("Chùa Phước Long".into()),
        ..NewCollection::default()
    })
    .expect("rice gift");
    book.record_rice_out(&handout("04/02/2026", "12,5", "Nguyễn Văn An"))
        .expect("handout");
    book.record_rice_out(&handout("04/02/2026", "10", "Trần Thị Bình"))
        .expect("handout");
    book.record_rice_out(&handout("04/02/2026", "10", "Nguyễn Văn An"))
        .expect("handout");
    let wrong = book
        .record_rice_out(&handout("04/02/2026", "10", "Lê Văn Cúc"))
        .expect("handout");
    book.void_entry(&wrong.to_string(), "Ghi nhầm hộ", Some("Phú Hữu"))
        .expect("void handout");
    book.record_cash(&cash(
        Program::Rice,
        Direction::Out,
        "04/02/2026",
        "500.000",
        "Trần Thị Bình",
        Some("handout"),
    ))
    .expect("cash handout");

    let mut first = trip(
        "02/02/2026",
        "Lê Thị Mai",
        "Bệnh viện Chợ Rẫy",
        "230",
        "800.000",
        "Võ Văn Tài",
    );
    first.donation = Some("300.000".into());
    first.donor = Some("Nguyễn Văn Hùng".into());
    let first = book.record_trip(&first).expect("trip");
    let trip_donation = first
        .vouchers
        .iter()
        .find(|v| v.starts_with("PT"))
        .cloned()
        .expect("a donation voucher");
    book.record_trip(&trip(
        "03/02/2026",
        "Sa Ly",
        "Trung tâm Y tế An Phú",
        "8",
        "100.000",
        "Hồ Văn Lộc",
    ))
    .expect("trip");
    book.record_trip(&trip(
        "04/02/2026",
        "Lê Thị Mai",
        "Bệnh viện Chợ Rẫy",
        "230",
        "800.000",
        "Võ Văn Tài",
    ))
    .expect("trip");
    let wrong = book
        .record_trip(&trip(
            "04/02/2026",
            "Mohamad Ali",
            "Trung tâm Y tế An Phú",
            "8",
            "50.000",
            "Hồ Văn Lộc",
        ))
        .expect("trip");
    book.void_entry(
        &wrong.number,
        "Chuyến bị hủy, bệnh nhân tự đi",
        Some("Phú Hữu"),
    )
    .expect("void trip");

    book.record_project_money(
        "Phú Hữu",
        "CT-2026-0001",
        Direction::In,
        &money("02/02/2026", "3.000.000", "", None),
    )
    .expect("project gift");
    book.record_project_money(
        "Phú Hữu",
        "CT-2026-0001",
        Direction::In,
        &money(
            "02/02/2026",
            "1.000.000",
            "Công ty TNHH Lương thực Phú Hữu",
            None,
        ),
    )
    .expect("project gift");
    book.record_project_money(
        "Phú Hữu",
        "CT-2026-0001",
        Direction::Out,
        &money(
            "03/02/2026",
            "4.500.000",
            "Cửa hàng VLXD Hưng Phát",
            Some("materials"),
        ),
    )
    .expect("project cost");
    book.record_project_money(
        "Phú Hữu",
        "CT-2026-0001",
        Direction::Out,
        &money(
            "04/02/2026",
            "600.000",
            "Tổ thợ ấp Phú Hiệp",
            Some("labour"),
        ),
    )
    .expect("project cost");
    let day = |date: &str, volunteers: &str, workdays: &str, materials: &str| NewWorkDay {
        date: date.into(),
        volunteers: volunteers.into(),
        workdays: workdays.into(),
        materials: materials.into(),
        note: String::new(),
    };
    book.log_work(
        "Phú Hữu",
        "CT-2026-0001",
        &day("02/02/2026", "8", "8", "20 bao xi măng, 1 m³ cát"),
    )
    .expect("work day");
    book.log_work(
        "Phú Hữu",
        "CT-2026-0001",
        &day("03/02/2026", "6", "5,5", "50 kg sắt"),
    )
    .expect("work day");
    book.set_project_status("Phú Hữu", "CT-2026-0001", ProjectStatus::Done, "04/02/2026")
        .expect("finish");
    book.add_project(&NewProject {
        commune: "Phú Hữu".into(),
        name: "Đường ấp Phú Thạnh".into(),
        kind: "road".into(),
        hamlet: Some("Phú Thạnh".into()),
        size: "dài 150 m".into(),
        estimate: None,
        start: Some("01/02/2026".into()),
    })
    .expect("project");
    book.log_work("Phú Hữu", "CT-2026-0002", &day("04/02/2026", "4", "4", ""))
        .expect("work day");

    book.record_rice_in(&NewCollection {
        commune: "Vĩnh Lộc".into(),
        date: "01/02/2026".into(),
        kg: "300".into(),
        hamlet: Some("Vĩnh Thạnh".into()),
        households: Some("12".into()),
        ..NewCollection::default()
    })
    .expect("Vĩnh Lộc round");

    Fixture {
        book,
        phu_huu,
        vinh_loc,
        trip_donation,
        february_round,
    }
}

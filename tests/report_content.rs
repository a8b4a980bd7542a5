//! Content of every report on a small book with known answers (see `report_support`).

mod report_support;

use report_support::{february, january, now, small_book};
use sotinhthuong::ledger::Category;
use sotinhthuong::report::{self, Amount, Period};
use sotinhthuong::{Asset, Kg, Km, Program, Vnd};

fn vnd(n: i64) -> Amount {
    Amount::Cash(Vnd::from_stored(n))
}

fn kg(grams: i64) -> Amount {
    Amount::Rice(Kg::from_stored(grams))
}

#[test]
fn the_monthly_summary_gives_each_fund_its_opening_flows_and_closing() {
    let f = small_book();
    let s = report::monthly_summary(&f.book, f.phu_huu, february(), now()).expect("summary");
    let rice = s.fund(Program::Rice, Asset::Rice).expect("rice fund");
    assert_eq!(
        rice.opening,
        kg(790_000),
        "800 kg in and 10 kg out in January"
    );
    assert_eq!(rice.total_in, kg(850_500));
    assert_eq!(
        rice.total_out,
        kg(32_500),
        "the voided 10 kg handout is not counted"
    );
    assert_eq!(rice.closing, kg(1_608_000));
    let by_category: Vec<(Category, Amount)> = rice
        .receipts
        .iter()
        .map(|c| (c.category, c.amount))
        .collect();
    assert_eq!(
        by_category,
        vec![
            (Category::Donation, kg(100_000)),
            (Category::Collection, kg(750_500))
        ]
    );
    let rice_cash = s.fund(Program::Rice, Asset::Cash).expect("rice cash");
    assert_eq!(
        (
            rice_cash.opening,
            rice_cash.total_in,
            rice_cash.total_out,
            rice_cash.closing
        ),
        (vnd(2_000_000), vnd(0), vnd(500_000), vnd(1_500_000))
    );
    let transport = s.fund(Program::Transport, Asset::Cash).expect("transport");
    assert_eq!(
        (
            transport.opening,
            transport.total_in,
            transport.total_out,
            transport.closing
        ),
        (vnd(3_000_000), vnd(300_000), vnd(1_700_000), vnd(1_600_000)),
        "the voided trip's 50.000 đ of fuel is not counted"
    );
    let repair = s.fund(Program::Repair, Asset::Cash).expect("repair");
    assert_eq!(
        (
            repair.opening,
            repair.total_in,
            repair.total_out,
            repair.closing
        ),
        (
            vnd(5_000_000),
            vnd(4_000_000),
            vnd(5_100_000),
            vnd(3_900_000)
        )
    );
    assert_eq!(
        s.totals(Asset::Cash),
        (10_000_000, 4_300_000, 7_300_000, 7_000_000)
    );
    assert_eq!(s.funds.len(), 4, "only the four usual funds hold anything");
}

#[test]
fn the_monthly_summary_counts_households_trips_and_repairs_of_the_month() {
    let f = small_book();
    let s = report::monthly_summary(&f.book, f.phu_huu, february(), now()).expect("summary");
    assert_eq!(s.rice.rounds, 2);
    assert_eq!(
        s.rice.households_gave, 30,
        "only the round counted its households"
    );
    assert_eq!(s.rice.handouts, 3);
    assert_eq!(
        s.rice.households_received, 2,
        "Nguyễn Văn An twice, Trần Thị Bình once"
    );
    let t = &s.transport;
    assert_eq!(
        (t.trips, t.patients, t.km),
        (3, 2, Km::from_stored(468_000))
    );
    assert_eq!(
        (t.cost, t.donations),
        (Vnd::from_stored(1_700_000), Vnd::from_stored(300_000))
    );
    let cho_ray = &t.by_destination[0];
    assert_eq!(
        (
            cho_ray.destination.as_str(),
            cho_ray.trips,
            cho_ray.patients,
            cho_ray.km,
            cho_ray.cost
        ),
        (
            "Bệnh viện Chợ Rẫy",
            2,
            1,
            Km::from_stored(460_000),
            Vnd::from_stored(1_600_000)
        )
    );
    let r = &s.repair;
    assert_eq!(r.finished.len(), 1);
    assert_eq!(r.finished[0].code, "CT-2026-0001");
    assert_eq!(
        r.finished[0].received,
        Vnd::from_stored(4_000_000),
        "only February's gifts"
    );
    assert_eq!(r.active.len(), 1);
    assert_eq!(r.active[0].code, "CT-2026-0002");
    assert_eq!(r.workdays.0, 175, "8 + 5,5 + 4 workdays");
    assert_eq!(r.volunteers, 18);
    assert_eq!(r.spending, Vnd::from_stored(5_100_000));
    assert_eq!(r.materials.len(), 2);
    assert_eq!(
        s.meta.fingerprint,
        sotinhthuong::audit::fingerprint(f.book.connection()).expect("fp")
    );
    assert_eq!(s.meta.place_date(), "Phú Hữu, ngày 05 tháng 02 năm 2026");
}

#[test]
fn opening_balances_come_from_the_month_totals_not_from_a_recount() {
    let f = small_book();
    // why: if the report recounted January's movements it would still say 790 kg; reading the
    // kept month totals it follows them.
    f.book
        .connection()
        .execute(
            "UPDATE month_totals SET total_in = total_in + 1000
             WHERE commune_id = ?1 AND program = 'rice' AND asset = 'rice' AND month = '2026-01'",
            [f.phu_huu.0],
        )
        .expect("tamper");
    let s = report::monthly_summary(&f.book, f.phu_huu, february(), now()).expect("summary");
    assert_eq!(
        s.fund(Program::Rice, Asset::Rice).map(|r| r.opening),
        Some(kg(791_000))
    );
}

#[test]
fn the_overview_sets_communes_side_by_side_with_their_sum() {
    let f = small_book();
    let o = report::monthly_overview(&f.book, february(), now()).expect("overview");
    assert_eq!(o.communes.len(), 2);
    assert_eq!(o.communes[1].commune, "Xã Vĩnh Lộc");
    assert_eq!(o.communes[1].rice_in, Kg::from_stored(300_000));
    assert_eq!(o.total.rice_in, Kg::from_stored(1_150_500));
    assert_eq!(o.total.rice_closing, Kg::from_stored(1_908_000));
    assert_eq!(o.total.households_gave, 42);
    assert_eq!(o.total.cash_closing, Vnd::from_stored(7_000_000));
    assert_eq!(o.total.trips, 3);
    assert_eq!(o.total.workdays.0, 175);
}

#[test]
fn the_fund_book_lists_every_voucher_with_a_running_balance_and_month_totals() {
    let f = small_book();
    let b = report::fund_book(
        &f.book,
        f.phu_huu,
        Program::Transport,
        Asset::Cash,
        Period::Month(february()),
        now(),
    )
    .expect("fund book");
    assert_eq!(b.months.len(), 1);
    let m = &b.months[0];
    assert_eq!(m.opening, vnd(3_000_000));
    assert_eq!(m.entries.len(), 5, "four live entries and the voided fuel");
    assert_eq!(
        (m.total_in, m.total_out, m.closing),
        (vnd(300_000), vnd(1_700_000), vnd(1_600_000))
    );
    assert_eq!(
        (m.year_in, m.year_out),
        (vnd(3_300_000), vnd(1_700_000)),
        "January's 3.000.000 đ included"
    );
    let void: Vec<_> = m
        .entries
        .iter()
        .filter(|e| e.void_reason.is_some())
        .collect();
    assert_eq!(void.len(), 1);
    assert_eq!(
        void[0].payment,
        Some(vnd(50_000)),
        "the voided entry shows its amount"
    );
    assert_eq!(void[0].balance, None, "and takes no part in the balance");
    assert!(void[0].voucher.starts_with("PC-2026-"));
    assert_eq!(
        m.entries.iter().rev().find_map(|e| e.balance),
        Some(vnd(1_600_000)),
        "the last live entry ends at the closing"
    );
    let live = m.entries.iter().filter(|e| e.void_reason.is_none()).count();
    assert_eq!(live, 4);
}

#[test]
fn a_year_fund_book_has_a_block_per_month_up_to_the_day_it_is_printed() {
    let f = small_book();
    let b = report::fund_book(
        &f.book,
        f.phu_huu,
        Program::Repair,
        Asset::Cash,
        Period::Year(2026),
        now(),
    )
    .expect("fund book");
    let months: Vec<_> = b.months.iter().map(|m| m.month).collect();
    assert_eq!(months, vec![january(), february()]);
    assert_eq!(b.months[0].closing, vnd(5_000_000));
    assert_eq!(b.months[1].opening, vnd(5_000_000));
    assert_eq!(
        (b.opening, b.total_in, b.total_out, b.closing),
        (vnd(0), vnd(9_000_000), vnd(5_100_000), vnd(3_900_000))
    );
    assert_eq!(b.months[1].year_in, vnd(9_000_000));
}

#[test]
fn the_rice_book_shows_lunar_dates_and_the_running_stock() {
    let f = small_book();
    let b = report::rice_book(&f.book, f.phu_huu, february(), now()).expect("rice book");
    assert_eq!(b.opening, Kg::from_stored(790_000));
    assert_eq!(b.rows.len(), 6);
    assert_eq!(
        b.rows[0].lunar, "14/12/2025 ÂL",
        "01/02/2026 is the 14th of the last lunar month"
    );
    assert_eq!(b.rows[0].stock, Some(Kg::from_stored(1_540_500)));
    assert_eq!(
        (b.total_in, b.total_out, b.closing),
        (
            Kg::from_stored(850_500),
            Kg::from_stored(32_500),
            Kg::from_stored(1_608_000)
        )
    );
    assert_eq!(b.rows.iter().filter(|r| r.void_reason.is_some()).count(), 1);
    assert_eq!(b.households_gave, 30);
}

#[test]
fn the_trip_log_totals_by_driver_vehicle_and_destination_without_voided_trips() {
    let f = small_book();
    let t = report::trip_log(&f.book, f.phu_huu, february(), now()).expect("trip log");
    assert_eq!(t.trips.len(), 4, "the voided trip is listed");
    assert_eq!(
        (t.total.trips, t.total.patients, t.total.km),
        (3, 2, Km::from_stored(468_000))
    );
    assert_eq!(t.total.cost, Vnd::from_stored(1_700_000));
    let drivers: Vec<(&str, i64, Vnd)> = t
        .by_driver
        .iter()
        .map(|d| (d.name.as_str(), d.trips, d.cost))
        .collect();
    assert_eq!(
        drivers,
        vec![
            ("Võ Văn Tài", 2, Vnd::from_stored(1_600_000)),
            ("Hồ Văn Lộc", 1, Vnd::from_stored(100_000))
        ]
    );
    assert_eq!(t.by_vehicle.len(), 1);
    assert_eq!(t.by_vehicle[0].km, Km::from_stored(468_000));
    assert_eq!(t.by_destination.len(), 2);
}

#[test]
fn the_project_settlement_sums_contributions_by_donor_and_costs_by_category() {
    let f = small_book();
    let p =
        report::project_settlement(&f.book, f.phu_huu, "CT-2026-0001", now()).expect("settlement");
    let donors: Vec<(&str, Vnd, usize)> = p
        .contributions
        .iter()
        .map(|d| (d.donor.as_str(), d.amount, d.vouchers.len()))
        .collect();
    assert_eq!(
        donors,
        vec![
            (
                "Công ty TNHH Lương thực Phú Hữu",
                Vnd::from_stored(6_000_000),
                2
            ),
            ("Nhà hảo tâm", Vnd::from_stored(3_000_000), 1)
        ]
    );
    let costs: Vec<(Category, Vnd)> = p.costs.iter().map(|c| (c.category, c.amount)).collect();
    assert_eq!(
        costs,
        vec![
            (Category::Materials, Vnd::from_stored(4_500_000)),
            (Category::Labour, Vnd::from_stored(600_000))
        ]
    );
    assert_eq!(
        (p.total_received, p.total_spent, p.balance),
        (
            Vnd::from_stored(9_000_000),
            Vnd::from_stored(5_100_000),
            Vnd::from_stored(3_900_000)
        )
    );
    assert_eq!((p.workdays.0, p.volunteers), (135, 14));
    assert_eq!(p.work_log.len(), 2);
    assert_eq!(p.vouchers.len(), 5);
}

#[test]
fn the_disclosure_list_names_givers_and_the_households_supported() {
    let f = small_book();
    let d = report::disclosure_list(&f.book, f.phu_huu, february(), now()).expect("disclosure");
    let names: Vec<&str> = d.givers.iter().map(|g| g.name.as_str()).collect();
    assert!(names.contains(&"Bà con ấp Phú Thạnh (30 hộ)"), "{names:?}");
    assert!(
        names.contains(&"Nhà hảo tâm"),
        "anonymous gifts are printed as such: {names:?}"
    );
    assert!(names.contains(&"Chùa Phước Long"));
    assert_eq!(
        (d.given_cash, d.given_rice),
        (Vnd::from_stored(4_300_000), Kg::from_stored(850_500))
    );
    let receivers: Vec<(&str, Kg, Vnd, i64)> = d
        .receivers
        .iter()
        .map(|r| (r.name.as_str(), r.rice, r.cash, r.times))
        .collect();
    assert_eq!(
        receivers,
        vec![
            ("Nguyễn Văn An", Kg::from_stored(22_500), Vnd::ZERO, 2),
            (
                "Trần Thị Bình",
                Kg::from_stored(10_000),
                Vnd::from_stored(500_000),
                2
            )
        ],
        "the cash handout to Trần Thị Bình joins her household's rice"
    );
    assert_eq!(
        (d.received_rice, d.received_cash),
        (Kg::from_stored(32_500), Vnd::from_stored(500_000))
    );
}

#[test]
fn a_donor_receipt_states_the_amount_in_figures_and_words() {
    let f = small_book();
    let r = report::donor_receipt(&f.book, f.phu_huu, &f.trip_donation, now()).expect("receipt");
    assert_eq!(r.donor, "Nguyễn Văn Hùng");
    assert_eq!(r.amount, vnd(300_000));
    assert_eq!(r.amount_words, "Ba trăm nghìn đồng");
    assert_eq!(r.program, Program::Transport);
    let rice =
        report::donor_receipt(&f.book, f.phu_huu, &f.february_round, now()).expect("rice receipt");
    assert_eq!(rice.donor, "Bà con ấp Phú Thạnh (30 hộ)");
    assert_eq!(rice.amount_words, "Bảy trăm năm mươi phẩy năm ki-lô-gam");
    assert_eq!(rice.lunar, "14/12/2025 ÂL");
}

#[test]
fn a_receipt_is_refused_for_a_payment_voucher_and_an_unknown_number() {
    let f = small_book();
    let paid = report::donor_receipt(&f.book, f.phu_huu, "PC-2026-0001", now());
    assert_eq!(paid.err().map(|e| e.code()), Some("invalid_choice"));
    let missing = report::donor_receipt(&f.book, f.phu_huu, "PT-2026-0099", now());
    assert_eq!(missing.err().map(|e| e.code()), Some("unknown_voucher"));
}

#[test]
fn a_report_of_an_empty_month_is_all_zeros_not_an_error() {
    let f = small_book();
    let march = sotinhthuong::Month::new(2026, 3).expect("month");
    let s = report::monthly_summary(&f.book, f.vinh_loc, march, now()).expect("summary");
    assert_eq!(
        s.fund(Program::Rice, Asset::Rice).map(|r| r.opening),
        Some(kg(300_000))
    );
    assert_eq!(
        s.fund(Program::Rice, Asset::Rice).map(|r| r.closing),
        Some(kg(300_000))
    );
    assert_eq!(s.transport.trips, 0);
    let html = String::from_utf8(
        report::render(&report::Report::Monthly(s), report::Format::Html).expect("html"),
    )
    .expect("utf-8");
    assert!(html.contains("Không có số liệu trong kỳ"));
}

#[test]
fn a_project_is_found_by_its_name_without_diacritics_and_an_unknown_one_is_refused() {
    let f = small_book();
    let p = report::project_settlement(&f.book, f.phu_huu, "cau rach chanh", now())
        .expect("found by name");
    assert_eq!(p.project.code, "CT-2026-0001");
    assert_eq!(
        p.project.received,
        Vnd::from_stored(9_000_000),
        "the project's own totals are filled in"
    );
    assert_eq!(p.project.workdays_tenths, 135);
    let missing = report::project_settlement(&f.book, f.phu_huu, "CT-2026-0099", now());
    assert_eq!(missing.err().map(|e| e.code()), Some("unknown_project"));
}

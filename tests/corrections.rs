//! Corrections of names: a misspelt household, hamlet, donor, driver, vehicle or destination is
//! renamed, a household moves, two donors that are one person are merged. Entries stay linked
//! and print under the new name; each correction is audited before and after; the rules of
//! adding still hold; a refusal changes nothing.

mod common;

use common::{content, rice_out, small_book};
use sotinhthuong::corrections::Register;
use sotinhthuong::transport::NewTrip;
use sotinhthuong::{Direction, Month, NewCash, Program};

fn gift(book: &mut sotinhthuong::Book, party: &str, amount: &str) -> String {
    book.record_cash(&NewCash {
        commune: "Phú Hữu".into(),
        program: Program::Rice,
        direction: Direction::In,
        date: "02/11/2026".into(),
        amount: amount.into(),
        party: party.into(),
        category: None,
        memo: String::new(),
    })
    .expect("gift")
    .to_string()
}

fn last_audit(book: &sotinhthuong::Book) -> (String, String, String) {
    book.connection()
        .query_row(
            "SELECT action, ifnull(before, ''), ifnull(after, '') FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("audit")
}

#[test]
fn a_household_renamed_keeps_its_handouts_and_prints_under_the_new_name() {
    let mut book = small_book();
    common::rice_in(&mut book, "01/11/2026", "100").expect("rice in");
    rice_out(&mut book, "05/11/2026", "10").expect("handout to Nguyễn Thị Hoa");
    let c = book.find_commune("Phú Hữu").expect("commune");
    let h = book
        .find_household(&c, "Nguyễn Thị Hoa")
        .expect("household");
    let renamed = book
        .rename_household(h.id, "Nguyễn Thị Hòa")
        .expect("the clerk corrects the tone mark");
    assert_eq!(renamed.name, "Nguyễn Thị Hòa");
    let (action, before, after) = last_audit(&book);
    assert_eq!(action, "rename");
    assert!(before.contains("Nguyễn Thị Hoa") && after.contains("Nguyễn Thị Hòa"));
    let rows = book
        .month_movements(c.id, Month::new(2026, 11).expect("m"))
        .expect("rows");
    let handout = rows
        .iter()
        .find(|r| r.voucher.starts_with("PX"))
        .expect("PX");
    assert_eq!(
        handout.household.as_deref(),
        Some("Nguyễn Thị Hòa"),
        "printed under the new name"
    );
    assert!(book.check().expect("check").ok());
    // A twin in the hamlet is still refused, by renaming too.
    book.add_household("Phú Hữu", "Trần Văn Sáu", Some("Ấp Phú Hiệp"), None)
        .expect("another household");
    let before = content(&book);
    let six = book.find_household(&c, "Trần Văn Sáu").expect("found");
    let err = book
        .rename_household(six.id, "Nguyễn Thị Hoà")
        .expect_err("a twin of the renamed household");
    assert_eq!(err.code(), "duplicate_household", "{err}");
    assert_eq!(content(&book), before);
}

#[test]
fn a_household_moves_to_another_hamlet_unless_its_name_is_taken_there() {
    let mut book = small_book();
    book.add_hamlet("Phú Hữu", "Ấp Phú Lợi").expect("hamlet");
    book.add_household("Phú Hữu", "Lê Văn Út", Some("Ấp Phú Lợi"), None)
        .expect("a namesake in the other hamlet");
    let c = book.find_commune("Phú Hữu").expect("c");
    let hoa = book.find_household(&c, "Nguyễn Thị Hoa").expect("hoa");
    let loi = book.find_hamlet(&c, "Phú Lợi").expect("hamlet");
    let moved = book.move_household(hoa.id, Some(loi.id)).expect("moved");
    assert_eq!(moved.hamlet.as_deref(), Some("Ấp Phú Lợi"));
    let ut = book
        .find_household(&c, "Lê Văn Út (chưa có ấp)")
        .expect("út");
    let before = content(&book);
    let err = book.move_household(ut.id, Some(loi.id)).expect_err("twins");
    assert_eq!(err.code(), "duplicate_household");
    assert_eq!(content(&book), before);
}

#[test]
fn a_hamlet_renamed_may_not_print_like_another() {
    let mut book = small_book();
    book.add_hamlet("Phú Hữu", "Ấp Phú Lợi").expect("hamlet");
    let c = book.find_commune("Phú Hữu").expect("c");
    let hiep = book.find_hamlet(&c, "Phú Hiệp").expect("hamlet");
    let before = content(&book);
    let err = book
        .rename_hamlet(hiep.id, "Ap Phu Loi")
        .expect_err("look-alike");
    assert_eq!(err.code(), "lookalike_name");
    assert_eq!(content(&book), before);
    let renamed = book
        .rename_hamlet(hiep.id, "Ấp Phú Hiệp A")
        .expect("renamed");
    assert_eq!(renamed.name, "Ấp Phú Hiệp A");
    assert!(
        book.find_household(&c, "Nguyễn Thị Hoa")
            .expect("h")
            .hamlet
            .as_deref()
            == Some("Ấp Phú Hiệp A")
    );
}

#[test]
fn two_donors_that_are_one_person_are_merged_and_print_under_one_name() {
    let mut book = small_book();
    let first = gift(&mut book, "Chùa Phước Hưng", "500.000");
    let second = gift(&mut book, "Chua Phuoc Hung Ấp 3", "200.000");
    let kept = book
        .find_named(Register::Party, "Chùa Phước Hưng")
        .expect("kept");
    let typo = book
        .find_named(Register::Party, "Chua Phuoc Hung Ấp 3")
        .expect("typo");
    book.merge_parties(typo.id, kept.id).expect("merge");
    let c = book.find_commune("Phú Hữu").expect("c");
    let rows = book
        .month_movements(c.id, Month::new(2026, 11).expect("m"))
        .expect("rows");
    for v in [&first, &second] {
        let row = rows.iter().find(|r| &r.voucher == v).expect("entry");
        assert_eq!(
            row.party.as_deref(),
            Some("Chùa Phước Hưng"),
            "{v} prints under the one kept"
        );
    }
    assert!(
        book.list_parties(Some("Ấp 3")).expect("list").is_empty(),
        "the merged name is no longer offered"
    );
    gift(&mut book, "Chua Phuoc Hung Ấp 3", "100.000");
    assert!(
        book.list_parties(None)
            .expect("list")
            .iter()
            .all(|p| p.name != "Chua Phuoc Hung Ấp 3"),
        "typing the merged name finds the one kept"
    );
    let before = content(&book);
    let anonymous = book.find_named(Register::Party, "Nhà hảo tâm");
    if let Ok(a) = anonymous {
        let err = book
            .merge_parties(a.id, kept.id)
            .expect_err("the anonymous donor is never merged");
        assert_eq!(err.code(), "merge_refused");
    }
    let err = book
        .merge_parties(kept.id, kept.id)
        .expect_err("into itself");
    assert_eq!(err.code(), "merge_refused");
    assert_eq!(content(&book), before);
    assert!(book.check().expect("check").ok());
}

#[test]
fn drivers_vehicles_destinations_and_donors_are_renamed_but_never_onto_another() {
    let mut book = small_book();
    book.record_cash(&NewCash {
        commune: "Phú Hữu".into(),
        program: Program::Transport,
        direction: Direction::In,
        date: "01/11/2026".into(),
        amount: "1.000.000".into(),
        party: "Hội Chữ thập đỏ".into(),
        category: None,
        memo: String::new(),
    })
    .expect("gift");
    book.record_trip(&NewTrip {
        commune: "Phú Hữu".into(),
        date: "03/11/2026".into(),
        patient: "Trần Văn Bảy".into(),
        to: "Bệnh vien Cho Ray".into(),
        km: Some("240".into()),
        driver: Some("Nguyen Van Tai".into()),
        vehicle: Some("Xe so 1".into()),
        fuel_cost: Some("300.000".into()),
        ..Default::default()
    })
    .expect("trip");
    for (register, old, new) in [
        (
            Register::Destination,
            "Bệnh vien Cho Ray",
            "Bệnh viện Chợ Rẫy",
        ),
        (Register::Driver, "Nguyen Van Tai", "Nguyễn Văn Tài"),
        (Register::Vehicle, "Xe so 1", "Xe cứu thương số 1"),
        (
            Register::Party,
            "Hội Chữ thập đỏ",
            "Hội Chữ thập đỏ xã Phú Hữu",
        ),
    ] {
        let found = book.find_named(register, old).expect("found");
        let renamed = book.rename_named(register, found.id, new).expect("renamed");
        assert_eq!(renamed.name, new);
        let (action, before, after) = last_audit(&book);
        assert_eq!(action, "rename", "{register:?}");
        assert!(
            before.contains(old) && after.contains(new),
            "{before} → {after}"
        );
    }
    let trips = book
        .list_trips(
            book.find_commune("Phú Hữu").expect("c").id,
            Month::new(2026, 11).expect("m"),
        )
        .expect("trips");
    assert!(
        format!("{trips:?}").contains("Bệnh viện Chợ Rẫy"),
        "{trips:?}"
    );
    book.set_destination("Trung tâm Y tế An Phú", None)
        .expect("another destination");
    let before = content(&book);
    let ray = book
        .find_named(Register::Destination, "Bệnh viện Chợ Rẫy")
        .expect("found");
    let err = book
        .rename_named(Register::Destination, ray.id, "Trung tâm Y tế An Phú")
        .expect_err("a name already in the list");
    assert_eq!(err.code(), "duplicate_name");
    assert_eq!(content(&book), before);
    assert!(book.check().expect("check").ok());
}

#[test]
fn a_household_corrected_in_one_form_lands_whole_or_not_at_all() {
    use sotinhthuong::corrections::HouseholdChange;
    use sotinhthuong::people::HouseholdStatus;
    let mut book = small_book();
    book.add_hamlet("Phú Hữu", "Ấp Phú Lợi").expect("hamlet");
    book.add_household("Phú Hữu", "Trần Văn Bé", Some("Ấp Phú Lợi"), None)
        .expect("a household already in Phú Lợi");
    let c = book.find_commune("Phú Hữu").expect("c");
    let loi = book.find_hamlet(&c, "Phú Lợi").expect("hamlet");
    let hoa = book.find_household(&c, "Nguyễn Thị Hoa").expect("hoa");

    // The clerk renames her onto the name already in Phú Lợi and moves her there, with a new
    // standing: the move is refused (twins), so neither the new name nor the standing is kept.
    let before = content(&book);
    let refused = book
        .correct_household(
            hoa.id,
            &HouseholdChange {
                name: Some("Trần Văn Bé".into()),
                hamlet: Some(Some(loi.id)),
                status: Some((2026, HouseholdStatus::parse("can_ngheo").expect("status"))),
            },
        )
        .expect_err("twins in one hamlet");
    assert_eq!(refused.code(), "duplicate_household");
    assert_eq!(
        content(&book),
        before,
        "nothing of the correction was written"
    );

    // A blank name is refused before anything is written.
    let blank = book
        .correct_household(
            hoa.id,
            &HouseholdChange {
                name: Some("  ".into()),
                ..HouseholdChange::default()
            },
        )
        .expect_err("blank");
    assert_eq!(blank.code(), "empty_text");
    assert_eq!(content(&book), before);

    // Name, hamlet and standing together: all three land, each audited.
    let audited = |b: &sotinhthuong::Book| -> i64 {
        b.connection()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .expect("count")
    };
    let logged = audited(&book);
    let fixed = book
        .correct_household(
            hoa.id,
            &HouseholdChange {
                name: Some("Nguyễn Thị Hòa".into()),
                hamlet: Some(Some(loi.id)),
                status: Some((2026, HouseholdStatus::parse("ngheo").expect("status"))),
            },
        )
        .expect("corrected");
    assert_eq!(fixed.name, "Nguyễn Thị Hòa");
    assert_eq!(fixed.hamlet.as_deref(), Some("Ấp Phú Lợi"));
    assert_eq!(
        audited(&book) - logged,
        3,
        "rename, move and standing each audited"
    );
    let listed = book
        .list_households(c.id, 2026, Some("Nguyen Thi Hoa"))
        .expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status.map(|s| s.code()), Some("ngheo"));
}

#[test]
fn the_anonymous_donor_keeps_its_name() {
    let mut book = small_book();
    gift(&mut book, "", "200.000");
    let anonymous = book
        .list_parties(None)
        .expect("parties")
        .into_iter()
        .find(|p| p.detail == "anonymous")
        .expect("the anonymous donor");
    let before = content(&book);
    let err = book
        .rename_named(Register::Party, anonymous.id, "Ông Tư")
        .expect_err("its name stands for every gift given without one");
    assert_eq!(err.code(), "anonymous_rename");
    assert!(err.to_string().contains(&anonymous.name), "{err}");
    assert_eq!(content(&book), before, "nothing written");
}

//! Names that print alike are one name, and merges that would hurt the books are refused, each
//! refusal leaving the book as it was (its whole content compared).

mod common;

use common::{content, small_book};
use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::{Month, NewCommune};

fn commune(name: &str) -> NewCommune {
    NewCommune {
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn a_commune_in_the_other_tone_placement_or_without_diacritics_is_the_one_already_there() {
    let mut book = small_book();
    book.add_commune(&commune("Tân Hoà")).expect("first");
    let kept = book
        .find_commune("Tân Hòa")
        .expect("found in the other placement");
    assert_eq!(kept.name, "Tân Hòa", "kept in the canonical placement");
    let before = content(&book);
    for (typed, code) in [
        ("Tân Hòa", "duplicate_name"),
        ("Tân Hoà", "duplicate_name"),
        ("Tan Hoa", "lookalike_name"),
        ("TÂN HOÀ", "lookalike_name"),
    ] {
        let err = book.add_commune(&commune(typed)).expect_err("refused");
        assert_eq!(err.code(), code, "{typed}: {err}");
        assert!(
            err.to_string().contains("Tân Hòa"),
            "names the existing one: {err}"
        );
        assert_eq!(content(&book), before, "{typed}: nothing changed");
    }
    // A unit of another kind may share a name after a merger.
    book.add_commune(&NewCommune {
        name: "Tân Hòa".into(),
        kind: Some(sotinhthuong::CommuneKind::ThiTran),
        ..Default::default()
    })
    .expect("thị trấn Tân Hòa is another unit");
}

#[test]
fn a_hamlet_that_prints_like_another_of_its_commune_is_refused() {
    let mut book = small_book();
    book.add_hamlet("Phú Hữu", "Ấp Thuỷ Lợi").expect("hamlet");
    let before = content(&book);
    for typed in ["Ấp Thủy Lợi", "Ap Thuy Loi", "ấp thuỷ lợi"] {
        let err = book.add_hamlet("Phú Hữu", typed).expect_err("refused");
        assert!(
            ["duplicate_name", "lookalike_name"].contains(&err.code()),
            "{typed}: {err}"
        );
        assert!(err.to_string().contains("Ấp Thủy Lợi"), "{err}");
        assert_eq!(content(&book), before);
    }
}

#[test]
fn a_household_in_the_other_tone_placement_is_a_twin_and_other_names_are_other_people() {
    let mut book = small_book();
    book.add_household("Phú Hữu", "Lê Thị Hoà", Some("Ấp Phú Hiệp"), None)
        .expect("household");
    let before = content(&book);
    let err = book
        .add_household("Phú Hữu", "Lê Thị Hòa", Some("Ấp Phú Hiệp"), None)
        .expect_err("the same household");
    assert_eq!(err.code(), "duplicate_household", "{err}");
    assert_eq!(content(&book), before);
    // "Hoa" (flower) and "Hòa" (peace) are two names: the village tells them apart.
    book.add_household(
        "Phú Hữu",
        "Lê Thị Hoa",
        Some("Ấp Phú Hiệp"),
        Some(HouseholdStatus::Ngheo),
    )
    .expect("another household");
}

#[test]
fn merges_that_would_hurt_the_books_are_refused_and_change_nothing() {
    let mut book = small_book();
    book.add_commune(&commune("Vĩnh Lộc")).expect("commune");
    book.add_commune(&commune("Phú Hội")).expect("commune");
    book.add_hamlet("Vĩnh Lộc", "Ấp Vĩnh Phước")
        .expect("hamlet");
    book.record_rice_in(&sotinhthuong::rice::NewCollection {
        commune: "Vĩnh Lộc".into(),
        date: "10/08/2025".into(),
        kg: "50".into(),
        hamlet: Some("Ấp Vĩnh Phước".into()),
        ..Default::default()
    })
    .expect("an entry of Vĩnh Lộc");
    book.close_month("Phú Hữu", Month::new(2025, 6).expect("m"))
        .expect("close");
    book.merge_commune(
        "Phú Hội",
        "Vĩnh Lộc",
        chrono::NaiveDate::from_ymd_opt(2025, 9, 1).expect("d"),
    )
    .expect("a merge that hurts nothing");
    let before = content(&book);
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    for (what, from, into, on, code, says) in [
        (
            "into itself",
            "Phú Hữu",
            "Phú Hữu",
            day(2025, 7, 1),
            "merge_refused",
            "chính nó",
        ),
        (
            "in a circle",
            "Vĩnh Lộc",
            "Phú Hội",
            day(2025, 10, 1),
            "merge_refused",
            "vòng tròn",
        ),
        (
            "a commune merged already",
            "Phú Hội",
            "Phú Hữu",
            day(2025, 10, 1),
            "merge_refused",
            "đã sáp nhập",
        ),
        (
            "before its recorded entries",
            "Vĩnh Lộc",
            "Phú Hữu",
            day(2025, 8, 1),
            "merge_refused",
            "PN-2025-0001",
        ),
        (
            "inside a closed month",
            "Phú Hữu",
            "Vĩnh Lộc",
            day(2025, 6, 15),
            "month_closed",
            "06/2025",
        ),
    ] {
        let err = book.merge_commune(from, into, on).expect_err(what);
        assert_eq!(err.code(), code, "{what}: {err}");
        assert!(err.to_string().contains(says), "{what}: {err}");
        assert_eq!(content(&book), before, "{what}: nothing changed");
    }
}

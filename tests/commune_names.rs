//! A commune's kind typed into its name ("Xã Vĩnh Trường", "TT Long Bình", "P. Mỹ Bình") is
//! understood when the commune is added: the kind is taken from it and the name is kept without
//! it, so the commune is titled "Xã Vĩnh Trường" once, never "Xã Xã Vĩnh Trường".

use sotinhthuong::place::{split_commune_kind, CommuneKind};
use sotinhthuong::{Book, NewCommune, Source};

fn book() -> Book {
    Book::open_in_memory(Source::Test).expect("memory book")
}

fn add(book: &mut Book, name: &str, kind: Option<CommuneKind>) -> sotinhthuong::Result<String> {
    book.add_commune(&NewCommune {
        name: name.into(),
        kind,
        ..Default::default()
    })
    .map(|c| c.title())
}

#[test]
fn kind_words_in_any_spelling_are_read_off_the_name() {
    use CommuneKind::*;
    let cases = [
        ("Xã Vĩnh Trường", Some(Xa), "Vĩnh Trường"),
        ("xã Vĩnh Trường", Some(Xa), "Vĩnh Trường"),
        ("XÃ VĨNH TRƯỜNG", Some(Xa), "VĨNH TRƯỜNG"),
        ("xa vinh truong", Some(Xa), "vinh truong"),
        ("X. Vĩnh Trường", Some(Xa), "Vĩnh Trường"),
        ("Thị trấn Long Bình", Some(ThiTran), "Long Bình"),
        ("thi tran Long Bình", Some(ThiTran), "Long Bình"),
        ("THỊ TRẤN Đa Phước", Some(ThiTran), "Đa Phước"),
        ("TT Long Bình", Some(ThiTran), "Long Bình"),
        ("tt. Long Bình", Some(ThiTran), "Long Bình"),
        ("TT.Long Bình", Some(ThiTran), "Long Bình"),
        ("Phường Mỹ Bình", Some(Phuong), "Mỹ Bình"),
        ("phuong 3", Some(Phuong), "3"),
        ("P. Mỹ Bình", Some(Phuong), "Mỹ Bình"),
        ("P.Mỹ Bình", Some(Phuong), "Mỹ Bình"),
    ];
    for (typed, kind, name) in cases {
        assert_eq!(split_commune_kind(typed), (kind, name), "{typed}");
    }
}

#[test]
fn names_that_only_look_like_a_kind_word_are_kept_whole() {
    // Xà Phiên is a real xã: "Xà" is not "xã" with its tone left out; "Phước" is not "P.";
    // a name that is the word alone has nothing left to be the name.
    for typed in [
        "Xà Phiên",
        "Xá Lợi",
        "Phước Hưng",
        "Thị Trường",
        "Xã",
        "TT",
        "P.",
        "Tân Thạnh",
        "Phúc Thọ",
    ] {
        assert_eq!(split_commune_kind(typed), (None, typed), "{typed}");
    }
}

#[test]
fn a_commune_typed_with_its_kind_is_titled_with_it_once() {
    let mut book = book();
    assert_eq!(
        add(&mut book, "Xã Vĩnh Trường", None).unwrap(),
        "Xã Vĩnh Trường"
    );
    assert_eq!(
        add(&mut book, "TT Long Bình", None).unwrap(),
        "Thị trấn Long Bình"
    );
    assert_eq!(
        add(&mut book, "p. Mỹ Bình", None).unwrap(),
        "Phường Mỹ Bình"
    );
    assert_eq!(
        add(&mut book, "Khánh An", None).unwrap(),
        "Xã Khánh An",
        "no word: a xã"
    );
    let names: Vec<String> = book
        .list_communes(true)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names,
        ["Vĩnh Trường", "Long Bình", "Mỹ Bình", "Khánh An"],
        "stored without the word"
    );
    // Found by its title, by its bare name and without diacritics, as before.
    for typed in ["Xã Vĩnh Trường", "Vĩnh Trường", "vinh truong"] {
        assert_eq!(
            book.find_commune(typed).unwrap().name,
            "Vĩnh Trường",
            "{typed}"
        );
    }
}

#[test]
fn a_kind_word_agreeing_with_the_chosen_kind_is_taken_off_the_name() {
    let mut book = book();
    let title = add(&mut book, "Thị trấn An Phú", Some(CommuneKind::ThiTran)).unwrap();
    assert_eq!(title, "Thị trấn An Phú");
}

#[test]
fn a_kind_word_contradicting_the_chosen_kind_is_refused_and_adds_nothing() {
    let mut book = book();
    let err = add(&mut book, "Phường 3", Some(CommuneKind::Xa)).unwrap_err();
    assert_eq!(err.code(), "commune_kind_conflict");
    assert_eq!(
        err.to_string(),
        "Tên “Phường 3” ghi là phường nhưng loại đã chọn là xã; hãy bỏ chữ “phường” khỏi tên hoặc chọn loại phường"
    );
    assert!(err.message(sotinhthuong::Lang::En).contains("says phường"));
    assert!(
        book.list_communes(true).unwrap().is_empty(),
        "nothing was added"
    );
}

#[test]
fn the_same_commune_typed_with_and_without_its_word_is_one_commune() {
    let mut book = book();
    add(&mut book, "Vĩnh Trường", None).unwrap();
    let err = add(&mut book, "Xã Vĩnh Trường", None).unwrap_err();
    assert_eq!(err.code(), "duplicate_name", "not a second “Vĩnh Trường”");
    // A thị trấn of the same name is another unit (after a merger both may exist).
    assert_eq!(
        add(&mut book, "TT Vĩnh Trường", None).unwrap(),
        "Thị trấn Vĩnh Trường"
    );
}

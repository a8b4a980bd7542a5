//! Amounts written in Vietnamese words, as a receipt states them under the figures
//! ("Bằng chữ: Một triệu năm trăm nghìn đồng").
//!
//! The reading rules: groups of three digits named nghìn, triệu, tỷ (and nghìn tỷ above); "mười"
//! for ten, "mươi" for other tens; "mốt" for a one after a tens digit from two up; "lăm" for a five
//! after any tens digit; "linh" when the tens are zero and the units are not; and a group after the
//! first says its zero hundreds ("một triệu không trăm linh năm nghìn").

use crate::money::{Kg, Vnd};

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// A group of three digits (0–999); `full` says it follows a higher group, so its zero hundreds
/// and zero tens are read.
fn group(n: u64, full: bool) -> Vec<&'static str> {
    let (h, t, u) = (
        (n / 100) as usize,
        ((n / 10) % 10) as usize,
        (n % 10) as usize,
    );
    let mut w = Vec::new();
    if h > 0 || full {
        w.push(DIGITS[h]);
        w.push("trăm");
    }
    match t {
        0 if u > 0 && (h > 0 || full) => w.push("linh"),
        0 => {}
        1 => w.push("mười"),
        _ => {
            w.push(DIGITS[t]);
            w.push("mươi");
        }
    }
    match u {
        0 => {}
        1 if t >= 2 => w.push("mốt"),
        5 if t >= 1 => w.push("lăm"),
        _ => w.push(DIGITS[u]),
    }
    w
}

/// A whole number in words, lowercase ("một triệu năm trăm nghìn"); "không" for zero.
pub fn number_in_words(n: u64) -> String {
    if n == 0 {
        return "không".to_string();
    }
    fn below_billion(n: u64, full: bool) -> Vec<&'static str> {
        let mut w = Vec::new();
        let parts = [
            (n / 1_000_000, "triệu"),
            ((n / 1_000) % 1_000, "nghìn"),
            (n % 1_000, ""),
        ];
        let mut started = full;
        for (value, unit) in parts {
            if value == 0 {
                continue;
            }
            w.extend(group(value, started));
            if !unit.is_empty() {
                w.push(unit);
            }
            started = true;
        }
        w
    }
    let mut words = Vec::new();
    let billions = n / 1_000_000_000;
    let rest = n % 1_000_000_000;
    if billions > 0 {
        words.push(number_in_words(billions));
        words.push("tỷ".to_string());
    }
    if rest > 0 {
        words.extend(
            below_billion(rest, billions > 0)
                .into_iter()
                .map(str::to_string),
        );
    }
    words.join(" ")
}

/// Money in words with a capital and the unit: "Một triệu năm trăm nghìn đồng".
pub fn vnd_in_words(amount: Vnd) -> String {
    let stored = amount.stored();
    let words = number_in_words(stored.unsigned_abs());
    let sign = if stored < 0 { "âm " } else { "" };
    super::capitalise(&format!("{sign}{words} đồng"))
}

/// Rice in words: "Mười hai phẩy năm ki-lô-gam" (the decimals read as a number, without trailing
/// zeros, as Vietnamese speakers read them).
pub fn kg_in_words(amount: Kg) -> String {
    let stored = amount.stored().unsigned_abs();
    let (whole, grams) = (stored / 1_000, stored % 1_000);
    let mut text = number_in_words(whole);
    if grams > 0 {
        let mut decimals = format!("{grams:03}");
        while decimals.ends_with('0') {
            decimals.pop();
        }
        let leading_zeros = decimals.chars().take_while(|c| *c == '0').count();
        let value: u64 = decimals.parse().unwrap_or(0);
        let mut spoken: Vec<String> = vec!["không".to_string(); leading_zeros];
        spoken.push(number_in_words(value));
        text = format!("{text} phẩy {}", spoken.join(" "));
    }
    super::capitalise(&format!("{text} ki-lô-gam"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_the_way_a_cashier_writes_them() {
        let cases = [
            (0, "không"),
            (5, "năm"),
            (10, "mười"),
            (15, "mười lăm"),
            (21, "hai mươi mốt"),
            (25, "hai mươi lăm"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (1_000, "một nghìn"),
            (50_000, "năm mươi nghìn"),
            (1_500_000, "một triệu năm trăm nghìn"),
            (1_005_000, "một triệu không trăm linh năm nghìn"),
            (2_000_050, "hai triệu không trăm năm mươi"),
            (1_000_000_000, "một tỷ"),
            (12_300_000_000, "mười hai tỷ ba trăm triệu"),
            (1_000_001_000, "một tỷ không trăm linh một nghìn"),
        ];
        for (n, words) in cases {
            assert_eq!(number_in_words(n), words, "{n}");
        }
    }

    #[test]
    fn money_and_rice_get_a_capital_and_their_unit() {
        assert_eq!(
            vnd_in_words(Vnd::from_stored(1_500_000)),
            "Một triệu năm trăm nghìn đồng"
        );
        assert_eq!(
            kg_in_words(Kg::from_stored(12_500)),
            "Mười hai phẩy năm ki-lô-gam"
        );
        assert_eq!(kg_in_words(Kg::from_stored(800_000)), "Tám trăm ki-lô-gam");
        assert_eq!(
            kg_in_words(Kg::from_stored(10_050)),
            "Mười phẩy không năm ki-lô-gam"
        );
    }
}

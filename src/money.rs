//! Exact quantities: money in đồng (`Vnd`), rice in kilograms (`Kg`), distance in kilometres (`Km`).
//!
//! Each is a `rust_decimal::Decimal` newtype, stored in SQLite as a scaled INTEGER (đồng, grams,
//! metres) so that `SUM` is exact and fast. No float ever touches these values.
//!
//! # How typed numbers are read (the rule)
//! Vietnamese writing comes first: `.` groups thousands and `,` marks the decimals.
//! - Plain digits are always accepted: `1500000`, `12`.
//! - Thousands are grouped by `.` (or spaces) in groups of exactly three: `1.500.000`, `1 500 000`.
//!   Several commas in groups of three (`1,500,000`, as Excel in English writes) are read as grouping
//!   too, because they cannot be decimals.
//! - Decimals (kg and km only, at most three places) follow a comma: `12,5`, `1.250,75`. A single dot
//!   that cannot be grouping is read as a decimal point too: `12.5` is 12,5.
//! - What could mean two things is refused with a hint, never guessed: `1.500` kg (1500 or 1,5?),
//!   `1,500` đồng (1500 or 1,5?), `1,500.5` (English order).
//! - Money is in whole đồng: `1,5` đồng is refused. A unit may follow: `đ`, `đồng`, `vnd`, `kg`, `km`.
//! - Zero and negative amounts are refused, and so is anything above the per-entry maximum.

use crate::error::{Error, Result};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
pub use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// What kind of quantity a newtype holds: its unit, scale and limits.
struct Unit {
    /// Decimal places kept (0 for đồng, 3 for kg and km).
    places: u32,
    /// Largest value one entry may carry, in whole units.
    max: i64,
    /// Suffixes a user may type after the number (lowercase).
    suffixes: &'static [&'static str],
    /// Printed after the number.
    symbol: &'static str,
}

const VND: Unit = Unit {
    places: 0,
    max: 100_000_000_000,
    suffixes: &["đồng", "dong", "vnđ", "vnd", "đ", "d"],
    symbol: "đ",
};
const KG: Unit = Unit {
    places: 3,
    max: 100_000,
    suffixes: &["kg", "ký", "ki", "kí"],
    symbol: "kg",
};
const KM: Unit = Unit {
    places: 3,
    max: 5_000,
    suffixes: &["km"],
    symbol: "km",
};

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, $unit:expr, $field:expr) => {
        $(#[$doc])*
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub struct $name(Decimal);

        impl $name {
            /// Zero of this quantity (a balance, never an entry).
            pub const ZERO: $name = $name(Decimal::ZERO);

            /// From the stored integer (đồng, grams or metres).
            pub fn from_stored(units: i64) -> Self {
                $name(Decimal::new(units, $unit.places))
            }

            /// The stored integer (đồng, grams or metres). Values are kept at the unit's scale, so
            /// this is exact.
            pub fn stored(self) -> i64 {
                let scaled = self.0 * Decimal::from(10_i64.pow($unit.places));
                i64::try_from(scaled.trunc()).unwrap_or(i64::MAX)
            }

            /// The value as a decimal in whole units (đồng, kg, km).
            pub fn value(self) -> Decimal {
                self.0
            }

            /// Parses what a user typed, by the rule in the module docs, and checks it is a
            /// positive amount within the per-entry limit.
            pub fn parse(input: &str) -> Result<Self> {
                let value = parse_amount(input, &$unit, $field)?;
                Ok($name(value))
            }

            /// From a decimal, checked like typed input (positive, within limit, scale).
            pub fn try_from_decimal(value: Decimal) -> Result<Self> {
                Self::parse(&value.normalize().to_string())
            }

            /// Sum that refuses to overflow silently (balances are bounded far below this).
            pub fn checked_add(self, other: Self) -> Option<Self> {
                self.0.checked_add(other.0).map($name)
            }

            /// Difference, possibly negative (for balance arithmetic).
            pub fn checked_sub(self, other: Self) -> Option<Self> {
                self.0.checked_sub(other.0).map($name)
            }

            /// Vietnamese display without the unit: `1.500.000`, `12,5`.
            pub fn plain(self) -> String {
                format_decimal_vi(self.0)
            }
        }

        impl fmt::Display for $name {
            /// Vietnamese display with the unit: `1.500.000 đ`, `12,5 kg`, `17 km`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} {}", format_decimal_vi(self.0), $unit.symbol)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.stored()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name::from_stored)
            }
        }
    };
}

quantity!(
    /// Money in Vietnamese đồng, whole đồng only.
    Vnd,
    VND,
    "Số tiền"
);
quantity!(
    /// Rice in kilograms, to the gram.
    Kg,
    KG,
    "Số ký gạo"
);
quantity!(
    /// Distance in kilometres, to the metre.
    Km,
    KM,
    "Số km"
);

/// Formats a decimal the Vietnamese way: `.` between thousands, `,` before decimals, no trailing
/// zeros. Negative values keep their sign.
pub fn format_decimal_vi(value: Decimal) -> String {
    let normalized = value.normalize();
    let text = normalized.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if normalized.is_sign_negative() && !normalized.is_zero() {
        "-"
    } else {
        ""
    };
    match frac_part {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn invalid(field: &str, input: &str, hint: &str) -> Error {
    Error::InvalidNumber {
        field: field.to_string(),
        input: input.to_string(),
        hint: hint.to_string(),
    }
}

/// Checks digit groups after the first: the first has 1–3 digits, the rest exactly 3.
fn valid_grouping(groups: &[&str]) -> bool {
    let Some((first, rest)) = groups.split_first() else {
        return false;
    };
    (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3)
}

fn parse_amount(input: &str, unit: &Unit, field: &str) -> Result<Decimal> {
    let original: String = input.nfc().collect();
    let mut text = original.trim().to_lowercase();
    for suffix in unit.suffixes {
        if let Some(stripped) = text.strip_suffix(suffix) {
            text = stripped.trim_end().to_string();
            break;
        }
    }
    if text.is_empty() {
        return Err(Error::EmptyText {
            field: field.to_string(),
        });
    }
    if let Some(rest) = text.strip_prefix('-') {
        if rest.chars().any(|c| c.is_ascii_digit()) {
            return Err(Error::NotPositive {
                field: field.to_string(),
                input: original.trim().to_string(),
            });
        }
    }
    // why: spaces (and the no-break space Excel pastes) group thousands like dots.
    let text: String = text
        .chars()
        .map(|c| if c == ' ' || c == '\u{a0}' { '.' } else { c })
        .collect();
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(invalid(
            field,
            &original,
            "chỉ gõ chữ số, dấu chấm (phân cách hàng nghìn) và dấu phẩy (phần lẻ)",
        ));
    }
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let whole_only = unit.places == 0;
    let (int_groups, frac): (Vec<&str>, &str) = match (dots, commas) {
        (0, 0) => (vec![text.as_str()], ""),
        (_, 0) if dots > 1 => (text.split('.').collect(), ""),
        (1, 0) => {
            let (a, b) = text.split_once('.').unwrap_or((&text, ""));
            if b.len() == 3 && whole_only {
                (vec![a, b], "")
            } else if b.len() == 3 {
                return Err(invalid(
                    field,
                    &original,
                    &format!("không rõ là {a}{b} hay {a},{b}; hãy gõ {a}{b} hoặc {a},{b}"),
                ));
            } else if whole_only {
                return Err(invalid(
                    field,
                    &original,
                    "số tiền tính bằng đồng, không có phần lẻ; dấu chấm chỉ dùng phân cách hàng nghìn (1.500.000)",
                ));
            } else {
                (vec![a], b)
            }
        }
        (0, _) if commas > 1 => (text.split(',').collect(), ""),
        (0, 1) => {
            let (a, b) = text.split_once(',').unwrap_or((&text, ""));
            if whole_only && b.len() == 3 {
                return Err(invalid(
                    field,
                    &original,
                    &format!(
                        "không rõ là {a}{b} đồng hay {a},{b} đồng; hãy gõ {a}.{b} hoặc {a}{b}"
                    ),
                ));
            } else if whole_only {
                return Err(invalid(
                    field,
                    &original,
                    "số tiền tính bằng đồng, không có phần lẻ",
                ));
            }
            (vec![a], b)
        }
        _ => {
            // Both kinds: only Vietnamese order (dots grouping, then one decimal comma).
            let last_dot = text.rfind('.').unwrap_or(0);
            let last_comma = text.rfind(',').unwrap_or(0);
            if commas != 1 || last_comma < last_dot {
                return Err(invalid(
                    field,
                    &original,
                    "dùng dấu chấm phân cách hàng nghìn và dấu phẩy cho phần lẻ, ví dụ 1.250,5",
                ));
            }
            if whole_only {
                return Err(invalid(
                    field,
                    &original,
                    "số tiền tính bằng đồng, không có phần lẻ",
                ));
            }
            let (a, b) = text.split_once(',').unwrap_or((&text, ""));
            (a.split('.').collect(), b)
        }
    };
    if int_groups.len() > 1 && !valid_grouping(&int_groups) {
        return Err(invalid(
            field,
            &original,
            "nhóm hàng nghìn phải đủ ba chữ số, ví dụ 1.500.000",
        ));
    }
    let int_digits: String = int_groups.concat();
    if int_digits.is_empty() || (!frac.is_empty() && !frac.chars().all(|c| c.is_ascii_digit())) {
        return Err(invalid(field, &original, "thiếu chữ số"));
    }
    if frac.len() > unit.places as usize {
        return Err(invalid(
            field,
            &original,
            &format!("tối đa {} chữ số sau dấu phẩy", unit.places),
        ));
    }
    let significant = int_digits.trim_start_matches('0');
    let max = Decimal::from(unit.max);
    let too_large = || Error::TooLarge {
        field: field.to_string(),
        input: original.trim().to_string(),
        max: format!("{} {}", format_decimal_vi(max), unit.symbol),
    };
    if significant.len() > 15 {
        return Err(too_large());
    }
    let literal = if frac.is_empty() {
        int_digits.clone()
    } else {
        format!("{int_digits}.{frac}")
    };
    let value: Decimal = literal
        .parse()
        .map_err(|_| invalid(field, &original, "không phải là số"))?;
    if value.is_zero() {
        return Err(Error::NotPositive {
            field: field.to_string(),
            input: original.trim().to_string(),
        });
    }
    if value > max {
        return Err(too_large());
    }
    let mut value = value;
    value.rescale(unit.places);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vnd(s: &str) -> i64 {
        Vnd::parse(s).map(|v| v.stored()).unwrap_or(-1)
    }
    fn grams(s: &str) -> i64 {
        Kg::parse(s).map(|v| v.stored()).unwrap_or(-1)
    }
    fn code(r: Result<impl Sized>) -> &'static str {
        r.err().map(|e| e.code()).unwrap_or("ok")
    }

    #[test]
    fn vietnamese_and_plain_money_are_read_alike() {
        assert_eq!(vnd("1.500.000"), 1_500_000);
        assert_eq!(vnd("1500000"), 1_500_000);
        assert_eq!(vnd("1 500 000"), 1_500_000);
        assert_eq!(
            vnd("1,500,000"),
            1_500_000,
            "English grouping cannot be decimals"
        );
        assert_eq!(vnd("1.500.000 đ"), 1_500_000);
        assert_eq!(vnd("50000đ"), 50_000);
        assert_eq!(
            vnd("1.500"),
            1_500,
            "a dot in money always groups thousands"
        );
    }

    #[test]
    fn ambiguous_or_fractional_money_is_refused() {
        assert_eq!(code(Vnd::parse("1,500")), "invalid_number");
        assert_eq!(code(Vnd::parse("1,5")), "invalid_number");
        assert_eq!(code(Vnd::parse("1.5")), "invalid_number");
        assert_eq!(code(Vnd::parse("1.50.000")), "invalid_number");
        assert_eq!(code(Vnd::parse("12a")), "invalid_number");
        assert_eq!(code(Vnd::parse("")), "empty_text");
    }

    #[test]
    fn rice_takes_a_decimal_comma_and_refuses_the_ambiguous_dot() {
        assert_eq!(grams("12,5"), 12_500);
        assert_eq!(
            grams("12.5"),
            12_500,
            "a dot that cannot group is a decimal point"
        );
        assert_eq!(grams("1.250,75"), 1_250_750);
        assert_eq!(grams("0,001"), 1);
        assert_eq!(grams("10 kg"), 10_000);
        assert_eq!(code(Kg::parse("1.500")), "invalid_number");
        assert_eq!(code(Kg::parse("1,500.5")), "invalid_number");
        assert_eq!(code(Kg::parse("0,0001")), "invalid_number");
    }

    #[test]
    fn zero_negative_and_absurd_amounts_are_refused() {
        assert_eq!(code(Vnd::parse("0")), "not_positive");
        assert_eq!(code(Vnd::parse("-5000")), "not_positive");
        assert_eq!(code(Kg::parse("0,000")), "not_positive");
        assert_eq!(code(Vnd::parse("100.000.000.001")), "too_large");
        assert_eq!(
            code(Vnd::parse("99999999999999999999999999999999")),
            "too_large"
        );
        assert_eq!(code(Km::parse("5001")), "too_large");
    }

    #[test]
    fn quantities_display_the_vietnamese_way() {
        assert_eq!(Vnd::from_stored(1_500_000).to_string(), "1.500.000 đ");
        assert_eq!(Kg::from_stored(12_500).to_string(), "12,5 kg");
        assert_eq!(Kg::from_stored(800_000).to_string(), "800 kg");
        assert_eq!(Km::from_stored(17_250).to_string(), "17,25 km");
        assert_eq!(format_decimal_vi(Decimal::new(-1_234_567, 0)), "-1.234.567");
    }

    #[test]
    fn stored_integers_round_trip_exactly() {
        for units in [1_i64, 999, 1_000, 123_456_789, 100_000_000_000] {
            assert_eq!(Vnd::from_stored(units).stored(), units);
            assert_eq!(Kg::from_stored(units).stored(), units);
        }
    }
}

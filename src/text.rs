//! Text as the books keep it: NFC on the way in, checked for length and control characters, and a
//! folded form (no diacritics, lowercase, single spaces) for lookups, so that "vinh truong" finds
//! "Vĩnh Trường" whatever the typing tool sent (NFC or NFD).
//!
//! Names are never checked for shape: Cham and Khmer names do not follow Kinh patterns.

use crate::error::{Error, Result};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longest name (commune, hamlet, household, donor, patient…), in characters.
pub const MAX_NAME: usize = 200;
/// Longest memo or reason, in characters.
pub const MAX_MEMO: usize = 1_000;

/// Normalises to NFC and trims; refuses control characters and text longer than `max`.
/// Empty text is returned as is (callers decide whether it is required).
pub fn clean(field: &str, input: &str, max: usize) -> Result<String> {
    let text: String = input.nfc().collect();
    let text = text.trim();
    if text.chars().any(|c| c.is_control()) {
        return Err(Error::ControlCharacters {
            field: field.to_string(),
        });
    }
    let len = text.chars().count();
    if len > max {
        return Err(Error::TextTooLong {
            field: field.to_string(),
            len,
            max,
        });
    }
    Ok(text.to_string())
}

/// Like [`clean`] for a name: required, at most [`MAX_NAME`] characters, inner runs of spaces
/// collapsed to one, tone marks placed by one rule ([`canonical`]).
pub fn name(field: &str, input: &str) -> Result<String> {
    let text = clean(field, input, MAX_NAME)?;
    if text.is_empty() {
        return Err(Error::EmptyText {
            field: field.to_string(),
        });
    }
    Ok(canonical(
        &text.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

/// The tone marks of Vietnamese.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The one form a name is kept and compared in: NFC, with the tone mark of the open syllables
/// "oa", "oe" and "uy" on their first vowel — "hòa, thủy, khỏe" — whether it was typed there or
/// in the other placement in daily use ("hoà, thuỷ, khoẻ"), so "Tân Hoà" and "Tân Hòa" are one
/// name. Every other syllable is left as typed ("hoàng", "quý", "thuyền" are the same in both).
pub fn canonical(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut word: Vec<char> = Vec::new();
    let flush = |word: &mut Vec<char>, out: &mut String| {
        if !word.is_empty() {
            out.extend(canonical_syllable(word).into_iter().nfc());
            word.clear();
        }
    };
    for c in input.nfd() {
        if c.is_alphabetic() || is_combining_mark(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out.nfc().collect()
}

/// One syllable in NFD: its tone moved to the first vowel of a final "oa", "oe" or "uy".
fn canonical_syllable(nfd: &[char]) -> Vec<char> {
    // why: two tone marks on one syllable is not Vietnamese; it is left as typed, since moving
    // one of them would make the name read differently each time it is read back.
    if nfd.iter().filter(|c| TONES.contains(c)).count() > 1 {
        return nfd.to_vec();
    }
    // Letters with the marks that follow each, the tone kept apart.
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    let mut tone: Option<(usize, char)> = None;
    for &c in nfd {
        if is_combining_mark(c) {
            if TONES.contains(&c) && !letters.is_empty() && tone.is_none() {
                tone = Some((letters.len() - 1, c));
            } else if let Some(last) = letters.last_mut() {
                last.1.push(c);
            } else {
                // why: a mark with no letter before it (another script's sign) stays as typed.
                letters.push((c, Vec::new()));
            }
        } else {
            letters.push((c, Vec::new()));
        }
    }
    let n = letters.len();
    let plain = |i: usize| -> Option<char> {
        letters
            .get(i)
            .filter(|(_, marks)| marks.is_empty())
            .map(|(c, _)| c.to_ascii_lowercase())
    };
    let moved = match (tone, n) {
        (Some((at, t)), n) if n >= 2 && at == n - 1 => {
            let pair = (plain(n - 2), plain(n - 1));
            let before = if n >= 3 { plain(n - 3) } else { None };
            let vowel_before = n >= 3
                && letters
                    .get(n - 3)
                    .is_some_and(|(c, _)| "aeiouyăâêôơư".contains(c.to_ascii_lowercase()));
            let open = matches!(pair, (Some('o'), Some('a')) | (Some('o'), Some('e')))
                || (pair == (Some('u'), Some('y')) && before != Some('q'));
            (open && !vowel_before).then_some((n - 2, t))
        }
        _ => None,
    };
    let tone = moved.or(tone);
    let mut out = Vec::with_capacity(nfd.len());
    for (i, (c, marks)) in letters.iter().enumerate() {
        out.push(*c);
        out.extend(marks.iter().copied());
        if let Some((at, t)) = tone {
            if at == i {
                out.push(t);
            }
        }
    }
    out
}

/// Like [`clean`] for a memo or reason: at most [`MAX_MEMO`] characters, may be empty.
pub fn memo(field: &str, input: &str) -> Result<String> {
    clean(field, input, MAX_MEMO)
}

/// The folded form used for search: diacritics removed (đ → d), lowercase, single spaces.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `typed` is `name` typed with fewer diacritics: a letter typed plain matches it with
/// any marks, a letter typed with marks only itself; case and runs of spaces aside. "nguyen van
/// tu" and "Nguyễn Văn Tu" fit "Nguyễn Văn Tư"; "Nguyễn Văn Tứ" does not (another name).
pub fn fits(typed: &str, name: &str) -> bool {
    let letters = |s: &str| -> Vec<char> {
        let spaced = s.split_whitespace().collect::<Vec<_>>().join(" ");
        spaced.nfc().flat_map(char::to_lowercase).collect()
    };
    let (typed, name) = (letters(&canonical(typed)), letters(&canonical(name)));
    typed.len() == name.len()
        && typed.iter().zip(&name).all(|(&t, &n)| {
            let plain = |c: char| fold(c.encode_utf8(&mut [0; 4]));
            t == n || (plain(t) == t.to_string() && plain(t) == plain(n))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_typed_must_be_the_names_own() {
        for typed in [
            "nguyen van tu",
            "Nguyễn Văn Tu",
            "NGUYỄN  VĂN TƯ",
            "Nguyen Văn Tư",
        ] {
            assert!(fits(typed, "Nguyễn Văn Tư"), "{typed}");
        }
        for typed in [
            "Nguyễn Văn Tứ",
            "Nguyễn Văn Từ",
            "nguyen van tuu",
            "Nguyên Văn Tư",
        ] {
            assert!(!fits(typed, "Nguyễn Văn Tư"), "{typed}");
        }
        assert!(fits("do van ba", "Đỗ Văn Ba") && !fits("đo van ba", "Dỗ Văn Ba"));
    }

    #[test]
    fn both_tone_placements_are_one_name() {
        for (typed, kept) in [
            ("Tân Hoà", "Tân Hòa"),
            ("Tân Hòa", "Tân Hòa"),
            ("THUỶ", "THỦY"),
            ("Nguyễn Thị Thuý", "Nguyễn Thị Thúy"),
            ("khoẻ", "khỏe"),
            ("Hoàng", "Hoàng"),
            ("Quý", "Quý"),
            ("Huỳnh", "Huỳnh"),
            ("thuyền", "thuyền"),
            ("Hoài", "Hoài"),
            ("xoáy", "xoáy"),
            ("quà", "quà"),
            ("Hoà-Bình", "Hòa-Bình"),
        ] {
            assert_eq!(canonical(typed), kept, "{typed}");
            let nfd: String = typed.nfd().collect();
            assert_eq!(canonical(&nfd), kept, "{typed} typed as NFD");
        }
        assert_eq!(name("Tên", " Tân  Hoà ").ok().as_deref(), Some("Tân Hòa"));
        assert!(fits("Lê Thị Hoà", "Lê Thị Hòa"));
    }

    #[test]
    fn nfd_input_is_stored_as_nfc() {
        let nfd: String = "Vĩnh Trường".nfd().collect();
        assert_ne!(nfd, "Vĩnh Trường");
        assert_eq!(name("Tên", &nfd).ok().as_deref(), Some("Vĩnh Trường"));
    }

    #[test]
    fn folding_removes_diacritics_and_the_crossed_d() {
        assert_eq!(fold("Vĩnh Trường"), "vinh truong");
        assert_eq!(fold("ĐA PHƯỚC"), "da phuoc");
        assert_eq!(fold("  Nguyễn   Thị  Hoa "), "nguyen thi hoa");
    }

    #[test]
    fn control_characters_and_overlong_text_are_refused() {
        assert_eq!(
            name("Tên", "Hoa\u{1b}[31m").err().map(|e| e.code()),
            Some("control_characters")
        );
        let long = "a".repeat(MAX_NAME + 1);
        assert_eq!(
            name("Tên", &long).err().map(|e| e.code()),
            Some("text_too_long")
        );
        assert_eq!(
            name("Tên", "   ").err().map(|e| e.code()),
            Some("empty_text")
        );
    }

    #[test]
    fn cham_khmer_and_emoji_names_are_kept_verbatim() {
        for s in [
            "Mohamad Sa Ly",
            "ស្រី ពៅ",
            "Hoa 🌾",
            "Robert'); DROP TABLE movements;--",
        ] {
            assert_eq!(name("Tên", s).ok().as_deref(), Some(s));
        }
    }
}

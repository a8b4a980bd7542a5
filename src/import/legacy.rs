//! Text typed years ago in the old Vietnamese font encodings, which a sheet now shows as
//! "Ng­êi" (TCVN3, the ABC standard of the .VnTime fonts) or "Ngöôøi" (VNI, the VNI-Times
//! fonts): converted to Unicode NFC the way Unikey's converter does, once the clerk agrees.
//!
//! Both encodings wrote their letters with the byte codes of the Windows code page, so a cell
//! holds the Windows-1252 characters of those bytes. TCVN3 gives each lowercase letter its own
//! code (TCVN 5712 VN3); the uppercase came from a second font (.VnTimeH) with the same codes,
//! so a word whose plain letters are all capitals is read as capitals. VNI writes a base letter
//! followed by a mark character (a + ù = á, a + â = â, a + á = ấ).
//!
//! [`detect`] never decides alone: it says which encoding the text most likely is, by the
//! letters Vietnamese never uses and by syllables carrying two tones, and the import asks.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// An old Vietnamese font encoding.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Legacy {
    /// TCVN3 (ABC), the .VnTime fonts.
    Tcvn3,
    /// VNI, the VNI-Times fonts.
    Vni,
}

impl Legacy {
    /// The name a clerk knows it by.
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC, phông .VnTime)",
            Legacy::Vni => "VNI (phông VNI-Times)",
        }
    }

    /// Reads `tcvn3`, `abc`, `vni`.
    pub fn parse(input: &str) -> Option<Legacy> {
        match crate::text::fold(input).as_str() {
            "tcvn3" | "tcvn" | "abc" => Some(Legacy::Tcvn3),
            "vni" => Some(Legacy::Vni),
            _ => None,
        }
    }

    /// `text` converted to Unicode NFC. Text that already holds letters only Unicode has
    /// (ệ, ơ, đ…) is Unicode already and is returned as it is: a sheet may mix old rows in the
    /// old font with new rows typed in Unicode.
    pub fn decode(self, text: &str) -> String {
        if is_unicode_vietnamese(text) {
            return text.to_string();
        }
        match self {
            Legacy::Tcvn3 => decode_tcvn3(text),
            Legacy::Vni => decode_vni(text),
        }
    }
}

/// TCVN 5712 codes 0xA1–0xFF as Unicode (the letters of VN3; its few capitals beside them).
const TCVN3: [char; 95] = [
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', // A1–AF
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ',
    'ẵ', 'ắ', 'Ẵ', // B0–BF
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', // C0–CF
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', // D0–DF
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // E0–EF
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố', // F0–FF
];

/// The Windows-1252 byte of a character, if it has one (what a legacy font wrote).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    // The 0x80–0x9F row of Windows-1252.
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    HIGH.iter().find(|(h, _)| *h == c).map(|(_, b)| *b)
}

fn decode_tcvn3(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in split_words(text) {
        if !word.is_word {
            out.push_str(&word.text);
            continue;
        }
        let capitals = word
            .text
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .count()
            > 0
            && word
                .text
                .chars()
                .filter(|c| c.is_ascii_alphabetic())
                .all(|c| c.is_ascii_uppercase());
        let decoded: String = word
            .text
            .chars()
            .map(|c| match cp1252_byte(c) {
                Some(b) if b >= 0xA1 => TCVN3[(b - 0xA1) as usize],
                _ => c,
            })
            .collect();
        if capitals {
            out.extend(decoded.chars().flat_map(char::to_uppercase));
        } else {
            out.push_str(&decoded);
        }
    }
    out.nfc().collect()
}

/// VNI marks after a base letter: (mark, quality, tone). Quality: 'c' circumflex (â ê ô),
/// 'b' breve (ă), ' ' none. Tones as Unicode combining marks.
const VNI_MARKS: [(char, char, Option<char>); 17] = [
    ('ù', ' ', Some('\u{301}')),
    ('ø', ' ', Some('\u{300}')),
    ('û', ' ', Some('\u{309}')),
    ('õ', ' ', Some('\u{303}')),
    ('ï', ' ', Some('\u{323}')),
    ('â', 'c', None),
    ('á', 'c', Some('\u{301}')),
    ('à', 'c', Some('\u{300}')),
    ('å', 'c', Some('\u{309}')),
    ('ã', 'c', Some('\u{303}')),
    ('ä', 'c', Some('\u{323}')),
    ('ê', 'b', None),
    ('é', 'b', Some('\u{301}')),
    ('è', 'b', Some('\u{300}')),
    ('ú', 'b', Some('\u{309}')),
    ('ü', 'b', Some('\u{303}')),
    ('ë', 'b', Some('\u{323}')),
];

/// VNI characters that stand for a whole letter.
const VNI_LETTERS: [(char, char); 9] = [
    ('ô', 'ơ'),
    ('ö', 'ư'),
    ('ñ', 'đ'),
    ('æ', 'ỉ'),
    ('ó', 'ĩ'),
    ('ò', 'ị'),
    ('î', 'ỵ'),
    ('í', 'í'),
    ('ì', 'ì'),
];

fn decode_vni(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let upper = c.is_uppercase();
        let lower: char = c.to_lowercase().next().unwrap_or(c);
        // A whole letter (ơ ư đ and the i, ỵ forms), which a tone mark may follow (ơ, ư).
        if let Some((_, letter)) = VNI_LETTERS.iter().find(|(v, _)| *v == lower) {
            let mut decomposed: Vec<char> = letter.to_string().nfd().collect();
            if matches!(letter, 'ơ' | 'ư') {
                if let Some((_, ' ', Some(tone))) = chars
                    .get(i + 1)
                    .and_then(|n| n.to_lowercase().next())
                    .and_then(|n| VNI_MARKS.iter().find(|(m, _, _)| *m == n))
                {
                    decomposed.push(*tone);
                    i += 1;
                }
            }
            push_cased(&mut out, &decomposed, upper);
            i += 1;
            continue;
        }
        if "aeouy".contains(lower) {
            if let Some((_, quality, tone)) = chars
                .get(i + 1)
                .and_then(|n| n.to_lowercase().next())
                .and_then(|n| VNI_MARKS.iter().find(|(m, _, _)| *m == n))
            {
                let fits = match quality {
                    'c' => "aeo".contains(lower),
                    'b' => lower == 'a',
                    _ => true,
                };
                if fits {
                    let mut decomposed = vec![lower];
                    match quality {
                        'c' => decomposed.push('\u{302}'),
                        'b' => decomposed.push('\u{306}'),
                        _ => {}
                    }
                    if let Some(t) = tone {
                        decomposed.push(*t);
                    }
                    push_cased(&mut out, &decomposed, upper);
                    i += 2;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    out.into_iter().collect::<String>().nfc().collect()
}

fn push_cased(out: &mut Vec<char>, decomposed: &[char], upper: bool) {
    for (n, ch) in decomposed.iter().enumerate() {
        if upper && n == 0 {
            out.extend(ch.to_uppercase());
        } else {
            out.push(*ch);
        }
    }
}

struct Piece {
    text: String,
    is_word: bool,
}

/// Words (letters, and the legacy codes among them) and what lies between them.
fn split_words(text: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for c in text.chars() {
        let wordy = c.is_alphanumeric() || cp1252_byte(c).is_some_and(|b| b >= 0xA1);
        match pieces.last_mut() {
            Some(p) if p.is_word == wordy => p.text.push(c),
            _ => pieces.push(Piece {
                text: c.to_string(),
                is_word: wordy,
            }),
        }
    }
    pieces
}

/// True when `text` holds a Vietnamese letter that no old font encoding can produce (they only
/// write Windows-1252 characters): ă, đ, ĩ, ũ, ơ, ư, or any of U+1EA0–U+1EF9.
fn is_unicode_vietnamese(text: &str) -> bool {
    text.nfc()
        .any(|c| "ăĂđĐĩĨũŨơƠưƯ".contains(c) || ('\u{1EA0}'..='\u{1EF9}').contains(&c))
}

/// Letters of the Windows-1252 upper half that Vietnamese writing uses as they are.
const VIETNAMESE_LATIN1: &str = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";

/// How unlike Vietnamese Unicode a text is: characters Vietnamese never writes inside words,
/// and syllables with two tone marks, each counted.
fn oddness(text: &str) -> usize {
    let mut odd = 0;
    for piece in split_words(text).into_iter().filter(|p| p.is_word) {
        for c in piece.text.chars() {
            if let Some(b) = cp1252_byte(c) {
                if b >= 0x80 && !VIETNAMESE_LATIN1.contains(c) {
                    odd += 1;
                }
            }
        }
        let tones = piece
            .text
            .nfd()
            .filter(|c| ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'].contains(c))
            .count();
        if tones > 1 {
            odd += 2 * (tones - 1);
        }
    }
    odd
}

/// The old encoding `texts` are most likely in, or None when they read as Unicode.
pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Legacy> {
    let joined: String = texts.into_iter().collect::<Vec<_>>().join(" ");
    let as_is = oddness(&joined);
    if as_is == 0 {
        return None;
    }
    let tcvn3 = oddness(&decode_tcvn3(&joined));
    let vni = oddness(&decode_vni(&joined));
    let (best, score) = if tcvn3 <= vni {
        (Legacy::Tcvn3, tcvn3)
    } else {
        (Legacy::Vni, vni)
    };
    (score * 4 < as_is).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text as a TCVN3 sheet shows it: the bytes of the .VnTime codes read as Windows-1252.
    fn as_tcvn3(unicode: &str) -> String {
        unicode
            .chars()
            .map(|c| {
                let lower = c.to_lowercase().next().unwrap_or(c);
                match TCVN3.iter().position(|t| *t == lower) {
                    Some(p) => char::from_u32(0xA1 + p as u32).unwrap_or(c),
                    None => c,
                }
            })
            .collect()
    }

    #[test]
    fn tcvn3_text_is_read_as_unicode() {
        assert_eq!(decode_tcvn3("Ng\u{AD}\u{EA}i"), "Người");
        let sheet = as_tcvn3("Nguyễn Thị Hoa, ấp Phú Hiệp, hộ nghèo");
        assert_eq!(
            decode_tcvn3(&sheet),
            "Nguyễn Thị Hoa, ấp Phú Hiệp, hộ nghèo"
        );
        // A word in the capitals font keeps its capitals.
        assert_eq!(decode_tcvn3("NGUY\u{D4}N"), "NGUYỄN");
        assert_eq!(detect([sheet.as_str()]), Some(Legacy::Tcvn3));
    }

    #[test]
    fn vni_text_is_read_as_unicode() {
        assert_eq!(decode_vni("Ngöôøi"), "Người");
        assert_eq!(decode_vni("Nguyeãn Thò Hoa"), "Nguyễn Thị Hoa");
        assert_eq!(decode_vni("Phuù Höõu"), "Phú Hữu");
        assert_eq!(decode_vni("ÑAØ NAÜNG"), "ĐÀ NẴNG");
        assert_eq!(decode_vni("Traàn Vaên Baûy"), "Trần Văn Bảy");
        assert_eq!(
            detect(["Nguyeãn Thò Hoa", "Ngöôøi ngheøo"]),
            Some(Legacy::Vni)
        );
    }

    #[test]
    fn unicode_text_is_left_alone() {
        for t in [
            "Nguyễn Thị Hòa",
            "Hoà Bình",
            "Lê Văn Út",
            "Chau Sóc Khêl",
            "Mohamad Sa Ly",
        ] {
            assert_eq!(detect([t]), None, "{t}");
        }
    }
}

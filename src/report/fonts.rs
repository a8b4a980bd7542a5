//! The Tinos font (the free metric twin of Times New Roman, SIL Open Font License, from the
//! `@fontsource/tinos` package), embedded into the HTML as base64 `@font-face` rules, so that a
//! report prints the same on a machine without Times New Roman and never loads anything from the
//! network. Only the Latin and Vietnamese subsets, in regular, bold and italic, are shipped
//! (about 80 kB); the licence is `assets/fonts/OFL.txt`.

struct Face {
    weight: u16,
    style: &'static str,
    range: &'static str,
    data: &'static [u8],
}

const LATIN: &str =
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,\
U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD";
const VIETNAMESE: &str = "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,\
U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB";

const FACES: [Face; 6] = [
    Face {
        weight: 400,
        style: "normal",
        range: VIETNAMESE,
        data: include_bytes!("../../assets/fonts/tinos-vietnamese-400-normal.woff2"),
    },
    Face {
        weight: 400,
        style: "normal",
        range: LATIN,
        data: include_bytes!("../../assets/fonts/tinos-latin-400-normal.woff2"),
    },
    Face {
        weight: 700,
        style: "normal",
        range: VIETNAMESE,
        data: include_bytes!("../../assets/fonts/tinos-vietnamese-700-normal.woff2"),
    },
    Face {
        weight: 700,
        style: "normal",
        range: LATIN,
        data: include_bytes!("../../assets/fonts/tinos-latin-700-normal.woff2"),
    },
    Face {
        weight: 400,
        style: "italic",
        range: VIETNAMESE,
        data: include_bytes!("../../assets/fonts/tinos-vietnamese-400-italic.woff2"),
    },
    Face {
        weight: 400,
        style: "italic",
        range: LATIN,
        data: include_bytes!("../../assets/fonts/tinos-latin-400-italic.woff2"),
    },
];

/// Standard base64 (RFC 4648, with padding).
pub(crate) fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The `@font-face` rules of Tinos, with the font files inline.
pub(crate) fn font_faces() -> String {
    FACES
        .iter()
        .map(|f| {
            format!(
                "@font-face{{font-family:'Tinos';font-style:{};font-weight:{};font-display:block;\
                 src:url(data:font/woff2;base64,{}) format('woff2');unicode-range:{};}}\n",
                f.style,
                f.weight,
                base64(f.data),
                f.range
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}

//! Bytes to text. The encoding comes from, in order: a byte-order mark; the charset a
//! server declared; for HTML, a `<meta>` charset in the first 1024 bytes; valid UTF-8 as
//! is; else a guess by `chardetng`, decoded with `encoding_rs`.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

/// How many bytes of an HTML page are searched for a `<meta>` charset (as browsers do).
const META_PRESCAN_BYTES: usize = 1024;

/// What is known about the bytes besides themselves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// The charset a server declared (`Content-Type: …; charset=`).
    pub declared: Option<&'a str>,
    /// The bytes are an HTML page: a `<meta>` charset counts, and a guessed legacy
    /// encoding is taken even where a few bytes do not fit it (as browsers do).
    pub html: bool,
    /// The top-level domain the bytes came from, a hint for the guess (`th`, `jp`).
    pub tld: Option<&'a str>,
}

/// The encoding a byte-order mark names, and the mark's length.
pub fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Decodes `bytes` to text; the error says why no encoding fits.
pub fn decode(bytes: &[u8], hints: Hints) -> Result<String, String> {
    if let Some((enc, len)) = bom(bytes) {
        return Ok(enc
            .decode_without_bom_handling(&bytes[len..])
            .0
            .into_owned());
    }
    let labelled = hints
        .declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| {
            if hints.html {
                meta_charset(bytes)
            } else {
                None
            }
        })
        // A page cannot truly be UTF-16 without a byte-order mark (WHATWG: read as UTF-8).
        .map(Encoding::output_encoding);
    if let Some(enc) = labelled {
        return Ok(enc.decode_without_bom_handling(bytes).0.into_owned());
    }
    let not_utf8 = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(s.to_string()),
        Err(e) => e.valid_up_to(),
    };
    let enc = guess(bytes, hints.tld);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if hints.html || (!had_errors && plausible(&text)) {
        return Ok(text.into_owned());
    }
    Err(format!(
        "not valid UTF-8 (byte {not_utf8}), and no other text encoding fits"
    ))
}

/// chardetng's guess for bytes with no label.
fn guess(bytes: &[u8], tld: Option<&str>) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // chardetng panics on a TLD with upper case, dots or non-ASCII: pass only clean ones.
    let tld = tld.filter(|t| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    detector.guess(tld.map(str::as_bytes), Utf8Detection::Allow)
}

/// Text decoded by a guess is taken only if it reads like text: control characters
/// (other than tab, line breaks and form feed) are what binary data decodes into.
fn plausible(text: &str) -> bool {
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    controls == 0
}

/// The charset a `<meta charset>` or `<meta http-equiv="content-type" content="…;
/// charset=…">` names in the first 1024 bytes.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = find(&lower[at..], b"<meta") {
        let start = at + i + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |j| start + j);
        let tag = &lower[start..end];
        if let Some(label) = charset_in(tag)
            && let Some(enc) = Encoding::for_label(label)
        {
            return Some(enc);
        }
        at = end;
    }
    None
}

/// The value after `charset=` in a tag's attributes, quoted or not.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let i = find(tag, b"charset")?;
    let rest = &tag[i + 7..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const THAI: &str = "ทหารสองฝ่ายปะทะกันที่ชายแดนเมื่อเช้าวันจันทร์ มีผู้บาดเจ็บสามคน \
        เจ้าหน้าที่ท้องถิ่นกล่าวว่าชาวบ้านได้อพยพไปยังที่ปลอดภัยแล้ว";

    fn tis620(s: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_874.encode(s).0.into_owned()
    }

    #[test]
    fn utf8_is_kept_and_a_bom_wins() {
        assert_eq!(
            decode("Goma à l'aube".as_bytes(), Hints::default()).unwrap(),
            "Goma à l'aube"
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("shelling".as_bytes());
        assert_eq!(decode(&b, Hints::default()).unwrap(), "shelling");
        let utf16: Vec<u8> = [0xFF, 0xFE, b'h', 0, b'i', 0].to_vec();
        assert_eq!(decode(&utf16, Hints::default()).unwrap(), "hi");
    }

    #[test]
    fn thai_without_a_label_is_guessed() {
        assert_eq!(decode(&tis620(THAI), Hints::default()).unwrap(), THAI);
    }

    #[test]
    fn a_meta_charset_is_read_in_html_only() {
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=TIS-620\"></head><body>".to_vec();
        page.extend(tis620("ปะทะ"));
        let html = Hints {
            html: true,
            ..Hints::default()
        };
        assert!(decode(&page, html).unwrap().contains("ปะทะ"));
        assert_eq!(
            meta_charset(b"<meta charset='windows-1251'>"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(
            meta_charset(b"<meta name=x content=y><p>charset=koi8-r"),
            None
        );
    }

    #[test]
    fn a_declared_charset_comes_before_the_meta() {
        let page = b"<meta charset=\"utf-8\">Caf\xe9";
        let h = Hints {
            declared: Some("iso-8859-1"),
            html: true,
            tld: None,
        };
        assert_eq!(decode(page, h).unwrap(), "<meta charset=\"utf-8\">Café");
    }

    #[test]
    fn latin1_text_decodes_and_binary_does_not() {
        assert_eq!(
            decode(b"Caf\xe9 attack in Goma", Hints::default()).unwrap(),
            "Café attack in Goma"
        );
        let binary = [
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x01, 0x02, 0xff,
        ];
        let e = decode(&binary, Hints::default()).unwrap_err();
        assert!(e.starts_with("not valid UTF-8 (byte 0)"), "{e}");
    }

    #[test]
    fn odd_top_level_domains_do_not_panic() {
        for tld in ["TH", "co.th", "ไทย", "", "th"] {
            let h = Hints {
                tld: Some(tld),
                ..Hints::default()
            };
            assert_eq!(decode(&tis620(THAI), h).unwrap(), THAI);
        }
    }
}

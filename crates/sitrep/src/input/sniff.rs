//! What kind of input some bytes are: JSON Lines, an HTML page, an RSS/Atom feed or plain
//! text. The content decides first (its first markup), then the media type a server
//! gave, then the file extension.

/// The kinds of input `read` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jsonl,
    Html,
    Feed,
    Text,
}

/// How many leading bytes are looked at to find a feed's root element after the
/// XML declaration, comments and stylesheet instructions.
const HEAD_BYTES: usize = 2048;

/// The kind of `bytes`, given the lowercase file extension and media type if known.
pub fn kind(bytes: &[u8], ext: Option<&str>, mime: Option<&str>) -> Kind {
    if ext == Some("jsonl") {
        return Kind::Jsonl;
    }
    if let Some(k) = by_content(bytes) {
        return k;
    }
    let by_mime = mime.and_then(|m| match m {
        "text/html" | "application/xhtml+xml" => Some(Kind::Html),
        "application/rss+xml" | "application/atom+xml" | "application/rdf+xml" => Some(Kind::Feed),
        _ => None,
    });
    by_mime.unwrap_or(match ext {
        Some("html" | "htm" | "xhtml") => Kind::Html,
        Some("rss" | "atom" | "xml") => Kind::Feed,
        _ => Kind::Text,
    })
}

/// The kind the first markup shows: `<!doctype html` or `<html` for a page; `<rss`,
/// `<feed` or `<rdf:RDF` as the root element (after any `<?xml …?>`) for a feed.
fn by_content(bytes: &[u8]) -> Option<Kind> {
    let head = ascii_head(bytes);
    let mut rest = head.trim_start();
    if starts_with_ci(rest, "<!doctype html") || starts_with_ci(rest, "<html") {
        return Some(Kind::Html);
    }
    // Skip the prolog: declaration, processing instructions, comments, a doctype.
    loop {
        rest = rest.trim_start();
        let end = if rest.starts_with("<?") {
            rest.find("?>").map(|i| i + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if starts_with_ci(rest, "<!doctype") {
            rest.find('>').map(|i| i + 1)
        } else {
            break;
        };
        rest = &rest[end?..];
    }
    if ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .any(|root| starts_with_ci(rest, root))
    {
        return Some(Kind::Feed);
    }
    if starts_with_ci(rest, "<html") {
        return Some(Kind::Html);
    }
    None
}

/// The first bytes as text: a UTF-16 byte-order mark is decoded, any other byte that is
/// not ASCII becomes a replacement character (markup is ASCII in every encoding).
fn ascii_head(bytes: &[u8]) -> String {
    if let Some((enc, len)) = super::decode::bom(bytes) {
        let end = bytes.len().min(len + HEAD_BYTES * 2);
        return enc
            .decode_without_bom_handling(&bytes[len..end])
            .0
            .into_owned();
    }
    bytes
        .iter()
        .take(HEAD_BYTES)
        .map(|&b| if b.is_ascii() { b as char } else { '\u{fffd}' })
        .collect()
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_before_the_extension() {
        assert_eq!(
            kind(b"\n  <!DOCTYPE html><p>x", Some("txt"), None),
            Kind::Html
        );
        assert_eq!(kind(b"\xEF\xBB\xBF<HTML lang=th>", None, None), Kind::Html);
        assert_eq!(
            kind(
                b"<?xml version=\"1.0\"?>\n<!-- a feed -->\n<rss version=\"2.0\">",
                Some("txt"),
                None
            ),
            Kind::Feed
        );
        assert_eq!(
            kind(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", None, None),
            Kind::Feed
        );
        assert_eq!(
            kind(b"<?xml version='1.0'?><rdf:RDF>", None, None),
            Kind::Feed
        );
        assert_eq!(
            kind(
                b"<?xml version='1.0'?><?xml-stylesheet href='a.xsl'?><html>",
                None,
                None
            ),
            Kind::Html
        );
    }

    #[test]
    fn otherwise_media_type_then_extension() {
        assert_eq!(kind(b"<div>x</div>", Some("htm"), None), Kind::Html);
        assert_eq!(kind(b"<div>x</div>", None, Some("text/html")), Kind::Html);
        assert_eq!(kind(b"<channel/>", Some("rss"), None), Kind::Feed);
        assert_eq!(
            kind(b"Troops clashed.", None, Some("text/plain")),
            Kind::Text
        );
        assert_eq!(kind(b"Troops clashed.", Some("txt"), None), Kind::Text);
        assert_eq!(kind(b"<html>", Some("jsonl"), None), Kind::Jsonl);
        assert_eq!(kind(b"<?xml never closed", None, None), Kind::Text);
    }

    #[test]
    fn utf16_markup_is_seen() {
        let mut b = vec![0xFF, 0xFE];
        for c in "<html><body>".encode_utf16() {
            b.extend(c.to_le_bytes());
        }
        assert_eq!(kind(&b, None, None), Kind::Html);
    }
}

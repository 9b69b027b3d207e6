//! Reading reports: files, folders (recursively), glob patterns, standard input and
//! `http(s)://` addresses. Each input is sniffed and read as JSON Lines, an HTML page, an
//! RSS/Atom feed or plain text. An input that cannot be read becomes an error naming it;
//! the others still load.

mod decode;
mod feed;
mod fetch;
mod html;
pub mod jsonl;
mod sniff;

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use sniff::Kind;

/// The largest single report read, from a file or over HTTP (JSON Lines files are
/// exempt: they hold many).
const MAX_REPORT_BYTES: u64 = 16_000_000;

/// One report as read, before extraction.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: Option<String>,
    pub text: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: String,
    /// The site or publisher (`og:site_name`, JSON-LD `publisher.name`, a feed's title).
    /// The record has no field for it yet, so no command reads it.
    #[allow(dead_code)]
    pub outlet: Option<String>,
}

/// A problem with one input: what it was and what went wrong.
#[derive(Debug, Clone)]
pub struct InputError {
    pub input: String,
    pub message: String,
}

/// Parses a date given on the command line or in an input: `YYYY-MM-DD`, or the date part
/// of an RFC 3339 timestamp.
/// A date a user types in a flag: exactly `YYYY-MM-DD` (no time, no trailing text).
pub fn date_flag(flag: &str, s: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|_| s.trim().len() == 10)
        .ok_or_else(|| anyhow::anyhow!("{flag} {s:?} is not a date (want YYYY-MM-DD)"))
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// Expands inputs into the files to read, in order: folders recursively, sorted by name;
/// a pattern (`reports/*.html`) that names no file is expanded as a glob, sorted. `-`
/// (standard input) and addresses pass through.
pub fn expand(inputs: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in inputs {
        let as_str = p.to_str().unwrap_or("");
        if p.as_os_str() == "-" || fetch::is_url(as_str) {
            out.push(p.clone());
        } else if p.is_dir() {
            walk(p, &mut out, errors);
        } else if !p.exists() && as_str.contains(['*', '?', '[']) {
            expand_glob(as_str, &mut out, errors);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn expand_glob(pattern: &str, out: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let paths = match glob::glob_with(pattern, options) {
        Ok(p) => p,
        Err(e) => {
            errors.push(InputError {
                input: pattern.to_string(),
                message: format!("not a valid pattern: {e}"),
            });
            return;
        }
    };
    let mut found = Vec::new();
    for entry in paths {
        match entry {
            Ok(p) => found.push(p),
            Err(e) => errors.push(InputError {
                input: e.path().display().to_string(),
                message: e.error().to_string(),
            }),
        }
    }
    if found.is_empty() {
        errors.push(InputError {
            input: pattern.to_string(),
            message: "no file matches the pattern".into(),
        });
    }
    found.sort();
    for p in found {
        if p.is_dir() {
            walk(&p, out, errors);
        } else {
            out.push(p);
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    walk_once(dir, out, errors, &mut HashSet::new());
}

/// Each folder once (a symlink loop ends where it began); only regular files are inputs.
fn walk_once(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    errors: &mut Vec<InputError>,
    seen: &mut HashSet<PathBuf>,
) {
    if let Ok(real) = dir.canonicalize()
        && !seen.insert(real)
    {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError {
                input: dir.display().to_string(),
                message: e.to_string(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk_once(&p, out, errors, seen),
            Ok(m) if m.is_file() => out.push(p),
            // Devices, FIFOs, sockets and broken links are no reports.
            _ => {}
        }
    }
}

/// Reads one input into its reports: JSON Lines and feeds give many, a page or a text
/// one. `path` may be `-` (standard input) or an `http(s)://` address.
pub fn read(path: &Path, errors: &mut Vec<InputError>) -> Vec<Report> {
    let url = path.to_str().filter(|s| fetch::is_url(s));
    let loaded = if path.as_os_str() == "-" {
        Loaded::from_stdin()
    } else if let Some(url) = url {
        Loaded::from_url(url)
    } else {
        Loaded::from_file(path)
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(message) => {
            let input = if path.as_os_str() == "-" {
                "<stdin>".to_string()
            } else {
                path.display().to_string()
            };
            errors.push(InputError { input, message });
            return Vec::new();
        }
    };
    parse(&loaded, errors)
}

/// The reports in a loaded input, by its kind.
fn parse(loaded: &Loaded, errors: &mut Vec<InputError>) -> Vec<Report> {
    let one = |r: Result<Report, String>, errors: &mut Vec<InputError>| match r {
        Ok(r) => vec![r],
        Err(message) => {
            errors.push(InputError {
                input: loaded.name.clone(),
                message,
            });
            Vec::new()
        }
    };
    match loaded.kind() {
        Kind::Jsonl => match loaded.utf8() {
            Ok(text) => jsonl::read(&text, &loaded.name, errors),
            Err(e) => one(Err(e), errors),
        },
        Kind::Feed => feed::read(loaded, errors),
        Kind::Html | Kind::Text => one(page(loaded), errors),
    }
}

/// One page's report: an HTML page's article, or a text file as it is.
fn page(l: &Loaded) -> Result<Report, String> {
    let kind = l.kind();
    if matches!(kind, Kind::Feed | Kind::Jsonl) {
        return Err("a feed or JSON Lines file, not a page".into());
    }
    let text = l.text(kind == Kind::Html)?;
    if blank(&text) {
        return Err("empty: no text to read".into());
    }
    if kind == Kind::Html {
        return html::read(&text, l.url.as_deref(), &l.name);
    }
    Ok(Report {
        id: None,
        text,
        title: None,
        published: None,
        source: l.url.clone().unwrap_or_else(|| l.name.clone()),
        outlet: None,
    })
}

/// Nothing to read: only whitespace, byte-order marks, zero-width and other invisible
/// format characters, or NULs.
pub(crate) fn blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\0')
    })
}

/// Standard input may carry JSON Lines of many reports; each line, or the one report, is
/// still held to `MAX_REPORT_BYTES`.
const MAX_STDIN_BYTES: u64 = 1 << 30;

fn too_large(len: u64) -> String {
    format!(
        "too large for a report ({} MB; the limit is {} MB)",
        len / 1_000_000,
        MAX_REPORT_BYTES / 1_000_000
    )
}

/// Reads until the end, or fails once more than `limit` bytes came: a file that grows or
/// a stream that never ends is refused, not read into memory.
fn read_at_most(r: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    r.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// An input's bytes and what is known of where they came from.
#[derive(Debug)]
struct Loaded {
    /// What errors and sources call it: the path as given, `<stdin>`, or the address.
    name: String,
    bytes: Vec<u8>,
    /// The file's (or the address's) extension, lowercase.
    ext: Option<String>,
    /// The media type and charset a server gave.
    mime: Option<String>,
    charset: Option<String>,
    /// The folder a local file lies in: where its relative links lead.
    dir: Option<PathBuf>,
    /// The address it was fetched from, after redirects.
    url: Option<String>,
    tld: Option<String>,
}

impl Loaded {
    fn from_file(path: &Path) -> Result<Loaded, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        // Only regular files: a device (`/dev/zero`) never ends and a FIFO may never open.
        let meta = fs::metadata(path).map_err(|e| e.to_string())?;
        if !meta.is_file() {
            return Err("not a regular file (a folder, device, FIFO or socket)".into());
        }
        // A report is a few kilobytes; a file of many megabytes is something else (a dump,
        // a video) and reading it whole would only waste memory. JSON Lines may be large,
        // and each of its lines is held to the same limit as it is read.
        let jsonl = ext.as_deref() == Some("jsonl");
        if !jsonl && meta.len() > MAX_REPORT_BYTES {
            return Err(too_large(meta.len()));
        }
        let limit = if jsonl { u64::MAX } else { MAX_REPORT_BYTES };
        let bytes = read_at_most(fs::File::open(path).map_err(|e| e.to_string())?, limit)?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Loaded {
            name: path.display().to_string(),
            bytes,
            ext,
            mime: None,
            charset: None,
            dir: Some(dir),
            url: None,
            tld: None,
        })
    }

    fn from_stdin() -> Result<Loaded, String> {
        let bytes = read_at_most(std::io::stdin(), MAX_STDIN_BYTES)?;
        Ok(Loaded {
            name: "<stdin>".into(),
            bytes,
            ext: None,
            mime: None,
            charset: None,
            dir: None,
            url: None,
            tld: None,
        })
    }

    fn from_url(url: &str) -> Result<Loaded, String> {
        let f = fetch::get(url)?;
        let tld = f.tld();
        let path = f.url.split(['?', '#']).next().unwrap_or("");
        let ext = path
            .rsplit('/')
            .next()
            .and_then(|last| last.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        Ok(Loaded {
            name: url.to_string(),
            bytes: f.bytes,
            ext,
            mime: f.mime,
            charset: f.charset,
            dir: None,
            url: Some(f.url),
            tld,
        })
    }

    fn kind(&self) -> Kind {
        sniff::kind(&self.bytes, self.ext.as_deref(), self.mime.as_deref())
    }

    /// The bytes as text, decoded (see `decode`); NUL bytes mean a binary file.
    fn text(&self, html: bool) -> Result<String, String> {
        let unicode_wide = decode::bom(&self.bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
        if !unicode_wide && self.bytes.contains(&0) {
            return Err("binary file (contains NUL bytes)".into());
        }
        decode::decode(
            &self.bytes,
            decode::Hints {
                declared: self.charset.as_deref(),
                html,
                tld: self.tld.as_deref(),
            },
        )
    }

    /// The bytes as UTF-8 (JSON Lines are UTF-8 by definition), a BOM dropped.
    fn utf8(&self) -> Result<String, String> {
        let b = self
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&self.bytes);
        let text = std::str::from_utf8(b)
            .map_err(|e| format!("not valid UTF-8 (byte {})", e.valid_up_to()))?;
        if text.contains('\0') {
            return Err("binary file (contains NUL bytes)".into());
        }
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of pages, feeds and text that inputs are made of (no `http` link, so
    /// nothing is fetched).
    const PIECES: &[&str] = &[
        "<!doctype html>",
        "<html>",
        "<head>",
        "<body>",
        "</body>",
        "<p>",
        "</p>",
        "<div>",
        "<nav>",
        "</nav>",
        "<meta charset=\"tis-620\">",
        "<meta charset=utf-16>",
        "<meta property=\"og:title\" content=\"t\">",
        "<title>",
        "</title>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":",
        "</script>",
        "<time datetime=\"2025-13-45\">",
        "<?xml version=\"1.0\"?>",
        "<rss version=\"2.0\">",
        "<channel>",
        "<item>",
        "</item>",
        "<link>",
        "</link>",
        "page.html",
        "file:///dev/null",
        "<feed>",
        "<entry>",
        "</entry>",
        "<content type=\"html\">",
        "<description>",
        "</description>",
        "&lt;p&gt;",
        "&amp;",
        "<![CDATA[",
        "]]>",
        "<guid>",
        "Troops clashed. ",
        "ปะทะ",
        "\n",
        " ",
        "\u{feff}",
        "{\"text\": \"x\"}",
    ];

    fn input() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(PIECES).prop_map(|p| p.as_bytes().to_vec()),
                1 => any::<u8>().prop_map(|b| vec![b]),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever the bytes, reading gives reports with text or errors with a reason,
        /// and never panics.
        #[test]
        fn any_input_reads_without_panic(
            bytes in input(),
            ext in prop::sample::select(&[None, Some("html"), Some("rss"), Some("txt"), Some("jsonl")][..]),
        ) {
            let loaded = Loaded {
                name: "x".into(),
                bytes,
                ext: ext.map(str::to_string),
                mime: None,
                charset: None,
                dir: None,
                url: None,
                tld: None,
            };
            let mut errors = Vec::new();
            for r in parse(&loaded, &mut errors) {
                prop_assert!(!r.text.trim().is_empty() || ext == Some("jsonl"));
            }
            for e in errors {
                prop_assert!(!e.message.is_empty() && !e.message.contains('\n'), "{e:?}");
            }
        }
    }
}

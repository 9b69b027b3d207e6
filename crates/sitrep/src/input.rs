//! Reading reports: files, folders (recursively), standard input and JSON Lines.
//! A source that cannot be read becomes an error naming it; the others still load.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

/// The largest plain report file read (JSON Lines files are exempt: they hold many).
const MAX_REPORT_BYTES: u64 = 16_000_000;

/// One report as read, before extraction.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: Option<String>,
    pub text: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: String,
}

/// A problem with one input: what it was and what went wrong.
#[derive(Debug, Clone)]
pub struct InputError {
    pub input: String,
    pub message: String,
}

#[derive(Deserialize)]
struct JsonLine {
    id: Option<serde_json::Value>,
    text: Option<String>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// Parses a date given on the command line or in an input: `YYYY-MM-DD`, or the date part
/// of an RFC 3339 timestamp.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// Expands inputs into the files to read, in order: folders recursively, sorted by name.
pub fn expand(inputs: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(p.clone());
        } else if p.is_dir() {
            walk(p, &mut out, errors);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
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
        if p.is_dir() {
            walk(&p, out, errors);
        } else {
            out.push(p);
        }
    }
}

/// Reads one input into its reports; JSON Lines give one report per line.
pub fn read(path: &Path, errors: &mut Vec<InputError>) -> Vec<Report> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        match std::io::stdin().read_to_end(&mut buf) {
            Ok(_) => buf,
            Err(e) => {
                errors.push(InputError {
                    input: "<stdin>".into(),
                    message: e.to_string(),
                });
                return Vec::new();
            }
        }
    } else {
        // A report is a few kilobytes; a file of many megabytes is something else (a dump,
        // a video) and reading it whole would only waste memory. JSON Lines may be large.
        let jsonl = path.extension().is_some_and(|e| e == "jsonl");
        if let Ok(meta) = fs::metadata(path)
            && !jsonl
            && meta.len() > MAX_REPORT_BYTES
        {
            errors.push(InputError {
                input: name,
                message: format!(
                    "too large for a report ({} MB; the limit is {} MB)",
                    meta.len() / 1_000_000,
                    MAX_REPORT_BYTES / 1_000_000
                ),
            });
            return Vec::new();
        }
        match fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                errors.push(InputError {
                    input: name,
                    message: e.to_string(),
                });
                return Vec::new();
            }
        }
    };
    let source = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        name.clone()
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            errors.push(InputError {
                input: source,
                message: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
            });
            return Vec::new();
        }
    };
    if text.contains('\0') {
        errors.push(InputError {
            input: source,
            message: "binary file (contains NUL bytes)".into(),
        });
        return Vec::new();
    }
    if path.extension().is_some_and(|e| e == "jsonl") {
        return read_jsonl(&text, &source, errors);
    }
    if text.trim().is_empty() {
        errors.push(InputError {
            input: source,
            message: "empty: no text to read".into(),
        });
        return Vec::new();
    }
    vec![Report {
        id: None,
        text,
        title: None,
        published: None,
        source,
    }]
}

fn read_jsonl(text: &str, source: &str, errors: &mut Vec<InputError>) -> Vec<Report> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let where_ = format!("{source}:{}", n + 1);
        let parsed: JsonLine = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                errors.push(InputError {
                    input: where_,
                    message: format!("invalid JSON: {e}"),
                });
                continue;
            }
        };
        let Some(text) = parsed.text else {
            errors.push(InputError {
                input: where_,
                message: "no \"text\" field".into(),
            });
            continue;
        };
        let id = parsed.id.map(|v| match v {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        });
        let published = match parsed.published.as_deref() {
            Some(p) => match parse_date(p) {
                Some(d) => Some(d),
                None => {
                    errors.push(InputError {
                        input: where_.clone(),
                        message: format!("\"published\" is not a date: {p:?} (kept, unanchored)"),
                    });
                    None
                }
            },
            None => None,
        };
        out.push(Report {
            id,
            text,
            title: parsed.title,
            published,
            source: parsed.url.unwrap_or_else(|| where_.clone()),
        });
    }
    out
}

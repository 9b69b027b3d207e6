//! JSON Lines: one report per line (`{"id", "text", "title", "published", "url"}`); a bad
//! line is an error naming `file:line`, and the other lines are read.

use serde::Deserialize;

use super::{InputError, Report, parse_date};

#[derive(Deserialize)]
struct JsonLine {
    id: Option<serde_json::Value>,
    text: Option<String>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// The reports in `text`, read from `source`.
pub fn read(text: &str, source: &str, errors: &mut Vec<InputError>) -> Vec<Report> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let where_ = format!("{source}:{}", n + 1);
        if line.len() as u64 > super::MAX_REPORT_BYTES {
            errors.push(InputError {
                input: where_,
                message: super::too_large(line.len() as u64),
            });
            continue;
        }
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
        if super::blank(&text) {
            errors.push(InputError {
                input: where_,
                message: "empty: no text to read".into(),
            });
            continue;
        }
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
            outlet: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_are_read_and_bad_ones_named() {
        let mut errors = Vec::new();
        let text = "{\"id\": 7, \"text\": \"a\", \"published\": \"2025-06-03T10:00:00Z\"}\n\n\
                    {\"text\": \"b\", \"published\": \"soon\", \"url\": \"https://x.example/b\"}\n\
                    {\"title\": \"no text\"}\nnot json\n";
        let r = read(text, "f.jsonl", &mut errors);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].id.as_deref(), Some("7"));
        assert_eq!(r[0].source, "f.jsonl:1");
        assert_eq!(
            r[0].published.map(|d| d.to_string()).as_deref(),
            Some("2025-06-03")
        );
        assert_eq!(r[1].source, "https://x.example/b");
        assert_eq!(r[1].published, None);
        let named: Vec<&str> = errors.iter().map(|e| e.input.as_str()).collect();
        assert_eq!(named, ["f.jsonl:3", "f.jsonl:4", "f.jsonl:5"]);
    }
}

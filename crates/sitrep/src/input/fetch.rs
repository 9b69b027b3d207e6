//! Fetching `http://` and `https://` inputs with `ureq` (rustls): redirects followed,
//! 20 s for the whole exchange, at most 16 MB. `SITREP_OFFLINE=1` forbids any fetching.

use std::sync::OnceLock;
use std::time::Duration;

use ureq::ResponseExt;

use super::MAX_REPORT_BYTES;

/// The whole exchange, redirects and body included, must end within this.
const TIMEOUT: Duration = Duration::from_secs(20);
const MAX_REDIRECTS: u32 = 10;
const USER_AGENT: &str = "sitrep/0.1";

/// A fetched response: where it ended up (after redirects) and what it held.
#[derive(Debug)]
pub struct Fetched {
    pub url: String,
    pub bytes: Vec<u8>,
    /// The media type without parameters, lowercase (`text/html`).
    pub mime: Option<String>,
    /// The `charset` parameter of the `Content-Type`.
    pub charset: Option<String>,
}

impl Fetched {
    /// The last label of the host (`th` for `news.example.co.th`), lowercase.
    pub fn tld(&self) -> Option<String> {
        let rest = self.url.split_once("://")?.1;
        let authority = rest.split(['/', '?', '#']).next()?;
        let host = authority.rsplit('@').next()?;
        let host = host.split(':').next()?.trim_end_matches('.');
        let last = host.rsplit('.').next()?;
        last.bytes()
            .all(|b| b.is_ascii_alphabetic())
            .then(|| last.to_ascii_lowercase())
    }
}

/// Whether `s` names something to fetch rather than a file.
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Whether fetching is forbidden: `SITREP_OFFLINE` set to anything but empty or `0`.
pub fn offline() -> bool {
    std::env::var_os("SITREP_OFFLINE").is_some_and(|v| !v.is_empty() && v != "0")
}

fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(USER_AGENT)
            .build()
            .into()
    })
}

/// Fetches `url`; the error is a short cause (`HTTP status 404`, `timeout: …`).
pub fn get(url: &str) -> Result<Fetched, String> {
    if offline() {
        return Err("fetching disabled (SITREP_OFFLINE)".into());
    }
    let mut response = agent().get(url).call().map_err(describe)?;
    let final_url = response.get_uri().to_string();
    let body = response.body_mut();
    let mime = body.mime_type().map(|m| m.trim().to_ascii_lowercase());
    let charset = body.charset().map(|c| c.trim().to_string());
    let bytes = body
        .with_config()
        .limit(MAX_REPORT_BYTES)
        .read_to_vec()
        .map_err(describe)?;
    Ok(Fetched {
        url: final_url,
        bytes,
        mime,
        charset,
    })
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::StatusCode(code) => format!("HTTP status {code}"),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "too large for a report (over {} MB)",
            MAX_REPORT_BYTES / 1_000_000
        ),
        other => format!("cannot fetch: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://news.example/a"));
        assert!(is_url("HTTP://news.example/a"));
        assert!(!is_url("http:/x"));
        assert!(!is_url("reports/http-notes.txt"));
        assert!(!is_url("ftp://x"));
    }

    #[test]
    fn the_top_level_domain_is_the_hosts_last_label() {
        let f = |url: &str| Fetched {
            url: url.into(),
            bytes: Vec::new(),
            mime: None,
            charset: None,
        };
        assert_eq!(
            f("https://News.Example.CO.TH/a?b").tld().as_deref(),
            Some("th")
        );
        assert_eq!(f("http://user@site.kh:8080/").tld().as_deref(), Some("kh"));
        assert_eq!(f("http://127.0.0.1:9/").tld(), None);
    }
}

//! An RSS or Atom feed (`feed-rs`) to one report per item. An item's text is the page it
//! links to where that can be read (a local file next to a local feed, or fetched over
//! HTTP unless `SITREP_OFFLINE`), else its own content or summary, markup stripped.

use std::path::PathBuf;

use feed_rs::model::{Entry, Text};

use super::{InputError, Loaded, Report, fetch, html};

/// The reports a feed's items give; a malformed feed is one error, an item with no text
/// an error naming it (`feed.xml#item-3`) while the others are read.
pub fn read(feed: &Loaded, errors: &mut Vec<InputError>) -> Vec<Report> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(feed.url.as_deref())
        // An item without a guid or id is known by its link (feed-rs would hash it).
        .id_generator(|links, _, _| links.first().map(|l| l.href.clone()).unwrap_or_default())
        .build();
    let parsed = match parser.parse(feed.bytes.as_slice()) {
        Ok(f) => f,
        Err(e) => {
            errors.push(InputError {
                input: feed.name.clone(),
                message: format!("not a valid RSS or Atom feed: {e}"),
            });
            return Vec::new();
        }
    };
    let feed_title = parsed.title.as_ref().and_then(text_of);
    let mut out = Vec::new();
    for (i, entry) in parsed.entries.iter().enumerate() {
        let name = format!("{}#item-{}", feed.name, i + 1);
        match item(feed, entry, &name) {
            Ok(mut r) => {
                r.outlet = r.outlet.or_else(|| feed_title.clone());
                out.push(r);
            }
            Err(message) => errors.push(InputError {
                input: name,
                message,
            }),
        }
    }
    out
}

/// Where an item's link leads: a file on this machine or an address to fetch.
#[derive(Debug, PartialEq)]
enum Target {
    Local(PathBuf),
    Remote(String),
}

/// One item's report; `name` (`feed.xml#item-3`) is its source if it links nowhere.
fn item(feed: &Loaded, entry: &Entry, name: &str) -> Result<Report, String> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|l| !l.is_empty());
    let target = link.as_deref().and_then(|l| target(l, feed));
    let page = target.as_ref().map(|t| match t {
        Target::Local(p) => confined(p, feed)
            .and_then(|p| Loaded::from_file(&p))
            .and_then(|l| super::page(&l)),
        Target::Remote(u) => Loaded::from_url(u).and_then(|l| super::page(&l)),
    });
    let own_text = entry
        .content
        .as_ref()
        .and_then(|c| {
            let body = c.body.as_deref()?;
            markup_text(body, c.content_type.essence().to_string().as_str())
        })
        .or_else(|| entry.summary.as_ref().and_then(text_of));
    let (page, why_not) = match page {
        Some(Ok(r)) => (Some(r), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    let id = Some(entry.id.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| link.clone());
    let title = entry.title.as_ref().and_then(text_of);
    let published = entry.published.or(entry.updated).map(|d| d.date_naive());
    let source = match &target {
        Some(Target::Local(p)) => p.display().to_string(),
        Some(Target::Remote(u)) => u.clone(),
        None => link.clone().unwrap_or_else(|| name.to_string()),
    };
    if let Some(p) = page {
        return Ok(Report {
            id,
            text: p.text,
            title: title.or(p.title),
            published: published.or(p.published),
            source,
            outlet: p.outlet,
        });
    }
    let Some(text) = own_text else {
        return Err(match (link, why_not) {
            (Some(l), Some(e)) => {
                format!(
                    "no text: the item has no content or summary, and its link {l} cannot be read ({e})"
                )
            }
            _ => "no text: the item has no content, summary or readable link".into(),
        });
    };
    Ok(Report {
        id,
        text,
        title,
        published,
        source,
        outlet: None,
    })
}

/// Where `link` leads from this feed. Links from a fetched feed were made absolute by
/// the parser and never lead to local files; a local feed's relative links and `file://`
/// links resolve against its folder.
fn target(link: &str, feed: &Loaded) -> Option<Target> {
    if fetch::is_url(link) {
        return Some(Target::Remote(link.to_string()));
    }
    let dir = feed.dir.as_ref()?;
    let path = if let Some(rest) = link.strip_prefix("file://") {
        // file:///abs/path, or file://localhost/abs/path
        rest.strip_prefix("localhost").unwrap_or(rest)
    } else if has_scheme(link) {
        return None;
    } else {
        link
    };
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let path = PathBuf::from(percent_decode(path)?);
    let path = if path.is_absolute() {
        path
    } else {
        dir.join(path)
    };
    // `./pages/a.html` is `pages/a.html`: keep sources tidy.
    Some(Target::Local(
        path.components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect(),
    ))
}

/// A local link is followed only to a regular file inside the feed's own folder: never to
/// `/etc/passwd`, `../../secret`, a device or a FIFO, whatever the feed says.
fn confined(path: &std::path::Path, feed: &Loaded) -> Result<PathBuf, String> {
    let refused = || format!("{} is not a file beside the feed", path.display());
    let dir = feed.dir.as_ref().ok_or_else(refused)?;
    let (Ok(dir), Ok(real)) = (dir.canonicalize(), path.canonicalize()) else {
        return Err(refused());
    };
    let regular = std::fs::metadata(&real).is_ok_and(|m| m.is_file());
    if real.starts_with(&dir) && regular {
        Ok(real)
    } else {
        Err(refused())
    }
}

/// `mailto:`, `tag:`, `urn:`…: a scheme is letters, digits, `+-.`, then a colon, before
/// any slash.
fn has_scheme(link: &str) -> bool {
    link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            // a one-letter "scheme" is a Windows drive
            && scheme.len() > 1
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A feed text construct as plain text (HTML ones stripped of markup).
fn text_of(t: &Text) -> Option<String> {
    markup_text(&t.content, t.content_type.essence().to_string().as_str())
}

/// `body` as text: markup stripped where the type says HTML or the body plainly holds
/// tags (RSS descriptions are HTML whatever they claim).
fn markup_text(body: &str, media_type: &str) -> Option<String> {
    let looks_like_markup = ["<p", "<br", "<div", "</"].iter().any(|t| body.contains(t));
    if media_type.contains("html") || looks_like_markup {
        html::fragment_text(body)
    } else {
        let t = body.trim();
        (!t.is_empty()).then(|| t.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local_feed(dir: &str) -> Loaded {
        Loaded {
            name: format!("{dir}/feed.xml"),
            bytes: Vec::new(),
            ext: Some("xml".into()),
            mime: None,
            charset: None,
            dir: Some(PathBuf::from(dir)),
            url: None,
            tld: None,
        }
    }

    #[test]
    fn links_resolve_against_a_local_feeds_folder() {
        let f = local_feed("/data/feeds");
        assert_eq!(
            target("pages/a%20b.html#top", &f),
            Some(Target::Local("/data/feeds/pages/a b.html".into()))
        );
        assert_eq!(
            target("file:///srv/x.html", &f),
            Some(Target::Local("/srv/x.html".into()))
        );
        assert_eq!(
            target("https://news.example/a", &f),
            Some(Target::Remote("https://news.example/a".into()))
        );
        assert_eq!(target("mailto:desk@news.example", &f), None);
        assert_eq!(target("tag:news.example,2025:1", &f), None);
    }

    #[test]
    fn local_links_stay_inside_the_feeds_folder() {
        let root = std::env::temp_dir().join(format!("sitrep-feed-{}", std::process::id()));
        let dir = root.join("feeds");
        std::fs::create_dir_all(dir.join("pages")).unwrap();
        std::fs::write(dir.join("pages/a.html"), "<p>x</p>").unwrap();
        std::fs::write(root.join("secret.txt"), "secret").unwrap();
        let f = local_feed(dir.to_str().unwrap());
        assert!(confined(&dir.join("pages/a.html"), &f).is_ok());
        for outside in [
            root.join("secret.txt"),
            dir.join("../secret.txt"),
            PathBuf::from("/etc/passwd"),
            PathBuf::from("/dev/zero"),
            dir.join("pages"),
            dir.join("missing.html"),
        ] {
            let e = confined(&outside, &f).unwrap_err();
            assert!(e.contains("not a file beside the feed"), "{e}");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_fetched_feed_never_leads_to_local_files() {
        let mut f = local_feed("/x");
        f.dir = None;
        f.url = Some("https://news.example/feed".into());
        assert_eq!(target("file:///etc/passwd", &f), None);
        assert_eq!(target("../secret.html", &f), None);
    }

    fn parse(xml: &str) -> (Vec<Report>, Vec<InputError>) {
        let mut f = local_feed("/nonexistent-sitrep-dir");
        f.bytes = xml.as_bytes().to_vec();
        let mut errors = Vec::new();
        (read(&f, &mut errors), errors)
    }

    #[test]
    fn rss_items_use_their_descriptions_when_the_link_cannot_be_read() {
        let (reports, errors) = parse(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
            <item><title>One</title><guid>w-1</guid><pubDate>Tue, 03 Jun 2025 08:00:00 +0000</pubDate>
              <link>missing.html</link><description>&lt;p&gt;Troops &lt;b&gt;clashed&lt;/b&gt;.&lt;/p&gt;</description></item>
            <item><title>Two</title><link>gone.html</link></item>
            </channel></rss>"#,
        );
        assert_eq!(reports.len(), 1);
        let r = &reports[0];
        assert_eq!(r.id.as_deref(), Some("w-1"));
        assert_eq!(r.text, "Troops clashed.");
        assert_eq!(r.title.as_deref(), Some("One"));
        assert_eq!(
            r.published.map(|d| d.to_string()).as_deref(),
            Some("2025-06-03")
        );
        assert_eq!(r.source, "/nonexistent-sitrep-dir/missing.html");
        assert_eq!(r.outlet.as_deref(), Some("Wire"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].input, "/nonexistent-sitrep-dir/feed.xml#item-2");
        assert!(
            errors[0].message.contains("gone.html"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn atom_entries_use_content_and_updated() {
        let (reports, errors) = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:x</id>
            <updated>2025-02-02T00:00:00Z</updated>
            <entry><id>urn:e1</id><title type="html">Shelling &lt;b&gt;resumes&lt;/b&gt;</title>
              <updated>2025-02-01T10:00:00Z</updated>
              <content type="html">&lt;p&gt;First.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</content></entry>
            </feed>"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(reports[0].id.as_deref(), Some("urn:e1"));
        assert_eq!(reports[0].title.as_deref(), Some("Shelling resumes"));
        assert_eq!(reports[0].text, "First.\n\nSecond.");
        assert_eq!(
            reports[0].published.map(|d| d.to_string()).as_deref(),
            Some("2025-02-01")
        );
    }

    #[test]
    fn a_malformed_feed_is_one_error() {
        let (reports, errors) = parse("<?xml version=\"1.0\"?><rss><channel><item><title>cut");
        assert!(reports.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .starts_with("not a valid RSS or Atom feed: "),
            "{}",
            errors[0].message
        );
    }
}

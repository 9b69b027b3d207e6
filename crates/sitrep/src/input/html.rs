//! An HTML page to a report: the article's text by Readability (`dom_smoothie`), or the
//! page's paragraphs where Readability finds none; title, date, address and outlet from
//! the page's metadata (Open Graph, JSON-LD, `<time>`, Dublin Core).

use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use super::Report;

/// JSON-LD types whose `headline`, `datePublished` and `publisher` describe the page.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "WebPage",
];

/// Elements whose text is never part of the article.
const JUNK: &str = "script, style, noscript, template, nav, header, footer, aside, form, \
    button, select, [role=navigation], [role=banner], [role=contentinfo]";

/// The report an HTML page holds. `url` is the address it was fetched from (absolute),
/// `name` what to call it otherwise (its path); the error says why there is no report.
pub fn read(html: &str, url: Option<&str>, name: &str) -> Result<Report, String> {
    // Tag soup nested thousands deep would overflow the stack of any tree walk (and of
    // the tree's own drop): such a page is read as text, and the run goes on.
    if nesting(html) > MAX_NESTING {
        let text = tidy(&strip_tags(html)).ok_or("no text in the HTML page")?;
        return Ok(Report {
            id: None,
            text,
            title: None,
            published: None,
            source: url.map_or_else(|| name.to_string(), str::to_string),
            outlet: None,
        });
    }
    let doc = Document::from(html);
    let ld = json_ld(&doc);
    let title = meta(&doc, &["og:title"])
        .or_else(|| ld_str(&ld, "headline"))
        .or_else(|| first_text(&doc, "title"));
    let published = meta(&doc, &["article:published_time"])
        .and_then(|s| parse_date(&s))
        .or_else(|| ld_str(&ld, "datePublished").and_then(|s| parse_date(&s)))
        // A `<time>` in the article before one elsewhere (a sidebar's, a comment's).
        .or_else(|| time_datetime(&doc, "article time[datetime], main time[datetime]"))
        .or_else(|| time_datetime(&doc, "time[datetime]"))
        .or_else(|| {
            meta(
                &doc,
                &[
                    "date",
                    "pubdate",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.date",
                ],
            )
            .and_then(|s| parse_date(&s))
        });
    let source = meta(&doc, &["og:url"])
        .filter(|u| is_absolute(u))
        .or_else(|| attr(&doc, "link[rel=canonical]", "href").filter(|u| is_absolute(u)))
        .or_else(|| url.map(str::to_string))
        .unwrap_or_else(|| name.to_string());
    let outlet = meta(&doc, &["og:site_name"]).or_else(|| {
        ld.iter().find_map(|o| {
            let p = o.get("publisher")?;
            let p = p.as_array().and_then(|a| a.first()).unwrap_or(p);
            clean(p.get("name")?.as_str()?)
        })
    });
    // Navigation, headers, footers and scripts are never the article: drop them before
    // Readability scores the page (on short pages it would keep them).
    if let Some(junk) = doc.try_select(JUNK) {
        junk.remove();
    }
    let text = article_text(&doc.html(), url)
        .or_else(|| paragraphs(&doc))
        .or_else(|| body_text(&doc))
        .ok_or("no article text found in the HTML page")?;
    Ok(Report {
        id: None,
        text,
        title,
        published,
        source,
        outlet,
    })
}

/// The article's text by Readability, paragraphs kept as blank-line-separated lines.
fn article_text(html: &str, url: Option<&str>) -> Option<String> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // Readability wants an absolute http(s) address or none.
    let url = url.filter(|u| is_absolute(u));
    let mut r = Readability::new(html, url, Some(cfg)).ok()?;
    let article = r.parse().ok()?;
    tidy(&article.text_content)
}

/// The text of the body's `<p>` elements, one paragraph a line: Readability gives up on
/// short pages, which still have paragraphs.
fn paragraphs(doc: &Document) -> Option<String> {
    let paras = doc.try_select("body p")?;
    let out: Vec<String> = paras
        .nodes()
        .iter()
        .filter_map(|p| tidy(&p.formatted_text()))
        .collect();
    (!out.is_empty()).then(|| out.join("\n\n"))
}

/// The body's text: a page with no paragraphs.
fn body_text(doc: &Document) -> Option<String> {
    tidy(&doc.try_select("body")?.formatted_text())
}

/// The text of an HTML fragment (a feed item's description or content).
pub fn fragment_text(fragment: &str) -> Option<String> {
    if nesting(fragment) > MAX_NESTING {
        return tidy(&strip_tags(fragment));
    }
    let doc = Document::fragment(fragment);
    if let Some(junk) = doc.try_select("script, style, noscript, template") {
        junk.remove();
    }
    tidy(&doc.formatted_text())
}

/// Deeper than any real page nests (browsers cap far lower in practice).
const MAX_NESTING: usize = 512;

/// Elements that never hold others.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How deep the page's elements nest at most, by a scan of its tags (no tree is built).
fn nesting(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        if let Some(closing) = tag.strip_prefix('/') {
            if !closing.is_empty() {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

/// The page's text without its tags, scripts and styles, and with the common entities.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            "</script"
        } else if lower.starts_with("<style") {
            "</style"
        } else {
            ""
        };
        if !skip_to.is_empty() {
            let at = rest
                .to_ascii_lowercase()
                .find(skip_to)
                .unwrap_or(rest.len());
            rest = &rest[at..];
        }
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = rest[..end].to_ascii_lowercase();
        if tag.starts_with("<p") || tag.starts_with("<br") || tag.starts_with("<div") {
            out.push('\n');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Trims every line, drops runs of blank lines to one, and gives `None` for no text.
fn tidy(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut blank = false;
    for line in text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
    {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    (!out.is_empty()).then_some(out)
}

/// The first `<meta>` content among `names` (matched on `property` or `name`, any case).
fn meta(doc: &Document, names: &[&str]) -> Option<String> {
    let metas = doc.try_select("meta[content]")?;
    names.iter().find_map(|want| {
        metas.iter().find_map(|m| {
            let key = m.attr("property").or_else(|| m.attr("name"))?;
            if key.trim().eq_ignore_ascii_case(want) {
                clean(&m.attr("content")?)
            } else {
                None
            }
        })
    })
}

fn time_datetime(doc: &Document, selector: &str) -> Option<NaiveDate> {
    doc.try_select(selector)?
        .nodes()
        .iter()
        .filter_map(|t| t.attr("datetime"))
        .find_map(|d| parse_date(&d))
}

fn attr(doc: &Document, selector: &str, name: &str) -> Option<String> {
    doc.try_select(selector)?
        .iter()
        .find_map(|n| clean(&n.attr(name)?))
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    clean(&doc.try_select(selector)?.first().text())
}

/// Whitespace collapsed; `None` if nothing is left.
fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

fn is_absolute(u: &str) -> bool {
    u.starts_with("http://") || u.starts_with("https://")
}

/// The JSON-LD objects on the page that describe an article, outermost first
/// (`@graph` lists and arrays are opened).
fn json_ld(doc: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    let Some(scripts) = doc.try_select("script[type=\"application/ld+json\"]") else {
        return out;
    };
    for s in scripts.iter() {
        if let Ok(v) = serde_json::from_str::<Value>(s.text().trim()) {
            collect_articles(v, &mut out, 0);
        }
    }
    out
}

fn collect_articles(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                collect_articles(i, out, depth + 1);
            }
        }
        Value::Object(mut o) => {
            if let Some(graph) = o.remove("@graph") {
                collect_articles(graph, out, depth + 1);
            }
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                out.push(Value::Object(o));
            }
        }
        _ => {}
    }
}

fn ld_str(ld: &[Value], key: &str) -> Option<String> {
    ld.iter().find_map(|o| clean(o.get(key)?.as_str()?))
}

/// A date in a page's metadata: ISO 8601 (`2025-06-03`, `2025-06-03T08:00:00+07:00`) or
/// RFC 2822 (`Tue, 3 Jun 2025 08:00:00 +0700`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    super::parse_date(s).or_else(|| {
        chrono::DateTime::parse_from_rfc2822(s.trim())
            .ok()
            .map(|d| d.date_naive())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>")
    }

    #[test]
    fn metadata_comes_from_open_graph_first() {
        let html = page(
            r#"<title>Clash | The Daily</title>
            <meta property="og:title" content="Border clash leaves three hurt">
            <meta property="article:published_time" content="2025-06-03T08:00:00+07:00">
            <meta property="og:url" content="https://news.example/clash">
            <meta property="og:site_name" content="The Daily">"#,
            "<p>Troops exchanged fire at the border on Monday.</p>",
        );
        let r = read(&html, None, "a.html").unwrap();
        assert_eq!(r.title.as_deref(), Some("Border clash leaves three hurt"));
        assert_eq!(r.published, NaiveDate::from_ymd_opt(2025, 6, 3));
        assert_eq!(r.source, "https://news.example/clash");
        assert_eq!(r.outlet.as_deref(), Some("The Daily"));
        assert_eq!(r.text, "Troops exchanged fire at the border on Monday.");
    }

    #[test]
    fn json_ld_then_title_time_and_dublin_core() {
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org",
            "@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle",
            "headline":"Shelling hits market","datePublished":"2025-01-07",
            "publisher":{"@type":"Organization","name":"Valley Wire"}}]}</script>"#;
        let r = read(
            &page(&format!("<title>T</title>{ld}"), "<p>Text.</p>"),
            None,
            "b.html",
        )
        .unwrap();
        assert_eq!(r.title.as_deref(), Some("Shelling hits market"));
        assert_eq!(r.published, NaiveDate::from_ymd_opt(2025, 1, 7));
        assert_eq!(r.outlet.as_deref(), Some("Valley Wire"));
        assert_eq!(r.source, "b.html");

        let r = read(
            &page(
                "<title> Plain  title </title><link rel=canonical href=\"https://x.example/p\">",
                "<p><time datetime=\"2024-12-31T23:00:00Z\">Tuesday</time> Fighting resumed.</p>",
            ),
            Some("https://x.example/p?utm=1"),
            "c",
        )
        .unwrap();
        assert_eq!(r.title.as_deref(), Some("Plain title"));
        assert_eq!(r.published, NaiveDate::from_ymd_opt(2024, 12, 31));
        assert_eq!(r.source, "https://x.example/p");

        let r = read(
            &page(
                "",
                "<aside><time datetime=\"2020-01-01\">old</time></aside>\
                 <article><time datetime=\"2025-02-03\">Monday</time><p>Shelling.</p></article>",
            ),
            None,
            "c2",
        )
        .unwrap();
        assert_eq!(r.published, NaiveDate::from_ymd_opt(2025, 2, 3));

        let r = read(
            &page(
                r#"<meta name="DC.date" content="2023-04-05">"#,
                "<p>Calm.</p>",
            ),
            Some("https://y.example/q"),
            "d",
        )
        .unwrap();
        assert_eq!(r.published, NaiveDate::from_ymd_opt(2023, 4, 5));
        assert_eq!(r.source, "https://y.example/q");
    }

    #[test]
    fn short_pages_keep_their_paragraphs_and_leave_navigation_out() {
        let html = page(
            "",
            "<nav><p>Home</p><p>World</p></nav><div><p>First paragraph.</p>\
             <p>Second  paragraph\n spans lines.</p></div><footer><p>© Daily</p></footer>",
        );
        let r = read(&html, None, "e.html").unwrap();
        assert_eq!(r.text, "First paragraph.\n\nSecond paragraph spans lines.");
    }

    #[test]
    fn a_page_without_paragraphs_gives_its_body_text() {
        let html = "<html><body><nav>Menu</nav><div>Gunmen attacked a convoy.</div><script>var x=1;</script></body></html>";
        assert_eq!(
            read(html, None, "f").unwrap().text,
            "Gunmen attacked a convoy."
        );
    }

    #[test]
    fn a_page_with_no_text_is_an_error() {
        for html in [
            "<html><body><div>",
            "<html><head><title>x</title></head><body><script>1</script></body>",
            "",
        ] {
            assert_eq!(
                read(html, None, "g").unwrap_err(),
                "no article text found in the HTML page",
                "{html}"
            );
        }
    }

    #[test]
    fn dates_in_other_forms() {
        assert_eq!(
            parse_date("Tue, 3 Jun 2025 08:00:00 +0700"),
            NaiveDate::from_ymd_opt(2025, 6, 3)
        );
        assert_eq!(parse_date("yesterday"), None);
    }
}

#[cfg(test)]
mod nesting_tests {
    use super::*;

    #[test]
    fn nesting_is_measured_without_a_tree() {
        assert_eq!(nesting("<p>a<br>b<img src=x></p>"), 1);
        assert_eq!(nesting("<div><div><span>x</span></div></div>"), 3);
        assert_eq!(nesting("<b>".repeat(1000).as_str()), 1000);
    }

    #[test]
    fn tag_soup_nested_deep_is_read_as_text() {
        let page = format!(
            "<html><body><script>var x=1;</script>{}Gunmen killed five people &amp; fled.{}</body></html>",
            "<b>".repeat(200_000),
            "</b>".repeat(200_000)
        );
        let r = read(&page, None, "deep.html").expect("text is read");
        assert_eq!(r.text, "Gunmen killed five people & fled.");
        assert_eq!(r.source, "deep.html");
        assert_eq!(
            fragment_text(&"<i>".repeat(100_000)).unwrap_or_default(),
            ""
        );
    }
}

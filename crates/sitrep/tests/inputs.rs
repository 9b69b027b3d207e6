//! `sitrep` reading inputs of every format: HTML pages (UTF-8 and TIS-620 Thai), RSS and
//! Atom feeds, glob patterns, `http://` addresses, and inputs too large or broken, each
//! bad one named on one line of stderr while the good ones are still read.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `sitrep` run in the fixtures folder, offline unless a test says otherwise.
fn sitrep(args: &[&str]) -> Output {
    sitrep_env(args, &[("SITREP_OFFLINE", "1")])
}

fn sitrep_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.args(args)
        .current_dir(fixtures())
        .env_remove("SITREP_OFFLINE");
    // The loopback server must be reached directly, whatever proxy the machine names.
    for proxy in ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"] {
        c.env_remove(proxy);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("sitrep runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Each record's `document`, from JSON Lines output.
fn documents(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("a JSON line")["document"].clone()
        })
        .collect()
}

fn field(docs: &[serde_json::Value], name: &str) -> Vec<String> {
    docs.iter()
        .map(|d| d[name].as_str().unwrap_or("<none>").to_string())
        .collect()
}

/// The stderr lines that name `input`.
fn lines_naming<'a>(err: &'a str, input: &str) -> Vec<&'a str> {
    err.lines().filter(|l| l.contains(input)).collect()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-inputs-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn an_html_page_gives_its_article_without_the_page_around_it() {
    let o = sitrep(&["extract", "--format", "jsonl", "input/article.html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = documents(&o);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(
        d["title"],
        "Soldiers and militia clash near border crossing, three wounded"
    );
    assert_eq!(d["published"], "2025-06-03");
    assert_eq!(
        d["source"],
        "https://valley-ledger.example/world/2025/06/03/border-clash"
    );
    let text = d["text"].as_str().unwrap();
    assert!(
        text.contains("exchanged gunfire near a border crossing"),
        "{text}"
    );
    assert!(text.contains("remained shut on Monday afternoon"), "{text}");
    for junk in [
        "Subscribe today",
        "Most read",
        "Celebrity chef",
        "All rights reserved",
        "Cookie settings",
        "analytics",
        "display: flex",
    ] {
        assert!(!text.contains(junk), "{junk:?} in {text}");
    }
    // Paragraphs stay apart: each starts a line.
    assert!(
        text.lines()
            .any(|l| l.starts_with("Residents of two nearby villages")),
        "{text}"
    );
}

#[test]
fn thai_pages_in_tis_620_decode_with_or_without_a_declared_charset() {
    for page in [
        "input/thai-tis620-meta.html",
        "input/thai-tis620-nometa.html",
    ] {
        let o = sitrep(&["extract", "--format", "jsonl", page]);
        assert!(o.status.success(), "{page}: {}", stderr(&o));
        let d = &documents(&o)[0];
        assert_eq!(
            d["title"], "ทหารปะทะกลุ่มติดอาวุธใกล้ด่านชายแดน บาดเจ็บสามราย",
            "{page}"
        );
        assert_eq!(d["published"], "2025-06-02", "{page}");
        let text = d["text"].as_str().unwrap();
        assert!(text.contains("ยิงปะทะกันใกล้ด่านชายแดน"), "{page}: {text}");
        assert!(text.contains("ยังคงปิดอยู่จนถึงช่วงบ่ายวันจันทร์"), "{page}: {text}");
        assert!(!text.contains('\u{fffd}'), "{page}: {text}");
        assert!(
            !text.contains("สงวนลิขสิทธิ์"),
            "{page}: the footer is left out"
        );
    }
}

#[test]
fn an_rss_feed_gives_one_report_per_item_reading_the_local_pages_it_links() {
    let o = sitrep(&["extract", "--format", "jsonl", "input/feed.rss"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = documents(&o);
    assert_eq!(
        field(&docs, "id"),
        [
            "ledger-1001",
            "ledger-1002",
            "https://valley-ledger.example/world/aid-convoy"
        ]
    );
    assert_eq!(
        field(&docs, "title"),
        [
            "Shelling damages market",
            "Ceasefire talks to resume",
            "Aid convoy reaches district"
        ]
    );
    assert_eq!(
        field(&docs, "published"),
        ["2025-06-04", "2025-06-05", "2025-06-06"]
    );
    let texts = field(&docs, "text");
    // The first two items' text is their linked page's, not the feed's one-line summary.
    assert!(texts[0].contains("damaging a dozen stalls"), "{}", texts[0]);
    assert!(!texts[0].contains("Subscribe"), "{}", texts[0]);
    assert!(texts[1].contains("release of detainees"), "{}", texts[1]);
    // Offline, the third (an http link) keeps its description, markup stripped.
    assert!(
        texts[2].contains("reached the district on Friday, the first in a month."),
        "{}",
        texts[2]
    );
    assert!(!texts[2].contains("<b>"), "{}", texts[2]);
    let sources = field(&docs, "source");
    assert!(sources[0].ends_with("pages/clash-1.html"), "{sources:?}");
    assert_eq!(sources[2], "https://valley-ledger.example/world/aid-convoy");
}

#[test]
fn an_atom_feed_with_content_only_gives_its_entries() {
    let o = sitrep(&["extract", "--format", "jsonl", "input/atom.xml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = documents(&o);
    assert_eq!(
        field(&docs, "id"),
        ["urn:uuid:field-notes-1", "urn:uuid:field-notes-2"]
    );
    // published where given, else updated
    assert_eq!(field(&docs, "published"), ["2025-05-19", "2025-05-20"]);
    let texts = field(&docs, "text");
    assert!(
        texts[0].starts_with("A drone struck a fuel depot"),
        "{}",
        texts[0]
    );
    assert!(texts[0].contains("\nThe army said"), "{}", texts[0]);
    assert!(
        texts[1].starts_with("Authorities lifted a night curfew"),
        "{}",
        texts[1]
    );
}

#[test]
fn broken_pages_and_feeds_each_get_one_line_and_the_rest_is_read() {
    let o = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        "input/broken.html",
        "input/malformed.rss",
        "input/feed-item-without-text.rss",
        "input/article.html",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 3, "{err}");
    let broken = lines_naming(&err, "broken.html");
    assert_eq!(broken.len(), 1, "{err}");
    assert!(
        broken[0].contains("no article text found in the HTML page"),
        "{err}"
    );
    let malformed = lines_naming(&err, "malformed.rss");
    assert_eq!(malformed.len(), 1, "{err}");
    assert!(
        malformed[0].contains("not a valid RSS or Atom feed: "),
        "{err}"
    );
    let item = lines_naming(&err, "feed-item-without-text.rss#item-2");
    assert_eq!(item.len(), 1, "{err}");
    assert!(item[0].contains("no text"), "{err}");
    assert_eq!(
        field(&documents(&o), "id")[0],
        "w-1",
        "the feed's good item is read"
    );
    assert_eq!(
        field(&documents(&o), "source")[0],
        "input/feed-item-without-text.rss#item-1",
        "an item that links nowhere is named by its place in the feed"
    );
    assert_eq!(documents(&o).len(), 2, "and so is the good page");
}

#[test]
fn a_glob_expands_sorted_and_one_matching_nothing_says_so() {
    let o = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        "input/thai-*.html",
        "input/[a]rticle.htm?",
        "input/nothing-*.txt",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let sources = field(&documents(&o), "source");
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert!(sources[0].ends_with("thai-tis620-meta.html"), "{sources:?}");
    assert!(
        sources[1].ends_with("thai-tis620-nometa.html"),
        "{sources:?}"
    );
    assert!(sources[2].contains("valley-ledger.example"), "{sources:?}");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("input/nothing-*.txt: no file matches the pattern"),
        "{err}"
    );
}

#[test]
fn a_100_mb_file_is_refused_in_one_line_and_the_other_input_is_ingested() {
    let dir = temp_dir("huge");
    let huge = dir.join("huge.html");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100_000_000) // sparse: no disk written
        .unwrap();
    let good = dir.join("good.txt");
    std::fs::write(
        &good,
        "Rebels shelled Goma on Monday, killing three people.",
    )
    .unwrap();
    let db = dir.join("x.db");
    let o = sitrep(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        huge.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("huge.html: too large for a report (100 MB; the limit is 16 MB)"),
        "{err}"
    );
    assert!(stdout(&o).contains("ingested 1 reports"), "{}", stdout(&o));
    assert!(stdout(&o).contains("1 inputs failed"), "{}", stdout(&o));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn feeds_and_pages_are_ingested_into_the_store() {
    let dir = temp_dir("ingest");
    let db = dir.join("x.db");
    let o = sitrep(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "input/feed.rss",
        "input/atom.xml",
        "input/article.html",
        "input/thai-tis620-nometa.html",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("ingested 7 reports"), "{}", stdout(&o));
    assert!(stdout(&o).contains("holds 7"), "{}", stdout(&o));
    let o = sitrep(&["search", "--db", db.to_str().unwrap(), "detainees"]);
    assert!(
        stdout(&o).contains("Ceasefire talks to resume"),
        "{}",
        stdout(&o)
    );
    std::fs::remove_dir_all(dir).ok();
}

/// A one-thread HTTP/1.1 server on a free loopback port: `routes` maps a path to a
/// content type and body; any other path is a 404. Lives until the test process ends.
fn serve(routes: Vec<(String, String, Vec<u8>)>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                match reader.read_line(&mut header) {
                    Ok(n) if n > 0 && header != "\r\n" => {}
                    _ => break,
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (status, ctype, body) = match routes.iter().find(|(p, _, _)| *p == path) {
                Some((_, t, b)) => ("200 OK", t.as_str(), b.clone()),
                None => ("404 Not Found", "text/plain", b"not here".to_vec()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).ok();
            stream.write_all(&body).ok();
        }
    });
    port
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("input").join(name)).unwrap()
}

#[test]
fn urls_are_fetched_and_their_errors_named() {
    let html = "text/html".to_string();
    let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Remote</title>\
         <item><title>Remote clash</title><guid>r-1</guid><link>/page.html</link>\
         <description>Only a summary.</description></item></channel></rss>";
    let port = serve(vec![
        (
            "/page.html".into(),
            html.clone(),
            fixture_bytes("article.html"),
        ),
        // No charset in the page: the server's Content-Type says it.
        (
            "/thai".into(),
            "text/html; charset=TIS-620".into(),
            fixture_bytes("thai-tis620-nometa.html"),
        ),
        (
            "/feed".into(),
            "application/rss+xml".into(),
            feed.as_bytes().to_vec(),
        ),
    ]);
    let url = |p: &str| format!("http://127.0.0.1:{port}{p}");
    let dir = temp_dir("urls");
    let db = dir.join("x.db");
    let o = sitrep_env(
        &[
            "ingest",
            "--db",
            db.to_str().unwrap(),
            &url("/page.html"),
            &url("/missing.html"),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("ingested 1 reports"), "{}", stdout(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{}: HTTP status 404", url("/missing.html"))),
        "{err}"
    );

    let o = sitrep_env(
        &["extract", "--format", "jsonl", &url("/thai"), &url("/feed")],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = documents(&o);
    assert_eq!(docs.len(), 2);
    assert!(
        docs[0]["text"].as_str().unwrap().contains("ยิงปะทะกัน"),
        "{}",
        docs[0]["text"]
    );
    // The feed's item link (relative to the feed's address) is fetched for its text.
    assert_eq!(docs[1]["id"], "r-1");
    assert_eq!(docs[1]["title"], "Remote clash");
    assert_eq!(docs[1]["source"], url("/page.html"));
    assert!(
        docs[1]["text"]
            .as_str()
            .unwrap()
            .contains("exchanged gunfire near a border crossing"),
        "{}",
        docs[1]["text"]
    );

    // Offline: no fetching at all.
    let o = sitrep(&["extract", "--format", "jsonl", &url("/page.html")]);
    assert_eq!(o.status.code(), Some(2), "nothing could be read");
    assert!(
        stderr(&o).contains(&format!(
            "{}: fetching disabled (SITREP_OFFLINE)",
            url("/page.html")
        )),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_local_feed_can_link_pages_by_file_url() {
    let dir = temp_dir("fileurl");
    let page = dir.join("clash-2.html");
    std::fs::copy(fixtures().join("input/pages/clash-2.html"), &page).unwrap();
    let page = page.canonicalize().unwrap();
    let feed = dir.join("feed.xml");
    std::fs::write(
        &feed,
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>\
             <item><title>T</title><link>file://{}</link></item></channel></rss>",
            page.display()
        ),
    )
    .unwrap();
    let o = sitrep(&["extract", "--format", "jsonl", feed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = &documents(&o)[0];
    assert!(
        d["text"].as_str().unwrap().contains("release of detainees"),
        "{d}"
    );
    assert_eq!(
        d["published"], "2025-06-05",
        "the page's date, the item has none"
    );
    assert_eq!(d["source"], page.display().to_string());
    assert!(Path::new(d["source"].as_str().unwrap()).exists());
    std::fs::remove_dir_all(dir).ok();
}

/// A feed is data from elsewhere: its links never read files outside its own folder,
/// devices or FIFOs (issue 14). Each such item falls back to its own text, or is named.
#[test]
fn a_feed_cannot_read_local_files_outside_its_folder() {
    let dir = temp_dir("hostile-feed");
    let inner = dir.join("feeds");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(dir.join("secret.txt"), "SECRET-CONTENT troops clashed").unwrap();
    let items: String = [
        "/etc/passwd",
        "../secret.txt",
        "../../../../../../etc/passwd",
        "file:///etc/passwd",
        "/dev/zero",
    ]
    .iter()
    .enumerate()
    .map(|(i, l)| {
        format!("<item><title>T{i}</title><guid>g{i}</guid><link>{l}</link><description>Item {i} own text: troops clashed.</description></item>")
    })
    .collect();
    let feed = inner.join("feed.xml");
    std::fs::write(
        &feed,
        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>{items}</channel></rss>"),
    )
    .unwrap();
    let o = sitrep(&["extract", "--format", "jsonl", feed.to_str().unwrap()]);
    let docs = documents(&o);
    assert_eq!(docs.len(), 5, "{}", stderr(&o));
    for d in &docs {
        let text = d["text"].as_str().unwrap();
        assert!(text.contains("own text"), "{d}");
        assert!(!text.contains("SECRET") && !text.contains("root:"), "{d}");
    }
    std::fs::remove_dir_all(dir).ok();
}

/// Devices, FIFOs and symlink loops: named or skipped, never read for ever.
#[cfg(unix)]
#[test]
fn devices_fifos_and_symlink_loops_are_not_read() {
    let dir = temp_dir("special");
    std::fs::write(
        dir.join("a.txt"),
        "Gunmen attacked a village in Mali on Monday.",
    )
    .unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    let fifo = dir.join("pipe.txt");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    // The folder: one report, the loop walked once, the FIFO skipped.
    let o = sitrep(&["extract", "--format", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(documents(&o).len(), 1, "{}", stderr(&o));
    // Given by name, a device or a FIFO is one error line naming it.
    let mut named = vec!["/dev/zero".to_string()];
    if made {
        named.push(fifo.display().to_string());
    }
    for input in &named {
        let o = sitrep(&[
            "extract",
            "--format",
            "jsonl",
            input,
            dir.join("a.txt").to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(documents(&o).len(), 1);
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
    std::fs::remove_dir_all(dir).ok();
}

/// Tag soup nested half a million deep once overflowed the stack and aborted the whole
/// run; now it is read as text and the other inputs are extracted too (issue 14).
#[test]
fn deeply_nested_html_does_not_take_the_run_down() {
    let dir = temp_dir("nested");
    let page = dir.join("deep.html");
    std::fs::write(
        &page,
        format!(
            "<html><body>{}Gunmen killed five people in Gao.{}</body></html>",
            "<b>".repeat(500_000),
            "</b>".repeat(500_000)
        ),
    )
    .unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, "Troops clashed with rebels near Kidal on Monday.").unwrap();
    let o = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        page.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = documents(&o);
    assert_eq!(docs.len(), 2);
    assert!(
        docs[0]["text"]
            .as_str()
            .unwrap()
            .contains("Gunmen killed five")
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Documents with nothing to read (a byte-order mark, zero-width spaces, an empty JSON
/// Lines text) are each named as empty and the run exits 1; the others are read.
#[test]
fn empty_documents_are_named_not_extracted() {
    let dir = temp_dir("empty-docs");
    let bom = dir.join("bom.txt");
    std::fs::write(&bom, [0xEF, 0xBB, 0xBF]).unwrap();
    let zw = dir.join("zero-width.txt");
    std::fs::write(&zw, "\u{200B}\u{200B}\u{FEFF} \n").unwrap();
    let jl = dir.join("lines.jsonl");
    std::fs::write(
        &jl,
        "{\"id\": \"a\", \"text\": \"\"}\n{\"id\": \"b\", \"text\": \"Troops clashed near Kidal.\"}\n",
    )
    .unwrap();
    let o = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        bom.to_str().unwrap(),
        zw.to_str().unwrap(),
        jl.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(documents(&o).len(), 1);
    let err = stderr(&o);
    for name in ["bom.txt", "zero-width.txt", "lines.jsonl:1"] {
        assert!(
            lines_naming(&err, name).iter().any(|l| l.contains("empty")),
            "{name}: {err}"
        );
    }
    std::fs::remove_dir_all(dir).ok();
}

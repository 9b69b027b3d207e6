//! The HTTP API as a client uses it: one server (`sitrep demo`, the bundled example corpus,
//! with a write token) shared by every test in this binary.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use serde_json::{Value, json};

const TOKEN: &str = "test-token";

struct Server {
    base: String,
    _child: Child,
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        let home = std::env::temp_dir().join(format!("sitrep-api-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        // A shell holds the server and stops it when this test process ends (its stdin, our
        // pipe, closes): a static is never dropped, so the server must not outlive us.
        let script = format!(
            "'{}' demo --addr 127.0.0.1:0 --header-timeout 1 & pid=$!; cat > /dev/null; kill $pid",
            env!("CARGO_BIN_EXE_sitrep")
        );
        let mut child = Command::new("sh")
            .args(["-c", &script])
            .env("SITREP_TOKEN", TOKEN)
            .env("SITREP_HOME", &home)
            .env("TMPDIR", &home)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("sitrep demo starts");
        let out = child.stdout.take().unwrap();
        let mut lines = BufReader::new(out).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server says where it listens")
                .unwrap();
            if let Some(rest) = line.strip_prefix("sitrep: serving ") {
                break rest
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .trim_end_matches('/')
                    .to_string();
            }
        };
        // Keep reading stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            base,
            _child: child,
        }
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET a path: status and body as JSON (or text wrapped in a JSON string).
fn get(path: &str) -> (u16, Value) {
    let mut r = agent()
        .get(&format!("{}{path}", server().base))
        .call()
        .unwrap();
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn post(path: &str, body: &str, token: Option<&str>) -> (u16, Value) {
    let mut req = agent()
        .post(&format!("{}{path}", server().base))
        .header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    let mut r = req.send(body).unwrap();
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn error_code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

#[test]
fn incidents_filter_and_paginate() {
    let (s, all) = get("/api/incidents?limit=10000");
    assert_eq!(s, 200);
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 20, "{total}");
    let (_, ua) = get("/api/incidents?country=UA&limit=10000");
    let items = ua["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.len() < total as usize);
    assert!(items.iter().all(|i| i["place"]["country"] == "UA"));
    // Pages do not overlap and add up.
    let (_, p1) = get("/api/incidents?country=UA&limit=3&offset=0");
    let (_, p2) = get("/api/incidents?country=UA&limit=3&offset=3");
    let ids = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert!(ids(&p1).iter().all(|i| !ids(&p2).contains(i)));
    assert_eq!(p1["total"], ua["total"]);
    let (_, typed) =
        get("/api/incidents?type=Air/drone%20strike&since=2025-10-10&until=2025-10-14");
    for i in typed["items"].as_array().unwrap() {
        assert_eq!(i["sub_event_type"], "Air/drone strike");
        assert!(i["first_date"].as_str().unwrap() <= "2025-10-14");
    }
    let (_, by_actor) = get("/api/incidents?actor=RU");
    assert!(!by_actor["items"].as_array().unwrap().is_empty());
}

#[test]
fn one_incident_has_each_sides_account_with_its_sentence() {
    let (_, list) = get("/api/incidents?country=RU&limit=10000");
    let two_sided = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            let sides = i["sides"].as_array().unwrap();
            sides.iter().any(|s| s == "RU") && sides.iter().any(|s| s == "UA")
        })
        .expect("an incident told by both sides");
    let (s, inc) = get(&format!("/api/incidents/{}", two_sided["id"]));
    assert_eq!(s, 200);
    for a in inc["accounts"].as_array().unwrap() {
        assert!(!a["sentence"].as_str().unwrap().is_empty());
        assert!(a["report"].is_string());
    }
    let (s, missing) = get("/api/incidents/999999");
    assert_eq!((s, error_code(&missing)), (404, "not_found"));
    let (s, bad) = get("/api/incidents/not-a-number");
    assert_eq!((s, error_code(&bad)), (400, "bad_request"));
}

#[test]
fn tallies_briefs_ceasefire_search_and_reports() {
    let (s, t) = get("/api/tallies?country=UA&kind=killed");
    assert_eq!(s, 200);
    assert_eq!(t[0]["latest"], 340);
    let (s, bad) = get("/api/tallies?kind=eaten");
    assert_eq!((s, error_code(&bad)), (400, "bad_request"));
    let (s, b) = get("/api/brief?country=KG,TJ");
    assert_eq!(s, 200);
    assert!(b["headline"].as_str().unwrap().contains("Kyrgyz"));
    let (_, html) = get("/api/brief?country=KG,TJ&format=html");
    assert!(html.as_str().unwrap().starts_with("<!doctype html>"));
    let (s, c) = get("/api/ceasefire?parties=KG,TJ");
    assert_eq!(s, 200);
    assert_eq!(c["status"].as_array().unwrap().len(), 6);
    let (s, hits) = get("/api/search?q=Shebekino");
    assert_eq!(s, 200);
    assert!(!hits.as_array().unwrap().is_empty());
    let (s, e) = get("/api/search?q=");
    assert_eq!((s, error_code(&e)), (400, "bad_request"));
    let (s, r) = get("/api/reports/r01");
    assert_eq!(s, 200);
    assert_eq!(r["document"]["id"], "r01");
    let (s, c) = get("/api/countries");
    assert_eq!(s, 200);
    assert!(
        c.as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "UA" && x["name"] == "Ukraine")
    );
    let (s, spec) = get("/api/openapi.json");
    assert_eq!(s, 200);
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/api/incidents"].is_object());
    let (s, unknown) = get("/api/nothing-here");
    assert_eq!((s, error_code(&unknown)), (404, "not_found"));
}

#[test]
fn writing_needs_the_token_and_ingests_once() {
    let report = json!({"id": "api-1", "published": "2025-10-19", "text": "Russian drones struck the town of Izium in Kharkiv region on Sunday, killing three civilians, the regional governor said."}).to_string();
    let (s, e) = post("/api/reports", &report, None);
    assert_eq!((s, error_code(&e)), (401, "unauthorized"));
    let (s, e) = post("/api/reports", &report, Some("wrong"));
    assert_eq!((s, error_code(&e)), (401, "unauthorized"));
    let (s, done) = post("/api/reports", &report, Some(TOKEN));
    assert_eq!(s, 200, "{done}");
    assert_eq!(done["new"], 1);
    let (_, again) = post("/api/reports", &format!("[{report}]"), Some(TOKEN));
    assert_eq!(
        (again["new"].clone(), again["known"].clone()),
        (json!(0), json!(1))
    );
    let (s, e) = post("/api/reports", "{not json", Some(TOKEN));
    assert_eq!((s, error_code(&e)), (400, "bad_request"));
    let (_, stored) = get("/api/reports/api-1");
    assert_eq!(stored["document"]["id"], "api-1");
    // A body announced over the limit is refused before it is read, in the same shape.
    let addr = server().base.trim_start_matches("http://").to_string();
    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        conn,
        "POST /api/reports HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        17 * 1024 * 1024
    )
    .unwrap();
    let mut reply = String::new();
    let _ = conn.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert!(reply.contains("\"payload_too_large\""), "{reply}");
}

#[test]
fn the_dashboard_and_its_assets_are_served_from_the_binary() {
    let mut r = agent().get(&format!("{}/", server().base)).call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let html = r.body_mut().read_to_string().unwrap();
    assert!(html.contains("/assets/app.js"));
    for asset in ["app.js", "style.css", "world.json"] {
        let r = agent()
            .get(&format!("{}/assets/{asset}", server().base))
            .call()
            .unwrap();
        assert_eq!(r.status().as_u16(), 200, "{asset}");
    }
    assert!(!html.contains("https://"), "no CDN");
}

/// Refusals keep their own status and never show the store's internals; bodies up to the
/// documented 16 MB are read (issue 14).
#[test]
fn refusals_have_their_status_and_no_internals() {
    let base = &server().base;
    for method in ["DELETE", "PUT"] {
        let mut r = agent()
            .run(
                ureq::http::Request::builder()
                    .method(method)
                    .uri(format!("{base}/api/incidents"))
                    .body(())
                    .unwrap(),
            )
            .unwrap();
        assert_eq!(r.status().as_u16(), 405, "{method}");
        let body = r.body_mut().read_to_string().unwrap();
        assert!(body.contains("method_not_allowed"), "{body}");
    }
    let (s, v) = get("/api/search?q=%00");
    assert!(s == 400 || s == 200, "{s} {v}");
    let text = v.to_string().to_lowercase();
    assert!(
        !text.contains("sqlite") && !text.contains("fts5") && !text.contains("syntax"),
        "{text}"
    );
    // A 3 MB report (over axum's 2 MB default, under the documented 16 MB) is read. Mostly
    // blank, so that what is measured is the body limit, not how fast a debug build extracts.
    let long = format!(
        "Gunmen attacked a village near Gao on Monday.{}",
        " ".repeat(3_100_000)
    );
    let body = json!({"id": "big-1", "text": long, "published": "2025-06-02"}).to_string();
    assert!(body.len() > 3_000_000);
    let (s, v) = post("/api/reports", &body, Some(TOKEN));
    assert_eq!(s, 200, "{v}");
}

/// Served beyond loopback, every request needs the token, reads too; the dashboard can be
/// opened once with `?token=` and then works by its cookie. Sources show file names only.
#[test]
fn beyond_loopback_every_request_needs_the_token() {
    let home = std::env::temp_dir().join(format!("sitrep-api-open-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let db = home.join("store.db");
    let script = format!(
        "'{}' serve --addr 0.0.0.0:0 --token T0ken --db '{}' & pid=$!; cat > /dev/null; kill $pid",
        env!("CARGO_BIN_EXE_sitrep"),
        db.display()
    );
    let mut child = Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("it says where it listens").unwrap();
        if let Some(rest) = line.strip_prefix("sitrep: serving http://0.0.0.0:") {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .to_string();
        }
    };
    let base = format!("http://127.0.0.1:{port}");
    let status = |path: &str, auth: Option<&str>| {
        let mut req = agent().get(&format!("{base}{path}"));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        req.call().unwrap().status().as_u16()
    };
    assert_eq!(status("/api/incidents", None), 401);
    assert_eq!(status("/", None), 401);
    assert_eq!(status("/api/incidents", Some("Bearer wrong")), 401);
    assert_eq!(status("/api/incidents", Some("Bearer T0ken")), 200);
    // The dashboard with ?token= sets a cookie that opens the rest.
    let r = agent().get(&format!("{base}/?token=T0ken")).call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let s = agent()
        .get(&format!("{base}/api/countries"))
        .header("cookie", &pair)
        .call()
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(s, 200);
    drop(child.stdin.take());
    let _ = child.wait();
    std::fs::remove_dir_all(home).ok();
}

/// A client that sends its header slowly, or nothing at all, is cut off after the header
/// timeout (1 s here), and the server goes on answering others.
#[test]
fn slow_or_silent_clients_are_cut_off() {
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let addr = server().base.trim_start_matches("http://").to_string();
    for partial in ["", "GET /api/health HTTP/1.1\r\nHost: x\r\n"] {
        let mut c = TcpStream::connect(&addr).unwrap();
        c.write_all(partial.as_bytes()).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let start = Instant::now();
        let mut buf = [0u8; 512];
        // Closed: end of file, or a reset; a timeout of the read itself means still open.
        let closed = match c.read(&mut buf) {
            Ok(_) => true,
            Err(e) => !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
        };
        assert!(
            closed,
            "{partial:?}: connection still open after {:?}",
            start.elapsed()
        );
    }
    assert_eq!(get("/api/health").0, 200);
}

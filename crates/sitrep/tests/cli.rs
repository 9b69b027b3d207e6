//! The `sitrep` command as a user runs it: inputs of every kind, errors that name their
//! input, exit codes, and the evaluation harness.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .current_dir(fixtures())
        .output()
        .expect("sitrep runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// One field of each record's `document` in JSON Lines output.
fn document_field(o: &Output, field: &str) -> Vec<String> {
    stdout(o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["document"][field]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn extract_one_file_gives_one_record() {
    let o = sitrep(&["extract", "--published", "2025-06-03", "one.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["document"]["title"], "Rebels Shell Town");
    assert_eq!(r["document"]["published"], "2025-06-03");
    assert!(r["document"]["id"].as_str().unwrap().starts_with("sha256:"));
    let e = &r["events"][0];
    assert_eq!(e["plover"], "ASSAULT");
    assert_eq!(e["date"], "2025-06-02");
    assert_eq!(r["figures"][0]["count"], 6);
}

#[test]
fn jsonl_keeps_ids_and_order_and_reports_bad_lines() {
    let o = sitrep(&["extract", "--format", "jsonl", "--no-text", "batch.jsonl"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "bad lines make the exit code say so"
    );
    let ids: Vec<String> = document_field(&o, "id");
    assert_eq!(ids, ["a-1", "a-2"]);
    let err = stderr(&o);
    assert!(err.contains("batch.jsonl:4: no \"text\" field"), "{err}");
    assert!(err.contains("batch.jsonl:5: invalid JSON"), "{err}");
}

#[test]
fn unreadable_inputs_are_named_and_the_rest_still_processed() {
    let o = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        "missing.txt",
        "bad-utf8.txt",
        "one.txt",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("missing.txt:"), "{err}");
    // Not UTF-8, but it reads as a legacy encoding (windows-1252): decoded, not refused.
    assert!(!err.contains("bad-utf8.txt"), "{err}");
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn folders_are_read_recursively_in_name_order() {
    let dir = std::env::temp_dir().join(format!("sitrep-cli-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::write(dir.join("a.txt"), "Troops clashed near Goma.").unwrap();
    std::fs::write(
        dir.join("b/c.txt"),
        "Police arrested 12 protesters in Nairobi.",
    )
    .unwrap();
    std::fs::write(dir.join(".hidden"), "ignored").unwrap();
    let o = sitrep(&["extract", "--format", "jsonl", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sources: Vec<String> = document_field(&o, "source");
    assert_eq!(sources.len(), 2);
    assert!(
        sources[0].ends_with("a.txt") && sources[1].ends_with("c.txt"),
        "{sources:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "extract",
            "--format",
            "pretty",
            "--published",
            "2025-01-07",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"Ethiopian drones struck a market in Amhara region on Monday, killing 14 people.",
        )
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("ASSAULT") && out.contains("Amhara"), "{out}");
}

#[test]
fn a_bad_date_is_a_clear_usage_error() {
    for bad in ["last tuesday", "2025-10-06xyz", "2025-10-06T10:00"] {
        let o = sitrep(&["extract", "--published", bad, "one.txt"]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&o).contains(&format!("--published {bad:?} is not a date")),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn eval_scores_and_enforces_thresholds() {
    let o = sitrep(&[
        "eval",
        "--gold",
        "gold.json",
        "--require",
        "figures.f1=1.0",
        "--require",
        "events.recall=1.0",
    ]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(out.contains("all thresholds met"), "{out}");
    // An unreachable threshold fails the run, and says which.
    let o = sitrep(&[
        "eval",
        "--gold",
        "gold.json",
        "--require",
        "actors.precision=2",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("BELOW THRESHOLD: actors.precision"),
        "{}",
        stdout(&o)
    );
    // An unknown metric is a usage error that lists the known ones.
    let o = sitrep(&["eval", "--gold", "gold.json", "--require", "nonsense=1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("events.f1"), "{}", stderr(&o));
}

/// The real-text corpus's shape in miniature (`fixtures/real-mini`): scores per split and
/// section, per-class tables, the UCDP place benchmark, and misses for dev only.
#[test]
fn eval_scores_a_split_corpus() {
    let o = sitrep(&[
        "eval",
        "--gold",
        "real-mini",
        "--require",
        "dev.reports.figures.f1=1.0",
        "--require",
        "dev.ucdp.within50=1.0",
    ]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(
        out.contains("4 annotated units, 1 not yet annotated"),
        "{out}"
    );
    for metric in [
        "dev.snippets.detection",
        "dev.reports.figures",
        "dev.reports.places.admin1",
        "dev.snippets.acled.weighted_f1",
        "test.snippets.plover.weighted_f1",
        "test.ucdp.admin1",
    ] {
        assert!(out.contains(metric), "{metric} missing:\n{out}");
    }
    // The gold place the report does not name is a dev miss, listed by its report.
    assert!(out.contains("- [r-dev] Atlantis (NG)"), "{out}");
    // A test-split item is scored but never listed.
    assert!(!out.contains("[mini-3]"), "{out}");
    assert!(out.contains("test snippets.acled"), "{out}");
    // Below a gate, the split's metric is named.
    let o = sitrep(&[
        "eval",
        "--gold",
        "real-mini",
        "--require",
        "dev.reports.places.f1=0.9",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("BELOW THRESHOLD: dev.reports.places.f1"));
}

#[test]
fn gazetteer_lookup_import_and_stats() {
    let home = std::env::temp_dir().join(format!("sitrep-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(args)
            .env("SITREP_HOME", &home)
            .current_dir(fixtures())
            .output()
            .unwrap()
    };
    let o = run(&["gazetteer", "lookup", "Tripoli", "--limit", "3"]);
    let out = stdout(&o);
    assert!(
        o.status.success() && out.contains("LY") && out.contains("LB"),
        "{out}"
    );
    // A village no bundled file knows becomes known once its GeoNames row is imported.
    let dump = home.join("XX.txt");
    std::fs::write(&dump, "99999992\tKfar Testville\tKfar Testville\t\t33.2\t35.4\tP\tPPL\tLB\t\t06\t\t\t\t120\t\t\tAsia/Beirut\t2024-01-01\n").unwrap();
    let o = run(&["gazetteer", "import", dump.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("imported 1 features"), "{}", stdout(&o));
    let o = run(&["gazetteer", "lookup", "Kfar Testville"]);
    assert!(stdout(&o).contains("LB"), "{}", stdout(&o));
    let o = run(&["gazetteer", "stats"]);
    assert!(
        stdout(&o).contains("user gazetteer") && stdout(&o).contains("user_places.tsv"),
        "{}",
        stdout(&o)
    );
    // A file that is no GeoNames dump is refused with a reason.
    let o = run(&["gazetteer", "import", "one.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no GeoNames rows"), "{}", stderr(&o));
    std::fs::remove_dir_all(home).ok();
}

#[test]
fn ingest_stores_each_report_once_and_search_finds_it() {
    let dir = std::env::temp_dir().join(format!("sitrep-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .current_dir(fixtures())
            .output()
            .unwrap()
    };
    let o = run(&["ingest", "one.txt", "batch.jsonl"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the bad lines of batch.jsonl are reported"
    );
    assert!(
        stdout(&o).contains(
            "3 new (0 of them syndicated copies, linked to their originals), 0 already stored"
        ),
        "{}",
        stdout(&o)
    );
    let o = run(&["ingest", "one.txt", "batch.jsonl"]);
    assert!(
        stdout(&o).contains(
            "0 new (0 of them syndicated copies, linked to their originals), 3 already stored"
        ),
        "{}",
        stdout(&o)
    );
    let o = run(&["search", "Rafah"]);
    assert!(
        o.status.success() && stdout(&o).contains("[Rafah]"),
        "{}",
        stdout(&o)
    );
    let o = run(&["search", "nothing-like-this"]);
    assert_eq!(o.status.code(), Some(1));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn an_ingest_killed_midway_loses_nothing_committed_and_a_rerun_finishes_the_job() {
    let dir = std::env::temp_dir().join(format!("sitrep-kill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db");
    let feed = dir.join("feed.jsonl");
    let n = 6000;
    let lines: String = (0..n)
        .map(|i| format!("{{\"id\": \"k{i}\", \"text\": \"Report {i}: shelling hit Kharkiv on Monday, killing {} people, officials said.\", \"published\": \"2025-03-04\"}}\n", i % 40 + 1))
        .collect();
    std::fs::write(&feed, lines).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "ingest",
            feed.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once a first batch is committed (the WAL has grown) and before it is done.
    let wal = dir.join("t.db-wal");
    let started = std::time::Instant::now();
    while std::fs::metadata(&wal).map_or(0, |m| m.len()) < 64 * 1024
        && started.elapsed().as_secs() < 60
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().ok(); // SIGKILL: no chance to clean up.
    child.wait().ok();
    assert!(
        still_running,
        "the first ingest finished before it could be killed: make the feed longer"
    );
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args([
                "ingest",
                feed.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    };
    let o = run();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("holds {n}")), "{}", stdout(&o));
    let o = run();
    assert!(
        stdout(&o).contains(&format!(
            "0 new (0 of them syndicated copies, linked to their originals), {n} already stored"
        )),
        "{}",
        stdout(&o)
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_inputs_each_get_one_line_naming_them_and_the_rest_is_read() {
    let dir = std::env::temp_dir().join(format!("sitrep-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.txt"), "  \n").unwrap();
    std::fs::write(dir.join("binary.bin"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 attack in Goma").unwrap(); // decoded
    std::fs::write(dir.join("garbage.txt"), b"\xff\x01\x02\x9d\x1b\x7f").unwrap();
    let big = std::fs::File::create(dir.join("huge.txt")).unwrap();
    big.set_len(17_000_000).unwrap(); // sparse: no disk written
    std::fs::write(
        dir.join("good.txt"),
        "Rebels shelled Goma on Monday, killing three people.",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "--format", "jsonl", "--no-text"])
        .arg(&dir)
        .arg(dir.join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (file, why) in [
        ("empty.txt", "empty"),
        ("binary.bin", "binary file"),
        ("garbage.txt", "not valid UTF-8"),
        ("huge.txt", "too large"),
        ("missing.txt", "No such file"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {err}"
        );
    }
    assert!(!err.contains("latin1.txt"), "{err}");
    assert_eq!(
        stdout(&o).lines().count(),
        2,
        "the good report and the Latin-1 one are still extracted"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn export_gives_records_once_and_valid_geojson() {
    let dir = std::env::temp_dir().join(format!("sitrep-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db");
    let story = "Russian drones struck an apartment block in Kharkiv overnight, killing at least four civilians and wounding seventeen, the regional governor said on Sunday. Firefighters worked through the night to pull survivors from the rubble.";
    let feed = dir.join("feed.jsonl");
    let lines = [
        json_line("wire", story),
        json_line("reprint", &format!("Kharkiv mourns.\\n{story}")),
        json_line(
            "other",
            "Sudanese army jets bombed positions near Nyala in South Darfur on Monday, the army said.",
        ),
    ];
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let sitrep = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap()
    };
    assert!(
        sitrep(&[
            "ingest",
            feed.to_str().unwrap(),
            "--published",
            "2025-03-04"
        ])
        .status
        .success()
    );
    let o = sitrep(&["export", "--format", "jsonl"]);
    let ids: Vec<String> = document_field(&o, "id");
    assert_eq!(ids.len(), 2, "the reprint is left out: {ids:?}");
    assert_eq!(
        stdout(&sitrep(&["export", "--with-copies"]))
            .lines()
            .count(),
        3
    );
    let o = sitrep(&["export", "--format", "geojson"]);
    let g: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(g["type"], "FeatureCollection");
    let features = g["features"].as_array().unwrap();
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!(
            (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
            "{c:?}"
        );
        assert!(
            f["properties"]["evidence"]
                .as_str()
                .is_some_and(|e| !e.is_empty())
        );
    }
    let kharkiv = features
        .iter()
        .find(|f| f["properties"]["place"] == "Kharkiv")
        .expect("Kharkiv placed");
    let c = kharkiv["geometry"]["coordinates"].as_array().unwrap();
    assert!(
        (c[0].as_f64().unwrap() - 36.2).abs() < 1.0 && (c[1].as_f64().unwrap() - 50.0).abs() < 1.0,
        "longitude first: {c:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}

fn json_line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

/// `--min-confidence` drops the events the learned heads doubt, and refuses a non-probability.
#[test]
fn min_confidence_filters_events() {
    let text = "Thousands of people marched in Lagos against fuel prices on Monday.";
    let run = |extra: &[&str]| {
        let mut args = vec!["extract", "--format", "json", "--published", "2024-03-05"];
        args.extend_from_slice(extra);
        args.push("-");
        let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(&args)
            .current_dir(fixtures())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        c.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        c.wait_with_output().unwrap()
    };
    let events = |o: &Output| {
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["events"]
            .as_array()
            .unwrap()
            .clone()
    };
    let all = events(&run(&[]));
    assert!(!all.is_empty(), "the march is an event");
    assert!(
        all.iter().all(|e| e["confidence"]
            .as_f64()
            .is_some_and(|c| (0.0..=1.0).contains(&c))),
        "{all:?}"
    );
    assert!(events(&run(&["--min-confidence", "0"])).len() == all.len());
    assert!(
        events(&run(&["--min-confidence", "1"]))
            .iter()
            .all(|e| e["confidence"].as_f64() == Some(1.0))
    );
    let o = run(&["--min-confidence", "1.5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a probability"), "{}", stderr(&o));
}

/// A missing file and a pattern that matches nothing: `ingest` names each on its own line
/// and, having read nothing, exits 2 as `extract` does.
#[test]
fn ingest_names_the_inputs_it_cannot_read() {
    let dir = std::env::temp_dir().join(format!("sitrep-ingest-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("ingest")
        .arg("--db")
        .arg(dir.join("store.db"))
        .arg(dir.join("missing.txt"))
        .arg(dir.join("nothing-*.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.contains("missing.txt") && l.contains("No such file")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("nothing-*.txt") && l.contains("no file matches")),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

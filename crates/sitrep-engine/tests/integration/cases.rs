//! Data-driven phenomenon tests: `tests/cases/*.case` hold short texts and what the record
//! must (and must not) contain. One file per phenomenon family; cases split by `---`.
//!
//! Lines: `text: …` (repeatable, joined by newlines), `published: YYYY-MM-DD`, and
//! `expect: …` with one of
//!   `event PLOVER [key=value …]`   keys: actor1 actor2 (countries), sub, mode, status,
//!                                  claimed_by (country), date, location (country), count (exact number of such events)
//!   `no-event [PLOVER]`            no event (of that type)
//!   `figure KIND COUNT QUALIFIER [country=CC] [cumulative=true|false] [claimed_by=NAME] [population=P]`
//!   `figures N`                    exactly N figures
//!   `place NAME COUNTRY [admin1=NAME] [kind=KIND] [precision=PRECISION]`
//!   `no-place NAME`
//!   `actor NAME [country=CC] [role=ROLE] [kind=KIND]`
//!   `title TEXT` / `date DATE` (some event has this date)

use sitrep_engine::model::Record;
use sitrep_engine::{Input, NaiveDate};

use crate::{engine, repo};

struct Case {
    file: String,
    line: usize,
    text: String,
    published: Option<NaiveDate>,
    expects: Vec<String>,
}

fn parse(file: &str, src: &str) -> Vec<Case> {
    let mut out = Vec::new();
    let mut cur: Option<Case> = None;
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end();
        if line.trim() == "---" {
            out.extend(cur.take());
            continue;
        }
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c = cur.get_or_insert_with(|| Case {
            file: file.to_string(),
            line: n + 1,
            text: String::new(),
            published: None,
            expects: Vec::new(),
        });
        if let Some(t) = line.strip_prefix("text:") {
            if !c.text.is_empty() {
                c.text.push('\n');
            }
            c.text.push_str(t.trim());
        } else if let Some(p) = line.strip_prefix("published:") {
            c.published = NaiveDate::parse_from_str(p.trim(), "%Y-%m-%d").ok();
        } else if let Some(e) = line.strip_prefix("expect:") {
            c.expects.push(e.trim().to_string());
        } else {
            panic!("{file}:{}: cannot read {line:?}", n + 1);
        }
    }
    out.extend(cur);
    out
}

/// Splits on spaces, keeping "quoted words" together.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for ch in s.chars() {
        match ch {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn kv(ws: &[String]) -> Vec<(String, String)> {
    ws.iter()
        .filter_map(|w| {
            w.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Checks one expectation; returns a message when it fails.
fn check(r: &Record, expect: &str) -> Option<String> {
    let ws = words(expect);
    let what = ws.first().map(String::as_str).unwrap_or("");
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    match what {
        "event" => {
            let plover = ws.get(1)?;
            let conds = kv(&ws[2..]);
            let matching: Vec<_> = r
                .events
                .iter()
                .filter(|e| &e.plover == plover)
                .filter(|e| {
                    conds.iter().all(|(k, v)| match k.as_str() {
                        "actor1" => opt(&e.actor1_country) == *v,
                        "actor2" => opt(&e.actor2_country) == *v,
                        "sub" => opt(&e.sub_event_type) == *v,
                        "mode" => opt(&e.mode) == *v,
                        "status" => name(&e.status) == *v,
                        "claimed_by" => {
                            opt(&e.claimed_by_country) == *v || opt(&e.claimed_by) == *v
                        }
                        "date" => opt(&e.date) == *v,
                        "location" => e
                            .locations
                            .iter()
                            .any(|l| opt(&l.country) == *v || l.name == *v),
                        "count" => true,
                        other => panic!("unknown event key {other}"),
                    })
                })
                .collect();
            let want = conds
                .iter()
                .find(|(k, _)| k == "count")
                .map(|(_, v)| v.parse::<usize>().unwrap());
            let ok = match want {
                Some(n) => matching.len() == n,
                None => !matching.is_empty(),
            };
            (!ok).then(|| format!("found {} matching", matching.len()))
        }
        "no-event" => {
            let bad: Vec<_> = r
                .events
                .iter()
                .filter(|e| ws.get(1).is_none_or(|p| &e.plover == p))
                .map(|e| format!("{} «{}»", e.plover, e.trigger))
                .collect();
            (!bad.is_empty()).then(|| format!("unexpected {bad:?}"))
        }
        "figure" => {
            let (kind, count, qual) = (ws.get(1)?, ws.get(2)?.parse::<u64>().ok()?, ws.get(3)?);
            let conds = kv(&ws[4..]);
            let hit = r.figures.iter().any(|f| {
                name(&f.kind) == *kind
                    && f.count == count
                    && name(&f.qualifier) == *qual
                    && conds.iter().all(|(k, v)| match k.as_str() {
                        "country" => opt(&f.country) == *v,
                        "cumulative" => f.cumulative.to_string() == *v,
                        "claimed_by" => opt(&f.claimed_by) == *v,
                        "population" => name(&f.population) == *v,
                        "high" => f.count_high.map(|h| h.to_string()).unwrap_or_default() == *v,
                        other => panic!("unknown figure key {other}"),
                    })
            });
            (!hit).then(String::new)
        }
        "figures" => {
            let n: usize = ws.get(1)?.parse().ok()?;
            (r.figures.len() != n).then(|| format!("have {}", r.figures.len()))
        }
        "place" => {
            let (pname, country) = (ws.get(1)?, ws.get(2)?);
            let conds = kv(&ws[3..]);
            let hit = r.places.iter().any(|p| {
                &p.name == pname
                    && opt(&p.country) == *country
                    && conds.iter().all(|(k, v)| match k.as_str() {
                        "admin1" => opt(&p.admin1) == *v,
                        "kind" => name(&p.kind) == *v,
                        "precision" => name(&p.precision) == *v,
                        other => panic!("unknown place key {other}"),
                    })
            });
            (!hit).then(String::new)
        }
        "no-place" => {
            let pname = ws.get(1)?;
            r.places.iter().any(|p| &p.name == pname).then(String::new)
        }
        "actor" => {
            let aname = ws.get(1)?;
            let conds = kv(&ws[2..]);
            let hit = r.actors.iter().any(|a| {
                &a.name == aname
                    && conds.iter().all(|(k, v)| match k.as_str() {
                        "country" => opt(&a.country) == *v,
                        "role" => opt(&a.role) == *v,
                        "kind" => name(&a.kind) == *v,
                        other => panic!("unknown actor key {other}"),
                    })
            });
            (!hit).then(String::new)
        }
        "title" => (r.document.title.as_deref() != Some(ws[1..].join(" ").as_str()))
            .then(|| format!("title {:?}", r.document.title)),
        "date" => (!r
            .events
            .iter()
            .any(|e| e.date.as_deref() == ws.get(1).map(String::as_str)))
        .then(String::new),
        other => panic!("unknown expectation {other:?}"),
    }
}

#[test]
fn phenomenon_cases_hold() {
    let dir = repo().join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut n = 0;
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
    {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        for case in parse(&file, &std::fs::read_to_string(path).unwrap()) {
            n += 1;
            let r = engine().extract(&Input {
                text: &case.text,
                published: case.published,
                ..Default::default()
            });
            for e in &case.expects {
                if let Some(msg) = check(&r, e) {
                    let got: Vec<String> = r
                        .events
                        .iter()
                        .map(|e| {
                            format!(
                                "{} {} {}->{} at {:?} {:?} by {:?} «{}»",
                                e.plover,
                                e.sub_event_type.as_deref().unwrap_or(""),
                                e.actor1_country.as_deref().unwrap_or("-"),
                                e.actor2_country.as_deref().unwrap_or("-"),
                                e.locations.iter().map(|l| &l.name).collect::<Vec<_>>(),
                                e.status,
                                e.claimed_by,
                                e.trigger
                            )
                        })
                        .chain(r.figures.iter().map(|f| {
                            format!(
                                "figure {:?} {} {:?} {:?} cum={}",
                                f.kind, f.count, f.qualifier, f.country, f.cumulative
                            )
                        }))
                        .chain(r.places.iter().map(|p| {
                            format!(
                                "place {} {:?} {:?} {:?}",
                                p.name, p.country, p.admin1, p.kind
                            )
                        }))
                        .collect();
                    failures.push(format!(
                        "{}:{}: expect {e} — {msg}\n    text: {}\n    got: {}",
                        case.file,
                        case.line,
                        case.text,
                        got.join("\n         ")
                    ));
                }
            }
        }
    }
    assert!(n >= 20, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of the expectations failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! Period briefs: what happened, where, who says so, how many were killed and displaced by
//! whose count, what was agreed and whether it holds, over the store's reports of a period.
//! `assemble` builds the brief from incidents, tallies, diplomacy signals and the ceasefire
//! tracker; `markdown.rs` and `html.rs` render it. Every generated sentence carries
//! numbered references to the report and sentence it rests on.

pub mod html;
pub mod markdown;

use serde::Serialize;
use sitrep_engine::brief::english::{capitalise, join_list, long_date, number};
use sitrep_engine::incidents::{TallyQuery, incident_count, tally};
use sitrep_model::{Act, FigureKind, Incident, PeriodFigure, Signal, Tally, Tracker};

/// The most words the period summary may have.
pub const SUMMARY_WORDS: usize = 120;
/// How many incidents the brief ranks.
pub const KEY_INCIDENTS: usize = 8;

/// A numbered source: a report and the sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub n: usize,
    pub report: String,
    pub published: Option<String>,
    pub sentence: String,
}

/// A generated sentence and the references it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub text: String,
    pub refs: Vec<usize>,
}

impl AsRef<str> for Line {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideAccount {
    pub side: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyIncident {
    pub id: i64,
    pub date: Option<String>,
    pub place: Option<String>,
    pub what: String,
    pub killed: Option<u64>,
    pub accounts: Vec<SideAccount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Toll {
    pub country: String,
    pub kind: FigureKind,
    pub latest: u64,
    pub range: [u64; 2],
    pub basis: String,
    pub reported_by: Vec<String>,
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dated {
    pub date: String,
    pub line: Line,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Positions {
    pub party: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub since: Option<String>,
    pub until: Option<String>,
    pub countries: Vec<String>,
    pub headline: String,
    /// The summary's sentences, each with its references; at most 120 words in all.
    pub summary: Vec<Line>,
    pub incidents: Vec<KeyIncident>,
    pub casualties: Vec<Toll>,
    pub diplomacy: Vec<Dated>,
    pub positions: Vec<Positions>,
    pub disputed: Vec<Line>,
    pub ceasefire: Tracker,
    /// The tracker in sentences, each with its references.
    pub ceasefire_lines: Vec<Line>,
    pub references: Vec<Reference>,
}

impl Brief {
    /// The period the brief covers, in words: "1 May 2026 to 31 May 2026".
    pub fn period(&self) -> String {
        match (&self.since, &self.until) {
            (Some(s), Some(u)) => format!("{} to {}", long_date(s), long_date(u)),
            (Some(s), None) => format!("since {}", long_date(s)),
            (None, Some(u)) => format!("until {}", long_date(u)),
            (None, None) => "all reports".into(),
        }
    }
}

/// What a brief covers.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub since: Option<String>,
    pub until: Option<String>,
    pub countries: Vec<String>,
}

/// Names a country code gives in prose.
pub type Names<'a> = &'a dyn Fn(&str) -> String;

struct Refs {
    list: Vec<Reference>,
}

impl Refs {
    fn cite(&mut self, report: &str, published: &Option<String>, sentence: &str) -> usize {
        if let Some(r) = self
            .list
            .iter()
            .find(|r| r.report == report && r.sentence == sentence)
        {
            return r.n;
        }
        let n = self.list.len() + 1;
        self.list.push(Reference {
            n,
            report: report.to_string(),
            published: published.clone(),
            sentence: sentence.trim().to_string(),
        });
        n
    }
}

fn in_scope(scope: &Scope, date: Option<&str>, countries: &[&String]) -> bool {
    let d = date.unwrap_or("");
    scope.since.as_deref().is_none_or(|s| d >= s)
        && scope.until.as_deref().is_none_or(|u| d <= u)
        && (scope.countries.is_empty() || countries.iter().any(|c| scope.countries.contains(c)))
}

fn kind_word(k: FigureKind) -> &'static str {
    match k {
        FigureKind::Killed => "killed",
        FigureKind::Wounded => "wounded",
        FigureKind::Displaced => "displaced",
        _ => "counted",
    }
}

/// The brief for a scope over what the store holds: every incident and period total read
/// once, the tracker over all of them, kept to agreements involving the scope's countries.
pub fn build(
    store: &sitrep_store::Store,
    scope: &Scope,
) -> Result<Brief, sitrep_store::StoreError> {
    let incidents = store.incidents(&sitrep_store::IncidentQuery::default())?;
    let periods = store.period_figures()?;
    let signals = store.signals(None, scope.until.as_deref())?;
    let mut tracker = sitrep_engine::ceasefire::track(&signals, &incidents);
    if !scope.countries.is_empty() {
        sitrep_engine::ceasefire::keep_agreements(&mut tracker, |a| {
            a.parties.iter().any(|p| scope.countries.contains(p))
        });
    }
    let countries = sitrep_engine::gazetteer::country_names();
    let names = |cc: &str| countries.get(cc).cloned().unwrap_or_else(|| cc.to_string());
    Ok(assemble(
        scope, &incidents, &periods, &signals, &tracker, &names,
    ))
}

/// Assembles the brief for a scope from the incidents, period totals, signals and tracker.
pub fn assemble(
    scope: &Scope,
    incidents: &[Incident],
    periods: &[PeriodFigure],
    signals: &[Signal],
    tracker: &Tracker,
    names: Names,
) -> Brief {
    let mut refs = Refs { list: Vec::new() };
    let chosen: Vec<&Incident> = incidents
        .iter()
        .filter(|i| {
            let mut cs: Vec<&String> = i.profile.actor_countries.iter().collect();
            if let Some(c) = i.profile.place.as_ref().and_then(|p| p.country.as_ref()) {
                cs.push(c);
            }
            in_scope(scope, i.profile.first_date.as_deref(), &cs)
        })
        .collect();
    // Key incidents: the deadliest first, then the most reported.
    let mut ranked: Vec<(&Incident, u64)> = chosen
        .iter()
        .map(|i| (*i, incident_count(i, FigureKind::Killed).map_or(0, |c| c.0)))
        .collect();
    ranked.sort_by(|a, b| {
        (b.1, b.0.profile.reports.len(), &a.0.profile.first_date).cmp(&(
            a.1,
            a.0.profile.reports.len(),
            &b.0.profile.first_date,
        ))
    });
    let mut key = Vec::new();
    for (inc, killed) in ranked.iter().take(KEY_INCIDENTS) {
        let p = &inc.profile;
        let what = p
            .sub_event_type
            .clone()
            .or(p.event_type.clone())
            .or(p.plover.clone())
            .unwrap_or_else(|| "Incident".into());
        let mut accounts: Vec<SideAccount> = Vec::new();
        for a in inc.accounts.iter().filter(|a| a.copy_of.is_none()) {
            let side = a
                .side
                .as_deref()
                .map(names)
                .unwrap_or_else(|| "Reports".to_string());
            let by = a
                .claimed_by
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            let attacker = a.actor1_country.as_deref().map(names).or(a.actor1.clone());
            let target = a.actor2_country.as_deref().map(names).or(a.actor2.clone());
            let mut text = match (&attacker, &target) {
                (Some(x), Some(y)) if x != y => format!("{x} against {y}"),
                (Some(x), _) => format!("by {x}"),
                (None, Some(y)) => format!("against {y}"),
                (None, None) => "attacker not named".into(),
            };
            let status = match a.status {
                sitrep_model::Status::Denied => ", denied",
                sitrep_model::Status::Claimed => ", as claimed",
                _ => "",
            };
            text = format!(
                "{}{by}: {}{}{status}",
                side,
                a.event_type.as_deref().unwrap_or("figures"),
                if text.is_empty() {
                    String::new()
                } else {
                    format!(", {text}")
                }
            );
            let figs: Vec<String> = a
                .figures
                .iter()
                .filter(|f| {
                    matches!(
                        f.figure.kind,
                        FigureKind::Killed | FigureKind::Wounded | FigureKind::Displaced
                    )
                })
                .map(|f| format!("{} {}", number(f.figure.count), kind_word(f.figure.kind)))
                .collect();
            if !figs.is_empty() {
                text.push_str(&format!("; {}", join_list(&figs)));
            }
            let n = refs.cite(&a.report, &a.published, &a.sentence);
            let side_key = side.clone();
            match accounts.iter_mut().find(|s| s.side == side_key) {
                Some(s) => {
                    if let Some(l) = s.lines.iter_mut().find(|l| l.text == text) {
                        l.refs.push(n);
                    } else {
                        s.lines.push(Line {
                            text,
                            refs: vec![n],
                        });
                    }
                }
                None => accounts.push(SideAccount {
                    side: side_key,
                    lines: vec![Line {
                        text,
                        refs: vec![n],
                    }],
                }),
            }
        }
        key.push(KeyIncident {
            id: inc.id,
            date: p.first_date.clone(),
            place: p.place.as_ref().map(|x| match &x.country {
                Some(c) => format!("{}, {}", x.name, names(c)),
                None => x.name.clone(),
            }),
            what,
            killed: (*killed > 0).then_some(*killed),
            accounts,
        });
    }
    // Casualties and displacement.
    let q = TallyQuery {
        countries: scope.countries.clone(),
        kinds: vec![
            FigureKind::Killed,
            FigureKind::Wounded,
            FigureKind::Displaced,
        ],
        since: scope.since.clone(),
    };
    let owned: Vec<Incident> = chosen.iter().map(|i| (*i).clone()).collect();
    let tallies: Vec<Tally> = tally(&owned, periods, &q);
    let mut casualties = Vec::new();
    for t in &tallies {
        let mut by: Vec<String> = Vec::new();
        let mut rs = Vec::new();
        let sources = t.cumulative.iter().chain(t.incidents.iter());
        for s in sources {
            if let Some(c) = s.claimed_by.clone().or(s.side.as_deref().map(names))
                && !by.contains(&c)
            {
                by.push(c);
            }
            rs.push(refs.cite(&s.report, &s.published, &s.sentence));
        }
        rs.dedup();
        casualties.push(Toll {
            country: t.country.clone(),
            kind: t.kind,
            latest: t.latest,
            range: t.range,
            basis: t.basis.clone(),
            reported_by: by,
            refs: rs,
        });
    }
    // Diplomacy: talks, agreements and appeals, by date.
    let mut diplomacy: Vec<Dated> = Vec::new();
    for s in signals.iter().filter(|s| s.copy_of.is_none()) {
        // A signal that names no country (a UN appeal) belongs to every country's brief.
        let mut cs: Vec<&String> = s.parties.iter().collect();
        cs.extend(s.by.iter());
        let anywhere = Scope {
            countries: Vec::new(),
            ..scope.clone()
        };
        let named = s.parties.is_empty() && s.by.as_ref().is_none_or(|b| b.len() != 2);
        if !(in_scope(scope, s.published.as_deref(), &cs)
            || named && in_scope(&anywhere, s.published.as_deref(), &[]))
        {
            continue;
        }
        let who = s.by.as_deref().map(names);
        let at = s
            .place
            .as_deref()
            .map(|p| format!(" in {p}"))
            .unwrap_or_default();
        let text = match s.act {
            Act::TalksScheduled => format!(
                "Talks planned{at}{}",
                s.date
                    .as_deref()
                    .map(|d| format!(" for {}", long_date(d)))
                    .unwrap_or_default()
            ),
            Act::TalksHeld if !at.is_empty() => format!("Talks held{at}"),
            Act::Appeal => match &who {
                Some(w) => format!("{w} appealed to the parties"),
                None => continue,
            },
            Act::Agreed => format!(
                "{} agreed a {}{at}",
                join_list(&s.parties.iter().map(|p| names(p)).collect::<Vec<_>>()),
                s.agreement.as_deref().unwrap_or("deal")
            ),
            Act::Suspended => format!(
                "{} suspended the {}",
                who.unwrap_or_else(|| "A party".into()),
                s.agreement.as_deref().unwrap_or("agreement")
            ),
            Act::Collapsed => format!(
                "The {} was declared over",
                s.agreement.as_deref().unwrap_or("agreement")
            ),
            _ => continue,
        };
        let n = refs.cite(&s.report, &s.published, &s.sentence);
        let date = s.published.clone().unwrap_or_default();
        match diplomacy
            .iter_mut()
            .find(|d| d.date == date && d.line.text == text)
        {
            Some(d) => d.line.refs.push(n),
            None => diplomacy.push(Dated {
                date,
                line: Line {
                    text,
                    refs: vec![n],
                },
            }),
        }
    }
    diplomacy.sort_by(|a, b| a.date.cmp(&b.date));
    // Positions and conditions by party.
    let mut positions: Vec<Positions> = Vec::new();
    for s in signals.iter().filter(|s| {
        s.copy_of.is_none()
            && matches!(
                s.act,
                Act::Position | Act::Demand | Act::Condition | Act::Commitment
            )
    }) {
        let Some(by) = &s.by else { continue };
        if !in_scope(scope, s.published.as_deref(), &[by]) {
            continue;
        }
        let label = match s.act {
            Act::Demand => "demands",
            Act::Condition => "sets a condition",
            Act::Commitment => "commits itself",
            _ => "states a position",
        };
        let party = names(by);
        let n = refs.cite(&s.report, &s.published, &s.sentence);
        let text = format!(
            "{party} {label} ({})",
            s.published.as_deref().map(long_date).unwrap_or_default()
        );
        match positions.iter_mut().find(|p| p.party == party) {
            Some(p) => {
                if p.lines.len() < 6 {
                    p.lines.push(Line {
                        text,
                        refs: vec![n],
                    });
                }
            }
            None => positions.push(Positions {
                party,
                lines: vec![Line {
                    text,
                    refs: vec![n],
                }],
            }),
        }
    }
    // Disputed: incidents the sides tell differently, or deny.
    let mut disputed = Vec::new();
    for inc in &chosen {
        let mut sides: Vec<&String> = Vec::new();
        for a in &inc.accounts {
            if let Some(s) = &a.side
                && !sides.contains(&s)
            {
                sides.push(s);
            }
        }
        let denied = inc
            .accounts
            .iter()
            .any(|a| a.status == sitrep_model::Status::Denied);
        if sides.len() < 2 && !denied {
            continue;
        }
        let rs: Vec<usize> = inc
            .accounts
            .iter()
            .filter(|a| a.copy_of.is_none())
            .map(|a| refs.cite(&a.report, &a.published, &a.sentence))
            .collect();
        let place = inc
            .profile
            .place
            .as_ref()
            .map(|p| format!(" at {}", p.name))
            .unwrap_or_default();
        let date = inc
            .profile
            .first_date
            .as_deref()
            .map(|d| format!(" on {}", long_date(d)))
            .unwrap_or_default();
        let text = if denied {
            format!("Incident #{}{place}{date}: one side denies it", inc.id)
        } else {
            format!(
                "Incident #{}{place}{date}: told differently by {}",
                inc.id,
                join_list(&sides.iter().map(|s| names(s)).collect::<Vec<_>>())
            )
        };
        disputed.push(Line { text, refs: rs });
    }
    let ceasefire_lines = ceasefire_lines(tracker, names, &mut refs);
    let (headline, summary) =
        write_up(scope, &key, &casualties, tracker, &chosen, names, &mut refs);
    Brief {
        since: scope.since.clone(),
        until: scope.until.clone(),
        countries: scope.countries.clone(),
        headline,
        summary,
        incidents: key,
        casualties,
        diplomacy,
        positions,
        disputed,
        ceasefire: tracker.clone(),
        ceasefire_lines,
        references: refs.list,
    }
}

/// The headline and the summary (at most 120 words), from the brief's facts.
fn write_up(
    scope: &Scope,
    key: &[KeyIncident],
    casualties: &[Toll],
    tracker: &Tracker,
    chosen: &[&Incident],
    names: Names,
    refs: &mut Refs,
) -> (String, Vec<Line>) {
    let mut sentences: Vec<Line> = Vec::new();
    let mut cited: Vec<usize> = Vec::new();
    // Who is fighting: the countries the incidents involve most.
    let mut count: Vec<(String, usize)> = Vec::new();
    for i in chosen {
        for c in i
            .profile
            .actor_countries
            .iter()
            .chain(i.profile.place.as_ref().and_then(|p| p.country.as_ref()))
        {
            match count.iter_mut().find(|(x, _)| x == c) {
                Some(e) => e.1 += 1,
                None => count.push((c.clone(), 1)),
            }
        }
    }
    count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let sides: Vec<String> = if scope.countries.len() >= 2 {
        scope.countries.iter().take(2).cloned().collect()
    } else {
        count.iter().take(2).map(|(c, _)| c.clone()).collect()
    };
    let side_names: Vec<String> = sides.iter().map(|c| names(c)).collect();
    let pair = side_names.join("–");
    // The ceasefire's state now.
    let latest = tracker.status.last();
    let status_phrase = latest.map(|s| {
        let a = tracker.agreements.iter().find(|a| a.key == s.agreement);
        let name = a.map_or("ceasefire".to_string(), |a| a.name.clone());
        let kind = a.map_or("ceasefire", |a| a.kind.as_str());
        match s.status.as_str() {
            "in_force" => format!("{kind} in force"),
            "agreed" | "renewed" => format!("new {kind} agreed"),
            "suspended" => format!("{name} suspended"),
            "collapsed" => format!("{name} collapsed"),
            _ => format!("{name} {}", s.status),
        }
    });
    let killed: u64 = casualties
        .iter()
        .filter(|t| t.kind == FigureKind::Killed && sides.contains(&t.country))
        .map(|t| t.latest)
        .sum();
    let mut headline = if pair.is_empty() {
        "Situation report".to_string()
    } else {
        pair.clone()
    };
    let mut parts = Vec::new();
    if let Some(s) = &status_phrase {
        parts.push(s.clone());
    }
    if killed > 0 {
        parts.push(format!("{} killed", number(killed)));
    }
    if !parts.is_empty() {
        headline = format!("{headline}: {}", parts.join("; "));
    }
    // 1. The violence.
    if !chosen.is_empty() {
        let dates: Vec<&str> = chosen
            .iter()
            .filter_map(|i| i.profile.first_date.as_deref())
            .collect();
        let (from, to) = (dates.iter().min().copied(), dates.iter().max().copied());
        let span = match (from, to) {
            (Some(a), Some(b)) if a != b => {
                format!(" between {} and {}", long_date(a), long_date(b))
            }
            (Some(a), _) => format!(" on {}", long_date(a)),
            _ => String::new(),
        };
        let mut s = format!(
            "Reports describe {} {}{span}",
            number(chosen.len() as u64),
            if chosen.len() == 1 {
                "incident"
            } else {
                "incidents"
            }
        );
        if let Some(k) = key.first().filter(|k| k.killed.is_some()) {
            s.push_str(&format!(
                "; the deadliest, {} at {}{}, killed {}",
                k.what.to_lowercase(),
                k.place.as_deref().unwrap_or("an unnamed place"),
                k.date
                    .as_deref()
                    .map(|d| format!(" on {}", long_date(d)))
                    .unwrap_or_default(),
                number(k.killed.unwrap_or(0))
            ));
            if let Some(r) = k
                .accounts
                .first()
                .and_then(|a| a.lines.first())
                .and_then(|l| l.refs.first())
            {
                cited.push(*r);
            }
        }
        sentences.push(Line {
            text: format!("{s}."),
            refs: std::mem::take(&mut cited),
        });
    }
    // 2. The toll by country, by whose count.
    let tolls: Vec<String> = casualties
        .iter()
        .filter(|t| matches!(t.kind, FigureKind::Killed | FigureKind::Displaced))
        .take(4)
        .map(|t| {
            cited.extend(t.refs.iter().take(1));
            let range = if t.range[0] != t.range[1] {
                format!(
                    " (accounts range {}–{})",
                    number(t.range[0]),
                    number(t.range[1])
                )
            } else {
                String::new()
            };
            format!(
                "{} {} in {}{range}",
                number(t.latest),
                kind_word(t.kind),
                names(&t.country)
            )
        })
        .collect();
    if !tolls.is_empty() {
        sentences.push(Line {
            text: format!("The reports' latest tallies are {}.", join_list(&tolls)),
            refs: std::mem::take(&mut cited),
        });
    }
    // 3. Agreements and where they stand.
    for a in &tracker.agreements {
        let last = tracker.status.iter().rfind(|s| s.agreement == a.key);
        let mut s = format!(
            "{} agreed the {}{}",
            join_list(&a.parties.iter().map(|p| names(p)).collect::<Vec<_>>()),
            a.name,
            a.agreed
                .as_deref()
                .map(|d| format!(" on {}", long_date(d)))
                .unwrap_or_default()
        );
        if !a.terms.is_empty() {
            s.push_str(&format!(", covering {}", join_list(&a.terms)));
        }
        if let Some(l) = last.filter(|l| l.status != "agreed" && l.status != "renewed") {
            let verb = match l.status.as_str() {
                "in_force" => "came into force",
                "collapsed" => "collapsed",
                "suspended" => "was suspended",
                other => other,
            };
            s.push_str(&format!("; it {verb} on {}", long_date(&l.date)));
            if let Some(src) = l.sources.first() {
                cited.push(refs.cite(&src.report, &src.published, &src.sentence));
            }
        }
        if let Some(src) = a.sources.first() {
            cited.push(refs.cite(&src.report, &src.published, &src.sentence));
        }
        cited.sort_unstable();
        cited.dedup();
        sentences.push(Line {
            text: format!("{s}."),
            refs: std::mem::take(&mut cited),
        });
    }
    if !tracker.violations.is_empty() {
        let rs: Vec<usize> = tracker
            .violations
            .iter()
            .filter_map(|v| v.sources.first())
            .take(4)
            .map(|src| refs.cite(&src.report, &src.published, &src.sentence))
            .collect();
        sentences.push(Line {
            text: format!(
                "The parties alleged {} violations after agreements took effect.",
                number(tracker.violations.len() as u64)
            ),
            refs: rs,
        });
    }
    let summary = sitrep_engine::brief::english::within_words(sentences, SUMMARY_WORDS);
    (sitrep_engine::brief::english::fit(&headline, 100), summary)
}

/// The tracker in sentences, each citing its sources.
fn ceasefire_lines(t: &Tracker, names: Names, refs: &mut Refs) -> Vec<Line> {
    let mut cite = |sources: &[sitrep_model::Source]| -> Vec<usize> {
        let mut rs: Vec<usize> = sources
            .iter()
            .take(3)
            .map(|s| refs.cite(&s.report, &s.published, &s.sentence))
            .collect();
        rs.dedup();
        rs
    };
    let pair = |ps: &[String]| join_list(&ps.iter().map(|p| names(p)).collect::<Vec<_>>());
    let mut out = Vec::new();
    for a in &t.agreements {
        let mut text = format!(
            "{}: {} agreed{}",
            a.name,
            pair(&a.parties),
            a.agreed
                .as_deref()
                .map(|d| format!(" on {}", long_date(d)))
                .unwrap_or_default()
        );
        if let Some(p) = &a.place_signed {
            text.push_str(&format!(" in {p}"));
        }
        if let Some(m) = &a.mediator {
            text.push_str(&format!(", mediated by {}", names(m)));
        }
        if let Some(e) = &a.effective {
            let (d, time) = e.split_once('T').unwrap_or((e, ""));
            text.push_str(&format!(", in effect from {}", long_date(d)));
            if !time.is_empty() {
                text.push_str(&format!(" at {time} UTC"));
            }
        }
        if !a.terms.is_empty() {
            text.push_str(&format!("; terms: {}", join_list(&a.terms)));
        }
        out.push(Line {
            text: format!("{text}."),
            refs: cite(&a.sources),
        });
    }
    for s in &t.status {
        let name = t
            .agreements
            .iter()
            .find(|a| a.key == s.agreement)
            .map_or(s.agreement.clone(), |a| a.name.clone());
        let status = match s.status.as_str() {
            "in_force" => "in force",
            "agreed" => "agreed",
            "renewed" => "agreed, renewing the ceasefire",
            other => other,
        };
        out.push(Line {
            text: format!(
                "{}: {} between {}: {status}.",
                long_date(&s.date),
                capitalise(&name),
                pair(&s.parties)
            ),
            refs: cite(&s.sources),
        });
    }
    for v in &t.violations {
        out.push(Line {
            text: format!(
                "Alleged violation of {} on {}{}: alleged by {}{}{}.",
                v.agreement,
                long_date(&v.date),
                v.place
                    .as_deref()
                    .map(|p| format!(" at {p}"))
                    .unwrap_or_default(),
                pair(&v.alleged_by),
                v.against
                    .as_deref()
                    .map(|a| format!(" against {}", names(a)))
                    .unwrap_or_default(),
                if v.denied { ", denied" } else { "" }
            ),
            refs: cite(&v.sources),
        });
    }
    for c in &t.commitments {
        out.push(Line {
            text: format!(
                "{} ({}, {}): {}.",
                c.term,
                c.agreement,
                c.by.as_deref().map(names).unwrap_or_else(|| "both".into()),
                match c.met {
                    Some(true) => "met",
                    Some(false) => "not met",
                    None => "not known",
                }
            ),
            refs: cite(&c.sources),
        });
    }
    out
}

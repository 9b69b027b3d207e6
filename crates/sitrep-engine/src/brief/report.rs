//! A report's own headline and summary, written from its extracted facts (never copied
//! from its text): the newest violence first, each side's account with who gives it, then
//! the toll, then diplomacy. At most 100 characters, and three sentences of 80 words.

use sitrep_model::{Actor, ActorKind, Event, Figure, FigureKind, Qualifier, Status};

use super::english::{capitalise, fit, join_list, number, within_words};
use crate::gazetteer::Gazetteer;

/// A sentence's text by its index.
pub type Text<'a> = dyn Fn(usize) -> &'a str + 'a;

pub const HEADLINE_CHARS: usize = 100;
pub const SUMMARY_WORDS: usize = 80;
pub const SUMMARY_SENTENCES: usize = 3;

/// What the writing draws on besides events and figures.
pub struct Context<'a> {
    pub actors: &'a [Actor],
    /// A sentence's text by its index.
    pub text: &'a Text<'a>,
    pub gaz: &'a Gazetteer,
}

/// A party's name: a state's forces by their country's name, anyone else (a rebel group,
/// an agency) by their own.
fn party(cx: &Context, code: Option<&String>, name: Option<&String>) -> Option<String> {
    let state = name.is_none_or(|n| {
        cx.actors.iter().find(|x| &x.name == n).is_none_or(|x| {
            matches!(
                x.kind,
                ActorKind::State | ActorKind::Government | ActorKind::Military | ActorKind::Police
            )
        })
    });
    let by_country = code
        .filter(|_| state)
        .and_then(|c| cx.gaz.country(c).map(|c| c.name.clone()));
    by_country.or_else(|| name.cloned())
}

fn is_violence(e: &Event) -> bool {
    matches!(e.plover.as_str(), "ASSAULT" | "FIGHT" | "COERCE")
        && matches!(e.status, Status::Reported | Status::Claimed)
}

/// What the attacker did, as a verb phrase: "launched air strikes on Siem Reap".
/// `sentence` is the text of the sentence that tells it (for the weapon named there).
fn deed(e: &Event, sentence: &str) -> String {
    let places: Vec<&str> = e
        .locations
        .iter()
        .take(3)
        .map(|l| l.name.as_str())
        .collect();
    let on = if places.is_empty() {
        String::new()
    } else {
        format!(" on {}", join_list(&places))
    };
    let drone = e.mode.as_deref() == Some("drone");
    match e.sub_event_type.as_deref().unwrap_or("") {
        "Air/drone strike" if drone => format!("launched drone strikes{on}"),
        "Air/drone strike" => format!("launched air strikes{on}"),
        "Shelling/artillery/missile attack" => {
            let t = format!("{} {}", e.trigger, sentence).to_lowercase();
            let what = ["rocket", "missile", "mortar", "drone"]
                .iter()
                .find(|w| t.contains(*w))
                .map_or("shells".to_string(), |w| format!("{w}s"));
            let into = e
                .locations
                .first()
                .map(|l| {
                    let prep = if l.kind == sitrep_model::PlaceKind::Country {
                        "into"
                    } else {
                        "at"
                    };
                    format!(" {prep} {}", join_list(&places))
                })
                .unwrap_or_default();
            format!("fired {what}{into}")
        }
        "Armed clash" => match &e.actor2 {
            Some(b) if places.iter().all(|p| p != b) => {
                format!("clashed with {b}{}", on.replacen(" on ", " in ", 1))
            }
            Some(b) => format!("clashed with {b}"),
            None if places.is_empty() => "took part in fighting".to_string(),
            None => format!("fought{}", on.replacen(" on ", " in ", 1)),
        },
        "Government regains territory" | "Non-state actor overtakes territory" => {
            format!(
                "took control of {}",
                if places.is_empty() {
                    "territory".to_string()
                } else {
                    join_list(&places)
                }
            )
        }
        "Remote explosive/landmine/IED" => {
            format!("set off explosives{}", on.replacen(" on ", " in ", 1))
        }
        "Abduction/forced disappearance" => {
            format!("abducted people{}", on.replacen(" on ", " in ", 1))
        }
        "Sexual violence" => format!(
            "committed sexual violence{}",
            on.replacen(" on ", " in ", 1)
        ),
        _ => format!(
            "attacked{}",
            if places.is_empty() {
                String::new()
            } else {
                format!(" {}", join_list(&places))
            }
        ),
    }
}

/// "Cambodia says Thailand launched air strikes on Siem Reap on Monday."
fn told(e: &Event, cx: &Context, with_date: bool) -> Option<String> {
    let who = party(cx, e.actor1_country.as_ref(), e.actor1.as_ref());
    let when = e
        .date_text
        .as_deref()
        .filter(|t| with_date && t.split_whitespace().count() <= 3)
        .map(|t| {
            let first = t.split_whitespace().next().unwrap_or("").to_lowercase();
            let bare = !matches!(
                first.as_str(),
                "on" | "in"
                    | "at"
                    | "last"
                    | "this"
                    | "yesterday"
                    | "today"
                    | "overnight"
                    | "earlier"
                    | "late"
                    | "early"
            );
            if bare {
                format!(" on {t}")
            } else {
                format!(" {t}")
            }
        })
        .unwrap_or_default();
    let core = match who {
        Some(w) => format!("{w} {}{when}", deed(e, (cx.text)(e.evidence.sentence))),
        None if !e.locations.is_empty() => {
            let places: Vec<&str> = e
                .locations
                .iter()
                .take(3)
                .map(|l| l.name.as_str())
                .collect();
            format!("{} hit {}{when}", attack_noun(e), join_list(&places))
        }
        None => return None,
    };
    let claimer = party(cx, e.claimed_by_country.as_ref(), e.claimed_by.as_ref());
    Some(match claimer {
        // "Sudan says its forces …", not "Sudan says Sudan …".
        Some(c) if e.status == Status::Claimed && core.starts_with(&format!("{c} ")) => {
            format!("{c} says its forces {}", &core[c.len() + 1..])
        }
        Some(c) if e.status == Status::Claimed => format!("{c} says {core}"),
        _ => capitalise(&core),
    })
}

fn attack_noun(e: &Event) -> &'static str {
    match e.sub_event_type.as_deref().unwrap_or("") {
        "Air/drone strike" if e.mode.as_deref() == Some("drone") => "Drone strikes",
        "Air/drone strike" => "Air strikes",
        "Shelling/artillery/missile attack" => "Shelling",
        "Armed clash" => "Fighting",
        _ => "Attacks",
    }
}

/// Numbers under ten in words, as newsrooms write them.
fn number_word(n: u64) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| number(n), |w| w.to_string())
}

fn qualified(f: &Figure) -> String {
    let n = number_word(f.count);
    match f.qualifier {
        Qualifier::AtLeast => format!("at least {n}"),
        Qualifier::MoreThan => format!("more than {n}"),
        Qualifier::About => format!("about {n}"),
        Qualifier::UpTo => format!("up to {n}"),
        Qualifier::Range => format!("{n} to {}", number(f.count_high.unwrap_or(f.count))),
        Qualifier::Exact => n,
    }
}

/// "Fighting has killed at least 23 people in Thailand and 20 in Cambodia and displaced
/// more than 900,000." The largest figures of each kind, placed by country.
fn toll(figures: &[Figure], gaz: &Gazetteer) -> Option<String> {
    let pick = |kind: FigureKind| -> Vec<&Figure> {
        let mut seen: Vec<Option<&String>> = Vec::new();
        let mut out: Vec<&Figure> = Vec::new();
        let mut fs: Vec<&Figure> = figures.iter().filter(|f| f.kind == kind).collect();
        // Period totals first, then the largest count: one figure per country.
        fs.sort_by(|a, b| b.cumulative.cmp(&a.cumulative).then(b.count.cmp(&a.count)));
        for f in fs {
            if !seen.contains(&f.country.as_ref()) {
                seen.push(f.country.as_ref());
                out.push(f);
            }
        }
        out.truncate(3);
        out
    };
    let placed = |fs: &[&Figure], noun: &str| -> String {
        let parts: Vec<String> = fs
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let place = if fs.len() > 1 {
                    f.country
                        .as_ref()
                        .and_then(|c| gaz.country(c))
                        .map(|c| format!(" in {}", c.name))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                let noun = if i == 0 && !noun.is_empty() {
                    format!(" {}", if f.count == 1 { "person" } else { noun })
                } else {
                    String::new()
                };
                // "at least 23 people in Thailand and 20 in Cambodia": the qualifier once.
                let q =
                    if i > 0 && f.qualifier == fs[0].qualifier && f.qualifier != Qualifier::Range {
                        number_word(f.count)
                    } else {
                        qualified(f)
                    };
                format!("{q}{noun}{place}")
            })
            .collect();
        join_list(&parts)
    };
    let killed = pick(FigureKind::Killed);
    let wounded = pick(FigureKind::Wounded);
    let displaced = pick(FigureKind::Displaced);
    let mut verbs = Vec::new();
    if !killed.is_empty() {
        verbs.push(format!("killed {}", placed(&killed, "people")));
    }
    if !wounded.is_empty() {
        verbs.push(format!(
            "wounded {}",
            placed(&wounded, if killed.is_empty() { "people" } else { "" })
        ));
    }
    if !displaced.is_empty() {
        verbs.push(format!("displaced {}", placed(&displaced, "")));
    }
    if verbs.is_empty() {
        return None;
    }
    let cumulative = killed.iter().chain(&displaced).any(|f| f.cumulative);
    let subject = if cumulative {
        "The fighting has"
    } else {
        "The attacks"
    };
    Some(format!("{subject} {}.", join_list(&verbs)))
}

/// Talks held or planned, agreements and appeals by others than the fighting parties.
fn diplomacy(events: &[Event], parties: &[&String], cx: &Context) -> Vec<String> {
    let gaz = cx.gaz;
    let mut out = Vec::new();
    let mut appealers: Vec<String> = Vec::new();
    for e in events {
        let who = party(cx, e.actor1_country.as_ref(), e.actor1.as_ref());
        let at = e
            .locations
            .first()
            .map(|l| format!(" in {}", l.name))
            .unwrap_or_default();
        match (e.plover.as_str(), e.status) {
            ("CONSULT", Status::Scheduled) => out.push(format!("Talks are planned{at}.")),
            ("CONSULT", Status::Reported) if !at.is_empty() => {
                out.push(format!("Talks were held{at}."))
            }
            ("AGREE", Status::Reported | Status::Claimed) => {
                let parties: Vec<String> = [&e.actor1_country, &e.actor2_country]
                    .into_iter()
                    .flatten()
                    .filter_map(|c| gaz.country(c).map(|c| c.name.clone()))
                    .collect();
                if parties.len() == 2 && parties[0] != parties[1] {
                    out.push(format!("{} reached an agreement{at}.", join_list(&parties)));
                }
            }
            ("REQUEST" | "APPEAL", _)
                if !e
                    .actor1_country
                    .as_ref()
                    .is_some_and(|c| parties.contains(&c)) =>
            {
                if let Some(w) = who
                    && !appealers.contains(&w)
                {
                    appealers.push(w);
                }
            }
            _ => {}
        }
    }
    out.dedup();
    if !appealers.is_empty() {
        appealers.truncate(3);
        out.push(format!(
            "{} appealed to the parties.",
            join_list(&appealers)
        ));
    }
    out
}

/// The report's headline and summary from its events and figures; `None` when they give
/// nothing to say (the caller falls back to the report's title or lead).
pub fn headline_and_summary(
    events: &[Event],
    figures: &[Figure],
    cx: &Context,
) -> (Option<String>, Option<String>) {
    let violent: Vec<&Event> = events.iter().filter(|e| is_violence(e)).collect();
    let lead = violent
        .iter()
        .find(|e| e.actor1_country.is_some() || e.actor1.is_some())
        .or(violent.first())
        .copied();
    let mut sentences = Vec::new();
    let mut headline = None;
    if let Some(e) = lead
        && let Some(s) = told(e, cx, true)
    {
        headline = told(e, cx, false);
        sentences.push(format!("{s}."));
        // The other side's account of the same days.
        if let Some(other) = violent.iter().find(|o| {
            o.claimed_by_country.is_some()
                && o.claimed_by_country != e.claimed_by_country
                && o.actor1_country.is_some()
                && (o.actor1_country != e.actor1_country || o.sub_event_type != e.sub_event_type)
        }) && let Some(s) = told(other, cx, true)
        {
            sentences.push(format!("{s}."));
        }
    }
    let toll_line = toll(figures, cx.gaz);
    if let Some(t) = &toll_line {
        sentences.push(t.clone());
    }
    let parties: Vec<&String> = violent
        .iter()
        .flat_map(|e| [&e.actor1_country, &e.actor2_country])
        .flatten()
        .collect();
    sentences.extend(diplomacy(events, &parties, cx));
    // No violence, toll or talks: the report's other acts, in its order.
    if sentences.is_empty() {
        for e in events
            .iter()
            .filter(|e| matches!(e.status, Status::Reported | Status::Claimed))
            .take(2)
        {
            let Some(who) = party(cx, e.actor1_country.as_ref(), e.actor1.as_ref()) else {
                continue;
            };
            let verb = match e.plover.as_str() {
                "AGREE" => "reached an agreement",
                "CONSULT" => "held talks",
                "SUPPORT" => "voiced support",
                "REJECT" => "rejected a proposal",
                "REQUEST" | "APPEAL" => "made an appeal",
                "ACCUSE" => "made accusations",
                "THREATEN" => "issued a threat",
                "AID" => "sent aid",
                "MOBILIZE" => "mobilised forces",
                "SANCTION" => "imposed sanctions",
                "RETREAT" => "pulled back",
                "DEMAND" => "made demands",
                _ => continue,
            };
            let at = e
                .locations
                .first()
                .map(|l| format!(" in {}", l.name))
                .unwrap_or_default();
            sentences.push(format!("{who} {verb}{at}."));
        }
    }
    if headline.is_none() {
        headline = sentences
            .first()
            .map(|s| s.trim_end_matches('.').to_string());
    }
    // A headline with the toll when it fits: "…; 23 killed". The toll of what it tells
    // first; a period total ("since the war began") only when no incident has one.
    let headline = headline.map(|h| {
        let dead = figures
            .iter()
            .filter(|f| f.kind == FigureKind::Killed)
            .max_by_key(|f| (!f.cumulative, f.count));
        match dead {
            Some(f) if !h.contains("killed") => {
                let with = format!("{h}; {} killed", qualified(f));
                if with.chars().count() <= HEADLINE_CHARS {
                    with
                } else {
                    h
                }
            }
            _ => h,
        }
    });
    // RECORD.md: two or three sentences, the most newsworthy first.
    let mut summary = within_words(sentences, SUMMARY_WORDS);
    summary.truncate(SUMMARY_SENTENCES);
    let summary = summary.join(" ");
    (
        headline.map(|h| fit(&h, HEADLINE_CHARS)),
        (!summary.is_empty()).then_some(summary),
    )
}

//! Figures: counts of killed, wounded, displaced… with their qualifier, place, side,
//! source and whether they are a running total.
//!
//! A figure needs a number and a kind word near it; the kind may be shared by coordination
//! ("at least 12 killed in Sumy and 30 in Kharkiv" is two figures, both at least).
//! A fact stated twice in one report is one figure.

use rustc_hash::FxHashMap as HashMap;

use sitrep_model::{Evidence, Figure, FigureKind, Population, Qualifier, Span};

use super::analysis::{Analysis, Sentence};
use super::frames::FrameUse;
use super::mentions::MentionKind;
use super::places::{Places, Role};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{Cue, Lexicon, NumberSense, WordClass};
use crate::text::TokenKind;

/// Nouns that make a number a measure, not a head count.
const MEASURES: &[&str] = &[
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "hours",
    "hour",
    "days",
    "day",
    "weeks",
    "months",
    "years",
    "year",
    "minutes",
    "percent",
    "per",
    "%",
    "times",
    "dollars",
    "tonnes",
    "tons",
    "km2",
    "square",
    "targets",
    "positions",
    "homes",
    "houses",
    "buildings",
    "vehicles",
    "trucks",
    "villages",
    "kg",
];

/// Words allowed between a number and its kind word ("23 people have reportedly been killed").
const FILLERS: &[&str] = &[
    "have",
    "has",
    "had",
    "been",
    "were",
    "was",
    "are",
    "is",
    "be",
    "being",
    "also",
    "now",
    "reportedly",
    "allegedly",
    "so",
    "far",
    "more",
    "other",
    "others",
    "of",
    "them",
    "whom",
    "who",
    "people",
    "persons",
    "individuals",
    "confirmed",
    "feared",
    "believed",
    "to",
    "the",
    "in",
    "on",
    "both",
    "sides",
    "side",
    "all",
    "total",
    "a",
];

#[derive(Debug, Clone, Copy)]
struct Number {
    start: usize,
    end: usize,
    value: u64,
    high: Option<u64>,
    about: bool,
    singular: bool,
    /// A bare singular person noun standing for one person, with no number word:
    /// "Woman shot dead", "gunmen kill soldier". The number is empty (`start == end`) and
    /// the noun follows it.
    implicit: bool,
}

pub fn extract_figures(
    a: &Analysis,
    lex: &Lexicon,
    gaz: &Gazetteer,
    places: &Places,
    frames: &[Vec<FrameUse>],
    doc_countries: &HashMap<String, usize>,
) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut sides: Vec<(&String, &usize)> = doc_countries.iter().collect();
    sides.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    let sides: Vec<String> = sides.into_iter().take(2).map(|(c, _)| c.clone()).collect();
    let main_country = places.main_country.clone();
    for s in &a.sentences {
        let frames = &frames[s.index];
        let cumulative = (0..s.tokens.len()).find_map(|k| {
            lex.cues
                .match_at(&s.tokens, k)
                .filter(|c| *c.value == Cue::Cumulative)
                .map(|c| {
                    let sp = Span::new(s.tokens[c.start].span.start, s.tokens[c.end - 1].span.end);
                    a.text[sp.start..sp.end].to_string()
                })
        });
        let numbers = numbers(s, lex, gaz);
        let mut prev: Option<Figure> = None;
        // Countries this sentence's figures are explicitly placed in ("in Thailand").
        let mut explicit: Vec<String> = Vec::new();
        let mut prev_end = 0;
        for (at, &n) in numbers.iter().enumerate() {
            // The person noun the count counts ("12 Ukrainian soldiers"), asked once.
            let noun = person_noun(s, n.end, lex, gaz);
            let qualifier = qualifier_before(s, n.start, lex);
            let q_start = qualifier.map_or(n.start, |(k, _)| k);
            let RightKind {
                mut kind,
                mut population,
                mut kind_end,
                people_of,
            } = kind_after(s, n.end, lex, gaz);
            // Left: "killed at least 23", "displaced more than 900,000", "death toll rose to 45".
            // "The number of people killed by Wednesday's strike rose to 19", "raising the
            // death toll to three": the count a rise reaches names its kind far before it.
            let rise = rise_before(s, q_start);
            // "killing a civilian": an article counts one only before a person noun.
            if kind.is_none() && (!n.singular || rise || n.implicit || noun.is_some()) {
                // "the death toll from Saturday's strike rose to 45": a few words back, not past a comma.
                // "killing a civilian": an article counts only right after its verb.
                let reach = if rise {
                    40
                } else if n.singular {
                    3
                } else {
                    8
                };
                let lo = (q_start.saturating_sub(reach)..q_start)
                    .rev()
                    .take_while(|&k| s.tokens[k].norm != ",")
                    .last()
                    .unwrap_or(q_start);
                for k in (lo..q_start).rev() {
                    if let Some(f) = lex.figures.match_at(&s.tokens, k)
                        && let Some(kd) = f.value.kind
                        && f.end <= q_start
                    {
                        kind = Some(kd);
                        break;
                    }
                }
                if kind.is_some() {
                    // A person noun right after the number still says who: "killed 12 soldiers".
                    if let Some(f) = lex.figures.match_at(&s.tokens, n.end)
                        && let Some(p) = f.value.population
                    {
                        population = p;
                        kind_end = f.end;
                    }
                }
            }
            // "33 rebels, 4 police killed", "nine of its soldiers and 14 civilians have been
            // killed": counted people coordinated with a later count share its kind word.
            if kind.is_none()
                && noun.is_some()
                && let Some(next) = numbers.get(at + 1).filter(|m| {
                    m.start - n.end <= 8
                        && (n.end..m.start)
                            .any(|k| matches!(s.tokens[k].norm.as_str(), "and" | ","))
                })
                && let Some(k) = kind_after(s, next.end, lex, gaz).kind
            {
                kind = Some(k);
                if let Some(f) = noun.and_then(|p| lex.figures.match_at(&s.tokens, p)) {
                    kind_end = f.end;
                    if let Some(p) = f.value.population {
                        population = p;
                    }
                }
            }
            let mut qualifier = qualifier.map(|(_, q)| q);
            // Coordination: "… and 30 in Kharkiv" shares kind and qualifier.
            let coordinated = prev.as_ref().is_some_and(|p| {
                (prev_end..n.start)
                    .any(|k| matches!(s.tokens[k].norm.as_str(), "and" | "," | "while"))
                    && n.start - prev_end <= 6
                    && kind.is_none_or(|k| k == p.kind)
            });
            if coordinated && let Some(p) = &prev {
                if kind.is_none() {
                    population = p.population;
                }
                kind = Some(p.kind);
                if qualifier.is_none() {
                    qualifier = Some(p.qualifier);
                }
            }
            let Some(kind) = kind else {
                continue;
            };
            // "blasts kill two": a count right after its kind verb is its object.
            let object = left_verb(s, q_start, lex);
            // What is counted must be people: "300 rockets" or "5.1 million animals" is no toll.
            if !n.implicit && !counts_people(s, n.end, lex) {
                continue;
            }
            // "one civilian", "both soldiers": a small number word counts only a named person noun.
            let small_word =
                (n.singular || n.value <= 2) && s.tokens[n.start].kind != TokenKind::Number;
            let person_next = n.implicit || noun.is_some();
            // Headline style: "One killed, three wounded", "Two dead in …": a number word
            // that opens a clause and is its kind word's subject.
            let headline = kind_end == n.end + 1
                && q_start
                    .checked_sub(1)
                    .is_none_or(|p| matches!(s.tokens[p].norm.as_str(), "," | ":" | ";"));
            if small_word && !person_next && !rise && !headline && !object {
                continue;
            }
            let qualifier = if n.high.is_some() {
                Qualifier::Range
            } else {
                qualifier.unwrap_or(if n.about {
                    Qualifier::About
                } else {
                    Qualifier::Exact
                })
            };
            // Where: "in Thailand" near the number; "on both sides" covers the report's two sides.
            let window_end = (kind_end + 5).min(s.tokens.len());
            let mut country = None;
            let mut place = None;
            for k in n.end..window_end {
                if s.tokens[k].norm == "in"
                    && let Some(mi) = s.mentions.iter().position(|m| m.start == k + 1)
                    && let Some(Role::Place(p)) = places.role(s.index, mi)
                {
                    let pl = &places.places[p];
                    country = pl.country.clone();
                    if pl.kind != sitrep_model::PlaceKind::Country {
                        place = Some(pl.name.clone());
                    }
                    break;
                }
                if k > n.end
                    && matches!(s.tokens[k].norm.as_str(), "and" | ",")
                    && s.tokens
                        .get(k + 1)
                        .is_some_and(|t| t.kind == TokenKind::Number)
                {
                    break;
                }
            }
            let both_sides = (n.end..window_end).any(|k| s.tokens[k].norm == "both")
                && (n.end..window_end)
                    .any(|k| matches!(s.tokens[k].norm.as_str(), "sides" | "countries"));
            let frame = frames
                .iter()
                .find(|f| f.scope.0 <= n.start && n.start < f.scope.1);
            let claimant = frame.and_then(|f| f.source.clone());
            // Where the harm happened (ANNOTATION.md): a place the sentence names; else whose
            // dead, "12 Ukrainian soldiers"; else the side reporting its own losses (not the
            // rebels it killed); else where the report takes place; else the one country the
            // sentence names ("Italian police arrest 15 people").
            // A sentence that places its figures in several countries leaves an unplaced
            // one to all of them ("… 30 in Kharkiv and displaced more than 400,000").
            if let Some(c) = &country
                && !explicit.contains(c)
            {
                explicit.push(c.clone());
            }
            let sentence_countries = explicit.clone();
            let spread = country.is_none()
                && victim_nationality(s, n.end).is_none()
                && people_of.is_none()
                && sentence_countries.len() > 1;
            if country.is_none() && !both_sides && !spread {
                country = sentence_place_country(s, places, n.start)
                    .or_else(|| victim_nationality(s, n.end))
                    .or(people_of)
                    .or_else(|| {
                        claimant
                            .as_ref()
                            // A side reports its own losses; the rebels it killed are not its own.
                            .filter(|c| c.party && !counts_rebels(s, noun, lex))
                            .and_then(|c| c.country.clone())
                    })
                    .or_else(|| main_country.clone())
                    .or_else(|| sole_sentence_country(s));
            }
            // The count, its person noun and, after them, its kind word.
            let noun_end = noun
                .and_then(|p| lex.figures.match_at(&s.tokens, p))
                .map(|f| f.end)
                .or_else(|| s.mention_at(n.end).filter(|_| n.implicit).map(|m| m.end))
                .unwrap_or(n.end);
            let last = kind_end.max(n.end).max(noun_end).max(q_start + 1);
            let span = Span::new(s.tokens[q_start].span.start, s.tokens[last - 1].span.end);
            let fig = Figure {
                kind,
                count: n.value,
                qualifier,
                count_high: n.high,
                country: if both_sides { None } else { country },
                countries: if spread {
                    sentence_countries.clone()
                } else if both_sides {
                    sides.clone()
                } else {
                    Vec::new()
                },
                place,
                population,
                period: cumulative.clone(),
                cumulative: cumulative.is_some(),
                claimed_by: claimant.as_ref().map(|c| c.name.clone()),
                claimed_by_country: claimant.and_then(|c| c.country),
                evidence: Evidence {
                    sentence: s.index,
                    span,
                },
            };
            prev_end = kind_end.max(n.end);
            prev = Some(fig.clone());
            add_figure(&mut out, fig);
        }
    }
    out
}

/// What the words after a count say of it: its kind word ("23 people have been killed",
/// "900,000 civilians … displaced"), past the person noun and its modifiers ("two Ukrainian
/// soldiers were killed"); the population that noun gives; whose people they are ("200
/// Syrians").
struct RightKind {
    kind: Option<FigureKind>,
    population: Population,
    kind_end: usize,
    people_of: Option<String>,
}

fn kind_after(s: &Sentence, end: usize, lex: &Lexicon, gaz: &Gazetteer) -> RightKind {
    let mut kind = None;
    let mut population = Population::Unspecified;
    let mut kind_end = end;
    // "200 Syrians": whose the counted people are.
    let mut people_of: Option<String> = None;
    // Right: "23 people have been killed", "900,000 civilians … displaced"; past the
    // modifiers of a person noun: "two Ukrainian soldiers were killed".
    let mut k = person_noun(s, end, lex, gaz).unwrap_or(end);
    while k < s.tokens.len() && k < end + 24 {
        if k >= end + 9
            && s.tokens[k - 1].norm != "-"
            && !s.tokens[end..k].iter().any(|t| t.norm == "-")
        {
            break;
        }
        let t = &s.tokens[k];
        if let Some(c) = plural_demonym(s, k, gaz) {
            people_of.get_or_insert(c);
            k += 1;
            continue;
        }
        if let Some(f) = lex.figures.match_at(&s.tokens, k) {
            if let Some(p) = f.value.population {
                population = p;
            }
            // "displacement camp", "refugee settlement": a kind word naming a place.
            let modifier = s.tokens.get(f.end).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "camp"
                        | "camps"
                        | "site"
                        | "sites"
                        | "centre"
                        | "center"
                        | "centres"
                        | "centers"
                        | "settlement"
                        | "settlements"
                        | "shelter"
                        | "shelters"
                )
            });
            // "sentences three men to death": a sentence, not a killing.
            let sentenced = s.tokens[k].norm == "death" && k > 0 && s.tokens[k - 1].norm == "to";
            if sentenced {
                break;
            }
            if let Some(kd) = f.value.kind.filter(|_| !modifier) {
                kind = Some(kd);
                kind_end = f.end;
                break;
            }
            k = f.end;
            // "12,300 residents of frontline communities have left": the person
            // noun's "of" phrase, up to the verb.
            if s.tokens.get(k).is_some_and(|t| t.norm == "of")
                && let Some(verb) = (k + 1..(k + 5).min(s.tokens.len())).find(|&j| {
                    matches!(
                        s.tokens[j].norm.as_str(),
                        "have" | "has" | "had" | "were" | "was" | "are"
                    )
                })
                && (k + 1..verb).all(|j| s.tokens[j].is_word() && !s.tokens[j].capitalised)
            {
                k = verb;
            }
            continue;
        }
        // An aside between dashes: "one civilian — a mining worker — was wounded".
        if t.norm == "-"
            && let Some(close) =
                (k + 1..s.tokens.len().min(k + 15)).find(|&j| s.tokens[j].norm == "-")
        {
            k = close + 1;
            continue;
        }
        let filler = FILLERS.contains(&t.norm.as_str())
            || t.norm.ends_with("ly")
            || s.mention_at(k).is_some();
        if !filler
            || MEASURES.contains(&t.norm.as_str())
            || t.kind == TokenKind::Number
            || lex.weapons.match_at(&s.tokens, k).is_some()
        {
            break;
        }
        k += 1;
    }
    RightKind {
        kind,
        population,
        kind_end,
        people_of,
    }
}

/// Whether a count is what a rise reached: "rose to", "has risen to", "climbed to",
/// "reached", "raising the death toll to", "bringing the toll to".
fn rise_before(s: &Sentence, at: usize) -> bool {
    const RISE: &[&str] = &[
        "rose",
        "risen",
        "rises",
        "rising",
        "climbed",
        "climbs",
        "climbing",
        "increased",
        "jumped",
        "raising",
        "raised",
        "bringing",
        "brought",
        "reached",
        "reaches",
        "hit",
    ];
    let word = |k: usize| s.tokens[k].norm.as_str();
    if at == 0 {
        return false;
    }
    if matches!(word(at - 1), "reached" | "reaches") {
        return true;
    }
    word(at - 1) == "to" && (at.saturating_sub(6)..at - 1).any(|k| RISE.contains(&word(k)))
}

/// The nationality a demonym gives the counted people: "12 Ukrainian soldiers".
fn victim_nationality(s: &Sentence, from: usize) -> Option<String> {
    s.mentions
        .iter()
        .find(|m| {
            m.start >= from
                && m.start < from + 2
                && matches!(
                    m.kind,
                    MentionKind::Demonym
                        | MentionKind::ArmedMeans
                        | MentionKind::Country
                        | MentionKind::Institution { .. }
                        | MentionKind::Group { .. }
                )
        })
        .and_then(|m| m.country.clone())
}

/// Whether the counted person noun names a non-state armed group ("70 suspected insurgents").
fn counts_rebels(s: &Sentence, noun: Option<usize>, lex: &Lexicon) -> bool {
    noun.and_then(|p| lex.groups.match_at(&s.tokens, p))
        .is_some_and(|g| *g.value == sitrep_model::ActorKind::Rebel)
}

/// The one country a sentence's words name (countries, demonyms, owned bodies), when they
/// name one only: "Italian police arrest 15 people".
fn sole_sentence_country(s: &Sentence) -> Option<String> {
    let mut countries = s.mentions.iter().filter_map(|m| m.country.as_deref());
    let first = countries.next()?;
    countries.all(|c| c == first).then(|| first.to_string())
}

/// The country of the place the sentence names, the nearest to the number first.
fn sentence_place_country(s: &Sentence, places: &Places, near: usize) -> Option<String> {
    s.mentions
        .iter()
        .enumerate()
        .filter_map(|(mi, m)| match places.role(s.index, mi) {
            Some(Role::Place(p)) => places.places[p]
                .country
                .clone()
                .map(|c| (m.start.abs_diff(near), c)),
            _ => None,
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Whether the number at `end` counts people: what follows is a person noun, a kind word,
/// a nationality, a preposition or the end of the phrase, not some other noun.
fn counts_people(s: &Sentence, end: usize, lex: &Lexicon) -> bool {
    let Some(t) = s.tokens.get(end) else {
        return true;
    };
    if t.kind != TokenKind::Word || t.capitalised || lex.figures.match_at(&s.tokens, end).is_some()
    {
        return true;
    }
    if MEASURES.contains(&t.norm.as_str()) || lex.weapons.match_at(&s.tokens, end).is_some() {
        return false;
    }
    // One adjective before the person noun: "12 young men", "40 unarmed villagers".
    if lex
        .figures
        .match_at(&s.tokens, end + 1)
        .is_some_and(|f| f.value.population.is_some())
    {
        return true;
    }
    FILLERS.contains(&t.norm.as_str())
        || t.norm.ends_with("ly")
        || matches!(
            t.norm.as_str(),
            "in" | "on"
                | "at"
                | "across"
                | "near"
                | "from"
                | "and"
                | "or"
                | "as"
                | "after"
                | "during"
                | "when"
                | "while"
                | "since"
                | "by"
                | "with"
                | "last"
                | "this"
                | "overnight"
                | "more"
                | "others"
        )
}

/// One fact stated twice is one figure: the later statement fills what the first lacked.
fn add_figure(out: &mut Vec<Figure>, fig: Figure) {
    if let Some(f) = out.iter_mut().find(|f| {
        f.kind == fig.kind
            && f.count == fig.count
            && f.country == fig.country
            && f.count_high == fig.count_high
    }) {
        if f.claimed_by.is_none() {
            f.claimed_by = fig.claimed_by;
            f.claimed_by_country = fig.claimed_by_country;
        }
        if f.period.is_none() {
            f.period = fig.period;
        }
        f.cumulative |= fig.cumulative;
        if f.population == Population::Unspecified {
            f.population = fig.population;
        }
        // A headline drops the hedge its body keeps: "abduct 20 women" then "at least 20".
        if f.qualifier == Qualifier::Exact && fig.qualifier != Qualifier::Exact {
            f.qualifier = fig.qualifier;
        }
        if f.countries.is_empty() {
            f.countries = fig.countries;
        }
        return;
    }
    out.push(fig);
}

fn qualifier_before(s: &Sentence, start: usize, lex: &Lexicon) -> Option<(usize, Qualifier)> {
    (start.saturating_sub(4)..start).find_map(|k| {
        lex.qualifiers
            .matches_at(&s.tokens, k)
            .find(|m| m.end == start)
            .map(|m| (k, *m.value))
    })
}

/// Number expressions: digits ("900,000", "5.1 million"), words ("twenty-three",
/// "dozens", "a dozen"), ranges ("between 10 and 15", "10 to 15").
fn numbers(s: &Sentence, lex: &Lexicon, gaz: &Gazetteer) -> Vec<Number> {
    let toks = &s.tokens;
    let mut out: Vec<Number> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(mut n) = number_at(s, i, lex) else {
            i += 1;
            continue;
        };
        // A number that is part of a date or a year is no count.
        let prev = i.checked_sub(1).map(|p| toks[p].norm.as_str());
        let is_year = n.value >= 1900
            && n.value <= 2100
            && toks[i].kind == TokenKind::Number
            && !toks[i].norm.contains(',');
        if is_year || matches!(prev, Some("no." | "no" | "number")) || !is_count(s, lex, i, n.end) {
            i = n.end;
            continue;
        }
        // "seven more bodies": an increment, no toll ("dozens more" is still a rough count).
        // But "three killed and 50 more wounded", "injuring about 50 more": after a count of
        // the dead, "more" counts the wounded beside them.
        let wounded_at = |k: usize| {
            lex.figures
                .match_at(toks, k)
                .is_some_and(|f| f.value.kind == Some(FigureKind::Wounded))
        };
        let beside_dead = wounded_at(n.end + 1)
            || (i.saturating_sub(4)..i).any(|k| {
                lex.figures
                    .match_at(toks, k)
                    .is_some_and(|f| f.value.kind == Some(FigureKind::Wounded) && f.end <= i)
            });
        if !n.about
            && !beside_dead
            && toks
                .get(n.end)
                .is_some_and(|t| matches!(t.norm.as_str(), "more" | "additional" | "further"))
        {
            i = n.end;
            continue;
        }
        // Ranges.
        if let Some(t) = toks.get(n.end)
            && matches!(t.norm.as_str(), "to" | "-" | "and")
            && let Some(hi) = number_at(s, n.end + 1, lex)
            && hi.value > n.value
            && (t.norm != "and" || prev == Some("between"))
        {
            n.high = Some(hi.value);
            n.end = hi.end;
        }
        i = n.end;
        out.push(n);
    }
    for one in implicit_ones(s, lex, gaz) {
        if !out
            .iter()
            .any(|n| n.start <= one.start && one.start < n.end.max(n.start + 1))
        {
            out.push(one);
        }
    }
    out.sort_by_key(|n| n.start);
    out
}

/// Nouns plural without a final -s.
fn plural_noun(w: &str) -> bool {
    w.ends_with('s')
        || w.ends_with("men")
        || matches!(
            w,
            "people" | "children" | "personnel" | "police" | "staff" | "elderly" | "youth"
        )
}

/// Bare singular person nouns that stand for one person, as headlines write them: the
/// subject of a kind word at the head of a clause ("Woman shot dead", "Elderly woman killed
/// by …", "Three militants, civilian killed") or the object of a kind verb ("gunmen kill
/// soldier", "kidnap Haitian political leader"). With an article or a determiner ("a
/// soldier", "the soldier") they are not: "a" counts through the number words, "the"
/// points back at someone already counted.
fn implicit_ones(s: &Sentence, lex: &Lexicon, gaz: &Gazetteer) -> Vec<Number> {
    let toks = &s.tokens;
    let mut out = Vec::new();
    for b in 0..toks.len() {
        // The cheap tests first: most tokens open no counted noun phrase.
        let t = &toks[b];
        if t.kind != TokenKind::Word
            || DETERMINERS.contains(&t.norm.as_str())
            || PREPOSITIONS.contains(&t.norm.as_str())
        {
            continue;
        }
        let clause_head = b == 0
            || matches!(
                toks[b - 1].norm.as_str(),
                "," | ";" | ":" | "(" | ")" | "|" | "-" | "and"
            );
        let after_verb = left_verb(s, b, lex);
        if !after_verb && !clause_head || lex.numbers.match_at(toks, b).is_some() {
            continue;
        }
        // The one person: a named person ("Vadym Fedoseyev was killed", "assassinate Adel
        // al-Zubeidi"), or a singular person noun past its modifiers ("tribal elder").
        let noun_end = if let Some(m) = s
            .mention_at(b)
            .filter(|m| m.start == b && matches!(m.kind, MentionKind::Person { .. }))
        {
            m.end
        } else {
            let Some(p) = person_noun(s, b, lex, gaz) else {
                continue;
            };
            if (b..p).any(|k| PREPOSITIONS.contains(&toks[k].norm.as_str())) {
                continue;
            }
            let Some(mut f) = lex.figures.match_at(toks, p) else {
                continue;
            };
            // "elderly woman", "police officer": a person noun modifying the next one.
            while let Some(g) = lex
                .figures
                .match_at(toks, f.end)
                .filter(|g| g.value.kind.is_none())
            {
                f = g;
            }
            if f.value.kind.is_some() || plural_noun(&toks[f.end - 1].norm) {
                continue;
            }
            f.end
        };
        // A clause head needs its kind word next, done to it: "Rebel killed", "woman was
        // shot dead" (not "Soldier kills two civilians").
        if !after_verb {
            let mut k = noun_end;
            while k < toks.len()
                && k < noun_end + 3
                && matches!(
                    toks[k].norm.as_str(),
                    "is" | "was" | "has" | "had" | "been" | "reportedly" | "reported" | "allegedly"
                )
            {
                k += 1;
            }
            if !lex.figures.match_at(toks, k).is_some_and(|f| {
                f.value.kind.is_some() && !ACTIVE_VERBS.contains(&toks[k].norm.as_str())
            }) {
                continue;
            }
        }
        out.push(Number {
            start: b,
            end: b,
            value: 1,
            high: None,
            about: false,
            singular: true,
            implicit: true,
        });
    }
    out
}

/// Kind words that are verbs taking the victims as object ("kill soldier").
const KIND_VERBS: &[&str] = &[
    "kill",
    "kills",
    "killed",
    "killing",
    "kidnap",
    "kidnaps",
    "kidnapped",
    "kidnapping",
    "abduct",
    "abducts",
    "abducted",
    "abducting",
    "shot",
    "shoot",
    "shoots",
    "gunned",
    "gun",
    "guns",
    "stabbed",
    "beaten",
    "hacked",
    "lynched",
    "slain",
    "wounding",
    "injuring",
    "wounds",
    "injures",
    "arrest",
    "arrests",
    "arrested",
    "arresting",
    "detain",
    "detains",
    "detained",
    "detaining",
    "captured",
    "assassinate",
    "assassinates",
    "assassinated",
    "assassinating",
    "murdered",
];

/// Kind verbs in the active voice, whose subject is the one who acts.
const ACTIVE_VERBS: &[&str] = &[
    "kill",
    "kills",
    "killing",
    "kidnap",
    "kidnaps",
    "kidnapping",
    "abduct",
    "abducts",
    "abducting",
    "shoot",
    "shoots",
    "gun",
    "guns",
    "gunning",
    "wounds",
    "wounding",
    "injures",
    "injuring",
    "arrest",
    "arrests",
    "arresting",
    "detain",
    "detains",
    "detaining",
    "assassinate",
    "assassinates",
    "assassinating",
];

/// Words that never begin a counted noun phrase.
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "by", "from", "near", "as", "after", "during", "with", "for", "to", "of",
    "into", "over", "under", "across", "against", "while", "when", "since", "than", "or", "but",
    "and",
];

/// Whether a kind verb ends right where the count starts: "blasts kill two", "killing 18".
fn left_verb(s: &Sentence, at: usize, lex: &Lexicon) -> bool {
    (at.saturating_sub(3)..at).any(|j| {
        lex.figures.match_at(&s.tokens, j).is_some_and(|f| {
            f.end == at && f.value.kind.is_some() && KIND_VERBS.contains(&s.tokens[j].norm.as_str())
        })
    })
}

/// Words that open a noun phrase with its own count or reference.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "each", "every", "another", "no", "any", "some", "one", "both", "all",
];

/// A plural demonym names people of a country ("200 Syrians", "Afghans"): its country.
fn plural_demonym(s: &Sentence, k: usize, gaz: &Gazetteer) -> Option<String> {
    let t = s.tokens.get(k)?;
    if !t.capitalised || gaz.demonym(&t.norm).is_some() {
        return None;
    }
    let singular = t.norm.strip_suffix('s').filter(|w| w.len() > 3)?;
    Some(gaz.demonym(singular)?.iso2.clone())
}

/// Where the person noun a number word counts starts, past a few modifiers: "one
/// civilian", "two Ukrainian soldiers", "a local man", "200 Syrians".
fn person_noun(s: &Sentence, start: usize, lex: &Lexicon, gaz: &Gazetteer) -> Option<usize> {
    for k in start..(start + 4).min(s.tokens.len()) {
        if let Some(f) = lex.figures.match_at(&s.tokens, k) {
            return f.value.kind.is_none().then_some(k);
        }
        if plural_demonym(s, k, gaz).is_some() {
            return Some(k);
        }
        let t = &s.tokens[k];
        // "an Israeli was killed", "a 16-year-old Palestinian died": a singular demonym with
        // nothing after it in its noun phrase names the person.
        if t.capitalised
            && gaz.demonym(&t.norm).is_some()
            && s.tokens.get(k + 1).is_none_or(|n| {
                matches!(n.norm.as_str(), "," | "and" | "-")
                    || lex.is(&s.tokens, k + 1, WordClass::Be)
                    || lex
                        .figures
                        .match_at(&s.tokens, k + 1)
                        .is_some_and(|f| f.value.kind.is_some())
            })
        {
            return Some(k);
        }
        // "nine of its soldiers": a partitive right after the number.
        if k == start
            && t.norm == "of"
            && s.tokens.get(k + 1).is_some_and(|n| {
                matches!(
                    n.norm.as_str(),
                    "its" | "their" | "his" | "her" | "our" | "the"
                )
            })
        {
            continue;
        }
        if k == start + 1 && s.tokens[start].norm == "of" {
            continue;
        }
        // A name before the noun: "Five GAM rebels", "33 Taliban fighters".
        let name = t.capitalised && t.kind == TokenKind::Word;
        let modifier = t.is_word()
            && (name
                || s.mention_at(k).is_some_and(|m| {
                    matches!(
                        m.kind,
                        MentionKind::Demonym
                            | MentionKind::ArmedMeans
                            | MentionKind::Group { .. }
                            | MentionKind::Institution { .. }
                    )
                })
                || !t.capitalised)
            && lex.weapons.match_at(&s.tokens, k).is_none();
        if !modifier {
            return None;
        }
    }
    None
}

/// Whether the number at `[start, end)` can count people at all: not a day of a month
/// ("since 6 October", "Oct. 10"), not an age ("aged 71", "a 15-year-old"), not part of a
/// group already counted ("23 of whom", "four of the injured") and not an increment ("seven
/// more bodies"), which is no toll.
fn is_count(s: &Sentence, lex: &Lexicon, start: usize, end: usize) -> bool {
    let toks = &s.tokens;
    let word = |k: usize| toks.get(k).map_or("", |t| t.norm.as_str());
    let prev = start.checked_sub(1).map_or("", word);
    let next = word(end);
    let month = |w: &str| super::dates::month(w.trim_end_matches('.')).is_some();
    if month(next) || month(prev) {
        return false;
    }
    // "aged 71 and 64"
    if (start.saturating_sub(3)..start).any(|k| matches!(word(k), "aged" | "age" | "ages"))
        || matches!(next, "year" | "years")
        || next == "-" && matches!(word(end + 1), "year" | "years" | "month" | "months")
    {
        return false;
    }
    // "23 of whom", "four of the injured": a part of a group already counted.
    if next == "of"
        && (matches!(word(end + 1), "whom" | "them" | "which")
            || matches!(word(end + 1), "the" | "those" | "these")
                && lex
                    .figures
                    .match_at(toks, end + 2)
                    .is_some_and(|f| f.value.kind.is_some()))
    {
        return false;
    }
    true
}

fn number_at(s: &Sentence, i: usize, lex: &Lexicon) -> Option<Number> {
    let toks = &s.tokens;
    let t = toks.get(i)?;
    let (mut value, mut end, about, singular) = if t.kind == TokenKind::Number {
        let clean = t.norm.replace(',', "");
        let v: f64 = clean.parse().ok()?;
        (v, i + 1, false, false)
    } else if let Some(m) = lex.numbers.match_at(toks, i) {
        match m.value.sense {
            NumberSense::Multiplier => return None,
            NumberSense::Singular => (1.0, m.end, false, true),
            NumberSense::About => (m.value.value as f64, m.end, true, false),
            NumberSense::Exact => (m.value.value as f64, m.end, false, false),
        }
    } else if t.norm.contains('-') {
        // "twenty-three": sum of number words.
        let mut total = 0u64;
        for part in t.norm.split('-') {
            let words = [crate::text::Token {
                norm: part.to_string(),
                ..t.clone()
            }];
            let m = lex.numbers.match_at(&words, 0)?;
            // "seventy-one": the units may be read as singular ("one").
            if !matches!(m.value.sense, NumberSense::Exact | NumberSense::Singular) {
                return None;
            }
            total += m.value.value;
        }
        (total as f64, i + 1, false, false)
    } else {
        return None;
    };
    // "thirty five": tens and units written apart.
    if t.kind == TokenKind::Word
        && !about
        && (20.0..=90.0).contains(&value)
        && value % 10.0 == 0.0
        && let Some(m) = lex.numbers.match_at(toks, end)
        && matches!(m.value.sense, NumberSense::Exact)
        && (1..=9).contains(&m.value.value)
    {
        value += m.value.value as f64;
        end = m.end;
    }
    // "5.1 million", "three hundred", "hundreds of thousands".
    while let Some(m) = lex.numbers.match_at(toks, end) {
        if m.value.sense != NumberSense::Multiplier {
            break;
        }
        value *= m.value.value as f64;
        end = m.end;
    }
    if about && toks.get(end).is_some_and(|t| t.norm == "of") {
        end += 1;
    }
    if !(0.0..1e13).contains(&value) {
        return None;
    }
    Some(Number {
        start: i,
        end,
        value: value.round() as u64,
        high: None,
        about,
        singular,
        implicit: false,
    })
}

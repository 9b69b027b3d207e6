//! Places: which mentions name a location, and which reading of each name is meant.
//!
//! Evidence is weighed in order: a kind word ("X province"), the hierarchy named nearby
//! ("in Surin, Thailand"), the countries the report is about, then population. Capitals
//! and countries that act ("Beijing called on…") are actors, not places. A name the
//! gazetteer lacks but a kind word marks ("Srae Nouy commune") is still a place, placed
//! inside its context with a coarser precision.

use rustc_hash::FxHashMap as HashMap;

use sitrep_model::{Place, PlaceKind, Precision, Span};

use super::analysis::{Analysis, Sentence};
use super::mentions::{Mention, MentionKind};
use crate::gazetteer::{Entry, Gazetteer};
use crate::lexicon::Lexicon;

/// Prepositions after which a name is where something happens.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "into",
    "across",
    "from",
    "outside",
    "inside",
    "around",
    "towards",
    "toward",
    "through",
    "within",
    "throughout",
    "along",
    "on",
    "over",
    "to",
    "onto",
    "of",
    "off",
    "between",
    "beyond",
    "past",
    "nearby",
];

/// Nouns after a country or demonym that make it a location ("Thai territory").
const TERRITORY: &[&str] = &["territory", "soil", "land", "airspace", "waters", "side"];

/// What a mention was resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Place(usize),
    /// A capital or country that acts for its state.
    State,
}

#[derive(Debug, Default)]
pub struct Places {
    pub places: Vec<Place>,
    /// (sentence, mention index) → role.
    pub roles: HashMap<(usize, usize), Role>,
    /// (sentence, mention index) of an acting capital → the state's ISO code.
    states: HashMap<(usize, usize), String>,
    /// The country most of the report's places lie in: where it takes place.
    pub main_country: Option<String>,
}

impl Places {
    pub fn role(&self, sentence: usize, mention: usize) -> Option<Role> {
        self.roles.get(&(sentence, mention)).copied()
    }

    /// The state an acting capital stands for.
    pub fn state_of(&self, sentence: usize, mention: usize) -> Option<&str> {
        self.states.get(&(sentence, mention)).map(String::as_str)
    }
}

/// How often each country is named in the report: the countries it is about.
pub fn document_countries(a: &Analysis, gaz: &Gazetteer) -> HashMap<String, usize> {
    let mut counts = HashMap::default();
    for s in &a.sentences {
        for m in &s.mentions {
            let c = match &m.kind {
                MentionKind::Place { entries } => top_capital(entries, gaz),
                _ => m.country.clone(),
            };
            if let Some(c) = c {
                *counts.entry(c).or_insert(0) += 1;
            }
        }
    }
    counts
}

fn top_capital(entries: &[Entry], gaz: &Gazetteer) -> Option<String> {
    entries.iter().find_map(|e| match e {
        Entry::Place(p) => gaz.capital_of(*p).map(|c| c.iso2.clone()),
        _ => None,
    })
}

pub fn resolve_places(a: &Analysis, lex: &Lexicon, gaz: &Gazetteer) -> Places {
    let doc_countries = document_countries(a, gaz);
    let mut out = Places::default();
    // The latest resolved sub-national place, to give unknown places a parent.
    let mut context: Option<usize> = None;
    let mut context_sentence = 0;
    for s in &a.sentences {
        // Names the gazetteer lacks go last, so that a parent named after them counts too
        // ("Mekane Zion district in Amhara region").
        let order = (0..s.mentions.len())
            .filter(|&i| !matches!(s.mentions[i].kind, MentionKind::KindPlace { .. }))
            .chain(
                (0..s.mentions.len())
                    .filter(|&i| matches!(s.mentions[i].kind, MentionKind::KindPlace { .. })),
            );
        let before_sentence = context.filter(|_| s.index <= context_sentence + 2);
        for mi in order.collect::<Vec<_>>() {
            let m = &s.mentions[mi];
            let locative = is_locative(s, m);
            let resolved = match &m.kind {
                // "northern Mali", "eastern Congo": a part of a country, no finer than the country.
                MentionKind::Country if direction_before(s, m).is_some() => {
                    let c = gaz.country(m.country.as_deref().unwrap_or(""));
                    let dir = direction_before(s, m).unwrap_or_default();
                    c.map(|c| {
                        let mut p = country_place(c, "a part of the country named by direction");
                        p.name = format!("{dir} {}", c.name);
                        p.kind = PlaceKind::Region;
                        p
                    })
                }
                MentionKind::Country if locative || territory_follows(s, m) => {
                    let c = gaz.country(m.country.as_deref().unwrap_or(""));
                    c.map(|c| country_place(c, "named country in a locative phrase"))
                }
                MentionKind::Border { countries } => {
                    let cs: Vec<&crate::gazetteer::Country> =
                        countries.iter().filter_map(|c| gaz.country(c)).collect();
                    let mean = |f: fn(&crate::gazetteer::Country) -> Option<f64>| {
                        let v: Vec<f64> = cs.iter().filter_map(|c| f(c)).collect();
                        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
                    };
                    cs.first().map(|first| Place {
                        name: m.name.clone(),
                        kind: PlaceKind::Border,
                        country: Some(first.iso2.clone()),
                        admin1: None,
                        lat: mean(|c| c.lat),
                        lon: mean(|c| c.lon),
                        precision: Precision::Country,
                        gazetteer_id: None,
                        basis: format!(
                            "border of {}; placed between their centres",
                            countries.join(" and ")
                        ),
                        spans: Vec::new(),
                    })
                }
                MentionKind::Demonym if territory_follows(s, m) => {
                    let c = gaz.country(m.country.as_deref().unwrap_or(""));
                    c.map(|c| country_place(c, "demonym with a territory noun"))
                }
                MentionKind::Place { entries }
                    if out
                        .places
                        .iter()
                        .any(|p| p.name == m.name && p.gazetteer_id.is_some()) =>
                {
                    // One sense per discourse: a name read once is read the same way again.
                    out.places
                        .iter()
                        .find(|p| p.name == m.name && p.gazetteer_id.is_some())
                        .cloned()
                }
                MentionKind::Place { entries } => {
                    let kind_word = kind_word_after(s, m.end, lex);
                    let capital = top_capital(entries, gaz);
                    if let Some(state) = capital
                        .filter(|_| !locative && kind_word.is_none() && !is_target(s, m, lex))
                    {
                        out.roles.insert((s.index, mi), Role::State);
                        out.states.insert((s.index, mi), state);
                        continue;
                    }
                    let (place, population) =
                        pick(entries, s, m, kind_word, &doc_countries, gaz, &out.places);
                    // A small town named without any locative cue is more likely a word
                    // in a heading or a name ("Ceasefire Hopes Dim"): not a place.
                    let is_capital = entries
                        .iter()
                        .any(|e| matches!(e, Entry::Place(p) if gaz.capital_of(*p).is_some()));
                    // A small town abroad, in a report about other countries, is more likely
                    // a namesake of a village the gazetteer lacks: keep the name, not the reading.
                    let foreign = place
                        .country
                        .as_deref()
                        .is_some_and(|c| !doc_countries.contains_key(c))
                        && !doc_countries.is_empty();
                    // Part of a longer capitalised name: "Cal" in "Cal Miskaad mountains",
                    // "Sur" in "Comuneros del Sur".
                    let before = m.start.checked_sub(1).map(|p| &s.tokens[p]);
                    let connector = before
                        .is_some_and(|t| matches!(t.norm.as_str(), "del" | "de" | "la" | "of"));
                    let inside_name = (before.is_some_and(|t| t.capitalised)
                        || connector && m.start >= 2 && s.tokens[m.start - 2].capitalised)
                        && !s.mentions.iter().any(|o| o.end == m.start)
                        || s.tokens
                            .get(m.end)
                            .is_some_and(|t| t.capitalised && t.is_word())
                            && !s.mentions.iter().any(|o| o.start == m.end);
                    if place.kind == PlaceKind::City
                        && foreign
                        && population < 50_000
                        && !is_capital
                    {
                        if (locative || kind_word.is_some()) && !inside_name {
                            let parent = parent_in_sentence(s, m, &out).or(before_sentence);
                            let mut p = unknown_place(
                                m,
                                kind_word.unwrap_or(PlaceKind::Village),
                                parent.map(|p| &out.places[p]),
                                &doc_countries,
                                gaz,
                            );
                            p.basis = format!("a namesake abroad ignored; {}", p.basis);
                            let idx = add_place(&mut out.places, p, m.span);
                            out.roles.insert((s.index, mi), Role::Place(idx));
                        }
                        continue;
                    }
                    let town_word = matches!(kind_word, Some(PlaceKind::City | PlaceKind::Village));
                    if place.kind == PlaceKind::City
                        && !locative
                        && !town_word
                        && population < 100_000
                        && !is_capital
                    {
                        continue;
                    }
                    // Inside a longer capitalised name ("UNESCO World Heritage site").
                    if place.kind == PlaceKind::City
                        && inside_name
                        && !is_capital
                        && population < 1_000_000
                    {
                        continue;
                    }
                    Some(place)
                }
                MentionKind::KindPlace { kind } => {
                    let parent = parent_in_sentence(s, m, &out).or(before_sentence);
                    Some(unknown_place(
                        m,
                        *kind,
                        parent.map(|p| &out.places[p]),
                        &doc_countries,
                        gaz,
                    ))
                }
                _ => None,
            };
            let Some(place) = resolved else {
                continue;
            };
            let idx = add_place(&mut out.places, place, m.span);
            out.roles.insert((s.index, mi), Role::Place(idx));
            if matches!(
                out.places[idx].kind,
                PlaceKind::Admin1 | PlaceKind::City | PlaceKind::Admin2
            ) {
                context = Some(idx);
                context_sentence = s.index;
            }
        }
    }
    out.main_country = main_place_country(&out.places);
    out
}

/// The country most of the report's places lie in (by mentions).
fn main_place_country(places: &[Place]) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for p in places {
        if let Some(c) = &p.country {
            *counts.entry(c).or_default() += p.spans.len();
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.first().map(|(c, _)| c.to_string())
}

/// The place that contains an unknown one, named in the same sentence: right after it
/// ("X district in Amhara region", "X, Kharkiv province"), else the nearest before it.
fn parent_in_sentence(s: &Sentence, m: &Mention, out: &Places) -> Option<usize> {
    let resolved = |o: &Mention| {
        let oi = s.mentions.iter().position(|x| std::ptr::eq(x, o))?;
        match out.role(s.index, oi) {
            Some(Role::Place(p)) if out.places[p].kind != PlaceKind::Country => Some(p),
            _ => None,
        }
    };
    let after = s
        .mentions
        .iter()
        .filter(|o| {
            o.start > m.end
                && o.start <= m.end + 2
                && matches!(s.tokens[m.end].norm.as_str(), "in" | "," | "of" | "near")
        })
        .find_map(resolved);
    after.or_else(|| {
        s.mentions
            .iter()
            .rev()
            .filter(|o| o.end <= m.start)
            .find_map(resolved)
    })
}

/// A capital right after an attack verb is its target, a place ("drones attacked Kyiv").
fn is_target(s: &Sentence, m: &Mention, lex: &Lexicon) -> bool {
    let mut k = m.start;
    while k > 0
        && matches!(
            s.tokens[k - 1].norm.as_str(),
            "the" | "central" | "downtown"
        )
    {
        k -= 1;
    }
    (k.saturating_sub(3)..k).any(|j| {
        lex.triggers
            .match_at(&s.tokens, j)
            .is_some_and(|t| t.end == k && t.value.plover == "ASSAULT")
    })
}

/// Adds a place or, when the same place is already listed, its new span.
fn add_place(places: &mut Vec<Place>, place: Place, span: Span) -> usize {
    if let Some(i) = places
        .iter()
        .position(|p| p.name == place.name && p.country == place.country && p.kind == place.kind)
    {
        if !places[i].spans.contains(&span) {
            places[i].spans.push(span);
        }
        return i;
    }
    let mut place = place;
    place.spans = vec![span];
    places.push(place);
    places.len() - 1
}

fn country_place(c: &crate::gazetteer::Country, basis: &str) -> Place {
    Place {
        name: c.name.clone(),
        kind: PlaceKind::Country,
        country: Some(c.iso2.clone()),
        admin1: None,
        lat: c.lat,
        lon: c.lon,
        precision: Precision::Country,
        gazetteer_id: c.geonameid.map(|g| format!("geonames:{g}")),
        basis: basis.to_string(),
        spans: Vec::new(),
    }
}

/// "northern", "north-west", "eastern" right before the mention.
fn direction_before(s: &Sentence, m: &Mention) -> Option<String> {
    let w = s.tokens.get(m.start.checked_sub(1)?)?.norm.as_str();
    let direction = matches!(
        w,
        "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "north-east"
            | "north-west"
            | "south-east"
            | "south-west"
            | "north-eastern"
            | "north-western"
            | "south-eastern"
            | "south-western"
    );
    direction.then(|| w.to_string())
}

/// The word before the mention (skipping articles and direction words) is a locative preposition.
pub fn is_locative(s: &Sentence, m: &Mention) -> bool {
    let mut i = m.start;
    while i > 0 {
        i -= 1;
        let w = s.tokens[i].norm.as_str();
        if matches!(
            w,
            "the"
                | "northern"
                | "southern"
                | "eastern"
                | "western"
                | "central"
                | "north"
                | "south"
                | "east"
                | "west"
                | "northeastern"
                | "northwestern"
                | "southeastern"
                | "southwestern"
                | "and"
                | ","
                | "areas"
                | "parts"
                | "part"
                | "area"
                | "outskirts"
                | "province"
                | "provinces"
                | "region"
                | "city"
                | "town"
                | "village"
                | "district"
        ) || s
            .mentions
            .iter()
            .any(|o| o.end == i + 1 && !o.is_actor_like())
        {
            // Skip coordinated places too: "in Siem Reap and Preah Vihear".
            if let Some(o) = s.mentions.iter().find(|o| o.end == i + 1) {
                i = o.start;
            }
            continue;
        }
        return LOCATIVE.contains(&w);
    }
    false
}

fn territory_follows(s: &Sentence, m: &Mention) -> bool {
    let next = s.tokens.get(m.end).map(|t| t.norm.as_str());
    let next = if next == Some("'s") {
        s.tokens.get(m.end + 1).map(|t| t.norm.as_str())
    } else {
        next
    };
    next.is_some_and(|w| TERRITORY.contains(&w))
}

/// A kind word right after the name, or after a coordinated name ("Siem Reap and Preah Vihear provinces").
fn kind_word_after(s: &Sentence, end: usize, lex: &Lexicon) -> Option<PlaceKind> {
    let mut i = end;
    loop {
        if let Some(k) = lex.place_kinds.match_at(&s.tokens, i)
            && k.value.position.after()
        {
            return Some(k.value.kind);
        }
        if s.tokens
            .get(i)
            .is_some_and(|t| t.norm == "and" || t.norm == ",")
            && let Some(o) = s
                .mentions
                .iter()
                .find(|o| o.start == i + 1 && !o.is_actor_like())
        {
            i = o.end;
            continue;
        }
        return None;
    }
}

fn pick(
    entries: &[Entry],
    s: &Sentence,
    m: &Mention,
    kind_word: Option<PlaceKind>,
    doc_countries: &HashMap<String, usize>,
    gaz: &Gazetteer,
    known: &[Place],
) -> (Place, u64) {
    // ", Country" right after the name names its country.
    let stated_country = (s.tokens.get(m.end).is_some_and(|t| t.norm == ","))
        .then(|| {
            s.mentions
                .iter()
                .find(|o| o.start == m.end + 1 && o.kind == MentionKind::Country)
        })
        .flatten()
        .and_then(|o| o.country.clone());
    let mut best: Option<(f64, Place, u64)> = None;
    for e in entries {
        let Some((mut place, population)) = gaz.place_of(*e) else {
            continue;
        };
        place.name = m.name.clone();
        let is_admin1 = place.kind == PlaceKind::Admin1;
        let country = place.country.clone().unwrap_or_default();
        let mut score = 0.0;
        let mut why = Vec::new();
        if stated_country.as_deref() == Some(country.as_str()) {
            score += 40.0;
            why.push("country named beside it");
        }
        let class = |k: PlaceKind| match k {
            PlaceKind::Admin1 | PlaceKind::Region => 1,
            PlaceKind::Admin2 | PlaceKind::Admin3 => 2,
            PlaceKind::City | PlaceKind::Village => 3,
            other => other as u8 + 10,
        };
        if kind_word.is_some_and(|k| class(k) == class(place.kind)) {
            score += 25.0;
            why.push("kind word");
        }
        if known.iter().any(|k| {
            k.country.as_deref() == Some(country.as_str())
                && k.kind != PlaceKind::Country
                && k.admin1.is_some()
                && k.admin1 == place.admin1
        }) {
            score += 8.0;
            why.push("same province as a place nearby");
        }
        if let Some(&n) = doc_countries.get(&country) {
            score += 15.0 + (n as f64).min(10.0);
            why.push("country of the report");
        }
        // "Ukrainian positions near Pokrovsk": a country named right beside the place.
        let beside = s.mentions.iter().any(|o| {
            matches!(o.kind, MentionKind::Country | MentionKind::Demonym)
                && o.country.as_deref() == Some(country.as_str())
                && (o.end <= m.start && m.start - o.end <= 4
                    || o.start >= m.end && o.start - m.end <= 2)
        });
        if beside {
            score += 12.0;
            why.push("country named beside it");
        }
        // A province weighs as a town of 100,000 would, a district as one of 30,000; a named
        // region or sea as a large city.
        if is_admin1 {
            score += 5.0;
        } else if matches!(place.kind, PlaceKind::Admin2 | PlaceKind::Admin3) {
            score += 4.5;
        } else if matches!(
            place.kind,
            PlaceKind::Region | PlaceKind::Water | PlaceKind::Border
        ) && population == 0
        {
            score += 5.5;
        } else {
            score += (population.max(1) as f64).log10();
            if gaz
                .capital_of(match e {
                    Entry::Place(i) => *i,
                    _ => u32::MAX,
                })
                .is_some()
            {
                score += 4.0;
            }
        }
        // A large city beats a province of the same name when nothing else decides.
        if !is_admin1 && population > 1_000_000 {
            score += 2.5;
        }
        if why.is_empty() {
            why.push("largest place of that name");
        }
        place.basis = why.join(", ");
        if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, place, population));
        }
    }
    best.map(|(_, p, n)| (p, n)).unwrap_or_else(|| {
        (
            Place {
                name: m.name.clone(),
                kind: PlaceKind::City,
                country: None,
                admin1: None,
                lat: None,
                lon: None,
                precision: Precision::Country,
                gazetteer_id: None,
                basis: "no reading".into(),
                spans: Vec::new(),
            },
            0,
        )
    })
}

/// A place the gazetteer lacks: it inherits country and province from the place just named,
/// else from the report's main country, with that parent's coordinates and a coarser precision.
fn unknown_place(
    m: &Mention,
    kind: PlaceKind,
    parent: Option<&Place>,
    doc_countries: &HashMap<String, usize>,
    gaz: &Gazetteer,
) -> Place {
    let kind = match kind {
        PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::Admin3 => kind,
        other => other,
    };
    if let Some(p) = parent {
        return Place {
            name: m.name.clone(),
            kind,
            country: p.country.clone(),
            admin1: p.admin1.clone(),
            lat: p.lat,
            lon: p.lon,
            precision: if p.kind == PlaceKind::City {
                Precision::Near
            } else {
                Precision::Admin1
            },
            gazetteer_id: None,
            basis: format!("not in gazetteer; inside {} named just before", p.name),
            spans: Vec::new(),
        };
    }
    let main = doc_countries
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .and_then(|(c, _)| gaz.country(c));
    Place {
        name: m.name.clone(),
        kind,
        country: main.map(|c| c.iso2.clone()),
        admin1: None,
        lat: main.and_then(|c| c.lat),
        lon: main.and_then(|c| c.lon),
        precision: Precision::Country,
        gazetteer_id: None,
        basis: "not in gazetteer; country of the report".into(),
        spans: Vec::new(),
    }
}

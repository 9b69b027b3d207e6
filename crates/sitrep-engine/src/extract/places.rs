//! Places: which mentions name a location, and which reading of each name is meant.
//!
//! Evidence is weighed in order: a kind word ("X province"), the hierarchy named nearby
//! ("in Surin, Thailand"), the countries the report is about, then population. Capitals
//! and countries that act ("Ankara called on…") are actors, not places. A name the
//! gazetteer lacks but a kind word marks ("Kfar Dounin village") is still a place, placed
//! inside its context with a coarser precision.

use rustc_hash::FxHashMap as HashMap;

use sitrep_model::{Place, PlaceKind, Precision, Span};

use super::analysis::{Analysis, Sentence};
use super::mentions::{Mention, MentionKind};
use crate::gazetteer::{Entry, Gazetteer, fold_eq, fold_name};
use crate::lexicon::{Lexicon, PlaceKindWord};

/// Prepositions after which a name is where something happens.
pub(super) const LOCATIVE: &[&str] = &[
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

/// Nouns after a country or demonym that make it a location ("Lebanese territory").
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
    /// Beside `places`: each one's gazetteer population (0 when unknown) and whether its
    /// name had readings in one country only.
    readings: Vec<(u64, bool)>,
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
pub fn document_countries(a: &Analysis) -> HashMap<String, usize> {
    let mut counts = HashMap::default();
    for s in &a.sentences {
        for m in &s.mentions {
            // Place names count once read (see `resolve_places`): "Tripoli" names no country yet.
            let c = match &m.kind {
                MentionKind::Place { .. } => None,
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

/// Resolves every place mention. Twice: the first reading tells which countries the report
/// is about ("Lahore" makes it Pakistan), and the second reads the ambiguous names
/// ("Punjab", "Hyderabad") in that light.
pub fn resolve_places(a: &Analysis, lex: &Lexicon, gaz: &Gazetteer) -> Places {
    let named = document_countries(a);
    let first = resolve_with(a, lex, gaz, &named, &[]);
    // Only readings that stand on their own count: a large city, a division or region, or a
    // reading a kind word or a named country chose. A village abroad read by its name alone
    // must not make the report about its country.
    let mut about = named.clone();
    for state in first.states.values() {
        *about.entry(state.clone()).or_insert(0) += 1;
    }
    for (p, &(population, unambiguous)) in first.places.iter().zip(&first.readings) {
        let strong = unambiguous && population >= 100_000
            || matches!(
                p.kind,
                PlaceKind::Admin1
                    | PlaceKind::Admin2
                    | PlaceKind::Region
                    | PlaceKind::Water
                    | PlaceKind::Border
            )
            || unambiguous && p.basis.contains("kind word")
            || p.basis.contains("named beside");
        if let Some(c) = p
            .country
            .as_ref()
            .filter(|_| strong && p.kind != PlaceKind::Country)
        {
            *about.entry(c.clone()).or_insert(0) += p.spans.len();
        }
    }
    // Provinces the report names ("in the Kharkiv region") hold its towns' namesakes there.
    let mut admin1: Vec<(String, String)> = Vec::new();
    for p in first.places.iter().filter(|p| p.kind == PlaceKind::Admin1) {
        if let (Some(c), Some(a1)) = (&p.country, &p.admin1)
            && !admin1.iter().any(|(x, y)| x == c && y == a1)
        {
            admin1.push((c.clone(), a1.clone()));
        }
    }
    if about == named && admin1.is_empty() {
        first
    } else {
        resolve_with(a, lex, gaz, &about, &admin1)
    }
}

fn resolve_with(
    a: &Analysis,
    lex: &Lexicon,
    gaz: &Gazetteer,
    doc_countries: &HashMap<String, usize>,
    doc_admin1: &[(String, String)],
) -> Places {
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
        let first_new = out.places.len();
        let locative = locatives(s);
        for mi in order.collect::<Vec<_>>() {
            let m = &s.mentions[mi];
            let locative = locative[mi];
            let mut population = 0;
            // A name whose readings all lie in one country tells where the report is.
            let unambiguous = match &m.kind {
                MentionKind::Place { entries } => dominant_country(entries, gaz),
                _ => None,
            };
            let resolved = match &m.kind {
                // "northern Mali", "eastern Congo": a part of a country, no finer than the country.
                MentionKind::Country if direction_before(s, m, lex).is_some() => {
                    let c = gaz.country(m.country.as_deref().unwrap_or(""));
                    let dir = direction_before(s, m, lex)
                        .and_then(|d| a.text.get(d.start..d.end))
                        .unwrap_or_default();
                    c.map(|c| {
                        let mut p = country_place(c, "a part of the country named by direction");
                        p.name = format!("{dir} {}", m.name);
                        p.kind = PlaceKind::Region;
                        p
                    })
                }
                // "Atlanta, Georgia", "Niger state": a country's name used for a division.
                MentionKind::Country
                    if division_reading(s, m, lex, gaz, doc_countries).is_some() =>
                {
                    division_reading(s, m, lex, gaz, doc_countries)
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
                    // "the Gwoza area": a word of any kind confirms the place, the others
                    // also choose among its readings.
                    let kind_word_found = kind_word_after(s, m.end, lex);
                    let any_kind_word = kind_word_found.is_some_and(|k| k.any_kind);
                    let kind_word = kind_word_found.filter(|k| !k.any_kind).map(|k| k.kind);
                    let capital = top_capital(entries, gaz);
                    if let Some(state) = capital
                        .filter(|_| !locative && kind_word.is_none() && !is_target(s, m, lex))
                    {
                        out.roles.insert((s.index, mi), Role::State);
                        out.states.insert((s.index, mi), state);
                        continue;
                    }
                    // "Kharkiv's Shevchenkivskyi district": a part of the place just named; a
                    // namesake elsewhere is not meant.
                    let owner = (m.start >= 2 && s.tokens[m.start - 1].norm == "'s")
                        .then(|| {
                            s.mentions
                                .iter()
                                .position(|o| o.end == m.start - 1)
                                .and_then(|oi| match out.role(s.index, oi) {
                                    Some(Role::Place(p)) => Some(p),
                                    _ => None,
                                })
                        })
                        .flatten()
                        // "In Kharkiv, … in the Shevchenkivskyi district": a district of the
                        // place its sentence names, unless that place leads to the district
                        // ("Dang village, Gwoza LGA": the district holds the village).
                        .or_else(|| {
                            matches!(kind_word, Some(PlaceKind::Admin2 | PlaceKind::Admin3))
                                .then(|| parent_in_sentence(s, m, &out, lex))
                                .flatten()
                                .filter(|&p| {
                                    out.places[p].admin1.is_some()
                                        && !s.mentions.iter().enumerate().any(|(oi, o)| {
                                            out.role(s.index, oi) == Some(Role::Place(p))
                                                && holder_after(s, o.end, lex) == Some(mi)
                                        })
                                })
                        })
                        .filter(|&p| out.places[p].kind != PlaceKind::Country);
                    if let Some(p) = owner {
                        let parent = &out.places[p];
                        let inside = entries.iter().any(|&e| {
                            let i = gaz.summary(e);
                            i.country == parent.country.as_deref()
                                && i.admin1.is_some()
                                && i.admin1 == parent.admin1.as_deref()
                        });
                        if !inside {
                            let parent = parent.clone();
                            let mut p = unknown_place(
                                m,
                                kind_word.unwrap_or(PlaceKind::Admin3),
                                Some(&parent),
                                doc_countries,
                                gaz,
                            );
                            p.basis = format!("a part of {}; {}", parent.name, p.basis);
                            let idx = add_place(&mut out, p, m.span, (0, false));
                            out.roles.insert((s.index, mi), Role::Place(idx));
                            continue;
                        }
                    }
                    // "the Oskil river": a river the gazetteer has only as a town is the river.
                    if kind_word == Some(PlaceKind::Water)
                        && !entries
                            .iter()
                            .any(|&e| gaz.summary(e).kind == PlaceKind::Water)
                    {
                        let parent = parent_in_sentence(s, m, &out, lex).or(before_sentence);
                        let mut p = unknown_place(
                            m,
                            PlaceKind::Water,
                            parent.map(|p| &out.places[p]),
                            doc_countries,
                            gaz,
                        );
                        p.basis = format!("a water feature by its kind word; {}", p.basis);
                        let idx = add_place(&mut out, p, m.span, (0, false));
                        out.roles.insert((s.index, mi), Role::Place(idx));
                        continue;
                    }
                    let (place, found_population) = pick(
                        entries,
                        s,
                        m,
                        kind_word,
                        doc_countries,
                        doc_admin1,
                        gaz,
                        &out.places,
                    );
                    // A small town named without any locative cue is more likely a word
                    // in a heading or a name ("Ceasefire Hopes Dim"): not a place.
                    let is_capital = entries
                        .iter()
                        .any(|e| matches!(e, Entry::Place(p) if gaz.capital_of(*p).is_some()));
                    // A small town abroad, in a report about other countries, is more likely
                    // a namesake of a village the gazetteer lacks: keep the name, not the reading.
                    // A town of some size whose every namesake lies in one country is that
                    // town, even when the report names only the attacker's country.
                    // Across the border from the report's country: the attacker's country
                    // is named, the town hit is not ("Russian missile strike on Balakliia").
                    let sole_town = found_population >= 10_000
                        && unambiguous.as_deref().is_some_and(|u| {
                            gaz.country(u).is_some_and(|c| {
                                c.neighbours
                                    .iter()
                                    .any(|n| doc_countries.contains_key(n.as_str()))
                            })
                        });
                    // A district of several words whose every reading lies in one country is
                    // that district ("a US drone strike in North Waziristan").
                    let sole_district = place.kind == PlaceKind::Admin2
                        && m.end - m.start >= 2
                        && unambiguous.as_deref() == place.country.as_deref();
                    let foreign = place
                        .country
                        .as_deref()
                        .is_some_and(|c| !doc_countries.contains_key(c))
                        && !doc_countries.is_empty()
                        && !sole_town
                        && !sole_district;
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
                            && !s.mentions.iter().any(|o| o.start == m.end)
                            // "Chibok LGA" is Chibok; "Deakin University" is not Deakin.
                            && !kind_word_found.is_some_and(|k| {
                                k.any_kind
                                    || matches!(
                                        k.kind,
                                        PlaceKind::Admin1
                                            | PlaceKind::Admin2
                                            | PlaceKind::Admin3
                                            | PlaceKind::City
                                            | PlaceKind::Village
                                    )
                            });
                    // Towns and districts need evidence; provinces, regions and seas stand alone.
                    let small_kind = matches!(
                        place.kind,
                        PlaceKind::City
                            | PlaceKind::Village
                            | PlaceKind::Admin2
                            | PlaceKind::Admin3
                    );
                    if small_kind && foreign && found_population < 50_000 && !is_capital {
                        if (locative || kind_word_found.is_some() || country_follows(s, m))
                            && !inside_name
                        {
                            let kind = kind_word.unwrap_or(PlaceKind::Village);
                            let parent = parent_in_sentence(s, m, &out, lex).or(before_sentence);
                            let mut p = unknown_place(
                                m,
                                kind,
                                parent.map(|p| &out.places[p]),
                                doc_countries,
                                gaz,
                            );
                            p.basis = format!("a namesake abroad ignored; {}", p.basis);
                            let idx = add_place(&mut out, p, m.span, (0, false));
                            out.roles.insert((s.index, mi), Role::Place(idx));
                        }
                        continue;
                    }
                    // "X municipality", "X tehsil": a settlement's or a division's
                    // kind word confirms a town as well as a district of that name.
                    let settled_word = matches!(
                        kind_word,
                        Some(
                            PlaceKind::City
                                | PlaceKind::Village
                                | PlaceKind::Admin2
                                | PlaceKind::Admin3
                        )
                    );
                    if small_kind
                        && !locative
                        && !settled_word
                        && !any_kind_word
                        && !container_follows(s, m, &place)
                        && found_population < 100_000
                        && !is_capital
                    {
                        continue;
                    }
                    // Inside a longer capitalised name ("UNESCO World Heritage site").
                    if small_kind && inside_name && !is_capital && found_population < 1_000_000 {
                        continue;
                    }
                    population = found_population;
                    Some(place)
                }
                MentionKind::KindPlace { kind } => {
                    let parent = parent_in_sentence(s, m, &out, lex).or(before_sentence);
                    Some(unknown_place(
                        m,
                        *kind,
                        parent.map(|p| &out.places[p]),
                        doc_countries,
                        gaz,
                    ))
                }
                _ => None,
            };
            let Some(mut place) = resolved else {
                continue;
            };
            refine_country(&mut place, s, m, gaz);
            let sure = matches!(&m.kind, MentionKind::Place { .. })
                .then(|| unambiguous.as_deref() == place.country.as_deref())
                .unwrap_or(true);
            let idx = add_place(&mut out, place, m.span, (population, sure));
            out.roles.insert((s.index, mi), Role::Place(idx));
            if matches!(
                out.places[idx].kind,
                PlaceKind::Admin1 | PlaceKind::City | PlaceKind::Admin2
            ) {
                context = Some(idx);
                context_sentence = s.index;
            }
        }
        adopt_holders_after(s, first_new, &mut out, lex, doc_countries, gaz);
    }
    out.main_country = main_place_country(&out.places);
    out
}

/// "Dang village, Gwoza LGA": a place the gazetteer lacks may be read before the known place
/// after it that holds it; once the sentence is read, it takes that place as its parent.
fn adopt_holders_after(
    s: &Sentence,
    first_new: usize,
    out: &mut Places,
    lex: &Lexicon,
    doc_countries: &HashMap<String, usize>,
    gaz: &Gazetteer,
) {
    for (mi, m) in s.mentions.iter().enumerate() {
        let Some(Role::Place(idx)) = out.role(s.index, mi) else {
            continue;
        };
        if idx < first_new || out.places[idx].gazetteer_id.is_some() {
            continue;
        }
        let Some(Role::Place(p)) = holder_after(s, m.end, lex).and_then(|o| out.role(s.index, o))
        else {
            continue;
        };
        let parent = out.places[p].clone();
        let place = &out.places[idx];
        let Some(prefix) = place.basis.split("not in gazetteer").next() else {
            continue;
        };
        if p == idx || parent.kind == PlaceKind::Country || place.basis.contains(&parent.name) {
            continue;
        }
        let held = unknown_place(m, place.kind, Some(&parent), doc_countries, gaz);
        let basis = format!("{prefix}{}", held.basis);
        let place = &mut out.places[idx];
        place.country = held.country;
        place.admin1 = held.admin1;
        place.lat = held.lat;
        place.lon = held.lon;
        place.precision = held.precision;
        place.basis = basis;
    }
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

/// The place that contains an unknown one, named in the same sentence: after it across
/// `place_links.tsv` words ("X district in Amhara region", "X, Kharkiv province", "X village,
/// 15 km from Maiduguri"), else the nearest before it.
fn parent_in_sentence(s: &Sentence, m: &Mention, out: &Places, lex: &Lexicon) -> Option<usize> {
    let resolved = |o: &Mention| {
        let oi = s.mentions.iter().position(|x| std::ptr::eq(x, o))?;
        match out.role(s.index, oi) {
            Some(Role::Place(p)) if out.places[p].kind != PlaceKind::Country => Some(p),
            _ => None,
        }
    };
    let after = holder_after(s, m.end, lex).and_then(|o| resolved(&s.mentions[o]));
    after.or_else(|| {
        s.mentions
            .iter()
            .rev()
            .filter(|o| o.end <= m.start)
            .find_map(resolved)
    })
}

/// The mention the words after token `end` lead to: a relation or a comma, then only
/// `place_links.tsv` words and numbers ("in", ", 15 km from", "outside the").
fn holder_after(s: &Sentence, end: usize, lex: &Lexicon) -> Option<usize> {
    use crate::lexicon::PlaceLink;
    let mut i = end;
    let mut linked = false;
    while i < s.tokens.len() && i < end + 12 {
        if let Some(o) = s.mention_index_at(i).filter(|&o| s.mentions[o].start == i) {
            return linked.then_some(o);
        }
        // "15", "15km", "seven".
        if s.tokens[i].kind == crate::text::TokenKind::Number
            || s.tokens[i].norm.starts_with(|c: char| c.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        // "seven", and the place's own kind word ("Dang village, Gwoza LGA").
        if let Some(n) = lex.numbers.match_at(&s.tokens, i) {
            i = n.end;
            continue;
        }
        if let Some(k) = lex.place_kinds.match_at(&s.tokens, i) {
            i = k.end;
            continue;
        }
        let link = lex.place_links.match_at(&s.tokens, i)?;
        linked |= matches!(link.value, PlaceLink::Relation) || s.tokens[i].norm == ",";
        i = link.end;
    }
    None
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
fn add_place(out: &mut Places, place: Place, span: Span, reading: (u64, bool)) -> usize {
    let places = &mut out.places;
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
    out.readings.push(reading);
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

/// Narrows a place's country from its sentence: a sea or region shared by several countries
/// takes the one the sentence names ("the Red Sea off Yemen's coast"); "Indian-administered
/// Kashmir" is placed on the side that administers it.
fn refine_country(place: &mut Place, s: &Sentence, m: &Mention, gaz: &Gazetteer) {
    let controller = m.start.checked_sub(1).and_then(|p| {
        let w = s.tokens[p].norm.as_str();
        ["-administered", "-controlled", "-held", "-occupied", "-run"]
            .iter()
            .find_map(|suffix| w.strip_suffix(suffix))
            .and_then(|d| {
                gaz.demonym(d).map(|c| c.iso2.clone()).or_else(|| {
                    gaz.lookup(d).iter().find_map(|e| match e {
                        Entry::Country(c) => Some(gaz.countries[*c as usize].iso2.clone()),
                        _ => None,
                    })
                })
            })
    });
    if let Some(c) = controller {
        place.country = Some(c);
        place.basis = format!("administered by the side named before it; {}", place.basis);
        if !place.name.contains('-') {
            place.name = format!("{} {}", s.tokens[m.start - 1].norm, place.name);
            place.name = capitalise(&place.name);
        }
        return;
    }
    // A shared sea takes the country its sentence names; a disputed region keeps its own.
    if !matches!(place.kind, PlaceKind::Water) && place.country.is_some() {
        return;
    }
    let Some(region) = gaz.lookup(&m.name).iter().find_map(|e| match e {
        Entry::Region(i) => Some(&gaz.regions[*i as usize]),
        _ => None,
    }) else {
        return;
    };
    let named = s
        .mentions
        .iter()
        .filter(|o| !std::ptr::eq(*o, m))
        .filter_map(|o| o.country.clone())
        .find(|c| region.countries.contains(c));
    if let Some(c) = named {
        place.country = Some(c);
        place.basis = format!("{}; the country the sentence names", place.basis);
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A country's name read as a division: "Niger state" (a kind word follows), "Atlanta,
/// Georgia" (a town in a division of that name comes before it).
fn division_reading(
    s: &Sentence,
    m: &Mention,
    lex: &Lexicon,
    gaz: &Gazetteer,
    doc_countries: &HashMap<String, usize>,
) -> Option<Place> {
    let divisions: Vec<Entry> = gaz
        .lookup(&m.name)
        .iter()
        .copied()
        .filter(|e| matches!(e, Entry::Admin1(_)))
        .collect();
    if divisions.is_empty() {
        return None;
    }
    let admin_word = matches!(
        kind_word_after(s, m.end, lex)
            .filter(|k| !k.any_kind)
            .map(|k| k.kind),
        Some(PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::Region)
    );
    let town_before = m.start >= 2 && s.tokens[m.start - 1].norm == "," && s.mentions.iter().any(|o| {
        o.end == m.start - 1
            && matches!(&o.kind, MentionKind::Place { entries } if entries.iter().filter_map(|e| gaz.place_of(*e)).any(|(p, _)| p.admin1.as_deref().is_some_and(|a| fold_name(a) == fold_name(&m.name))))
    });
    if !(admin_word || town_before) {
        return None;
    }
    let (place, _) = pick(
        &divisions,
        s,
        m,
        Some(PlaceKind::Admin1),
        doc_countries,
        &[],
        gaz,
        &[],
    );
    Some(place)
}

/// The country a name points to before any context: the only one its readings lie in, or
/// the one whose best reading outweighs every other country's tenfold ("Melbourne").
fn dominant_country(entries: &[Entry], gaz: &Gazetteer) -> Option<String> {
    let mut best: Vec<(String, f64)> = Vec::new();
    for &e in entries {
        let Some(c) = gaz.summary(e).country.map(str::to_string) else {
            continue;
        };
        let prior = match e {
            Entry::Place(_) => gaz.town_prior(e),
            _ => 5.0,
        };
        match best.iter_mut().find(|(bc, _)| *bc == c) {
            Some(b) => b.1 = b.1.max(prior),
            None => best.push((c, prior)),
        }
    }
    best.sort_by(|a, b| b.1.total_cmp(&a.1));
    match best.as_slice() {
        [(c, _)] => Some(c.clone()),
        [(c, a), (_, b), ..] if a - b >= 1.0 => Some(c.clone()),
        _ => None,
    }
}

/// "northern", "north-west", "eastern" right before the mention.
fn direction_before(s: &Sentence, m: &Mention, lex: &Lexicon) -> Option<Span> {
    let at = m.start.checked_sub(1)?;
    lex.is_direction(&s.tokens, at).then_some(s.tokens[at].span)
}

/// Verbs of movement after which a bare name is a destination or origin ("fled Eritrea").
const MOTION: &[&str] = &[
    "fled",
    "flee",
    "flees",
    "fleeing",
    "left",
    "leave",
    "leaving",
    "entered",
    "enter",
    "entering",
    "crossed",
    "cross",
    "crossing",
    "reached",
    "reach",
    "reaching",
    "visited",
    "visit",
    "visiting",
    "toured",
    "arrived",
    "arrive",
    "transferred",
    "brought",
    "taken",
    "extradited",
    "repatriated",
    "shipped",
    "flown",
    "returned",
    "return",
    "returning",
    "travelled",
    "traveled",
    "travel",
    "flew",
    "fly",
    "went",
    "headed",
    "heading",
    "moved",
    "deported",
    "sent",
    "deployed",
    "evacuated",
    "relocated",
    "marched",
    "advanced",
    "trip",
    "journey",
    "way",
    "road",
    "route",
];

/// Nouns after which "of X" places X ("the village of X", "the outskirts of X").
const OF_PLACE: &[&str] = &[
    "village",
    "town",
    "city",
    "province",
    "region",
    "district",
    "state",
    "county",
    "outskirts",
    "areas",
    "area",
    "parts",
    "part",
    "centre",
    "center",
    "north",
    "south",
    "east",
    "west",
    "suburbs",
    "edge",
    "heart",
    "streets",
    "residents",
    "people",
    "capital",
    "hamlet",
    "commune",
    "municipality",
    "governorate",
    "port",
    "island",
    "coast",
    "shores",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "rest",
    "shelling",
    "bombing",
    "bombardment",
    "siege",
    "capture",
    "fall",
    "recapture",
    "liberation",
    "occupation",
    "battle",
    "invasion",
    "evacuation",
    "blockade",
    "control",
    "defence",
    "defense",
];

/// Whether each of the sentence's mentions stands where something happens: after a locative
/// preposition (over coordinated names, articles and direction words), after a verb of
/// movement, or as the "X" of "the village of X". A name that then speaks ("…, Moscow said")
/// is a speaker. One pass: a name coordinated with an earlier place takes that place's
/// answer, so a long list of names costs once per name, not once per pair.
fn locatives(s: &Sentence) -> Vec<bool> {
    let mut from_start: rustc_hash::FxHashMap<usize, bool> = Default::default();
    let mut order: Vec<usize> = (0..s.mentions.len()).collect();
    order.sort_by_key(|&i| s.mentions[i].start);
    let mut out = vec![false; s.mentions.len()];
    for i in order {
        let m = &s.mentions[i];
        let before = match from_start.get(&m.start) {
            Some(&b) => b,
            None => {
                let b = locative_before(s, m.start, &from_start);
                from_start.insert(m.start, b);
                b
            }
        };
        out[i] = !speaks(s, m) && before;
    }
    out
}

/// A name followed by a verb of saying is a speaker, not a place.
fn speaks(s: &Sentence, m: &Mention) -> bool {
    s.tokens.get(m.end).is_some_and(|t| {
        matches!(
            t.norm.as_str(),
            "said"
                | "says"
                | "say"
                | "told"
                | "announced"
                | "accused"
                | "denied"
                | "warned"
                | "claimed"
                | "urged"
                | "insisted"
                | "added"
                | "reported"
        )
    })
}

/// The walk left from token `start` over coordinated names, articles and direction words to
/// a locative word; `known` holds the answers already found for earlier names' starts.
fn locative_before(s: &Sentence, start: usize, known: &rustc_hash::FxHashMap<usize, bool>) -> bool {
    let mut i = start;
    while i > 0 {
        i -= 1;
        let w = s.tokens[i].norm.as_str();
        let skippable = matches!(
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
                | "or"
                | ","
                | "occupied"
                | "neighbouring"
                | "neighboring"
                | "nearby"
                | "war-torn"
                | "rebel-held"
                // "in the capital Dakar", "in the Syrian capital, Damascus".
                | "capital"
        );
        // Coordinated places and countries: "in Azerbaijan and Armenia", "in Kherson and Zaporizhzhia".
        let place_before = s.mention_at(i).filter(|o| {
            o.end == i + 1
                && matches!(
                    o.kind,
                    MentionKind::Place { .. }
                        | MentionKind::KindPlace { .. }
                        | MentionKind::Country
                        | MentionKind::Border { .. }
                )
        });
        // "the Syrian capital": a demonym before "capital" stands in the phrase too.
        if s.tokens.get(i + 1).is_some_and(|t| t.norm == "capital")
            && let Some(o) = s
                .mention_at(i)
                .filter(|o| o.end == i + 1 && o.kind == MentionKind::Demonym)
        {
            i = o.start;
            continue;
        }
        if let Some(o) = place_before {
            if let Some(&b) = known.get(&o.start) {
                return b;
            }
            i = o.start;
            continue;
        }
        if skippable {
            continue;
        }
        if MOTION.contains(&w) {
            return true;
        }
        return match w {
            // "to" places only after movement: "supplied missiles to Moscow" names a recipient.
            "to" => (i.saturating_sub(6)..i).any(|k| MOTION.contains(&s.tokens[k].norm.as_str())),
            "of" => i > 0 && OF_PLACE.contains(&s.tokens[i - 1].norm.as_str()),
            other => LOCATIVE.contains(&other),
        };
    }
    false
}

/// "Gwoza, Nigeria", "Gwoza, Borno state": the place's own country or province named right
/// after a comma holds it, as in a dateline or a coder's description. A possessive after it
/// ("Buhari, Nigeria's president") is something else.
fn container_follows(s: &Sentence, m: &Mention, place: &Place) -> bool {
    let Some(next) = after_comma(s, m).filter(|o| !possessive(s, o)) else {
        return false;
    };
    match &next.kind {
        MentionKind::Country => next.country.is_some() && next.country == place.country,
        _ => place
            .admin1
            .as_deref()
            .is_some_and(|a1| fold_eq(a1, &fold_name(&next.name))),
    }
}

/// "Gwoza, Nigeria": a country named right after the comma, not as a possessive.
fn country_follows(s: &Sentence, m: &Mention) -> bool {
    after_comma(s, m).is_some_and(|o| o.kind == MentionKind::Country && !possessive(s, o))
}

/// The mention right after a comma that follows `m`: "Gwoza, Nigeria", "Atlanta, Georgia".
fn after_comma<'s>(s: &'s Sentence, m: &Mention) -> Option<&'s Mention> {
    if s.tokens.get(m.end)?.norm != "," {
        return None;
    }
    s.mentions.iter().find(|o| o.start == m.end + 1)
}

/// Whether a possessive follows the mention: "Nigeria's president".
fn possessive(s: &Sentence, m: &Mention) -> bool {
    s.tokens.get(m.end).is_some_and(|t| t.norm == "'s")
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

/// A kind word right after the name, or after a coordinated name ("Kherson and Zaporizhzhia provinces").
fn kind_word_after(s: &Sentence, end: usize, lex: &Lexicon) -> Option<PlaceKindWord> {
    let mut i = end;
    loop {
        if let Some(k) = lex.place_kinds.match_at(&s.tokens, i)
            && k.value.position.after()
        {
            return Some(*k.value);
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

/// Kinds a kind word and a reading must share: 1 provinces and regions, 2 districts, 3
/// settlements, then one class per other kind.
fn class_of(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Admin1 | PlaceKind::Region => 1,
        PlaceKind::Admin2 | PlaceKind::Admin3 => 2,
        PlaceKind::City | PlaceKind::Village => 3,
        other => other as u8 + 10,
    }
}

#[allow(clippy::too_many_arguments)]
fn pick(
    entries: &[Entry],
    s: &Sentence,
    m: &Mention,
    kind_word: Option<PlaceKind>,
    doc_countries: &HashMap<String, usize>,
    doc_admin1: &[(String, String)],
    gaz: &Gazetteer,
    known: &[Place],
) -> (Place, u64) {
    // ", Country" right after the name names its country.
    let stated_country = after_comma(s, m)
        .filter(|o| o.kind == MentionKind::Country)
        .and_then(|o| o.country.clone());
    let mut best: Option<(f64, Entry, Vec<&str>)> = None;
    let folded_name = fold_name(&m.name);
    let next_name = after_comma(s, m).map(|n| fold_name(&n.name));
    let prev_entries = (m.start >= 2 && s.tokens[m.start - 1].norm == ",")
        .then(|| s.mentions.iter().find(|o| o.end == m.start - 1))
        .flatten()
        .and_then(|p| match &p.kind {
            MentionKind::Place { entries } => Some(entries.as_slice()),
            _ => None,
        });
    // Countries where the name is only an alias of some place.
    let alias_countries: Vec<&str> = entries
        .iter()
        .filter(|e| !matches!(e, Entry::Country(_)))
        .map(|&e| gaz.summary(e))
        .filter(|i| !fold_eq(i.name, &folded_name))
        .filter_map(|i| i.country)
        .collect();
    for &e in entries {
        if matches!(e, Entry::Country(_)) {
            continue;
        }
        let info = gaz.summary(e);
        let is_admin1 = info.kind == PlaceKind::Admin1;
        let country = info.country.unwrap_or_default();
        let mut score = 0.0;
        let mut why = Vec::new();
        // "Atlanta, Georgia": the division named after a comma holds the town; "Alexandria,
        // Virginia" read from the other side, the division that holds the town before it.
        if next_name
            .as_deref()
            .is_some_and(|n| info.admin1.is_some_and(|a1| fold_eq(a1, n)))
        {
            score += 40.0;
            why.push("in the division named after it");
        }
        if is_admin1
            && prev_entries.is_some_and(|prev| {
                prev.iter().map(|p| gaz.summary(*p)).any(|p| {
                    p.country == info.country
                        && p.admin1.is_some_and(|a1| fold_eq(a1, &folded_name))
                })
            })
        {
            score += 40.0;
            why.push("holds the town named before it");
        }
        // A name written as the place's own name beats one that is only an alias of another
        // ("Islamabad" the capital, not an old alias of Chattogram).
        // Within one country another spelling is a transliteration ("Balakliia" of
        // "Balakliya"), so the own name is only a nudge there.
        if fold_eq(info.name, &folded_name) {
            score += if alias_countries.contains(&country) {
                2.0
            } else {
                6.0
            };
        }
        if stated_country.as_deref() == Some(country) {
            score += 40.0;
            why.push("country named beside it");
        }
        let class = class_of;
        if kind_word.is_some_and(|k| class(k) == class(info.kind)) {
            score += 25.0;
            why.push("kind word");
        } else if kind_word.is_some_and(|k| class(k) <= 2) && class(info.kind) <= 2 {
            // "Lamu county": counties are first-level in Kenya, second-level elsewhere.
            score += 20.0;
            why.push("administrative kind word");
        }
        if known.iter().any(|k| {
            k.country.as_deref() == Some(country)
                && k.kind != PlaceKind::Country
                && k.admin1.is_some()
                && k.admin1.as_deref() == info.admin1
        }) {
            score += 8.0;
            why.push("same province as a place nearby");
        } else if doc_admin1
            .iter()
            .any(|(c, a1)| c == country && info.admin1.is_some_and(|x| x == a1))
        {
            score += 10.0;
            why.push("in a province the report names");
        }
        if let Some(&n) = doc_countries.get(country) {
            score += 15.0 + (n as f64).min(10.0);
            why.push("country of the report");
        }
        // "Ukrainian positions near Pokrovsk": a country named right beside the place.
        let beside = s.mentions.iter().any(|o| {
            matches!(o.kind, MentionKind::Country | MentionKind::Demonym)
                && o.country.as_deref() == Some(country)
                && (o.end <= m.start && m.start - o.end <= 4
                    || o.start >= m.end && o.start - m.end <= 2)
        });
        if beside {
            score += 12.0;
            why.push("country named beside it");
        }
        // A province weighs as a town of 100,000 would, a district as one of 30,000; a named
        // region or sea as a large city.
        score += match info.kind {
            PlaceKind::Admin1 => 5.0,
            PlaceKind::Admin2 | PlaceKind::Admin3 => 4.5,
            PlaceKind::Region | PlaceKind::Water | PlaceKind::Border if info.population == 0 => 5.5,
            _ => {
                let capital = matches!(e, Entry::Place(i) if gaz.capital_of(i).is_some());
                gaz.town_prior(e) + if capital { 4.0 } else { 0.0 }
            }
        };
        // A large city beats a province of the same name when nothing else decides.
        if !is_admin1 && info.population > 1_000_000 {
            score += 2.5;
        }
        if why.is_empty() {
            why.push("largest place of that name");
        }
        if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, e, why));
        }
    }
    let best = best.and_then(|(_, e, why)| {
        let (mut place, population) = gaz.place_of(e)?;
        place.name = m.name.clone();
        place.basis = why.join(", ");
        Some((place, population))
    });
    best.unwrap_or_else(|| {
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
            // As coarse as the parent, and no finer than the unknown place's own level.
            precision: match (p.kind, kind) {
                (_, PlaceKind::Admin1) => Precision::Admin1,
                (PlaceKind::City | PlaceKind::Village | PlaceKind::Landmark, PlaceKind::Admin2) => {
                    Precision::Admin2
                }
                (PlaceKind::City | PlaceKind::Village | PlaceKind::Landmark, _) => Precision::Near,
                (PlaceKind::Admin2 | PlaceKind::Admin3, _) => Precision::Admin2,
                _ => Precision::Admin1,
            },
            gazetteer_id: None,
            basis: format!("not in gazetteer; in or near {} named beside it", p.name),
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

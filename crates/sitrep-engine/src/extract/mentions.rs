//! Named things in a sentence: countries, demonyms, capitals, places, organisations,
//! state institutions and people with their titles.
//!
//! Mentions are found left to right, longest first, and never overlap. What a mention
//! *does* in the sentence (actor, place, both) is decided later by the extractors that
//! read its context; here we only say what it can be.

use sitrep_model::{ActorKind, PlaceKind, Span};

use crate::gazetteer::{Entry, Gazetteer, fold_name};
use crate::lexicon::Lexicon;
use crate::text::{Token, TokenKind};

#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    /// A country by name ("Ukraine").
    Country,
    /// A demonym or adjective of nationality ("Ukrainian", "Sudanese"), alone.
    Demonym,
    /// A named place in the gazetteer; `entries` are its candidate readings.
    Place { entries: Vec<Entry> },
    /// A capitalised name with a kind word ("Kfar Dounin village"), unknown to the gazetteer.
    KindPlace { kind: PlaceKind },
    /// An organisation from the lexicon (IGO, NGO, armed group).
    Organisation { kind: ActorKind },
    /// A state institution, with its owner country when given ("Ukraine's defence ministry").
    Institution { kind: ActorKind, canonical: String },
    /// Armed means owned by a country ("Russian fighter jets"): an armed actor, not listed as one.
    ArmedMeans,
    /// A body or group named by a common noun ("the army", "gunmen"); its country comes from
    /// a following "in <capital>", else from the event it takes part in.
    Group { kind: ActorKind },
    /// A person, with role when a title names it.
    Person { role: Option<String> },
    /// A generic reporting source ("officials", "witnesses").
    Source,
    /// A border named by the countries it divides ("the Pakistani–Afghan border").
    Border { countries: Vec<String> },
}

#[derive(Debug, Clone)]
pub struct Mention {
    /// Token range `[start, end)` in the sentence.
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub kind: MentionKind,
    /// The name to show (canonical for organisations and institutions).
    pub name: String,
    pub country: Option<String>,
}

impl Mention {
    /// Whether this mention can act: do things, say things, be attacked.
    pub fn is_actor_like(&self) -> bool {
        !matches!(
            self.kind,
            MentionKind::Place { .. } | MentionKind::KindPlace { .. }
        )
    }
}

/// Finds the mentions of one sentence. `known_people` are names already seen in the report,
/// so that "Odhiambo" later in the text is the foreign minister met before.
pub fn find_mentions(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    gaz: &Gazetteer,
    known_people: &[(String, Option<String>, Option<String>)],
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let title_case = title_case(tokens, lex);
    let mut i = 0;
    while i < tokens.len() {
        if let Some(m) = border(text, tokens, i, gaz)
            .or_else(|| person_with_title(text, tokens, i, lex, gaz, known_people))
            .or_else(|| owned_institution(text, tokens, i, lex, gaz))
            .or_else(|| organisation(text, tokens, i, lex))
            .or_else(|| place_of_kind(text, tokens, i, lex, gaz))
            .or_else(|| named_place(text, tokens, i, lex, gaz, title_case))
            .or_else(|| demonym(text, tokens, i, lex, gaz))
            .or_else(|| known_person(text, tokens, i, known_people))
            .or_else(|| group(text, tokens, i, lex, gaz))
            .or_else(|| source_noun(text, tokens, i, lex))
        {
            i = m.end.max(i + 1);
            out.push(m);
        } else {
            i += 1;
        }
    }
    attach_appositive_people(text, tokens, lex, gaz, &mut out);
    out
}

/// A mention named by its own words, tokens `[start, end)`.
fn named(
    text: &str,
    tokens: &[Token],
    start: usize,
    end: usize,
    kind: MentionKind,
    country: Option<String>,
) -> Mention {
    Mention {
        start,
        end,
        span: span_of(tokens, start, end),
        kind,
        name: surface(text, tokens, start, end).to_string(),
        country,
    }
}

fn span_of(tokens: &[Token], start: usize, end: usize) -> Span {
    Span::new(tokens[start].span.start, tokens[end - 1].span.end)
}

fn surface<'t>(text: &'t str, tokens: &[Token], start: usize, end: usize) -> &'t str {
    let s = span_of(tokens, start, end);
    &text[s.start..s.end]
}

/// A word that may be part of a name: capitalised, not a common word or a month.
/// "al-Kheir", "ez-Zor": an Arabic article joined to a name.
fn arabic_article(tok: &Token) -> bool {
    [
        "al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "ed-", "ez-", "es-",
    ]
    .iter()
    .any(|a| tok.norm.starts_with(a) && tok.norm.len() > a.len() + 1)
}

fn name_word(tok: &Token, lex: &Lexicon) -> bool {
    tok.kind == TokenKind::Word
        && (tok.capitalised || arabic_article(tok))
        && !lex.stopwords.contains(tok.norm.as_str())
        && lex.titles.match_at(std::slice::from_ref(tok), 0).is_none()
}

/// An owner before a title or institution: "Ukraine's", "Ukrainian", "the Ukrainian", "Sudanese".
/// Returns (tokens consumed, country iso2).
fn owner_at(tokens: &[Token], i: usize, gaz: &Gazetteer) -> Option<(usize, String)> {
    let tok = tokens.get(i)?;
    if !tok.capitalised {
        return None;
    }
    if let Some((len, c)) = demonym_at(tokens, i, gaz) {
        return Some((len, c.iso2.clone()));
    }
    // A province before a title: "Borno Governor", "Kharkiv regional governor".
    for len in (1..=3).rev() {
        let end = i + len;
        if end > tokens.len() || !tokens[i..end].iter().all(|t| t.capitalised) {
            continue;
        }
        let key: Vec<&str> = tokens[i..end].iter().map(|t| t.norm.as_str()).collect();
        let entries = gaz.lookup(&key.join(" "));
        let mut countries = entries.iter().filter_map(|e| match e {
            Entry::Admin1(a) => Some(gaz.admin1[*a as usize].country.as_str()),
            _ => None,
        });
        if let Some(first) = countries.next()
            && countries.all(|c| c == first)
            && !entries.iter().any(|e| matches!(e, Entry::Country(_)))
            && tokens.get(end).is_some_and(|t| {
                t.capitalised || t.norm == "regional" || t.norm == "provincial" || t.norm == "state"
            })
        {
            return Some((len, first.to_string()));
        }
    }
    // Country names of up to four words followed by 's.
    for len in (1..=4).rev() {
        let end = i + len;
        if tokens.get(end).is_some_and(|t| t.norm == "'s") {
            let key: Vec<&str> = tokens[i..end].iter().map(|t| t.norm.as_str()).collect();
            let key = fold_name(&key.join(" "));
            if let Some(Entry::Country(c)) = gaz
                .lookup_folded(&key)
                .iter()
                .find(|e| matches!(e, Entry::Country(_)))
            {
                return Some((len + 1, gaz.countries[*c as usize].iso2.clone()));
            }
            // A capital standing for its state: "Moscow's army".
            if let Some(country) = gaz.lookup_folded(&key).iter().find_map(|e| match e {
                Entry::Place(p) => gaz.capital_of(*p),
                _ => None,
            }) {
                return Some((len + 1, country.iso2.clone()));
            }
        }
    }
    None
}

/// "US troops", "United States Army": a country's name right before a body's word, as its
/// modifier, owns the body. Nothing may stand between them ("in Yemen as security forces").
fn country_modifier(
    text: &str,
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Option<Mention> {
    if !tokens[i].capitalised {
        return None;
    }
    (1..=4).rev().find_map(|len| {
        let end = i + len;
        if end >= tokens.len() || !tokens[i..end].iter().all(|t| t.capitalised) {
            return None;
        }
        let inst = lex.institutions.match_at(tokens, end)?;
        if tokens
            .get(inst.end)
            .is_some_and(|t| TARGET_NOUNS.contains(&t.norm.as_str()))
        {
            return None;
        }
        let key: Vec<&str> = tokens[i..end].iter().map(|t| t.norm.as_str()).collect();
        let country = gaz
            .lookup_folded(&fold_name(&key.join(" ")))
            .iter()
            .find_map(|e| match e {
                Entry::Country(c) => Some(gaz.countries[*c as usize].iso2.clone()),
                _ => None,
            })?;
        Some(named(
            text,
            tokens,
            i,
            inst.end,
            institution_kind(inst.value),
            Some(country),
        ))
    })
}

fn institution_kind(inst: &crate::lexicon::Institution) -> MentionKind {
    MentionKind::Institution {
        kind: inst.kind,
        canonical: inst.canonical.clone(),
    }
}

/// "[owner] title [,] Name Name" and "title Name": a person with a role. With an owner and
/// no name ("Kenya's foreign minister said"), the office holder is the person.
fn person_with_title(
    text: &str,
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
    known: &[(String, Option<String>, Option<String>)],
) -> Option<Mention> {
    let (owner_len, country) = match owner_at(tokens, i, gaz) {
        Some((n, c)) => (n, Some(c)),
        None => (0, None),
    };
    let t = i + owner_len;
    let title = lex.titles.match_at(tokens, t)?;
    let mut n = title.end;
    let mut country = country;
    // "Prime Minister of Norway Erna Solberg": the country after the title, when a name
    // follows it ("the President of Syria" alone is a place phrase, read elsewhere).
    if country.is_none()
        && tokens.get(n).is_some_and(|t| t.norm == "of")
        && let Some((len, c)) = country_at(tokens, n + 1, gaz)
        && tokens
            .get(n + 1 + len)
            .is_some_and(|t| name_word(t, lex) && !is_place_word(tokens, n + 1 + len, gaz))
    {
        n += 1 + len;
        country = Some(c);
    }
    if tokens.get(n).is_some_and(|t| t.norm == ",") {
        n += 1;
    }
    // "Sudan's army chief, General Abdel Rahman", "military leader Senior General Than Aung
    // Kyaw": a rank may stand before the name.
    if let Some(rank) = lex.titles.match_at(tokens, n) {
        n = rank.end;
    }
    let name_start = n;
    while n < tokens.len()
        && n - name_start < 4
        && name_word(&tokens[n], lex)
        && !is_place_word(tokens, n, gaz)
    {
        n += 1;
    }
    let role = Some(title.value.role.clone());
    if n == name_start {
        // "the minister" alone is too vague; "Kenya's foreign minister" is one person.
        if owner_len == 0 {
            return None;
        }
        // "Kenya's foreign minister" after "Kenya's foreign minister, Amina Odhiambo …" is him.
        let known_holder = known
            .iter()
            .find(|(_, r, c)| *r == role && *c == country)
            .map(|(n, _, _)| n.clone());
        return Some(Mention {
            start: i,
            end: title.end,
            span: span_of(tokens, i, title.end),
            kind: MentionKind::Person { role },
            name: known_holder.unwrap_or_else(|| surface(text, tokens, i, title.end).to_string()),
            country,
        });
    }
    let mut name = surface(text, tokens, name_start, n).to_string();
    // "foreign minister Odhiambo" after "Amina Odhiambo" is the same person.
    if let Some((full, _, _)) = known.iter().find(|(full, _, _)| {
        full.split_whitespace().any(|p| p == name) || full.starts_with(&format!("{name} "))
    }) {
        name = full.clone();
    }
    Some(Mention {
        start: i,
        end: n,
        span: span_of(tokens, name_start, n),
        kind: MentionKind::Person { role },
        name,
        country,
    })
}

/// A country named by one to four capitalised words at `i`, longest first.
fn country_at(tokens: &[Token], i: usize, gaz: &Gazetteer) -> Option<(usize, String)> {
    (1..=4).rev().find_map(|len| {
        let words = tokens.get(i..i + len)?;
        if !words.iter().all(|t| t.capitalised) {
            return None;
        }
        let key: Vec<&str> = words.iter().map(|t| t.norm.as_str()).collect();
        gaz.lookup_folded(&fold_name(&key.join(" ")))
            .iter()
            .find_map(|e| match e {
                Entry::Country(c) => Some((len, gaz.countries[*c as usize].iso2.clone())),
                _ => None,
            })
    })
}

/// A country or demonym name at `n` is not part of a person's name.
fn is_place_word(tokens: &[Token], n: usize, gaz: &Gazetteer) -> bool {
    gaz.demonym(&tokens[n].norm).is_some()
        || gaz
            .lookup(&tokens[n].norm)
            .iter()
            .any(|e| matches!(e, Entry::Country(_)))
}

/// Nouns after "military", "army"… that make them modifiers of a target, not the actor.
const TARGET_NOUNS: &[&str] = &[
    "target",
    "targets",
    "position",
    "positions",
    "base",
    "bases",
    "post",
    "posts",
    "outpost",
    "outposts",
    "installation",
    "installations",
    "facility",
    "facilities",
    "site",
    "sites",
    "vehicle",
    "vehicles",
    "convoy",
    "convoys",
    "camp",
    "camps",
    "depot",
    "depots",
    "headquarters",
    "infrastructure",
    "checkpoint",
    "checkpoints",
    "barracks",
];

/// "Ukraine's defence ministry", "the Sudanese army", "Russian fighter jets".
fn owned_institution(
    text: &str,
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Option<Mention> {
    let Some((owner_len, country)) = owner_at(tokens, i, gaz) else {
        return country_modifier(text, tokens, i, lex, gaz);
    };
    let at = i + owner_len;
    // Allow one or two modifiers between owner and institution ("Sudanese navy", "Sudanese paramilitary forces").
    for skip in 0..=2 {
        let k = at + skip;
        if let Some(inst) = lex.institutions.match_at(tokens, k) {
            // "two Cambodian military targets": the institution word modifies a target noun.
            if tokens
                .get(inst.end)
                .is_some_and(|t| TARGET_NOUNS.contains(&t.norm.as_str()))
            {
                return Some(named(
                    text,
                    tokens,
                    i,
                    inst.end,
                    MentionKind::Demonym,
                    Some(country),
                ));
            }
            return Some(named(
                text,
                tokens,
                i,
                inst.end,
                institution_kind(inst.value),
                Some(country),
            ));
        }
        if let Some(w) = lex.weapons.match_at(tokens, k) {
            return Some(named(
                text,
                tokens,
                i,
                w.end,
                MentionKind::ArmedMeans,
                Some(country),
            ));
        }
        if tokens.get(k).is_none_or(|t| t.kind != TokenKind::Word) {
            break;
        }
    }
    None
}

fn organisation(text: &str, tokens: &[Token], i: usize, lex: &Lexicon) -> Option<Mention> {
    lex.organisations.matches_at(tokens, i).find_map(|m| {
        let s = surface(text, tokens, m.start, m.end);
        // Case matters: "UN" is the United Nations, "un" is not.
        (s == m.value.surface
            || fold_name(s) == fold_name(&m.value.surface)
                && s.chars().any(char::is_uppercase)
                && tokens[i].capitalised)
            .then(|| Mention {
                start: m.start,
                end: m.end,
                span: span_of(tokens, m.start, m.end),
                kind: MentionKind::Organisation { kind: m.value.kind },
                name: m.value.canonical.clone(),
                country: m.value.country.clone(),
            })
    })
}

/// Whether most of a sentence's words are capitalised, as in a headline in title case:
/// there a capital says nothing of a name.
fn title_case(tokens: &[Token], lex: &Lexicon) -> bool {
    let (mut words, mut caps) = (0, 0);
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        if !lex.stopwords.contains(t.norm.as_str()) || t.norm.len() > 3 {
            words += 1;
            caps += usize::from(t.capitalised);
        }
    }
    words >= 4 && caps * 10 >= words * 7
}

/// Whether the word at `k` carries a capitalised name on: a capitalised word that is not a
/// common word, a title or a kind of place ("Woodrow Wilson Center", "Carrie Lam").
fn name_goes_on(tokens: &[Token], k: usize, lex: &Lexicon) -> bool {
    tokens.get(k).is_some_and(|t| {
        t.kind == TokenKind::Word
            && t.capitalised
            && !lex.stopwords.contains(t.norm.as_str())
            && lex.titles.match_at(tokens, k).is_none()
            && lex.place_kinds.match_at(tokens, k).is_none()
    })
}

/// A town, village or district below a large city's size, and no capital: a namesake
/// such a word may be by chance ("Woodrow", "Lam", "Pearl").
fn small_place_only<'e>(entries: impl IntoIterator<Item = &'e Entry>, gaz: &Gazetteer) -> bool {
    entries.into_iter().all(|e| match e {
        Entry::Place(p) => {
            gaz.places[*p as usize].population < 100_000 && gaz.capital_of(*p).is_none()
        }
        Entry::Admin2(_) => true,
        _ => false,
    })
}

/// The longest run of capitalised words starting at `i` that the gazetteer knows, or that
/// a kind word makes a place ("Kfar Dounin village", "the village of Kfar Kila").
fn named_place(
    text: &str,
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
    title_case: bool,
) -> Option<Mention> {
    // A weapon's name is no place: "Grad rockets", "Scud missiles".
    if !tokens[i].capitalised
        || tokens[i].kind != TokenKind::Word
        || lex.weapons.match_at(tokens, i).is_some()
    {
        return None;
    }
    let mut longest = i;
    while longest < tokens.len() && longest - i < 6 {
        let t = &tokens[longest];
        // "Republic of the Congo", "Bosnia and Herzegovina", "Sistan and Baluchestan":
        // lowercase words inside a name (the run must still end on a capital).
        let connector = matches!(
            t.norm.as_str(),
            "de" | "del"
                | "la"
                | "el"
                | "al"
                | "of"
                | "do"
                | "da"
                | "du"
                | "-"
                | "the"
                | "and"
                | "ez"
                | "es"
                | "ad"
                | "an"
        );
        if !(t.kind == TokenKind::Word && (t.capitalised || connector || arabic_article(t)))
            || (longest > i && lex.titles.match_at(tokens, longest).is_some())
        {
            break;
        }
        longest += 1;
    }
    // "Padang Suriyah village": a run of capitalised words before a settlement's or a
    // division's kind word is one name; a town named by its first word is not meant.
    let run = capitalised_run(tokens, i, |k| lex.place_kinds.match_at(tokens, k).is_none());
    let named_run = lex.place_kinds.match_at(tokens, run).is_some_and(|k| {
        k.value.position.after()
            && !k.value.any_kind
            && matches!(
                k.value.kind,
                PlaceKind::City
                    | PlaceKind::Village
                    | PlaceKind::Admin1
                    | PlaceKind::Admin2
                    | PlaceKind::Admin3
            )
    });
    for end in (i + 1..=longest).rev() {
        if !(tokens[end - 1].capitalised || arabic_article(&tokens[end - 1])) {
            continue;
        }
        let name = surface(text, tokens, i, end);
        let entries = gaz.lookup(name);
        if named_run
            && end < run
            && (end..run).all(|k| name_word(&tokens[k], lex))
            && !entries.iter().any(|e| matches!(e, Entry::Country(_)))
        {
            continue;
        }
        // A lone stopword or demonym ("Thai") is not a place, whatever town bears the name.
        let single_common = end == i + 1
            && (lex.stopwords.contains(tokens[i].norm.as_str())
                || gaz.demonym(&tokens[i].norm).is_some());
        // Part of a longer capitalised name ("Woodrow Wilson Center", "Pearl Roundabout",
        // "Carrie Lam") outside a title-case headline, a small namesake is not the place.
        let inside_name = !title_case
            && (name_goes_on(tokens, end, lex) || (i > 1 && name_goes_on(tokens, i - 1, lex)))
            && small_place_only(entries.iter(), gaz);
        if !entries.is_empty() && !single_common && !inside_name {
            let country = entries.iter().find_map(|e| match e {
                Entry::Country(c) => Some(gaz.countries[*c as usize].iso2.clone()),
                _ => None,
            });
            let kind = if country.is_some() {
                MentionKind::Country
            } else {
                MentionKind::Place {
                    entries: entries.to_vec(),
                }
            };
            return Some(Mention {
                start: i,
                end,
                span: span_of(tokens, i, end),
                kind,
                name: name.to_string(),
                country,
            });
        }
    }
    // Unknown name followed by a kind word ("Kfar Dounin village") or by an appositive that
    // names its kind ("Bamiyan Valley, a World Heritage site"). The name must start a capitalised
    // run: "World Heritage site" is not a place called "Heritage".
    // A demonym is never part of the name: "the Iraqi city of Fallujah", "an Afghan mosque".
    let demonym = |k: usize| gaz.demonym(&tokens[k].norm).is_some();
    if i > 0 && tokens[i - 1].capitalised && !demonym(i - 1) {
        return None;
    }
    let mut end = i;
    while end < tokens.len() && end - i < 4 && name_word(&tokens[end], lex) && !demonym(end) {
        end += 1;
    }
    // A kind word confirms a name even when it holds common words ("Let Yet Kone village",
    // "South Hebron Hills"): extend over capitalised words when one follows.
    let wide = capitalised_run(tokens, i, |k| !demonym(k));
    if wide > end
        && (i..wide).any(|k| name_word(&tokens[k], lex))
        && lex
            .place_kinds
            .match_at(tokens, wide)
            .is_some_and(|k| k.value.position.after())
    {
        end = wide;
    }
    if end > i
        && !(end == i + 1 && tokens[i].norm.len() < 3)
        && let Some(kind) = appositive_kind(tokens, end, lex)
    {
        return Some(Mention {
            start: i,
            end,
            span: span_of(tokens, i, end),
            kind: MentionKind::KindPlace { kind },
            name: surface(text, tokens, i, end).to_string(),
            country: None,
        });
    }
    if end > i
        && let Some(k) = lex.place_kinds.match_at(tokens, end)
        && k.value.position.after()
        && !(end == i + 1 && tokens[i].norm.len() < 3)
    {
        return Some(Mention {
            start: i,
            end: k.end,
            span: span_of(tokens, i, end),
            kind: MentionKind::KindPlace { kind: k.value.kind },
            name: surface(text, tokens, i, end).to_string(),
            country: None,
        });
    }
    // "in Zamalka, Syria", a dateline "KWARANGU, Nigeria (AP) -": a name the gazetteer lacks
    // where something happens, held by the country or province named after its comma.
    if end > i
        && !(end == i + 1 && tokens[i].norm.len() < 3)
        && (i == 0 || super::places::LOCATIVE.contains(&tokens[i - 1].norm.as_str()))
        && let Some(after) = container_after(text, tokens, end, lex, gaz)
        && (i > 0
            || tokens
                .get(after)
                .is_none_or(|t| matches!(t.norm.as_str(), "." | "," | "(" | "-" | "—" | ":" | ";")))
    {
        return Some(Mention {
            start: i,
            end,
            span: span_of(tokens, i, end),
            kind: MentionKind::KindPlace {
                kind: PlaceKind::Village,
            },
            name: surface(text, tokens, i, end).to_string(),
            country: None,
        });
    }
    None
}

/// The end of the run of up to five capitalised words from `start` that `more` lets on.
fn capitalised_run(tokens: &[Token], start: usize, more: impl Fn(usize) -> bool) -> usize {
    let mut end = start;
    while end < tokens.len()
        && end - start < 5
        && tokens[end].capitalised
        && tokens[end].is_word()
        && more(end)
    {
        end += 1;
    }
    end
}

/// ", Syria" or ", Borno state" right after token `end`: a country or a first- or
/// second-level division (with its kind word) that can hold a place named before the comma,
/// and not a possessive ("Nigeria's president"). Returns the token after it.
fn container_after(
    text: &str,
    tokens: &[Token],
    end: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Option<usize> {
    if tokens.get(end)?.norm != "," {
        return None;
    }
    let start = end + 1;
    let run = capitalised_run(tokens, start, |_| true);
    (start + 1..=run).rev().find_map(|stop| {
        let holds = gaz
            .lookup(surface(text, tokens, start, stop))
            .iter()
            .any(|e| matches!(e, Entry::Country(_) | Entry::Admin1(_) | Entry::Admin2(_)));
        let stop = match lex.place_kinds.match_at(tokens, stop) {
            Some(k) if k.value.position.after() => k.end,
            _ => stop,
        };
        (holds && tokens.get(stop).is_none_or(|t| t.norm != "'s")).then_some(stop)
    })
}

/// "the village of Kruhla Balka", "Mount Sinjar": a kind word before the name. A name the
/// gazetteer knows keeps its readings, with the kind word to choose among them.
fn place_of_kind(
    text: &str,
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Option<Mention> {
    use crate::lexicon::KindPosition;
    let k = lex.place_kinds.match_at(tokens, i)?;
    // "Lake Chad", "Gulf of Aden": a name the gazetteer knows with its kind word is that name.
    if tokens[i].capitalised
        && let Some(full) = named_place(text, tokens, i, lex, gaz, true)
        && full.end > k.end
        && !matches!(full.kind, MentionKind::KindPlace { .. })
    {
        return Some(full);
    }
    let mut n = k.end;
    match k.value.position {
        KindPosition::BeforeOf | KindPosition::Both | KindPosition::Any
            if tokens.get(n).is_some_and(|t| t.norm == "of") =>
        {
            n += 1
        }
        KindPosition::Before | KindPosition::Any if tokens[i].capitalised => {}
        _ => return None,
    }
    let start = n;
    while n < tokens.len()
        && n - start < 4
        && (name_word(&tokens[n], lex) || n > start && tokens[n].capitalised && tokens[n].is_word())
        && gaz.demonym(&tokens[n].norm).is_none()
    {
        n += 1;
    }
    if n == start {
        return None;
    }
    let name = surface(text, tokens, start, n).to_string();
    // "a region of Georgia": the country, not a division that shares its name.
    if let Some(c) = gaz.lookup(&name).iter().find_map(|e| match e {
        Entry::Country(c) => Some(gaz.countries[*c as usize].iso2.clone()),
        _ => None,
    }) {
        return Some(Mention {
            start,
            end: n,
            span: span_of(tokens, start, n),
            kind: MentionKind::Country,
            name,
            country: Some(c),
        });
    }
    let entries: Vec<Entry> = gaz
        .lookup(&name)
        .iter()
        .copied()
        .filter(|e| !matches!(e, Entry::Country(_)))
        .collect();
    let kind = if entries.is_empty() {
        MentionKind::KindPlace { kind: k.value.kind }
    } else {
        MentionKind::Place { entries }
    };
    Some(Mention {
        start,
        end: n,
        span: span_of(tokens, start, n),
        kind,
        name,
        country: None,
    })
}

/// ", a UNESCO World Heritage site": a comma, an article, then within a few words a kind word.
fn appositive_kind(tokens: &[Token], end: usize, lex: &Lexicon) -> Option<PlaceKind> {
    if tokens.get(end)?.norm != ","
        || !matches!(tokens.get(end + 1)?.norm.as_str(), "a" | "an" | "the")
    {
        return None;
    }
    (end + 2..(end + 8).min(tokens.len())).find_map(|k| {
        let m = lex.place_kinds.match_at(tokens, k)?;
        let follows = tokens.get(m.end).is_none_or(|t| {
            matches!(
                t.norm.as_str(),
                "," | "." | ";" | "-" | "and" | "where" | "that" | "which"
            )
        });
        (follows && m.value.position.after()).then_some(m.value.kind)
    })
}

fn demonym(
    text: &str,
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Option<Mention> {
    let t = &tokens[i];
    if !t.capitalised || lex.stopwords.contains(t.norm.as_str()) {
        return None;
    }
    let (len, c) = demonym_at(tokens, i, gaz)?;
    Some(Mention {
        start: i,
        end: i + len,
        span: span_of(tokens, i, i + len),
        kind: MentionKind::Demonym,
        name: surface(text, tokens, i, i + len).to_string(),
        country: Some(c.iso2.clone()),
    })
}

/// A demonym of one to three capitalised words at `i`, longest first: "South African",
/// "Sri Lankan", "Iraqi". Returns (tokens consumed, country).
fn demonym_at<'g>(
    tokens: &[Token],
    i: usize,
    gaz: &'g Gazetteer,
) -> Option<(usize, &'g crate::gazetteer::Country)> {
    (1..=3).rev().find_map(|len| {
        let words = tokens.get(i..i + len)?;
        if len > 1 && !words.iter().all(|t| t.capitalised) {
            return None;
        }
        let key: Vec<&str> = words.iter().map(|t| t.norm.as_str()).collect();
        gaz.demonym(&key.join(" ")).map(|c| (len, c))
    })
}

/// A later mention of someone met earlier, by full name or by either part of it.
fn known_person(
    text: &str,
    tokens: &[Token],
    i: usize,
    known: &[(String, Option<String>, Option<String>)],
) -> Option<Mention> {
    if !tokens[i].capitalised {
        return None;
    }
    for (name, role, country) in known {
        let parts: Vec<&str> = name.split_whitespace().collect();
        let n = parts.len();
        let full = i + n <= tokens.len()
            && parts
                .iter()
                .zip(&tokens[i..i + n])
                .all(|(p, t)| *p == &text[t.span.start..t.span.end]);
        let len = if full {
            n
        } else if parts
            .iter()
            .any(|p| *p == &text[tokens[i].span.start..tokens[i].span.end])
            && parts.len() > 1
        {
            1
        } else {
            continue;
        };
        return Some(Mention {
            start: i,
            end: i + len,
            span: span_of(tokens, i, i + len),
            kind: MentionKind::Person { role: role.clone() },
            name: name.clone(),
            country: country.clone(),
        });
    }
    None
}

const BORDER_WORDS: &[&str] = &[
    "border",
    "borders",
    "frontier",
    "boundary",
    "border area",
    "border region",
];

/// "the Pakistani-Afghan border", "Pakistani–Afghan border", "the Lebanese border".
fn border(text: &str, tokens: &[Token], i: usize, gaz: &Gazetteer) -> Option<Mention> {
    let country_of = |w: &str| {
        gaz.demonym(w).map(|c| c.iso2.clone()).or_else(|| {
            gaz.lookup(w).iter().find_map(|e| match e {
                Entry::Country(c) => Some(gaz.countries[*c as usize].iso2.clone()),
                _ => None,
            })
        })
    };
    let t = tokens.get(i)?;
    if !t.capitalised {
        return None;
    }
    let (countries, end) = if t.norm.contains('-') {
        let parts: Option<Vec<String>> = t.norm.split('-').map(country_of).collect();
        (parts?, i + 1)
    } else if tokens.get(i + 1).is_some_and(|d| d.norm == "-")
        && tokens.get(i + 2).is_some_and(|n| n.capitalised)
    {
        (
            vec![country_of(&t.norm)?, country_of(&tokens[i + 2].norm)?],
            i + 3,
        )
    } else {
        (vec![gaz.demonym(&t.norm)?.iso2.clone()], i + 1)
    };
    let word = tokens.get(end)?;
    if !BORDER_WORDS.contains(&word.norm.as_str()) {
        return None;
    }
    let names: Vec<String> = countries
        .iter()
        .filter_map(|c| gaz.country(c).map(|c| c.name.clone()))
        .collect();
    let _ = text;
    Some(Mention {
        start: i,
        end: end + 1,
        span: span_of(tokens, i, end + 1),
        kind: MentionKind::Border { countries },
        name: format!("{} border", names.join("–")),
        country: None,
    })
}

/// "the army", "government troops", "gunmen", "the government in Bamako".
fn group(
    text: &str,
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> Option<Mention> {
    let (end, kind) = if let Some(m) = lex.institutions.match_at(tokens, i) {
        // "military aircraft": means, not a body.
        if lex.weapons.match_at(tokens, m.end).is_some()
            || tokens
                .get(m.end)
                .is_some_and(|t| TARGET_NOUNS.contains(&t.norm.as_str()))
        {
            return None;
        }
        // "government troops": the second word names the body.
        match lex.institutions.match_at(tokens, m.end) {
            Some(m2) => (m2.end, m2.value.kind),
            None => (m.end, m.value.kind),
        }
    } else {
        let m = lex.groups.match_at(tokens, i)?;
        (m.end, *m.value)
    };
    // "the government in Bamako": the capital names the state (a government sits in its
    // capital; the police "in Victoria" may be anywhere called Victoria).
    let country = (kind == ActorKind::Government
        && tokens.get(end).is_some_and(|t| t.norm == "in"))
    .then(|| {
        let name = tokens.get(end + 1)?;
        gaz.lookup(&name.norm).iter().find_map(|e| match e {
            Entry::Place(p) => gaz.capital_of(*p).map(|c| c.iso2.clone()),
            Entry::Country(c) => Some(gaz.countries[*c as usize].iso2.clone()),
            _ => None,
        })
    })
    .flatten();
    Some(Mention {
        start: i,
        end,
        span: span_of(tokens, i, end),
        kind: MentionKind::Group { kind },
        name: surface(text, tokens, i, end).to_string(),
        country,
    })
}

fn source_noun(text: &str, tokens: &[Token], i: usize, lex: &Lexicon) -> Option<Mention> {
    let m = lex.reporting.match_at(tokens, i)?;
    (*m.value == crate::lexicon::Frame::Source)
        .then(|| named(text, tokens, i, m.end, MentionKind::Source, None))
}

/// "Mohamad Hasan, Malaysia's foreign minister": a name followed by an owned title.
fn attach_appositive_people(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    gaz: &Gazetteer,
    out: &mut Vec<Mention>,
) {
    // Which tokens a mention covers or starts, found once: asked per token by a scan of
    // the mentions, the search would grow with tokens times mentions.
    let mut covered = vec![false; tokens.len()];
    let mut starts = vec![false; tokens.len()];
    for m in out.iter() {
        covered[m.start..m.end.min(tokens.len())].fill(true);
        if let Some(s) = starts.get_mut(m.start) {
            *s = true;
        }
    }
    let mut i = 0;
    while i + 2 < tokens.len() {
        let covered = covered[i];
        if covered || !name_word(&tokens[i], lex) || is_place_word(tokens, i, gaz) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < tokens.len() && end - i < 4 && name_word(&tokens[end], lex) && !starts[end] {
            end += 1;
        }
        if end >= 2 + i && tokens.get(end).is_some_and(|t| t.norm == ",") {
            let after = end + 1;
            let (owner_len, country) = match owner_at(tokens, after, gaz) {
                Some((n, c)) => (n, Some(c)),
                None => (0, None),
            };
            if let Some(title) = lex.titles.match_at(tokens, after + owner_len)
                && (country.is_some() || tokens.get(after).is_some_and(|t| t.norm == "the"))
            {
                out.push(Mention {
                    start: i,
                    end,
                    span: span_of(tokens, i, end),
                    kind: MentionKind::Person {
                        role: Some(title.value.role.clone()),
                    },
                    name: surface(text, tokens, i, end).to_string(),
                    country,
                });
                // The owner is a country mention the appositive explains, not a new actor.
                out.retain(|m| {
                    !(m.start >= after
                        && m.start < title.end
                        && !matches!(m.kind, MentionKind::Person { .. }))
                });
                i = title.end;
                continue;
            }
        }
        i = end.max(i + 1);
    }
    out.sort_by_key(|m| m.start);
}

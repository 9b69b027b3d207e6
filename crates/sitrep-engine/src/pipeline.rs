//! One report in, one record out: normalise, read once, run the extractors, assemble.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use sitrep_model::{Diagnostic, Document, Record, Span};

use crate::extract::{
    actors, analysis, claims, events, figures, frames, places, roles, summary, typing,
};
use crate::gazetteer::Gazetteer;
use crate::learned::Model;
use crate::lexicon::Lexicon;
use crate::text::normalize_text;

/// The bundled gazetteer with the name index `build.rs` compiled from the same sources.
pub fn builtin_gazetteer() -> Gazetteer {
    Gazetteer::with_index(
        crate::gazetteer::Sources::builtin(),
        include_bytes!(concat!(env!("OUT_DIR"), "/names.fst")),
        include_bytes!(concat!(env!("OUT_DIR"), "/names.postings")),
    )
}

/// What the caller knows of a report besides its text.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    pub text: &'a str,
    /// An id to keep (e.g. from a JSON Lines input); else the sha256 of the normalised text.
    pub id: Option<String>,
    pub title: Option<String>,
    /// Publication date: the anchor for "Monday", "yesterday"…
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
}

/// The rules' reading of one text, before the learned heads and the other extractors.
struct Reading<'t> {
    a: analysis::Analysis<'t>,
    places: places::Places,
    frames: Vec<Vec<frames::FrameUse>>,
    events: Vec<sitrep_model::Event>,
}

/// The extraction engine: lexicons and gazetteer, loaded once, shared by all threads.
#[derive(Debug)]
pub struct Engine {
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    model: Model,
}

impl Engine {
    /// The engine with the lexicons and gazetteer compiled into the binary, the gazetteer's
    /// name index prebuilt by `build.rs`.
    pub fn builtin() -> Self {
        Self::new(Lexicon::builtin(), builtin_gazetteer())
    }

    /// An engine with the learned heads compiled in (`data/models/events.bin`).
    pub fn new(lexicon: Lexicon, gazetteer: Gazetteer) -> Self {
        Self {
            lexicon,
            gazetteer,
            model: crate::learned::builtin(),
        }
    }

    /// The same engine with other learned heads (`sitrep train` measuring a new model, or
    /// `Model::default()` for the rules alone).
    pub fn with_model(mut self, model: Model) -> Self {
        self.model = model;
        self
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The rules' reading of a text: analysis, places, frames and the trigger rules' events.
    fn read<'t>(&self, text: &'t str, published: Option<NaiveDate>) -> Reading<'t> {
        let (lex, gaz) = (&self.lexicon, &self.gazetteer);
        let a = analysis::analyse(text, lex, gaz);
        let places = places::resolve_places(&a, lex, gaz);
        let frames: Vec<_> = a
            .sentences
            .iter()
            .map(|s| frames::find_frames(s, lex, &places))
            .collect();
        let events = events::extract_events(&a, lex, &places, &frames, published);
        Reading {
            a,
            places,
            frames,
            events,
        }
    }

    /// What the learned heads see of each sentence of a text, the rules' events included:
    /// the training examples of `sitrep train`.
    pub fn sentence_features(&self, input: &Input) -> Vec<Vec<u32>> {
        let norm = normalize_text(input.text);
        let r = self.read(norm.as_str(), input.published);
        let groups = typing::by_sentence(&r.events, r.a.sentences.len());
        r.a.sentences
            .iter()
            .map(|s| {
                let evs: Vec<_> = groups[s.index].iter().map(|&i| &r.events[i]).collect();
                typing::sentence_features(s, &evs)
            })
            .collect()
    }

    /// Extracts the record of one report. Never fails: odd input yields diagnostics.
    pub fn extract(&self, input: &Input) -> Record {
        let (lex, gaz) = (&self.lexicon, &self.gazetteer);
        // The record's spans point into the normalised text it carries; the byte map back to
        // the original is for callers of `text::normalize`, not needed here.
        let norm = normalize_text(input.text);
        let text = norm.as_str();
        let mut diagnostics = Vec::new();
        if text.is_empty() {
            diagnostics.push(Diagnostic {
                code: "empty".into(),
                message: "the report has no text".into(),
                span: None,
            });
        }
        if input.published.is_none() {
            diagnostics.push(Diagnostic {
                code: "no-anchor-date".into(),
                message: "no publication date: relative dates are left unresolved".into(),
                span: None,
            });
        }
        let Reading {
            a,
            places,
            frames,
            mut events,
        } = self.read(text, input.published);
        let doc_countries = places::document_countries(&a);
        typing::apply(
            &self.model,
            &self.lexicon,
            &a,
            &places,
            &frames,
            input.published,
            &mut events,
        );
        let figures = figures::extract_figures(&a, lex, gaz, &places, &frames, &doc_countries);
        let actors = actors::extract_actors(&a, &places, gaz);
        roles::crowds(&mut events);
        roles::home_countries(&mut events, &actors, lex);
        roles::counted_victims(&mut events, &figures, text, lex);
        let claims = claims::extract_claims(&a, &frames, &events);
        let title = input.title.clone().or_else(|| summary::detect_title(&a));
        // sitrep's own headline and summary, written from the facts; a report that gives no
        // facts to write from falls back to its title and its leading sentences.
        let sentence_text = |i: usize| {
            a.sentences
                .get(i)
                .map_or("", |s| &a.text[s.span.start..s.span.end])
        };
        let cx = crate::brief::Context {
            actors: &actors,
            text: &sentence_text,
            gaz,
        };
        let (made_headline, made_summary) =
            crate::brief::headline_and_summary(&events, &figures, &cx);
        let summary_text =
            made_summary.unwrap_or_else(|| summary::summarise(&a, &events, &figures));
        let headline = made_headline.unwrap_or_else(|| match &title {
            Some(t) => summary::truncate_chars(t, 100),
            None => summary::headline_from(&events, &summary_text),
        });
        let id = input.id.clone().unwrap_or_else(|| {
            let digest = Sha256::digest(text.as_bytes());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("sha256:{hex}")
        });
        Record {
            document: Document {
                id,
                title,
                published: input.published.map(|d| d.to_string()),
                source: input.source.clone(),
                language: "en".into(),
                text: text.to_string(),
            },
            headline,
            summary: summary_text,
            places: places.places,
            actors,
            events,
            figures,
            claims,
            sentences: a.sentences.iter().map(|s| s.span).collect::<Vec<Span>>(),
            diagnostics,
        }
    }
}

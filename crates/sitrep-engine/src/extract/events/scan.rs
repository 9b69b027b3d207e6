//! What a sentence's triggers all ask of it, found once: where triggers start and which
//! weapons it names. Asked per trigger, a scan of the clause would cost clause length times
//! triggers ("killed killed killed …").

use super::{Sentence, Site};
use crate::lexicon::{Lexicon, PhraseMatch, Weapon, WordClass};

pub(super) struct Scan<'l> {
    pub(super) triggers: Vec<usize>,
    weapons: Vec<PhraseMatch<'l, Weapon>>,
    /// Where each word class starts, by class (`WordClass as usize`), in token order.
    classes: Vec<Vec<usize>>,
}

impl<'l> Scan<'l> {
    pub(super) fn of(s: &Sentence, lex: &'l Lexicon) -> Self {
        let toks = &s.tokens;
        Scan {
            triggers: (0..toks.len())
                .filter(|&k| lex.triggers.match_at(toks, k).is_some())
                .collect(),
            weapons: (0..toks.len())
                .filter_map(|k| lex.weapons.match_at(toks, k))
                .collect(),
            classes: {
                let mut classes = vec![Vec::new(); WordClass::COUNT];
                for k in 0..toks.len() {
                    for m in lex.classes.matches_at(toks, k) {
                        let at: &mut Vec<usize> = &mut classes[*m.value as usize];
                        if at.last() != Some(&k) {
                            at.push(k);
                        }
                    }
                }
                classes
            },
        }
    }

    /// Where phrases of `class` start in `[from, to)`.
    pub(super) fn class_starts(&self, class: WordClass, from: usize, to: usize) -> &[usize] {
        let at = &self.classes[class as usize];
        let lo = at.partition_point(|&k| k < from);
        let hi = at.partition_point(|&k| k < to).max(lo);
        &at[lo..hi]
    }

    /// Whether a phrase of `class` starts in `[from, to)`.
    pub(super) fn class_in(&self, class: WordClass, from: usize, to: usize) -> bool {
        !self.class_starts(class, from, to).is_empty()
    }

    /// Whether a trigger starts in `[from, to)`.
    pub(super) fn trigger_in(&self, from: usize, to: usize) -> bool {
        let i = self.triggers.partition_point(|&k| k < from);
        self.triggers.get(i).is_some_and(|&k| k < to)
    }

    /// The start of the last trigger before `t`.
    pub(super) fn trigger_before(&self, t: usize) -> Option<usize> {
        self.triggers[..self.triggers.partition_point(|&k| k < t)]
            .last()
            .copied()
    }
}

/// The weapon nearest the trigger in its clause, but not one being shot down: the nearest
/// on each side, walking out from the trigger. Ties go to the earlier weapon, as a scan
/// from the clause's start would have it.
pub(super) fn weapon_near<'a>(site: &Site<'a>) -> Option<&'a Weapon> {
    let (toks, weapons, start) = (&site.s.tokens, &site.scan.weapons, site.start);
    let shot_down = |w: &PhraseMatch<'_, Weapon>| {
        (w.start.saturating_sub(3)..w.start)
            .any(|j| matches!(toks[j].norm.as_str(), "down" | "intercepted" | "downed"))
    };
    let split = weapons.partition_point(|w| w.start < start);
    let lo = weapons.partition_point(|w| w.start < site.cs);
    let hi = weapons.partition_point(|w| w.start < site.ce);
    let left = weapons[lo..split.max(lo)]
        .iter()
        .rev()
        .find(|w| !shot_down(w));
    let right = weapons[split.min(hi)..hi].iter().find(|w| !shot_down(w));
    let nearest = match (left, right) {
        (Some(l), Some(r)) => Some(if r.start - start < start - l.start {
            r
        } else {
            l
        }),
        (l, r) => l.or(r),
    };
    nearest.map(|w| w.value)
}

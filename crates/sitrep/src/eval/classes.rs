//! One label per item against its gold label: per-class precision, recall and F1, the
//! support-weighted F1 over the gold classes, and a confusion table.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::score::ratio;

/// The label an item gets when it has none (no event, no ACLED type).
pub const NONE: &str = "(none)";

#[derive(Debug, Default)]
pub struct Confusion {
    /// (gold, predicted) → count.
    cells: BTreeMap<(String, String), usize>,
}

impl Confusion {
    /// One item: its gold label, the labels that also count as right, and the prediction.
    pub fn add(&mut self, gold: &str, acceptable: &[&str], predicted: &str) {
        let got = if acceptable.contains(&predicted) {
            gold
        } else {
            predicted
        };
        *self
            .cells
            .entry((gold.to_string(), got.to_string()))
            .or_default() += 1;
    }

    pub fn total(&self) -> usize {
        self.cells.values().sum()
    }

    fn gold_count(&self, c: &str) -> usize {
        self.cells
            .iter()
            .filter(|((g, _), _)| g == c)
            .map(|(_, n)| n)
            .sum()
    }

    fn predicted_count(&self, c: &str) -> usize {
        self.cells
            .iter()
            .filter(|((_, p), _)| p == c)
            .map(|(_, n)| n)
            .sum()
    }

    fn right(&self, c: &str) -> usize {
        self.cells
            .get(&(c.to_string(), c.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// Precision, recall, F1 and support of one class.
    pub fn class(&self, c: &str) -> (f64, f64, f64, usize) {
        let tp = self.right(c);
        let (p, r) = (
            ratio(tp, self.predicted_count(c)),
            ratio(tp, self.gold_count(c)),
        );
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f, self.gold_count(c))
    }

    /// The gold classes, the "(none)" label aside.
    fn gold_classes(&self) -> BTreeSet<&str> {
        self.cells
            .keys()
            .map(|(g, _)| g.as_str())
            .filter(|g| *g != NONE)
            .collect()
    }

    /// F1 averaged over the gold classes, each weighted by its support.
    pub fn weighted_f1(&self) -> f64 {
        let classes = self.gold_classes();
        let (mut sum, mut n) = (0.0, 0);
        for c in classes {
            let (_, _, f, support) = self.class(c);
            sum += f * support as f64;
            n += support;
        }
        if n == 0 { 0.0 } else { sum / n as f64 }
    }

    /// Share of items whose prediction is right (or acceptable).
    pub fn accuracy(&self) -> f64 {
        let right: usize = self
            .cells
            .iter()
            .filter(|((g, p), _)| g == p)
            .map(|(_, n)| n)
            .sum();
        ratio(right, self.total())
    }

    /// The per-class table and the confusions, most frequent first.
    pub fn render(&self, title: &str, confusions: usize) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "\n{title}: weighted F1 {:.3}, accuracy {:.3} over {} items",
            self.weighted_f1(),
            self.accuracy(),
            self.total()
        );
        let _ = writeln!(
            s,
            "  {:<44} {:>6} {:>6} {:>6} {:>7}",
            "class", "prec", "recall", "f1", "support"
        );
        for c in self.gold_classes() {
            let (p, r, f, n) = self.class(c);
            let _ = writeln!(s, "  {c:<44} {p:>6.2} {r:>6.2} {f:>6.2} {n:>7}");
        }
        let mut wrong: Vec<(&(String, String), &usize)> =
            self.cells.iter().filter(|((g, p), _)| g != p).collect();
        wrong.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        if !wrong.is_empty() {
            let _ = writeln!(s, "  confusions (gold → predicted):");
            for ((g, p), n) in wrong.into_iter().take(confusions) {
                let _ = writeln!(s, "    {n:>4}  {g} → {p}");
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_f1_weighs_classes_by_support() {
        let mut c = Confusion::default();
        for _ in 0..3 {
            c.add("Armed clash", &[], "Armed clash");
        }
        c.add("Attack", &[], "Armed clash");
        // Armed clash: p 3/4, r 1 → f 6/7, support 3; Attack: f 0, support 1.
        assert!((c.weighted_f1() - (6.0 / 7.0 * 3.0) / 4.0).abs() < 1e-9);
        assert!((c.accuracy() - 0.75).abs() < 1e-9);
    }

    #[test]
    fn an_acceptable_label_counts_as_right() {
        let mut c = Confusion::default();
        c.add("Attack", &["Armed clash"], "Armed clash");
        assert_eq!(c.accuracy(), 1.0);
        assert!(c.render("t", 5).contains("Attack"));
    }

    #[test]
    fn no_prediction_is_a_miss_not_a_class() {
        let mut c = Confusion::default();
        c.add("Arrests", &[], NONE);
        assert_eq!(c.weighted_f1(), 0.0);
        assert!(!c.gold_classes().contains(NONE));
    }
}

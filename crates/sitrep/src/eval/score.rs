//! Precision, recall and F1 per section, and the misses behind them.

use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Default, Clone)]
pub struct Section {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub misses: Vec<String>,
    pub extras: Vec<String>,
}

impl Section {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, other: Section) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.misses.extend(other.misses);
        self.extras.extend(other.extras);
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[derive(Debug, Default)]
pub struct Scores {
    pub title: String,
    pub sections: BTreeMap<String, Section>,
    /// Single figures such as `figures.qualifier` or `plover.type_recall`.
    pub values: BTreeMap<String, f64>,
    /// Averages over records, such as `summary.rouge1`: (sum, count).
    pub means: BTreeMap<String, (f64, usize)>,
    pub notes: Vec<String>,
}

impl Scores {
    pub fn section(&mut self, name: &str) -> &mut Section {
        self.sections.entry(name.to_string()).or_default()
    }

    /// Adds one record's value to an average.
    pub fn mean(&mut self, name: &str, v: f64) {
        let e = self.means.entry(name.to_string()).or_insert((0.0, 0));
        e.0 += v;
        e.1 += 1;
    }

    pub fn metric(&self, name: &str) -> Option<f64> {
        if let Some(v) = self.values.get(name) {
            return Some(*v);
        }
        if let Some((sum, n)) = self.means.get(name) {
            return Some(sum / (*n).max(1) as f64);
        }
        let (section, which) = name.rsplit_once('.')?;
        let s = self.sections.get(section)?;
        Some(match which {
            "precision" | "p" => s.precision(),
            "recall" | "r" => s.recall(),
            "f1" => s.f1(),
            _ => return None,
        })
    }

    pub fn metric_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .sections
            .keys()
            .flat_map(|k| ["precision", "recall", "f1"].map(|m| format!("{k}.{m}")))
            .collect();
        names.extend(self.values.keys().cloned());
        names.extend(self.means.keys().cloned());
        names
    }

    pub fn render(&self, misses: usize) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{}\n", self.title);
        let _ = writeln!(
            s,
            "{:<12} {:>9} {:>9} {:>9} {:>5} {:>5} {:>5}",
            "section", "precision", "recall", "f1", "tp", "fp", "fn"
        );
        for (name, sec) in &self.sections {
            let _ = writeln!(
                s,
                "{:<12} {:>9.3} {:>9.3} {:>9.3} {:>5} {:>5} {:>5}",
                name,
                sec.precision(),
                sec.recall(),
                sec.f1(),
                sec.tp,
                sec.fp,
                sec.fn_
            );
        }
        for (k, v) in &self.values {
            let _ = writeln!(s, "{k:<28} {v:.3}");
        }
        for (k, (sum, n)) in &self.means {
            let _ = writeln!(s, "{k:<28} {:.3}  (mean of {n})", sum / (*n).max(1) as f64);
        }
        for (name, sec) in &self.sections {
            if !sec.misses.is_empty() {
                let _ = writeln!(s, "\n{name}: missed ({})", sec.misses.len());
                for m in sec.misses.iter().take(misses) {
                    let _ = writeln!(s, "  - {m}");
                }
            }
            if !sec.extras.is_empty() {
                let _ = writeln!(s, "\n{name}: extra ({})", sec.extras.len());
                for m in sec.extras.iter().take(misses) {
                    let _ = writeln!(s, "  + {m}");
                }
            }
        }
        for n in &self.notes {
            let _ = writeln!(s, "{n}");
        }
        s
    }
}

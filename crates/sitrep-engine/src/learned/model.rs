//! A linear model over hashed features, one softmax head per label set, and the small
//! binary file it is kept in (compiled into the binary; `sitrep train` writes it).
//!
//! File: `SITREPM1`, then a block of `key=value` lines (training data hash, seed, dev
//! scores, thresholds, temperature), then each head: its name, its classes, a weight scale,
//! the class biases, and its features sorted by hash, each with one `i8` weight per class.
//! Quantised weights keep the file small; sorted hashes make a lookup a binary search.

use std::collections::BTreeMap;

const MAGIC: &[u8; 8] = b"SITREPM1";

/// One label set: classes, a bias each, and per-feature weights (quantised).
#[derive(Debug, Clone, Default)]
pub struct Head {
    pub name: String,
    pub classes: Vec<String>,
    scale: f32,
    bias: Vec<f32>,
    keys: Vec<u32>,
    /// `keys.len() * classes.len()` weights, row by row.
    weights: Vec<i8>,
}

impl Head {
    /// A head from full-precision weights (`(feature hash, weights per class)`).
    pub fn quantise(
        name: &str,
        classes: Vec<String>,
        bias: Vec<f32>,
        mut rows: Vec<(u32, Vec<f32>)>,
    ) -> Head {
        rows.sort_by_key(|r| r.0);
        let max = rows
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let weights = rows
            .iter()
            .flat_map(|r| {
                r.1.iter()
                    .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)
            })
            .collect();
        Head {
            name: name.to_string(),
            classes,
            scale,
            bias,
            keys: rows.iter().map(|r| r.0).collect(),
            weights,
        }
    }

    /// Class scores (before the softmax) for a sentence's features.
    pub fn scores(&self, features: &[u32]) -> Vec<f32> {
        let n = self.classes.len();
        let mut s = self.bias.clone();
        for f in features {
            if let Ok(i) = self.keys.binary_search(f) {
                for (c, w) in self.weights[i * n..(i + 1) * n].iter().enumerate() {
                    s[c] += f32::from(*w) * self.scale;
                }
            }
        }
        s
    }

    /// Class probabilities, the scores divided by `temperature` (calibration).
    pub fn probs(&self, features: &[u32], temperature: f32) -> Vec<f32> {
        softmax(&self.scores(features), temperature)
    }

    /// The weight of one feature for one class (0 for a feature the head never saw).
    pub fn weight(&self, feature: u32, class: usize) -> f32 {
        let n = self.classes.len();
        match self.keys.binary_search(&feature) {
            Ok(i) if class < n => f32::from(self.weights[i * n + class]) * self.scale,
            _ => 0.0,
        }
    }

    pub fn class_index(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c == name)
    }

    pub fn features(&self) -> usize {
        self.keys.len()
    }
}

pub fn softmax(scores: &[f32], temperature: f32) -> Vec<f32> {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exp: Vec<f32> = scores.iter().map(|s| ((s - max) / t).exp()).collect();
    let sum: f32 = exp.iter().sum();
    exp.iter().map(|e| e / sum).collect()
}

/// The heads and what is known of how they were made.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub meta: BTreeMap<String, String>,
    pub heads: Vec<Head>,
}

impl Model {
    pub fn head(&self, name: &str) -> Option<&Head> {
        self.heads.iter().find(|h| h.name == name)
    }

    /// A number kept in the metadata (a threshold, a temperature), or `default`.
    pub fn number(&self, key: &str, default: f32) -> f32 {
        self.meta
            .get(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let meta: String = self
            .meta
            .iter()
            .map(|(k, v)| format!("{k}={}\n", v.replace('\n', " ")))
            .collect();
        put_bytes(&mut out, meta.as_bytes());
        put_u32(&mut out, self.heads.len() as u32);
        for h in &self.heads {
            put_bytes(&mut out, h.name.as_bytes());
            put_u32(&mut out, h.classes.len() as u32);
            for c in &h.classes {
                put_bytes(&mut out, c.as_bytes());
            }
            out.extend_from_slice(&h.scale.to_le_bytes());
            for b in &h.bias {
                out.extend_from_slice(&b.to_le_bytes());
            }
            put_u32(&mut out, h.keys.len() as u32);
            for k in &h.keys {
                out.extend_from_slice(&k.to_le_bytes());
            }
            out.extend(h.weights.iter().map(|w| *w as u8));
        }
        out
    }

    /// Reads a model file; `None` when the bytes are not one (wrong magic, cut short).
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return None;
        }
        let meta_text = std::str::from_utf8(r.bytes_field()?).ok()?;
        let meta = meta_text
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let n_heads = r.u32()? as usize;
        let mut heads = Vec::with_capacity(n_heads.min(16));
        for _ in 0..n_heads {
            let name = String::from_utf8(r.bytes_field()?.to_vec()).ok()?;
            let n = r.u32()? as usize;
            let mut classes = Vec::with_capacity(n.min(256));
            for _ in 0..n {
                classes.push(String::from_utf8(r.bytes_field()?.to_vec()).ok()?);
            }
            let scale = r.f32()?;
            let bias = (0..n).map(|_| r.f32()).collect::<Option<Vec<_>>>()?;
            let k = r.u32()? as usize;
            let keys = (0..k).map(|_| r.u32()).collect::<Option<Vec<_>>>()?;
            let weights = r
                .take(k.checked_mul(n)?)?
                .iter()
                .map(|b| *b as i8)
                .collect();
            heads.push(Head {
                name,
                classes,
                scale,
                bias,
                keys,
                weights,
            });
        }
        Some(Model { meta, heads })
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len() as u32);
    out.extend_from_slice(b);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn bytes_field(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Model {
        let head = Head::quantise(
            "acled",
            vec!["none".into(), "Armed clash".into()],
            vec![0.5, -0.5],
            vec![(7, vec![-1.0, 2.0]), (3, vec![0.25, 0.0])],
        );
        let mut meta = BTreeMap::new();
        meta.insert("detect".into(), "0.6".into());
        Model {
            meta,
            heads: vec![head],
        }
    }

    #[test]
    fn a_model_survives_its_file() {
        let m = small();
        let back = Model::from_bytes(&m.to_bytes()).expect("reads back");
        assert_eq!(back.number("detect", 0.0), 0.6);
        let h = back.head("acled").unwrap();
        assert_eq!(h.classes, vec!["none", "Armed clash"]);
        let p = h.probs(&[7], 1.0);
        assert!(p[1] > 0.8, "{p:?}");
        // An unknown feature changes nothing.
        assert_eq!(h.scores(&[99]), vec![0.5, -0.5]);
    }

    #[test]
    fn broken_files_are_refused_not_panicked_on() {
        let bytes = small().to_bytes();
        for cut in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        assert!(Model::from_bytes(b"not a model at all").is_none());
    }

    #[test]
    fn temperature_flattens_probabilities() {
        let sharp = softmax(&[2.0, 0.0], 1.0);
        let flat = softmax(&[2.0, 0.0], 4.0);
        assert!(flat[0] < sharp[0] && flat[0] > 0.5);
    }
}

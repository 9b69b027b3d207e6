//! Training a head: multinomial logistic regression over hashed features, fitted with
//! AdaGrad and L2, in an order drawn from a seed, so one corpus and one seed give one
//! model, byte for byte.

use super::model::{Head, softmax};

/// One labelled sentence: its features and its class index.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<u32>,
    pub label: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    /// Features seen in fewer training sentences are dropped.
    pub min_count: usize,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 20,
            rate: 0.3,
            l2: 1e-4,
            min_count: 2,
            seed: 20261207,
        }
    }
}

/// xorshift64*: small, seedable, the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

pub fn train(name: &str, classes: &[String], examples: &[Example], s: Settings) -> Head {
    let n = classes.len();
    // The features kept, in hash order: their row in the weight matrix is their rank.
    let mut counts: std::collections::BTreeMap<u32, usize> = Default::default();
    for e in examples {
        for f in &e.features {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let keys: Vec<u32> = counts
        .into_iter()
        .filter(|(_, c)| *c >= s.min_count)
        .map(|(k, _)| k)
        .collect();
    let rows: Vec<Vec<usize>> = examples
        .iter()
        .map(|e| {
            e.features
                .iter()
                .filter_map(|f| keys.binary_search(f).ok())
                .collect()
        })
        .collect();
    let mut w = vec![0f32; keys.len() * n];
    let mut g = vec![1e-6f32; keys.len() * n];
    let mut bias = vec![0f32; n];
    let mut gb = vec![1e-6f32; n];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(s.seed);
    for _ in 0..s.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let mut score = bias.clone();
            for &r in &rows[i] {
                for c in 0..n {
                    score[c] += w[r * n + c];
                }
            }
            let p = softmax(&score, 1.0);
            for c in 0..n {
                let grad = p[c] - if c == examples[i].label { 1.0 } else { 0.0 };
                gb[c] += grad * grad;
                bias[c] -= s.rate * grad / gb[c].sqrt();
                for &r in &rows[i] {
                    let k = r * n + c;
                    let gk = grad + s.l2 * w[k];
                    g[k] += gk * gk;
                    w[k] -= s.rate * gk / g[k].sqrt();
                }
            }
        }
    }
    let weights = keys
        .iter()
        .enumerate()
        .map(|(r, k)| (*k, w[r * n..(r + 1) * n].to_vec()))
        .collect();
    Head::quantise(name, classes.to_vec(), bias, weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> (Vec<String>, Vec<Example>) {
        let classes = vec!["none".to_string(), "clash".to_string()];
        let mut ex = Vec::new();
        for i in 0..40u32 {
            // Feature 1 means "clash", feature 2 means nothing; 100+i is noise.
            let clash = i % 2 == 0;
            ex.push(Example {
                features: vec![if clash { 1 } else { 2 }, 100 + i % 5],
                label: usize::from(clash),
            });
        }
        (classes, ex)
    }

    #[test]
    fn it_learns_a_separable_rule() {
        let (classes, ex) = data();
        let head = train("t", &classes, &ex, Settings::default());
        assert!(head.probs(&[1], 1.0)[1] > 0.9);
        assert!(head.probs(&[2], 1.0)[0] > 0.9);
    }

    #[test]
    fn one_seed_gives_one_model() {
        let (classes, ex) = data();
        let a = train("t", &classes, &ex, Settings::default());
        let b = train("t", &classes, &ex, Settings::default());
        assert_eq!(a.scores(&[1, 100]), b.scores(&[1, 100]));
    }
}

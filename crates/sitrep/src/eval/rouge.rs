//! ROUGE-1 and ROUGE-L F-measures (Lin 2004) between a generated text and a reference:
//! lowercased word tokens, clipped unigram overlap, and the longest common subsequence.

use std::collections::HashMap;

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn f(overlap: usize, got: usize, want: usize) -> f64 {
    if overlap == 0 || got == 0 || want == 0 {
        return 0.0;
    }
    let (p, r) = (overlap as f64 / got as f64, overlap as f64 / want as f64);
    2.0 * p * r / (p + r)
}

/// ROUGE-1 F: unigrams in common, each counted at most as often as the reference has it.
pub fn rouge1(got: &str, want: &str) -> f64 {
    let (g, w) = (words(got), words(want));
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for x in &w {
        *counts.entry(x).or_default() += 1;
    }
    let mut overlap = 0;
    for x in &g {
        if let Some(c) = counts.get_mut(x.as_str())
            && *c > 0
        {
            *c -= 1;
            overlap += 1;
        }
    }
    f(overlap, g.len(), w.len())
}

/// ROUGE-L F: the longest common subsequence of words.
pub fn rouge_l(got: &str, want: &str) -> f64 {
    let (g, w) = (words(got), words(want));
    let mut prev = vec![0usize; w.len() + 1];
    for x in &g {
        let mut cur = vec![0usize; w.len() + 1];
        for (j, y) in w.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    f(prev[w.len()], g.len(), w.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one_and_disjoint_zero() {
        assert!((rouge1("Thai jets struck", "thai jets struck") - 1.0).abs() < 1e-9);
        assert!((rouge_l("a b c", "a b c") - 1.0).abs() < 1e-9);
        assert_eq!(rouge1("x y", "a b"), 0.0);
        assert_eq!(rouge1("", "a b"), 0.0);
    }

    #[test]
    fn overlap_is_clipped_and_order_matters_for_lcs() {
        // got "the the the", want "the cat": overlap 1, p = 1/3, r = 1/2.
        let r1 = rouge1("the the the", "the cat");
        assert!((r1 - 0.4).abs() < 1e-9, "{r1}");
        // Same words, reversed: ROUGE-1 is 1, ROUGE-L is not.
        assert!((rouge1("a b c", "c b a") - 1.0).abs() < 1e-9);
        assert!(rouge_l("a b c", "c b a") < 0.5);
    }
}

//! Near-duplicate detection for syndicated copies: MinHash signatures over word shingles,
//! banded for lookup (LSH). Two reports whose signatures agree on most positions share most
//! of their five-word phrases: a wire story and its reprint with a new headline.

/// Signature length: 64 minimum hashes, looked up in 16 bands of 4.
pub const HASHES: usize = 64;
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;

/// Agreement above which two reports are one story (estimated Jaccard similarity).
pub const SAME_STORY: f64 = 0.7;

/// The MinHash signature of a text (its lowercase words, five at a time).
pub fn signature(text: &str) -> Vec<u32> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut sig = vec![u32::MAX; HASHES];
    if words.is_empty() {
        return sig;
    }
    let n = words.len().saturating_sub(SHINGLE - 1).max(1);
    for start in 0..n {
        let shingle = &words[start..(start + SHINGLE).min(words.len())];
        let base = fnv(shingle);
        for (k, slot) in sig.iter_mut().enumerate() {
            let h = mix(base ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) as u32;
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

/// The band keys of a signature: reports sharing one are candidates.
pub fn bands(sig: &[u32]) -> Vec<i64> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(b, rows)| {
            let mut h = 0xcbf2_9ce4_8422_2325u64 ^ b as u64;
            for r in rows {
                h = mix(h ^ u64::from(*r));
            }
            h as i64
        })
        .collect()
}

/// The share of positions where two signatures agree: an estimate of Jaccard similarity.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

pub fn to_bytes(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn from_bytes(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn fnv(words: &[String]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for w in words {
        for b in w.bytes().chain([b' ']) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A 64-bit finaliser (splitmix64): spreads bits so each seed gives an independent hash.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Russian drones struck an apartment block in Kharkiv overnight, killing at least four civilians and wounding seventeen, the regional governor said on Sunday. Firefighters worked through the night to pull survivors from the rubble of the nine-storey building, and the city's mayor declared a day of mourning.";

    #[test]
    fn a_reprint_with_a_new_headline_is_the_same_story() {
        let reprint = format!("Kharkiv mourns after night attack\n{STORY}");
        assert!(similarity(&signature(STORY), &signature(&reprint)) >= SAME_STORY);
    }

    #[test]
    fn another_story_is_not() {
        let other = "Delegations from Sudan's army and the Rapid Support Forces met in Jeddah on Tuesday for indirect talks mediated by Saudi Arabia and the United States, officials said, as fighting continued around El Fasher.";
        assert!(similarity(&signature(STORY), &signature(other)) < 0.2);
    }

    #[test]
    fn signatures_round_trip_and_bands_are_stable() {
        let s = signature(STORY);
        assert_eq!(from_bytes(&to_bytes(&s)), s);
        assert_eq!(bands(&s), bands(&signature(STORY)));
        assert_eq!(bands(&s).len(), BANDS);
    }
}

//! Text handling: normalisation with a byte map, sentences, tokens.

pub mod normalize;
pub mod sentences;
pub mod tokens;

pub use normalize::{NormText, normalize, normalize_text};
pub use sentences::{AbbreviationKind, split_sentences};
pub use tokens::{Token, TokenKind, fold, tokenize};

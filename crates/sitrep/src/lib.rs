//! What the `sitrep` binary shares with its benchmarks: the engine's merging rules as the
//! store asks for them (the store never depends on the engine; this glue does), and the
//! period brief (`brief/`).

pub mod brief;

use sitrep_engine::incidents;
use sitrep_model::{Account, PeriodFigure, Profile, Record, Signal};
use sitrep_store::Merger;

/// The engine's merging rules, as the store asks for them; it reads diplomacy with the
/// engine's own lexicons.
pub struct EngineMerger<'a> {
    pub lexicon: &'a sitrep_engine::lexicon::Lexicon,
}

impl Merger for EngineMerger<'_> {
    fn accounts(&self, record: &Record, copy_of: Option<&str>) -> Vec<Account> {
        incidents::accounts(record, copy_of)
    }
    fn period_figures(&self, record: &Record, copy_of: Option<&str>) -> Vec<PeriodFigure> {
        incidents::period_figures(record, copy_of)
    }
    fn window(&self, a: &Account) -> Option<(String, String)> {
        incidents::window(a)
    }
    fn affinity(&self, p: &Profile, a: &Account) -> Option<u32> {
        incidents::affinity(p, a)
    }
    fn absorb(&self, p: &mut Profile, a: &Account) {
        incidents::absorb(p, a)
    }
    fn signals(&self, record: &Record, copy_of: Option<&str>) -> Vec<Signal> {
        sitrep_engine::ceasefire::signals(record, self.lexicon, copy_of)
    }
}

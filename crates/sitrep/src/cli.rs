//! Command-line flags as clap parses them, before validation.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turns news reports about armed conflict and ceasefire diplomacy into verifiable, source-attributed records."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one record per report: places, actors, events, figures, claims, dates.
    Extract(ExtractArgs),
    /// Score extraction against gold files (sitrep's record gold, or PLOVER gold sentences).
    Eval(EvalArgs),
    /// Rebuild the learned event heads from a labelled corpus (train split; dev tunes).
    Train(TrainArgs),
    /// Look places up in the gazetteer, import a GeoNames dump, show its size.
    Gazetteer(GazetteerArgs),
    /// Extract reports and keep them, with their records, in the store (each report once).
    Ingest(IngestArgs),
    /// Full-text search over the stored reports.
    Search(SearchArgs),
    /// The stored records as JSON Lines or GeoJSON, the incidents as ACLED-style CSV.
    Export(ExportArgs),
    /// Incidents merged across reports, with filters.
    Incidents(IncidentsArgs),
    /// One incident: every account of it, with its source and the sentence it came from.
    Show(ShowArgs),
    /// Killed, wounded and displaced per country, without double counting.
    Tally(TallyArgs),
    /// Ceasefires: agreements, each pair's status over time, alleged violations, commitments.
    Ceasefire(CeasefireArgs),
    /// A situation report over a period: headline, summary, key incidents with each side's
    /// account, casualties, diplomacy, the ceasefire tracker, positions, disputed claims.
    Brief(BriefArgs),
    /// Serve the store over HTTP: the JSON API and the dashboard.
    Serve(ServeArgs),
    /// Load the bundled example corpus into a fresh store and serve it.
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback by default; any other needs --token).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Token required for writes (POST /api/reports) and for a non-loopback address;
    /// default $SITREP_TOKEN.
    #[arg(long)]
    pub token: Option<String>,
    /// Seconds a client may take to send a request's header before its connection is
    /// closed (slow or idle clients cannot hold connections for ever).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = positive_seconds)]
    pub header_timeout: f64,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Seconds a client may take to send a request's header (as for `serve`).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = positive_seconds)]
    pub header_timeout: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefFormat {
    /// Markdown: pastes cleanly into a chat or an email.
    Md,
    /// One self-contained, printable HTML file.
    Html,
    /// JSON, for other tools.
    Json,
}

#[derive(Debug, Args)]
pub struct BriefArgs {
    /// From this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Countries (ISO codes); all by default.
    #[arg(long, value_name = "CC", value_delimiter = ',', num_args = 1..)]
    pub country: Vec<String>,
    #[arg(long, value_enum, default_value_t = BriefFormat::Md)]
    pub format: BriefFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct CeasefireArgs {
    /// Only agreements between these parties (ISO codes, e.g. TH,KH).
    #[arg(long, value_name = "CC,CC", value_delimiter = ',')]
    pub parties: Vec<String>,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    /// Readable text.
    Text,
    /// JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct IncidentsArgs {
    /// Incidents on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Incidents on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Country (ISO code, e.g. UA).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// First-level division (e.g. Kharkiv).
    #[arg(long, value_name = "NAME")]
    pub admin1: Option<String>,
    /// Event type: PLOVER (ASSAULT) or ACLED ("Explosions/Remote violence", "Air/drone strike").
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Actor: words of its name, or its country code.
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,
    /// How many incidents to show.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The incident's number (as `sitrep incidents` lists it).
    pub incident: i64,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TallyKind {
    Killed,
    Wounded,
    Displaced,
}

#[derive(Debug, Args)]
pub struct TallyArgs {
    /// Countries (ISO codes); all by default.
    #[arg(long, value_name = "CC", value_delimiter = ',')]
    pub country: Vec<String>,
    /// What to count; killed, wounded and displaced by default.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub kind: Vec<TallyKind>,
    /// Only reports published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One record a line.
    Jsonl,
    /// One point feature per placed event (RFC 7946).
    Geojson,
    /// One row per incident, in ACLED's column names and order.
    AcledCsv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Include syndicated copies (left out by default: they repeat their original).
    #[arg(long)]
    pub with_copies: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The store (SQLite). Default: $SITREP_DB, else sitrep.db under $SITREP_HOME, else
    /// under ~/.local/share/sitrep.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Reports: files, folders (recursively), globs, `-` for standard input, `.jsonl` files,
    /// HTML pages, RSS/Atom feeds and http(s) URLs.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for inputs that give none.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (all of them).
    #[arg(required = true)]
    pub words: Vec<String>,
    /// How many reports to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct GazetteerArgs {
    #[command(subcommand)]
    pub command: GazetteerCommand,
}

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Every reading of a name, likeliest first, with the reasons.
    Lookup {
        name: String,
        /// How many readings to show.
        #[arg(long, default_value_t = 15)]
        limit: usize,
    },
    /// Merge a GeoNames dump (KH.txt, allCountries.txt) into the user gazetteer that
    /// `sitrep extract` uses (under $SITREP_HOME, else ~/.local/share/sitrep).
    Import { file: PathBuf },
    /// Counts, load time and memory.
    Stats,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Reports: files, folders (read recursively), globs, `-` for standard input, `.jsonl`
    /// files whose lines are {"id", "text", "title"?, "published"?, "url"?}, HTML pages,
    /// RSS/Atom feeds and http(s) URLs.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD): the anchor for "Monday" or "yesterday" when the input gives none.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Leave the normalised document text out of each record (spans still point into it).
    #[arg(long)]
    pub no_text: bool,
    /// Drop events the learned heads give a confidence below this (0–1); events no model
    /// judged are kept.
    #[arg(long, value_name = "P", value_parser = confidence)]
    pub min_confidence: Option<f32>,
}

fn confidence(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a probability between 0 and 1")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object for one report, an array for several.
    Json,
    /// One compact JSON record per line.
    Jsonl,
    /// A readable summary of each record.
    Pretty,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// A corpus in the shape of tests/real: splits.tsv, reports/, snippets/, gold/.
    #[arg(long, value_name = "DIR", default_value = "tests/real")]
    pub corpus: PathBuf,
    /// Where to write the model (a `.meta` file with its provenance goes beside it).
    #[arg(long, value_name = "FILE", default_value = "data/models/events.bin")]
    pub out: PathBuf,
    /// The seed of the training order: one corpus and one seed give one model.
    #[arg(long, default_value_t = 20261207)]
    pub seed: u64,
    /// Passes over the training examples.
    #[arg(long, default_value_t = 20)]
    pub epochs: usize,
    /// A folder of record golds no setting may score worse on (the team's regression corpus).
    #[arg(long, value_name = "DIR", default_value = "tests/corpus/gold")]
    pub regression: Option<PathBuf>,
    /// Gold sentences (JSON Lines) no setting may score worse on than the rules alone.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "tests/corpus/sentences.jsonl"
    )]
    pub regression_sentences: Option<PathBuf>,
    /// Fit the heads and print each one's own dev scores (accuracy, weighted F1 of its
    /// best class per item), then stop: no thresholds, no model written. For trying
    /// features or labels quickly.
    #[arg(long)]
    pub quick: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A gold file: a record gold (shape of corpus/seed/gold.json), a folder of them, a
    /// JSON Lines file of gold sentences, PLOVER's PLOVER_GSR_CAMEO.json, or the real-text
    /// corpus folder (tests/real: scores per split, misses for dev only).
    #[arg(long, value_name = "GOLD")]
    pub gold: PathBuf,
    /// The report a single record gold scores (default: the gold's `report` field).
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// Fail (exit 1) when a score is below its threshold, e.g. `--require events.f1=0.85`.
    #[arg(long = "require", value_name = "METRIC=MIN")]
    pub require: Vec<String>,
    /// How many misses to list per section.
    #[arg(long, default_value_t = 20)]
    pub misses: usize,
}

/// A number of seconds above zero and at most a day.
fn positive_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!(
            "{s:?} is not a number of seconds above 0 and at most 86400"
        )),
    }
}

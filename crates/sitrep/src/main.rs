//! The `sitrep` binary: the command-line interface and the glue around the engine.
//! Only this crate reads files and prints.

#![allow(clippy::print_stdout, clippy::print_stderr)] // The binary is where printing belongs.

mod acled;
mod brief_cmd;
mod ceasefire_cmd;
mod cli;
mod eval;
mod export_cmd;
mod extract_cmd;
mod gazetteer_cmd;
mod incidents_cmd;
mod ingest_cmd;
mod input;
mod output;
mod paths;
mod record_stream;
mod serve;
mod train_cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Extract(args) => extract_cmd::run(args),
        cli::Command::Eval(args) => eval::run(args),
        cli::Command::Train(args) => train_cmd::run(args),
        cli::Command::Gazetteer(args) => gazetteer_cmd::run(args),
        cli::Command::Ingest(args) => ingest_cmd::run(args),
        cli::Command::Search(args) => ingest_cmd::search(args),
        cli::Command::Export(args) => export_cmd::run(args),
        cli::Command::Incidents(args) => incidents_cmd::list(args),
        cli::Command::Show(args) => incidents_cmd::show(args),
        cli::Command::Tally(args) => incidents_cmd::tally(args),
        cli::Command::Ceasefire(args) => ceasefire_cmd::run(args),
        cli::Command::Brief(args) => brief_cmd::run(args),
        cli::Command::Serve(args) => serve::run(args),
        cli::Command::Demo(args) => serve::demo(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep: {e:#}");
            ExitCode::from(2)
        }
    }
}

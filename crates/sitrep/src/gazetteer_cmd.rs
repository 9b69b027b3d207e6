//! `sitrep gazetteer`: look names up, import a GeoNames dump into the user gazetteer, stats.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use sitrep_engine::gazetteer::{Gazetteer, import};

use crate::cli::{GazetteerArgs, GazetteerCommand};
use crate::output::write_out;

/// Where the user gazetteer lives: `gazetteer/` in sitrep's folder.
pub fn user_dir() -> Option<PathBuf> {
    crate::paths::home_dir().map(|b| b.join("gazetteer"))
}

pub fn user_places_path() -> Option<PathBuf> {
    user_dir().map(|d| d.join("user_places.tsv"))
}

/// The bundled gazetteer plus the user's imports, if any.
pub fn load() -> anyhow::Result<Gazetteer> {
    let mut g = sitrep_engine::builtin_gazetteer();
    if let Some(path) = user_places_path().filter(|p| p.exists()) {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read the user gazetteer", path.display()))?;
        g.add_user_places(&text);
    }
    Ok(g)
}

pub fn run(args: GazetteerArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        GazetteerCommand::Lookup { name, limit } => {
            let g = load()?;
            let cands = g.candidates(&name);
            if cands.is_empty() {
                write_out(&format!("no place named {name:?} in the gazetteer\n"))?;
                return Ok(ExitCode::from(1));
            }
            let mut s = format!(
                "{:>6}  {:<10} {:<30} {:<3} {:<24} {:>9} {:>9}  {:<22} why\n",
                "score", "kind", "name", "cc", "admin1", "lat", "lon", "id"
            );
            for c in cands.iter().take(limit) {
                let p = &c.place;
                let coord = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.4}"));
                s.push_str(&format!(
                    "{:>6.2}  {:<10} {:<30} {:<3} {:<24} {:>9} {:>9}  {:<22} {}\n",
                    c.score,
                    format!("{:?}", p.kind).to_lowercase(),
                    p.name,
                    p.country.as_deref().unwrap_or("-"),
                    p.admin1.as_deref().unwrap_or("-"),
                    coord(p.lat),
                    coord(p.lon),
                    p.gazetteer_id.as_deref().unwrap_or("-"),
                    c.why
                ));
            }
            if cands.len() > limit {
                s.push_str(&format!("… {} more (--limit)\n", cands.len() - limit));
            }
            s.push_str("Context decides in extraction: kind words, a country or province named nearby, the report's countries.\n");
            write_out(&s)?;
        }
        GazetteerCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("{}: cannot read", file.display()))?;
            let (rows, stats) = import::convert_dump(&text);
            if stats.kept == 0 {
                bail!(
                    "{}: no GeoNames rows found ({} lines read, {} malformed): want the 19-column dump format of allCountries.txt",
                    file.display(),
                    stats.read,
                    stats.malformed
                );
            }
            let path = user_places_path().context("no home folder: set SITREP_HOME")?;
            std::fs::create_dir_all(path.parent().unwrap_or(&path))
                .with_context(|| format!("{}: cannot create", path.display()))?;
            // Merge with earlier imports: the newer row for a geonameid wins.
            let mut merged: std::collections::BTreeMap<u32, String> =
                std::collections::BTreeMap::new();
            if let Ok(old) = std::fs::read_to_string(&path) {
                for line in old.lines().skip(1) {
                    if let Some(id) = line.split('\t').next().and_then(|i| i.parse().ok()) {
                        merged.insert(id, line.to_string());
                    }
                }
            }
            for line in rows.lines() {
                if let Some(id) = line.split('\t').next().and_then(|i| i.parse().ok()) {
                    merged.insert(id, line.to_string());
                }
            }
            let mut out = String::from(import::USER_HEADER);
            out.push('\n');
            for line in merged.values() {
                out.push_str(line);
                out.push('\n');
            }
            // Write to a temporary file and rename, so a crash never leaves half a gazetteer.
            let tmp = path.with_extension("tsv.tmp");
            std::fs::write(&tmp, out)
                .with_context(|| format!("{}: cannot write", tmp.display()))?;
            std::fs::rename(&tmp, &path)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            write_out(&format!(
                "imported {} features from {} ({} lines read, {} of other classes, {} malformed); user gazetteer {} now holds {}\n",
                stats.kept,
                file.display(),
                stats.read,
                stats.skipped_class,
                stats.malformed,
                path.display(),
                merged.len()
            ))?;
        }
        GazetteerCommand::Stats => {
            let t = Instant::now();
            let g = load()?;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            let peak = crate::output::peak_memory_mib()
                .map_or("unknown".into(), |m| format!("{m:.0} MiB"));
            write_out(&format!(
                "countries        {}\nadmin1           {}\nadmin2           {}\nregions          {}\nplaces           {}\nnames indexed    {}\nload time        {ms:.0} ms\npeak memory      {peak}\nuser gazetteer   {}\n",
                g.countries.len(),
                g.admin1.len(),
                g.admin2.len(),
                g.regions.len(),
                g.places.len(),
                g.name_count(),
                user_places_path()
                    .filter(|p| p.exists())
                    .map_or("none".into(), |p| p.display().to_string()),
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

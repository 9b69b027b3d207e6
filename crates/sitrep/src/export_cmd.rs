//! `sitrep export`: the stored records as JSON Lines (one record a line) or as GeoJSON (one
//! point feature per placed event, with its codes, account and source sentence), and the
//! incidents as ACLED-style CSV (`acled.rs`).

use std::process::ExitCode;

use anyhow::Context;
use serde_json::{Value, json};
use sitrep_model::Record;

use crate::cli::{ExportArgs, ExportFormat};
use crate::output::write_out;

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let (store, path) = crate::ingest_cmd::open(&args.store)?;
    let records = store
        .records(args.with_copies)
        .with_context(|| format!("{}: cannot read the store", path.display()))?;
    let out = match args.format {
        ExportFormat::Jsonl => {
            let mut s = String::new();
            for r in &records {
                s.push_str(&serde_json::to_string(r)?);
                s.push('\n');
            }
            s
        }
        ExportFormat::Geojson => serde_json::to_string_pretty(&geojson(&records))? + "\n",
        ExportFormat::AcledCsv => {
            let incidents = store
                .incidents(&sitrep_store::IncidentQuery::default())
                .with_context(|| format!("{}: cannot read incidents", path.display()))?;
            let gaz = crate::gazetteer_cmd::load()?;
            let country = |cc: &str| gaz.country(cc).map(|c| (c.name.clone(), c.iso3.clone()));
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(crate::acled::COLUMNS)?;
            for inc in &incidents {
                w.write_record(crate::acled::row(inc, &country, now))?;
            }
            String::from_utf8(w.into_inner()?)?
        }
    };
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A FeatureCollection (RFC 7946: coordinates are [longitude, latitude]) of every event
/// location that has coordinates.
pub fn geojson(records: &[Record]) -> Value {
    let mut features = Vec::new();
    for r in records {
        for e in &r.events {
            let sentence = r
                .document
                .text
                .get(e.evidence.span.start..e.evidence.span.end)
                .unwrap_or("");
            for l in &e.locations {
                let (Some(lat), Some(lon)) = (l.lat, l.lon) else {
                    continue;
                };
                features.push(json!({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "report": r.document.id,
                        "title": r.document.title,
                        "published": r.document.published,
                        "source": r.document.source,
                        "plover": e.plover,
                        "event_type": e.event_type,
                        "sub_event_type": e.sub_event_type,
                        "actor1": e.actor1,
                        "actor1_country": e.actor1_country,
                        "actor2": e.actor2,
                        "date": e.date,
                        "status": e.status,
                        "claimed_by": e.claimed_by,
                        "place": l.name,
                        "country": l.country,
                        "place_kind": l.kind,
                        "evidence": sentence,
                    }
                }));
            }
        }
    }
    json!({"type": "FeatureCollection", "features": features})
}

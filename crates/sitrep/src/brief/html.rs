//! The brief as one self-contained, printable HTML file: inline styles, no scripts, no
//! fonts or images from anywhere; references link to the numbered sources at the end.

use std::fmt::Write as _;

use sitrep_engine::brief::english::{long_date, number};

use super::{Brief, Line, kind_word};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn cite(refs: &[usize]) -> String {
    let mut r = refs.to_vec();
    r.sort_unstable();
    r.dedup();
    r.iter()
        .map(|n| format!("<a class=\"ref\" href=\"#ref-{n}\">[{n}]</a>"))
        .collect::<Vec<_>>()
        .join("")
}

fn line(l: &Line) -> String {
    format!("{} {}", esc(&l.text), cite(&l.refs))
}

const STYLE: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:1.6rem}\
.meta{color:#444}.ref{font-size:.8em;text-decoration:none;color:#0645ad;margin-left:.1em}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}\
td.n{text-align:right}.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.6rem}\
.side{border:1px solid #ccc;padding:.4rem .6rem;border-radius:4px}.side h4{margin:.1rem 0}\
ol.refs{font-size:.9em;color:#222}@media print{body{margin:0;max-width:none}a{color:#000}.incident{break-inside:avoid}}";

pub fn render(b: &Brief) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        esc(&b.headline)
    );
    let _ = writeln!(o, "<h1>{}</h1>", esc(&b.headline));
    let period = b.period();
    let _ = writeln!(
        o,
        "<p class=\"meta\">Situation report, {}</p>",
        esc(&period)
    );
    let _ = writeln!(
        o,
        "<p>{}</p>",
        b.summary.iter().map(line).collect::<Vec<_>>().join(" ")
    );
    let _ = writeln!(o, "<h2>Key incidents</h2>");
    for k in &b.incidents {
        let _ = writeln!(
            o,
            "<section class=\"incident\"><h3>#{} {}{}{}{}</h3><div class=\"sides\">",
            k.id,
            esc(&k.what),
            k.place
                .as_deref()
                .map(|p| format!(", {}", esc(p)))
                .unwrap_or_default(),
            k.date
                .as_deref()
                .map(|d| format!(", {}", long_date(d)))
                .unwrap_or_default(),
            k.killed
                .map(|n| format!(": {} killed", number(n)))
                .unwrap_or_default()
        );
        for a in &k.accounts {
            let _ = write!(o, "<div class=\"side\"><h4>{}</h4><ul>", esc(&a.side));
            for l in &a.lines {
                let _ = write!(o, "<li>{}</li>", line(l));
            }
            let _ = writeln!(o, "</ul></div>");
        }
        let _ = writeln!(o, "</div></section>");
    }
    let _ = writeln!(
        o,
        "<h2>Casualties and displacement</h2><table><tr><th>country</th><th>what</th><th>latest</th><th>range</th><th>basis</th><th>reported by</th><th>sources</th></tr>"
    );
    for t in &b.casualties {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}–{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&t.country),
            kind_word(t.kind),
            number(t.latest),
            number(t.range[0]),
            number(t.range[1]),
            if t.basis == "cumulative" {
                "period total"
            } else {
                "sum of incidents"
            },
            esc(&t.reported_by.join("; ")),
            cite(&t.refs)
        );
    }
    let _ = writeln!(o, "</table>");
    let _ = writeln!(o, "<h2>Diplomacy</h2><ul>");
    for d in &b.diplomacy {
        let _ = writeln!(o, "<li>{}: {}</li>", long_date(&d.date), line(&d.line));
    }
    let _ = writeln!(o, "</ul><h2>Ceasefire</h2><ul>");
    for l in &b.ceasefire_lines {
        let _ = writeln!(o, "<li>{}</li>", line(l));
    }
    let _ = writeln!(o, "</ul><h2>Positions and conditions</h2><ul>");
    for p in &b.positions {
        for l in &p.lines {
            let _ = writeln!(o, "<li>{}</li>", line(l));
        }
    }
    let _ = writeln!(o, "</ul><h2>Disputed</h2><ul>");
    for l in &b.disputed {
        let _ = writeln!(o, "<li>{}</li>", line(l));
    }
    let _ = writeln!(o, "</ul><h2>References</h2><ol class=\"refs\">");
    for r in &b.references {
        let _ = writeln!(
            o,
            "<li id=\"ref-{}\">{}{}: “{}”</li>",
            r.n,
            esc(&r.report),
            r.published
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default(),
            esc(&r.sentence)
        );
    }
    let _ = writeln!(o, "</ol></body></html>");
    o
}

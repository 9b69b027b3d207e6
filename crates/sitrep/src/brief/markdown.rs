//! The brief as Markdown that pastes cleanly into a chat or an email: plain headings,
//! bullet lists, a pipe table, and references as [n].

use std::fmt::Write as _;

use sitrep_engine::brief::english::{long_date, number};

use super::{Brief, Line, kind_word};

fn cite(refs: &[usize]) -> String {
    if refs.is_empty() {
        return String::new();
    }
    let mut r = refs.to_vec();
    r.sort_unstable();
    r.dedup();
    format!(
        " [{}]",
        r.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn line(l: &Line) -> String {
    format!("{}{}", l.text, cite(&l.refs))
}

pub fn render(b: &Brief) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", b.headline);
    let period = b.period();
    let _ = writeln!(
        o,
        "_Situation report, {period}{}._\n",
        if b.countries.is_empty() {
            String::new()
        } else {
            format!("; {}", b.countries.join(", "))
        }
    );
    let _ = writeln!(
        o,
        "{}\n",
        b.summary.iter().map(line).collect::<Vec<_>>().join(" ")
    );
    let _ = writeln!(o, "## Key incidents\n");
    for k in &b.incidents {
        let _ = writeln!(
            o,
            "- **#{} {}**{}{}{}",
            k.id,
            k.what,
            k.place
                .as_deref()
                .map(|p| format!(", {p}"))
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
            for l in &a.lines {
                let _ = writeln!(o, "  - {}", line(l));
            }
        }
    }
    if b.incidents.is_empty() {
        let _ = writeln!(o, "- none reported");
    }
    let _ = writeln!(o, "\n## Casualties and displacement\n");
    let _ = writeln!(
        o,
        "| country | what | latest | range | basis | reported by | refs |"
    );
    let _ = writeln!(o, "|---|---|---:|---|---|---|---|");
    for t in &b.casualties {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {}–{} | {} | {} | {} |",
            t.country,
            kind_word(t.kind),
            number(t.latest),
            number(t.range[0]),
            number(t.range[1]),
            if t.basis == "cumulative" {
                "period total"
            } else {
                "sum of incidents"
            },
            t.reported_by.join("; "),
            cite(&t.refs).trim()
        );
    }
    let _ = writeln!(o, "\n## Diplomacy\n");
    for d in &b.diplomacy {
        let _ = writeln!(o, "- {}: {}", long_date(&d.date), line(&d.line));
    }
    if b.diplomacy.is_empty() {
        let _ = writeln!(o, "- nothing reported");
    }
    let _ = writeln!(o, "\n## Ceasefire\n");
    for l in &b.ceasefire_lines {
        let _ = writeln!(o, "- {}", line(l));
    }
    if b.ceasefire_lines.is_empty() {
        let _ = writeln!(o, "- no agreement reported");
    }
    let _ = writeln!(o, "\n## Positions and conditions\n");
    for p in &b.positions {
        for l in &p.lines {
            let _ = writeln!(o, "- {}", line(l));
        }
    }
    let _ = writeln!(o, "\n## Disputed\n");
    for l in &b.disputed {
        let _ = writeln!(o, "- {}", line(l));
    }
    if b.disputed.is_empty() {
        let _ = writeln!(o, "- nothing disputed");
    }
    let _ = writeln!(o, "\n## References\n");
    for r in &b.references {
        let _ = writeln!(
            o,
            "{}. {}{}: \"{}\"",
            r.n,
            r.report,
            r.published
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default(),
            r.sentence.replace('\n', " ")
        );
    }
    o
}

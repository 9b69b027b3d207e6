//! A reader for the project's TSV data files: a header line, `#` comments, tab-separated cells.
//!
//! Data errors are collected, not thrown: a malformed row is reported and skipped so one
//! bad line in an analyst's edit never disables a whole lexicon.

/// One data row, its cells addressed by column name.
#[derive(Debug)]
pub struct Row<'h, 'a> {
    pub line: usize,
    header: &'h [&'a str],
    cells: Vec<&'a str>,
}

impl<'a> Row<'_, 'a> {
    /// The cell of `column`, trimmed; empty when the column is missing or blank.
    pub fn get(&self, column: &str) -> &'a str {
        self.header
            .iter()
            .position(|h| *h == column)
            .and_then(|i| self.cells.get(i))
            .map_or("", |c| c.trim())
    }

    /// The cell of `column` split on `|`, blank items dropped.
    pub fn list(&self, column: &str) -> impl Iterator<Item = &'a str> + use<'a> {
        self.get(column)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The cell of `column` as an optional string.
    pub fn opt(&self, column: &str) -> Option<&'a str> {
        Some(self.get(column)).filter(|s| !s.is_empty())
    }
}

/// Calls `each` for every data row of `source`; `name` labels problems.
pub fn for_each_row<'a>(source: &'a str, mut each: impl FnMut(Row<'_, 'a>)) {
    let mut lines = source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((_, header_line)) = lines.next() else {
        return;
    };
    let header: Vec<&str> = header_line.split('\t').map(str::trim).collect();
    for (n, line) in lines {
        each(Row {
            line: n + 1,
            header: &header,
            cells: line.split('\t').collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_by_column_and_skips_comments() {
        let src = "# about\nforms\tkind\n# group\nkilled|dead\tkilled\n\nhurt\t\n";
        let mut seen = Vec::new();
        for_each_row(src, |r| {
            seen.push((
                r.list("forms").collect::<Vec<_>>(),
                r.opt("kind"),
                r.get("none"),
            ))
        });
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].0, ["killed", "dead"]);
        assert_eq!(seen[0].1, Some("killed"));
        assert_eq!(seen[1].1, None);
        assert_eq!(seen[1].2, "");
    }
}

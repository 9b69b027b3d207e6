//! Reading a GeoNames dump (`allCountries.txt`, `KH.txt`: 19 tab-separated columns) into
//! rows of `places.tsv` with a `feature` column, for a user gazetteer.
//!
//! Bad rows are counted and skipped, never fatal: a dump has millions of lines.

use super::fold_name;

/// The header of the rows `convert_dump` writes (the columns of `places.tsv` plus `feature`).
pub const USER_HEADER: &str =
    "geonameid\tname\tcountry\tadmin1\tpopulation\tlat\tlon\talt_names\tadmin2\tfeature";

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportStats {
    pub read: usize,
    pub kept: usize,
    pub skipped_class: usize,
    pub malformed: usize,
}

/// Feature classes worth resolving in conflict news: populated places, divisions, spots
/// (landmarks, camps, bases), hydrography, terrain and areas.
const CLASSES: &[&str] = &["P", "A", "S", "H", "T", "L"];

/// Converts a GeoNames dump into user-gazetteer rows (without header), one per kept feature.
pub fn convert_dump(dump: &str) -> (String, ImportStats) {
    let mut out = String::new();
    let mut stats = ImportStats::default();
    for line in dump.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        stats.read += 1;
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 15 {
            stats.malformed += 1;
            continue;
        }
        let (Ok(id), Ok(lat), Ok(lon)) = (
            c[0].parse::<u32>(),
            c[4].parse::<f64>(),
            c[5].parse::<f64>(),
        ) else {
            stats.malformed += 1;
            continue;
        };
        let (class, code, country) = (c[6], c[7], c[8]);
        if !CLASSES.contains(&class) || country.len() != 2 {
            stats.skipped_class += 1;
            continue;
        }
        let name = clean(c[1]);
        if name.is_empty() {
            stats.malformed += 1;
            continue;
        }
        let main = fold_name(&name);
        let mut alts: Vec<String> = Vec::new();
        for a in c[3].split(',').map(clean) {
            let key = fold_name(&a);
            let latin = a.chars().all(|ch| {
                ch.is_ascii()
                    || ('\u{c0}'..='\u{24f}').contains(&ch)
                    || ('\u{1e00}'..='\u{1eff}').contains(&ch)
            });
            if latin
                && !a.is_empty()
                && a.chars().any(char::is_uppercase)
                && key != main
                && !alts.iter().any(|x| fold_name(x) == key)
            {
                alts.push(a);
            }
        }
        let admin1 = if c[10].is_empty() {
            String::new()
        } else {
            format!("{country}.{}", c[10])
        };
        let admin2 = if c[10].is_empty() || c[11].is_empty() {
            String::new()
        } else {
            format!("{country}.{}.{}", c[10], c[11])
        };
        let population = c[14].parse::<u64>().unwrap_or(0);
        out.push_str(&format!(
            "{id}\t{name}\t{country}\t{admin1}\t{population}\t{lat:.4}\t{lon:.4}\t{}\t{admin2}\t{class}.{code}\n",
            alts.join("|")
        ));
        stats.kept += 1;
    }
    (out, stats)
}

fn clean(s: &str) -> String {
    s.replace(['\t', '|', '\n', '\r'], " ").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUMP: &str = "215605\tGoma\tGoma\tGoma City,Ville de Goma,ゴマ\t-1.67409\t29.22845\tP\tPPLA\tCD\t\t11\t1101\t\t\t670000\t\t1500\tAfrica/Lubumbashi\t2020-01-01\n\
bad line\n\
9999999\tSome Lake\tSome Lake\t\t12.5\t104.1\tH\tLK\tCD\t\t11\t\t\t\t0\t\t\tAfrica/Lubumbashi\t2020-01-01\n\
1\tNowhere\tNowhere\t\t1\t2\tZ\tXX\tCD\t\t\t\t\t\t0\t\t\t\t\n";

    #[test]
    fn converts_kept_classes_and_counts_the_rest() {
        let (rows, stats) = convert_dump(DUMP);
        assert_eq!(
            stats,
            ImportStats {
                read: 4,
                kept: 2,
                skipped_class: 1,
                malformed: 1
            }
        );
        let first: Vec<&str> = rows.lines().next().unwrap().split('\t').collect();
        assert_eq!(first[..5], ["215605", "Goma", "CD", "CD.11", "670000"]);
        assert_eq!(
            first[7], "Goma City|Ville de Goma",
            "non-Latin alternate names are dropped"
        );
        assert_eq!(first[8], "CD.11.1101");
        assert_eq!(first[9], "P.PPLA");
        assert!(rows.lines().nth(1).unwrap().ends_with("H.LK"));
    }

    #[test]
    fn imported_rows_load_into_a_gazetteer() {
        let (rows, _) = convert_dump(DUMP);
        let mut g = super::super::Gazetteer::default();
        let added = g.add_user_places(&format!("{USER_HEADER}\n{rows}"));
        assert_eq!(added, 2);
        assert_eq!(g.lookup("Some Lake").len(), 1);
        assert_eq!(g.places[1].kind, sitrep_model::PlaceKind::Water);
    }
}

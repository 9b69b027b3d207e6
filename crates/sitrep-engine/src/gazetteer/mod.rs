//! The bundled world gazetteer (GeoNames, CC BY 4.0): countries, first-level divisions
//! and populated places, with one index from folded names to every entry so named.
//!
//! Built from the TSV files in `data/gazetteer/` (see `scripts/build_gazetteer.py`).
//! The engine does no I/O: the files are compiled in, or handed over as strings.

mod fold;

use rustc_hash::FxHashMap as HashMap;

pub use fold::{fold_name, fold_name_cow};

use crate::lexicon::tsv;

macro_rules! gaz_file {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/gazetteer/",
            $name
        ))
    };
}

#[derive(Debug, Clone)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub name: String,
    pub geonameid: Option<u32>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    pub capital: String,
    pub capital_geonameid: Option<u32>,
    pub neighbours: Vec<String>,
    pub demonyms: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Admin1 {
    /// GeoNames code, e.g. `KH.24`.
    pub code: String,
    pub country: String,
    pub name: String,
    pub geonameid: Option<u32>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Populated {
    pub geonameid: u32,
    pub name: String,
    pub country: String,
    pub admin1: Option<String>,
    pub population: u64,
    pub lat: f64,
    pub lon: f64,
}

/// One thing a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    Country(u32),
    Admin1(u32),
    Place(u32),
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub admin1: Vec<Admin1>,
    pub places: Vec<Populated>,
    names: HashMap<String, Vec<Entry>>,
    demonyms: HashMap<String, u32>,
    by_iso2: HashMap<String, u32>,
    by_iso3: HashMap<String, u32>,
    admin1_by_code: HashMap<String, u32>,
    capitals: HashMap<u32, u32>,
}

impl Gazetteer {
    /// The gazetteer compiled into the binary.
    pub fn builtin() -> Self {
        Self::from_sources(
            gaz_file!("countries.tsv"),
            gaz_file!("admin1.tsv"),
            gaz_file!("places.tsv"),
            gaz_file!("demonyms_extra.tsv"),
        )
    }

    /// Builds a gazetteer from the four TSV sources (same columns as `data/gazetteer/`).
    pub fn from_sources(countries: &str, admin1: &str, places: &str, demonyms: &str) -> Self {
        let mut g = Gazetteer::default();
        tsv::for_each_row(countries, |r| {
            let iso2 = r.get("iso2").to_uppercase();
            if iso2.len() != 2 {
                return;
            }
            let idx = g.countries.len() as u32;
            let name = r.get("name").to_string();
            g.add_name(&name, Entry::Country(idx));
            for alt in r.list("alt_names") {
                g.add_name(alt, Entry::Country(idx));
            }
            let demonyms: Vec<String> = r.list("demonyms").map(str::to_string).collect();
            for d in &demonyms {
                g.demonyms.entry(fold_name(d)).or_insert(idx);
            }
            g.by_iso2.insert(iso2.clone(), idx);
            g.by_iso3.insert(r.get("iso3").to_uppercase(), idx);
            g.countries.push(Country {
                iso2,
                iso3: r.get("iso3").to_uppercase(),
                name,
                geonameid: r.get("geonameid").parse().ok(),
                lat: r.get("lat").parse().ok(),
                lon: r.get("lon").parse().ok(),
                population: r.get("population").parse().unwrap_or(0),
                capital: r.get("capital").to_string(),
                capital_geonameid: r.get("capital_geonameid").parse().ok(),
                neighbours: r.list("neighbours").map(str::to_uppercase).collect(),
                demonyms,
            });
        });
        tsv::for_each_row(demonyms, |r| {
            if let Some(&idx) = g.by_iso2.get(&r.get("iso2").to_uppercase()) {
                g.demonyms.entry(fold_name(r.get("demonym"))).or_insert(idx);
            }
        });
        tsv::for_each_row(admin1, |r| {
            let idx = g.admin1.len() as u32;
            let name = r.get("name").to_string();
            g.add_name(&name, Entry::Admin1(idx));
            for alt in r.list("alt_names") {
                g.add_name(alt, Entry::Admin1(idx));
            }
            g.admin1_by_code.insert(r.get("code").to_string(), idx);
            g.admin1.push(Admin1 {
                code: r.get("code").to_string(),
                country: r.get("country").to_uppercase(),
                name,
                geonameid: r.get("geonameid").parse().ok(),
                lat: r.get("lat").parse().ok(),
                lon: r.get("lon").parse().ok(),
            });
        });
        let capital_ids: HashMap<u32, u32> = g
            .countries
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((c.capital_geonameid?, i as u32)))
            .collect();
        tsv::for_each_row(places, |r| {
            let (Ok(geonameid), Ok(lat), Ok(lon)) = (
                r.get("geonameid").parse::<u32>(),
                r.get("lat").parse::<f64>(),
                r.get("lon").parse::<f64>(),
            ) else {
                return;
            };
            let idx = g.places.len() as u32;
            let name = r.get("name").to_string();
            g.add_name(&name, Entry::Place(idx));
            for alt in r.list("alt_names") {
                g.add_name(alt, Entry::Place(idx));
            }
            if let Some(&country) = capital_ids.get(&geonameid) {
                g.capitals.insert(idx, country);
            }
            g.places.push(Populated {
                geonameid,
                name,
                country: r.get("country").to_uppercase(),
                admin1: r.opt("admin1").map(str::to_string),
                population: r.get("population").parse().unwrap_or(0),
                lat,
                lon,
            });
        });
        g.names.shrink_to_fit();
        g
    }

    fn add_name(&mut self, name: &str, entry: Entry) {
        let key = fold_name(name);
        if key.is_empty() {
            return;
        }
        // Arabic names are written with and without the article: "Al Hudaydah", "Hudaydah".
        for article in [
            "al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ",
        ] {
            if let Some(bare) = key.strip_prefix(article)
                && bare.len() > 3
            {
                self.push_name(bare.to_string(), entry);
            }
        }
        self.push_name(key, entry);
    }

    fn push_name(&mut self, key: String, entry: Entry) {
        let list = self.names.entry(key).or_default();
        if !list.contains(&entry) {
            list.push(entry);
        }
    }

    /// Every entry known by this (already folded) name.
    pub fn lookup_folded(&self, key: &str) -> &[Entry] {
        self.names.get(key).map_or(&[], Vec::as_slice)
    }

    pub fn lookup(&self, name: &str) -> &[Entry] {
        self.lookup_folded(&fold_name_cow(name))
    }

    /// The country whose demonym or adjective this is ("Thai", "Khmer", "Cambodian").
    pub fn demonym(&self, word: &str) -> Option<&Country> {
        self.demonyms
            .get(fold_name_cow(word).as_ref())
            .map(|&i| &self.countries[i as usize])
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2.get(iso2).map(|&i| &self.countries[i as usize])
    }

    pub fn country_by_iso3(&self, iso3: &str) -> Option<&Country> {
        self.by_iso3.get(iso3).map(|&i| &self.countries[i as usize])
    }

    pub fn admin1_by_code(&self, code: &str) -> Option<&Admin1> {
        self.admin1_by_code
            .get(code)
            .map(|&i| &self.admin1[i as usize])
    }

    /// The country this populated place is the capital of.
    pub fn capital_of(&self, place: u32) -> Option<&Country> {
        self.capitals
            .get(&place)
            .map(|&i| &self.countries[i as usize])
    }

    pub fn name_count(&self) -> usize {
        self.names.len()
    }
}

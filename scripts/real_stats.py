#!/usr/bin/env python3
"""The real corpus in figures: units per source and split, countries, years, and how many
gold events of each ACLED sub-event type (and of ceasefire diplomacy, displacement and
detention) it holds. tests/real/README.md quotes its output.

    python3 scripts/real_stats.py
"""
import glob
import json
from collections import Counter, defaultdict
from pathlib import Path

from real_corpus import REAL, header, read_jsonl, read_splits


def main():
    split = read_splits()
    units = []  # (id, kind, source, year, gold)
    for p in sorted(glob.glob(str(REAL / "reports/*.txt"))):
        uid = Path(p).stem
        h = header(p)
        gp = REAL / "gold" / f"{uid}.json"
        gold = json.load(open(gp, encoding="utf-8")) if gp.exists() else None
        units.append((uid, "report", h.get("outlet", "?"), (h.get("published") or "?")[:4], gold))
    golds = {g["id"]: g for gp in glob.glob(str(REAL / "gold/snippets/*.jsonl"))
             for g in read_jsonl(gp)}
    for p in sorted(glob.glob(str(REAL / "snippets/*.jsonl"))):
        for d in read_jsonl(p):
            units.append((d["id"], "snippet", Path(p).stem, (d.get("published") or "?")[:4],
                          golds.get(d["id"])))
    by = defaultdict(Counter)
    countries, years = set(), set()
    subs, mains, extra = Counter(), Counter(), Counter()
    for uid, kind, source, year, gold in units:
        by[(kind, source)][split.get(uid, "none")] += 1
        by[(kind, source)]["annotated"] += gold is not None
        if year != "?":
            years.add(year)
        if not gold:
            continue
        for e in gold.get("events") or []:
            for l in e.get("locations") or []:
                if l.get("country"):
                    countries.add(l["country"])
            subs[e.get("sub_event_type") or f"({e.get('plover')}, no ACLED type)"] += 1
            if e.get("plover") in ("AGREE", "CONSULT") or "ceasefire" in (e.get("note") or "").lower():
                extra["ceasefire diplomacy (AGREE, CONSULT)"] += 1
            if e.get("sub_event_type") == "Arrests" or e.get("mode") == "arrest":
                extra["detention (arrests)"] += 1
        for p in gold.get("places") or []:
            if p.get("country"):
                countries.add(p["country"])
        for f in gold.get("figures") or []:
            if f.get("kind") in ("displaced", "refugees", "evacuated"):
                extra["displacement figures"] += 1
            if f.get("kind") == "detained":
                extra["detention figures"] += 1
        ev = gold.get("events") or []
        mains[(ev[0].get("sub_event_type") or f"({ev[0].get('plover')}, no ACLED type)")
              if ev else "(no event)"] += 1
    print("| unit | source | items | annotated | train | dev | test |")
    print("|---|---|---|---|---|---|---|")
    for (kind, source), c in sorted(by.items()):
        total = sum(v for k, v in c.items() if k != "annotated")
        print(f"| {kind} | {source} | {total} | {c['annotated']} | {c['train']} | {c['dev']} | {c['test']} |")
    rows = read_jsonl(REAL / "ucdp/places.jsonl")
    places = len(rows)
    ps = Counter(split.get(r["id"]) for r in rows)
    print(f"| place row | UCDP GED | {places} | {places} | {ps['train']} | {ps['dev']} | {ps['test']} |")
    print(f"\nCountries in gold locations and places: {len(countries)}; years of publication: "
          f"{len(years)} ({min(years)}–{max(years)})\n")
    print("| ACLED sub-event type (all gold events) | events | as an item's main event |")
    print("|---|---|---|")
    for s, n in sorted(subs.items(), key=lambda x: -x[1]):
        print(f"| {s} | {n} | {mains.get(s, 0)} |")
    print(f"| (items with no event) | – | {mains.get('(no event)', 0)} |")
    print()
    for k, n in sorted(extra.items()):
        print(f"- {k}: {n}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Draws the real-text corpus's train/dev/test splits (tests/real/splits.tsv), seeded.

Units: each report (tests/real/reports/<id>.txt), each snippet (tests/real/snippets/*.jsonl)
and each UCDP place row (tests/real/ucdp/places.jsonl). Units of one UCDP event row (its
headlines and its place) share a group and so a split. Groups are stratified by source,
country and the main event's ACLED sub-event type (from the gold, where there is one);
inside each stratum they are ordered by a seeded hash and dealt out 50/20/30. Supplement
sources (SUPPLEMENTS: labelled later to fill thin classes) are dealt 80/20 to train and dev
only.

The split is frozen: ids already in splits.tsv keep their split; only new ids are drawn.
`--check` fails when a unit has no split or a split id names no unit.

    python3 scripts/real_splits.py [--seed 20261207] [--check]
"""
import argparse
import glob
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from real_corpus import REAL, ROOT, SPLITS, read_jsonl, read_splits

SHARES = [("train", 0.5), ("dev", 0.2), ("test", 0.3)]
# Sources labelled after the test split was frozen, to fill thin classes for training, are
# dealt to train and dev only: the frozen test split neither grows nor shrinks with them.
SUPPLEMENT_SHARES = [("train", 0.8), ("dev", 0.2)]
SUPPLEMENTS = {"wikipedia-cep-3"}


def main_type(gold):
    events = (gold or {}).get("events") or []
    if not events:
        return "none"
    return events[0].get("sub_event_type") or events[0].get("plover") or "none"


def first_country(gold, fallback):
    for e in (gold or {}).get("events") or []:
        for loc in e.get("locations") or []:
            if loc.get("country"):
                return loc["country"]
    for p in (gold or {}).get("places") or []:
        if p.get("country"):
            return p["country"]
    return fallback or "-"


def units():
    """(id, group, stratum) for every unit of the corpus."""
    out = []
    src_countries = {}
    for tsv in glob.glob(str(REAL / "reports/SOURCES-*.tsv")):
        lines = open(tsv, encoding="utf-8").read().splitlines()
        cols = lines[0].split("\t")
        for l in lines[1:]:
            row = dict(zip(cols, l.split("\t")))
            f = row.get("file", "")
            src_countries[Path(f).stem] = (row.get("countries") or "-").split(",")[0].strip()
    for path in sorted(glob.glob(str(REAL / "reports/*.txt"))):
        rid = Path(path).stem
        gp = REAL / "gold" / f"{rid}.json"
        gold = json.load(open(gp, encoding="utf-8")) if gp.exists() else None
        country = first_country(gold, src_countries.get(rid))
        out.append((rid, rid, ("report", country, main_type(gold))))
    golds = {}
    for gp in glob.glob(str(REAL / "gold/snippets/*.jsonl")):
        for g in read_jsonl(gp):
            golds[g["id"]] = g
    for path in sorted(glob.glob(str(REAL / "snippets/*.jsonl"))):
        source = Path(path).stem
        for item in read_jsonl(path):
            sid = item["id"]
            group = "ucdp-" + sid.split("-")[1] if sid.startswith("ucdp-") else sid
            gold = golds.get(sid)
            country = first_country(gold, item.get("country_hint"))
            # Before its gold exists, an item's collector's hint stands for its type.
            kind = main_type(gold) if gold else item.get("target", "none")
            out.append((sid, group, ("snippet", source, country, kind)))
    places = REAL / "ucdp/places.jsonl"
    if places.exists():
        for row in read_jsonl(places):
            group = "ucdp-" + row["id"].rsplit("-", 1)[1]
            out.append((row["id"], group, ("ucdp-place", row["country_code"], row["where_prec"])))
    return out


def rank(seed, group):
    return hashlib.sha256(f"{seed}:{group}".encode()).hexdigest()


def deal(seed, groups, shares=SHARES):
    """Splits for the groups of one stratum, in seeded order, 50/20/30 (or `shares`)."""
    ordered = sorted(groups, key=lambda g: rank(seed, g))
    n = len(ordered)
    out = {}
    for i, g in enumerate(ordered):
        # The position's midpoint decides, so even a stratum of one or two is dealt by rank.
        x = (i + 0.5) / n if n > 2 else int(rank(seed, "x" + g)[:8], 16) / 16**8
        acc = 0.0
        for name, share in shares:
            acc += share
            if x < acc:
                out[g] = name
                break
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", default="20261207")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    us = units()
    frozen = read_splits()
    if args.check:
        ids = {u[0] for u in us}
        missing = [u[0] for u in us if u[0] not in frozen]
        stale = [i for i in frozen if i not in ids]
        for what, xs in (("no split", missing), ("split but no unit", stale)):
            if xs:
                print(f"{len(xs)} ids with {what}: {', '.join(xs[:5])}", file=sys.stderr)
        sys.exit(1 if missing or stale else 0)
    # A group already split keeps its split for its new units.
    group_split = {}
    for uid, group, _ in us:
        if uid in frozen:
            group_split.setdefault(group, frozen[uid])
    strata = defaultdict(set)
    supplement_strata = {("snippet", s) for s in SUPPLEMENTS}
    for uid, group, stratum in us:
        if uid not in frozen and group not in group_split:
            strata[stratum].add(group)
    for stratum, groups in strata.items():
        shares = SUPPLEMENT_SHARES if stratum[:2] in supplement_strata else SHARES
        group_split.update(deal(args.seed, groups, shares))
    rows = {uid: frozen.get(uid) or group_split[group] for uid, group, _ in us}
    with open(SPLITS, "w", encoding="utf-8") as f:
        f.write("id\tsplit\n")
        for uid in sorted(rows):
            f.write(f"{uid}\t{rows[uid]}\n")
    counts = defaultdict(lambda: defaultdict(int))
    for uid, _, stratum in us:
        counts[stratum[0]][rows[uid]] += 1
    for kind, c in sorted(counts.items()):
        total = sum(c.values())
        parts = ", ".join(f"{s} {c[s]} ({c[s] / total:.0%})" for s, _ in SHARES)
        print(f"{kind}: {total}: {parts}")
    new = len(rows) - len(frozen)
    print(f"{SPLITS.relative_to(ROOT)}: {len(rows)} ids, {new} newly drawn")


if __name__ == "__main__":
    main()

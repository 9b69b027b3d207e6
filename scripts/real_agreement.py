#!/usr/bin/env python3
"""Agreement between two independent annotations of the real corpus's double-annotated
sample: tests/real/gold (first) against tests/real/second/gold (second).

Per section, F1 between the annotators (matches counted as the scorer matches a prediction
to gold: events on PLOVER type, ACLED sub-event type, actor1 country and location country;
figures on kind, count and qualifier; places on name and country; actors on name, and
again on referent (the same words in two phrasings, or one state: `same_referent`);
claims on kind and the claimant's country), and for
snippets, agreement and Cohen's kappa on whether an item tells an event and on its main
event's ACLED sub-event type.

    python3 scripts/real_agreement.py [--disagreements N]
"""
import argparse
import glob
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests/real"
KIND_WORDS = {"province", "district", "state", "city", "village", "town", "region",
              "governorate", "county", "oblast", "camp", "area", "municipality"}


def fold(s):
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", s)
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] in KIND_WORDS:
        words = words[:-1]
    return " ".join(words)


FUNCTION_WORDS = {"the", "of", "and", "s", "a", "an", "in", "from", "for", "to", "on"}


def content(name):
    return set(fold(name).split()) - FUNCTION_WORDS


def same_referent(x, y):
    """Two annotators' names for one party: the same words ("Aristide supporters" /
    "supporters of Jean-Bertrand Aristide" share most of theirs), or one state named two ways
    (kind `state`, one country)."""
    if fold(x.get("name")) == fold(y.get("name")):
        return True
    if x.get("kind") == "state" == y.get("kind") and x.get("country") and x.get("country") == y.get("country"):
        return True
    a, b = content(x.get("name")), content(y.get("name"))
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= 0.5 or (a <= b or b <= a) and len(a & b) >= 1 and (
        x.get("country") == y.get("country"))


def load(base):
    units = {}
    for p in glob.glob(str(base / "*.json")):
        g = json.load(open(p, encoding="utf-8"))
        units[Path(p).stem] = ("report", g)
    for p in glob.glob(str(base / "snippets/*.jsonl")):
        for line in open(p, encoding="utf-8"):
            if line.strip():
                g = json.loads(line)
                units[g["id"]] = ("snippet", g)
    return units


def alts(e, key, field):
    return {e.get(field)} | set(e.get(key) or [])


def event_match(a, b):
    if not (alts(a, "acceptable_plover", "plover") & alts(b, "acceptable_plover", "plover")):
        return False
    sa = alts(a, "acceptable_sub_event_types", "sub_event_type")
    sb = alts(b, "acceptable_sub_event_types", "sub_event_type")
    if not (sa & sb):
        return False
    a1 = {a.get("actor1_country")} | ({a.get("actor2_country")} if a.get("symmetric") else set())
    b1 = {b.get("actor1_country")} | ({b.get("actor2_country")} if b.get("symmetric") else set())
    if not (a1 & b1):
        return False
    ca = {l.get("country") for l in a.get("locations") or [] if l.get("country")}
    cb = {l.get("country") for l in b.get("locations") or [] if l.get("country")}
    return not ca or not cb or bool(ca & cb)


def pair(xs, ys, same):
    """Greedy one-to-one matching: (matched pairs, |xs|, |ys|)."""
    used = [False] * len(ys)
    pairs = []
    for x in xs:
        for j, y in enumerate(ys):
            if not used[j] and same(x, y):
                used[j] = True
                pairs.append((x, y))
                break
    return pairs, len(xs), len(ys)


def figure_key(f):
    return (f.get("kind"), f.get("count"), f.get("qualifier") or "exact")


def kappa(labels):
    n = len(labels)
    if n == 0:
        return float("nan")
    po = sum(a == b for a, b in labels) / n
    ca, cb = Counter(a for a, _ in labels), Counter(b for _, b in labels)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--disagreements", type=int, default=0)
    args = ap.parse_args()
    first, second = load(REAL / "gold"), load(REAL / "second/gold")
    both = sorted(set(first) & set(second))
    sections = {k: [0, 0, 0] for k in ("events", "figures", "places", "actors", "actors (referent)", "claims")}
    shares = {k: [0, 0] for k in ("figures.country", "places.admin1", "events.status")}
    detection, acled = [], []
    notes = []
    units = Counter()
    for uid in both:
        kind, a = first[uid]
        _, b = second[uid]
        units[kind] += 1
        for sec, same in (
            ("events", event_match),
            ("figures", lambda x, y: figure_key(x) == figure_key(y)),
            ("places", lambda x, y: fold(x.get("name")) == fold(y.get("name"))
             and x.get("country") == y.get("country")),
            ("actors", lambda x, y: fold(x.get("name")) == fold(y.get("name"))),
            ("actors (referent)", same_referent),
            ("claims", lambda x, y: x.get("kind") == y.get("kind")
             and x.get("by_country") == y.get("by_country")),
        ):
            key = "actors" if sec.startswith("actors") else sec
            pairs, n1, n2 = pair(a.get(key) or [], b.get(key) or [], same)
            t = sections[sec]
            t[0] += len(pairs); t[1] += n1; t[2] += n2
            if args.disagreements and len(pairs) < max(n1, n2):
                notes.append(f"{uid} {sec}: {len(pairs)} shared of {n1} / {n2}")
            for x, y in pairs:
                if sec == "figures":
                    shares["figures.country"][0] += x.get("country") == y.get("country")
                    shares["figures.country"][1] += 1
                if sec == "places" and x.get("admin1") and y.get("admin1"):
                    shares["places.admin1"][0] += fold(x["admin1"]) == fold(y["admin1"])
                    shares["places.admin1"][1] += 1
                if sec == "events":
                    shares["events.status"][0] += x.get("status") == y.get("status")
                    shares["events.status"][1] += 1
        if kind == "snippet":
            ea, eb = a.get("events") or [], b.get("events") or []
            detection.append((bool(ea), bool(eb)))
            if ea and eb:
                acled.append((ea[0].get("sub_event_type") or "-", eb[0].get("sub_event_type") or "-"))
    print(f"double-annotated units: {len(both)} ({dict(units)})")
    print(f"{'section':<22} {'F1':>6} {'shared':>7} {'first':>6} {'second':>7}")
    for sec, (m, n1, n2) in sections.items():
        f1 = 2 * m / (n1 + n2) if n1 + n2 else 1.0
        print(f"{sec:<22} {f1:>6.3f} {m:>7} {n1:>6} {n2:>7}")
    for k, (r, n) in shares.items():
        if n:
            print(f"{k + ' (on shared)':<22} {r / n:>6.3f} {n:>7}")
    if detection:
        agree = sum(x == y for x, y in detection) / len(detection)
        print(f"{'snippet detection':<22} {agree:>6.3f} kappa {kappa(detection):.3f} over {len(detection)}")
    if acled:
        agree = sum(x == y for x, y in acled) / len(acled)
        print(f"{'snippet ACLED type':<22} {agree:>6.3f} kappa {kappa(acled):.3f} over {len(acled)}")
    for n in notes[: args.disagreements]:
        print("  ", n)


if __name__ == "__main__":
    main()

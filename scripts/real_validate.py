#!/usr/bin/env python3
"""Checks the real corpus's gold against the record's vocabularies (../shared/RECORD.md and
ANNOTATION.md): PLOVER types, ACLED event and sub-event types and their pairing, figure
kinds, qualifiers, populations, statuses, place and actor kinds, ISO country codes, and that
every gold names a unit that exists. Prints each problem; exits 1 if there is any.

    python3 scripts/real_validate.py [tests/real/gold tests/real/second/gold]
"""
import glob
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests/real"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}
SUB = {s: t for t, subs in ACLED.items() for s in subs}
FIG_KINDS = {"killed", "wounded", "displaced", "missing", "detained", "evacuated", "refugees"}
QUALIFIERS = {"exact", "at_least", "more_than", "about", "up_to", "range"}
POPULATIONS = {"civilian", "military", "unspecified"}
STATUSES = {"reported", "claimed", "denied", "scheduled", "hypothetical"}
PLACE_KINDS = {"country", "admin1", "admin2", "admin3", "city", "village", "landmark",
               "region", "water", "border"}
ACTOR_KINDS = {"state", "government", "military", "police", "rebel", "igo", "ngo", "party",
               "person", "civilians", "other"}
CLAIM_KINDS = {"accusation", "denial", "demand", "commitment", "appeal", "position",
               "self-defence"}
CC = re.compile(r"^[A-Z]{2}$")


def check(uid, g, problems):
    def bad(msg):
        problems.append(f"{uid}: {msg}")

    def country(v, where):
        if v is not None and not CC.match(str(v)):
            bad(f"{where}: {v!r} is not an ISO alpha-2 code")

    for key in ("events", "figures", "places"):
        if not isinstance(g.get(key), list):
            bad(f"no {key} list")
    for i, e in enumerate((g.get("events") or []) + (g.get("optional_events") or [])):
        w = f"event {i}"
        if e.get("plover") is not None and e.get("plover") not in PLOVER:
            bad(f"{w}: plover {e.get('plover')!r}")
        sub, typ = e.get("sub_event_type"), e.get("event_type")
        if sub is not None and sub not in SUB:
            bad(f"{w}: sub_event_type {sub!r}")
        elif sub is not None and typ is not None and SUB[sub] != typ:
            bad(f"{w}: {sub!r} belongs to {SUB[sub]!r}, not {typ!r}")
        for s in e.get("acceptable_sub_event_types") or []:
            if s not in SUB:
                bad(f"{w}: acceptable sub_event_type {s!r}")
        for p in e.get("acceptable_plover") or []:
            if p not in PLOVER:
                bad(f"{w}: acceptable plover {p!r}")
        if e.get("status") is not None and e.get("status") not in STATUSES:
            bad(f"{w}: status {e.get('status')!r}")
        for k in ("actor1_country", "actor2_country", "claimed_by_country"):
            country(e.get(k), f"{w} {k}")
        for l in e.get("locations") or []:
            country(l.get("country"), f"{w} location")
            if l.get("kind") is not None and l.get("kind") not in PLACE_KINDS:
                bad(f"{w}: location kind {l.get('kind')!r}")
    for i, f in enumerate(g.get("figures") or []):
        w = f"figure {i}"
        if f.get("kind") not in FIG_KINDS:
            bad(f"{w}: kind {f.get('kind')!r}")
        if not isinstance(f.get("count"), int) or f.get("count") < 0:
            bad(f"{w}: count {f.get('count')!r}")
        if (f.get("qualifier") or "exact") not in QUALIFIERS:
            bad(f"{w}: qualifier {f.get('qualifier')!r}")
        if f.get("population") is not None and f.get("population") not in POPULATIONS:
            bad(f"{w}: population {f.get('population')!r}")
        country(f.get("country"), w)
    for i, p in enumerate(g.get("places") or []):
        if not p.get("name"):
            bad(f"place {i}: no name")
        country(p.get("country"), f"place {i}")
    for i, a in enumerate(g.get("actors") or []):
        if a.get("kind") is not None and a.get("kind") not in ACTOR_KINDS:
            bad(f"actor {i}: kind {a.get('kind')!r}")
        country(a.get("country"), f"actor {i}")
    for i, c in enumerate(g.get("claims") or []):
        if c.get("kind") is not None and c.get("kind") not in CLAIM_KINDS:
            bad(f"claim {i}: kind {c.get('kind')!r}")


def main():
    bases = [Path(b) for b in sys.argv[1:]] or [REAL / "gold", REAL / "second/gold"]
    reports = {Path(p).stem for p in glob.glob(str(REAL / "reports/*.txt"))}
    snippets = set()
    for p in glob.glob(str(REAL / "snippets/*.jsonl")):
        snippets |= {json.loads(l)["id"] for l in open(p, encoding="utf-8") if l.strip()}
    problems, n = [], 0
    for base in bases:
        for p in sorted(glob.glob(str(base / "*.json"))):
            uid = Path(p).stem
            if uid not in reports:
                problems.append(f"{p}: no report {uid}.txt")
            try:
                check(uid, json.load(open(p, encoding="utf-8")), problems)
            except json.JSONDecodeError as e:
                problems.append(f"{p}: {e}")
            n += 1
        for p in sorted(glob.glob(str(base / "snippets/*.jsonl"))):
            for k, line in enumerate(open(p, encoding="utf-8"), 1):
                if not line.strip():
                    continue
                try:
                    g = json.loads(line)
                except json.JSONDecodeError as e:
                    problems.append(f"{p}:{k}: {e}")
                    continue
                if g.get("id") not in snippets:
                    problems.append(f"{p}:{k}: no snippet {g.get('id')!r}")
                check(g.get("id"), g, problems)
                n += 1
    for line in problems:
        print(line)
    print(f"{n} gold units checked, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

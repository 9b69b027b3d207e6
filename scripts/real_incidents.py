#!/usr/bin/env python3
"""Builds the real multi-report incident set, tests/real/incidents/ucdp-headlines.jsonl.

What: 60 conflict incidents, each with 3-6 news headlines from different outlets that the
UCDP coders listed as reports of that one event. The gold grouping (which headlines tell
one incident) is UCDP's own coding, not our annotation; it is a test of report merging.
Incidents are picked in clusters (same country, start dates within 3 days) so that
merging has near neighbours to keep apart, and spread over countries and years.

Source: UCDP Georeferenced Event Dataset rows (GED 20.1, 22.1, 23.1) in the project copy
/work/shared/data/ucdp/ged-dev.csv (its `provenance` column names the public repository,
commit and path of each row). UCDP data (c) Uppsala Conflict Data Program, CC BY 4.0.

Headline splitting, pairing and cleaning follow tests/real/snippets/SOURCES.md
(section ucdp.jsonl): split `source_headline` on `;`, pair the k-th headline with the k-th
`source_date` and `source_office` when the lists have equal length (else the first
value), cut after an embedded newline, cut a trailing "Read more at: URL", collapse
whitespace; keep 4+ words, at most 220 characters, English (ASCII/English vocabulary
check), not a report title, URL, coder label or "UPDATE n-" line.

Seed: 20261207 by default (selection and the dev/test deal); the output is deterministic.

    python3 scripts/real_incidents.py [--seed N] [--csv PATH]
"""
import argparse
import csv
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_corpus import REAL, ROOT, read_jsonl  # noqa: E402

CSV = ROOT.parent / "shared/data/ucdp/ged-dev.csv"
SNIPPETS = REAL / "snippets/ucdp.jsonl"
OUT = REAL / "incidents/ucdp-headlines.jsonl"
SEED = 20261207
N_INCIDENTS = 60
MIN_HEADLINES = 3
MAX_HEADLINES = 6
WINDOW_DAYS = 3
LICENCE = "CC BY 4.0"
ATTRIBUTION = "UCDP Georeferenced Event Dataset, Uppsala Conflict Data Program"

# ---------------------------------------------------------------- cleaning and checks

READ_MORE = re.compile(r"\s*Read more at:?\s*\S+\s*$", re.I)
URL = re.compile(r"https?://|www\.|\.(com|org|net|html?)\b", re.I)
REPORT_TITLE = re.compile(
    r"\b(sitrep|situation report|timeline|annual report|research bulletin|monthly report|"
    r"daily report|weekly report|security review|daily alert|casualty report|midyear report|"
    r"mid-year report|bulletin|chronology|ctsamm report|appendix|annex|crisis ?watch|"
    r"human rights monitor)\b|^\s*report\b", re.I)
CODER_LABEL = re.compile(
    r"^\s*title\b|\[/?highlight|\s,\s*\w[\w\s-]*$|^[^,;]{1,60}\bvs\.?\s[^,;]{1,60},\s*\w[\w\s-]*$",
    re.I)
UPDATE_N = re.compile(r"^\s*UPDATE\s*\d+\s*-", re.I)

# English function words and the common words of conflict headlines.
EN_WORDS = set("""
a an the of in on at to for from by with without into onto over under after before during
near amid among against as and or but not no nor is are was were be been being has have had
will would can could may might must should shall do does did this that these those it its
he she they them their his her we our you your who whom whose which what when where why how
all any some many more most several other another own same such than then there here up
down out off about above below between through across around along toward towards since
until while if so also still again only just very
killed kill kills killing dead death deaths die dies died wounded wound injured injures
injure hurt attack attacks attacked attacking clash clashes clashed fighting fight fights
fighters fighter soldier soldiers troops army military police policemen officer officers
militant militants rebel rebels insurgent insurgents gunmen gunman bomb bombs bombing
bomber blast blasts explosion explosions shelling shelled shot shoot shooting shoots gun
guns fire fired firing strike strikes airstrike airstrikes raid raids ambush ambushed
village villages town city district province state region area community communities
people civilians civilian residents villagers children women men man woman boy girl
killed security forces force government group groups suspected suspect suspects
herdsmen herders bandits gunmen terrorists terrorist separatists separatist operation
operations offensive abducted kidnapped kidnap kidnaps abduct abducts arrested arrest
camp base checkpoint border road vehicle car bus convoy mine mines landmine roadside
leader leaders chief commander member members official officials says say said claims
claim claimed report reports reported reportedly new two three four five six seven eight
nine ten dozen dozens scores hundreds over least toll rises rise rose nearly
suicide bombers hit hits market peacekeepers blocked president invokes violence violent
massacre massacres survivors ordeal ops cites human rights violations land hunger spurs
ethnic strife riot riots crisis watch resigns fuels war conflict armed
""".split())
FOREIGN_WORDS = set("""
el la los las del y en por para con que una uno al se su sus es tras contra muertos
le les des du et dans pour sur avec une est au aux sont
yang dan di ke dari dengan untuk dalam pada ini itu tewas oleh akan tidak
ve bir ile için bu da de ki olarak şehit oldu yaralandı
o os as do da dos das em um uma não
""".split())
TOKEN = re.compile(r"[^\W\d_]+", re.U)


def clean(text):
    """SOURCES.md cleaning: cut at an embedded newline, cut a trailing "Read more at: URL",
    collapse whitespace. No other edits."""
    text = re.split(r"[\r\n]", text, maxsplit=1)[0]
    text = READ_MORE.sub("", text)
    return " ".join(text.split())


def is_english(text):
    """ASCII/English vocabulary check: Latin script with at most a couple of non-ASCII
    letters, at least one English word, more English than foreign function words."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(1 for c in letters if not c.isascii()) > 2:
        return False
    toks = [t.lower() for t in TOKEN.findall(text)]
    en = sum(1 for t in toks if t in EN_WORDS)
    fo = sum(1 for t in toks if t in FOREIGN_WORDS and t not in EN_WORDS)
    return en >= 1 and en > fo


def qualifies(text):
    """4+ words, at most 220 characters, English, and descriptive (not a report title,
    URL, coder label or UPDATE line)."""
    if len(text.split()) < 4 or len(text) > 220:
        return False
    if URL.search(text) or REPORT_TITLE.search(text) or CODER_LABEL.search(text):
        return False
    if UPDATE_N.search(text):
        return False
    return is_english(text)


def norm(text):
    """Normalised text for deduplication and cross-row matching."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def day(s):
    s = (s or "").strip()[:10]
    return s if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) else None


def headlines(row):
    """(k, cleaned text, source_date, source_office) for each `;` headline of a row."""
    hs = row["source_headline"].split(";")
    ds = row["source_date"].split(";")
    os_ = row["source_office"].split(";")
    out = []
    for k, h in enumerate(hs):
        d = ds[k] if len(ds) == len(hs) else ds[0]
        o = os_[k] if len(os_) == len(hs) else os_[0]
        out.append((k, clean(h), day(d), " ".join(o.split())))
    return out


# ---------------------------------------------------------------- selection

def shash(seed, key):
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def load_rows(path):
    """GED rows by id; an id present in several GED versions is one event (the newest
    version's row is kept)."""
    by_id = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            old = by_id.get(r["id"])
            if old is None or float(r["ged_version"]) > float(old["ged_version"]):
                by_id[r["id"]] = r
    return by_id


def candidates(rows, corpus_norms):
    # Which GED ids list each normalised headline.
    owners = defaultdict(set)
    for gid, r in rows.items():
        for _, h, _, _ in headlines(r):
            if h:
                owners[norm(h)].add(gid)
    cands = {}
    for gid, r in rows.items():
        if r["event_clarity"] != "1" or r["date_prec"] not in ("1", "2"):
            continue
        if int(r["where_prec"]) > 3:
            continue
        seen, quals = set(), []
        for k, h, d, o in headlines(r):
            n = norm(h)
            if not qualifies(h) or n in seen:
                continue
            if len(owners[n]) > 1 or n in corpus_norms:
                continue
            seen.add(n)
            quals.append((k, h, d, o))
        if len(quals) < MIN_HEADLINES:
            continue
        # Distinct offices first (in list order), then the rest, at most MAX_HEADLINES.
        first, rest, offices = [], [], set()
        for q in quals:
            (rest if q[3].lower() in offices else first).append(q)
            offices.add(q[3].lower())
        keep = sorted((first + rest)[:MAX_HEADLINES])
        cands[gid] = (r, keep)
    return cands


def ordinal(r):
    return date.fromisoformat(r["date_start"][:10]).toordinal()


def neighbours(cands):
    """gid → set of candidate gids in the same country with date_start within the window."""
    by_country = defaultdict(list)
    for gid, (r, _) in cands.items():
        by_country[r["country"]].append((ordinal(r), gid))
    nb = defaultdict(set)
    for lst in by_country.values():
        lst.sort()
        for i, (d, g) in enumerate(lst):
            for d2, g2 in lst[i + 1:]:
                if d2 - d > WINDOW_DAYS:
                    break
                nb[g].add(g2)
                nb[g2].add(g)
    return nb


def groups_of(gids, nb):
    """Connected components of the neighbour graph restricted to gids."""
    gids, seen, comps = set(gids), set(), []
    for g in sorted(gids):
        if g in seen:
            continue
        comp, stack = [], [g]
        seen.add(g)
        while stack:
            x = stack.pop()
            comp.append(x)
            for y in nb[x] & gids:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        comps.append(sorted(comp))
    return comps


def choose(cands, seed):
    """Pick N_INCIDENTS: clusters first (2-4 incidents from one country with start dates
    within WINDOW_DAYS), taken round-robin over countries and, within a country, over
    years, at most 24 clustered incidents per country; single incidents fill the rest the
    same way, the countries with fewest picks first in effect (per-country caps)."""
    rng = random.Random(seed)
    nb = neighbours(cands)
    # Cluster seeds: each candidate with neighbours, grown to a window of up to 4 events.
    clusters = []
    for comp in groups_of(cands, nb):
        comp.sort(key=lambda g: (ordinal(cands[g][0]), g))
        if len(comp) == 1:
            continue
        # Long chains are cut into runs whose start dates span at most WINDOW_DAYS.
        i = 0
        while i < len(comp):
            run = [comp[i]]
            j = i + 1
            while (j < len(comp) and len(run) < 4
                   and ordinal(cands[comp[j]][0]) - ordinal(cands[run[0]][0]) <= WINDOW_DAYS):
                run.append(comp[j])
                j += 1
            if len(run) > 1:
                clusters.append(run)
            i = j
    singles = [[g] for g in cands if not nb[g]]

    def by_country_year(units):
        table = defaultdict(lambda: defaultdict(list))
        for u in units:
            r = cands[u[0]][0]
            table[r["country"]][r["date_start"][:4]].append(u)
        for years in table.values():
            for us in years.values():
                us.sort()
                rng.shuffle(us)
        return table

    chosen = []

    def deal(units, cap_per_country):
        done = set(chosen)
        table = by_country_year([u for u in units if not done & set(u)])
        countries = sorted(table)
        rng.shuffle(countries)
        taken = Counter(cands[g][0]["country"] for g in chosen)
        year_turn = {c: 0 for c in countries}
        progress = True
        while progress and len(chosen) < N_INCIDENTS:
            progress = False
            for c in countries:
                if len(chosen) >= N_INCIDENTS:
                    break
                if taken[c] >= cap_per_country:
                    continue
                years = sorted(y for y, us in table[c].items() if us)
                if not years:
                    continue
                y = years[year_turn[c] % len(years)]
                year_turn[c] += 1
                u = table[c][y].pop()
                u = u[: N_INCIDENTS - len(chosen)]
                if len(u) == 1 and len(units[0]) > 1:
                    continue  # a cluster cut to one incident is no cluster
                chosen.extend(u)
                taken[c] += len(u)
                progress = True

    # Countries are capped so that no one country dominates; the cap is raised only if
    # the pool cannot fill the set otherwise.
    for cap in (12, 18, 24):
        deal(clusters, cap)
        if len(chosen) >= N_INCIDENTS:
            break
    for cap in (12, 18, 30, N_INCIDENTS):
        if len(chosen) >= N_INCIDENTS:
            break
        deal(singles, cap)
    return chosen, nb


def deal_splits(chosen, nb, seed):
    """50/50 dev/test by seeded hash. A whole incident goes to one split, and incidents
    of one cluster go to the same split, so merging within a split keeps its neighbours.
    Groups are taken in hash order, each to the split with fewer incidents so far."""
    groups = groups_of(chosen, nb)
    # Largest groups first (hash order within a size), so the small ones can even out.
    groups.sort(key=lambda g: (-len(g), shash(seed, "group:" + ",".join(g))))
    split, size = {}, {"dev": 0, "test": 0}
    half = (len(chosen) + 1) // 2
    for g in groups:
        pref = "dev" if int(shash(seed, "split:" + ",".join(g)), 16) % 2 == 0 else "test"
        other = "test" if pref == "dev" else "dev"
        s = pref if size[pref] + len(g) <= half else other
        for x in g:
            split[x] = s
        size[s] += len(g)
    return split


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--csv", type=Path, default=CSV)
    args = ap.parse_args()

    rows = load_rows(args.csv)
    corpus_norms = {norm(x["text"]) for x in read_jsonl(SNIPPETS)}
    cands = candidates(rows, corpus_norms)
    chosen, nb = choose(cands, args.seed)
    split = deal_splits(chosen, nb, args.seed)

    out = []
    for gid in chosen:
        r, keep = cands[gid]
        for k, h, d, o in keep:
            out.append({
                "id": f"inc-{gid}-{k}",
                "text": h,
                "published": d or r["date_start"][:10],
                "source": f"UCDP GED {r['ged_version']} row {gid}, {o}",
                "incident": f"ucdp-{gid}",
                "split": split[gid],
                "country_hint": r["country"],
                "date_start": r["date_start"][:10],
                "date_end": r["date_end"][:10],
                "where_description": r["where_description"],
                "latitude": float(r["latitude"]),
                "longitude": float(r["longitude"]),
                "type_of_violence": int(r["type_of_violence"]),
                "licence": LICENCE,
                "attribution": ATTRIBUTION,
            })

    def idkey(x):
        _, g, k = x["id"].split("-")
        return (int(g), int(k))

    out.sort(key=lambda x: (x["published"], idkey(x)))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        for x in out:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")

    # ------------------------------------------------------------ counts
    inc = {}
    for x in out:
        inc.setdefault(x["incident"], x)
    print(f"{OUT.relative_to(ROOT)}: {len(inc)} incidents, {len(out)} headlines "
          f"(pool: {len(cands)} qualifying GED rows)")
    for s in ("dev", "test"):
        n_i = sum(1 for x in inc.values() if x["split"] == s)
        n_h = sum(1 for x in out if x["split"] == s)
        print(f"  {s}: {n_i} incidents, {n_h} headlines")
    print("per country (incidents / headlines):")
    ch = Counter(x["country_hint"] for x in out)
    for c, n in Counter(x["country_hint"] for x in inc.values()).most_common():
        print(f"  {c}: {n} / {ch[c]}")
    print("per year (incidents):", dict(sorted(Counter(
        x["date_start"][:4] for x in inc.values()).items())))
    print("per type_of_violence (incidents):", dict(sorted(Counter(
        x["type_of_violence"] for x in inc.values()).items())))
    cl = [g for g in groups_of(chosen, nb) if len(g) > 1]
    in_cl = sum(len(g) for g in cl)
    print(f"clusters (same country, date_start within {WINDOW_DAYS} days): {len(cl)}, "
          f"holding {in_cl} incidents; sizes {dict(sorted(Counter(map(len, cl)).items()))}; "
          f"{len(chosen) - in_cl} incidents stand alone")
    cross = sum(1 for g in cl if len({split[x] for x in g}) > 1)
    print(f"  clusters spanning both splits: {cross}")
    per = Counter(x["incident"] for x in out)
    print("headlines per incident:", dict(sorted(Counter(per.values()).items())),
          f"(mean {len(out) / len(inc):.2f})")


if __name__ == "__main__":
    main()

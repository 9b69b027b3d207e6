#!/usr/bin/env python3
"""Add in-scope English Wikinews reports (CC BY 2.5) from a bulk snapshot to tests/real/reports/.

Source: vanatteveldt/wikinews @ 347254178bf343f3801aac1d03c41cc09c35decb
        data/wikinews_2019.csv and data/wikinews_2020.csv (columns url, date, title, text;
        text is the paragraph text scraped from the rendered Wikinews page, link words intact,
        first line is the page dateline).

The 2019/2020 files were already mined for SOURCES-more.tsv; this script takes what is left
that fits sitrep's scope. No other bulk source with full English Wikinews text (link words
intact, titles, dates) was found in the public GitHub snapshots available (see the report
that came with this script), so the yield is small.

Run (no build needed; python3 and git only):
    # bring the snapshot: the search tool's fetch of github:vanatteveldt/wikinews, which lands at
    #   /work/.mirror/vanatteveldt+wikinews/repo (a bare git dir)
    python3 scripts/real_wikinews_more.py [--repo DIR] [--max 100] [--dry-run]

Selection, all by rule:
  * title or lead (first two paragraphs) must hit an in-scope pattern (armed attack, bombing,
    strike, killing by armed actors, protest/riot/rally and its policing, arrest/detention of
    political actors, abduction, refugees/displacement, coup, ceasefire/peace talks,
    sanctions/bans/poisoning between states);
  * titles matching out-of-scope patterns (sport, obituaries, disasters, accidents, science,
    elections-only, interviews, plain crime, COVID) are dropped;
  * URL or title already present in any tests/real/reports/SOURCES-*.tsv is skipped;
  * body (dateline and trailing Sources/External links/Related news dropped) must be >= 80 words;
  * seeded shuffle (seed 20240607) then round-robin over (country, year) for variety.
Writes wn-<slug>.txt files and SOURCES-wikinews-d.tsv (overwritten each run).
"""
import argparse
import csv
import glob
import io
import os
import random
import re
import subprocess
import sys
import unicodedata
from urllib.parse import quote, unquote

REPO_NAME = "vanatteveldt/wikinews"
COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"
PATHS = ["data/wikinews_2019.csv", "data/wikinews_2020.csv"]
HERE = os.path.dirname(os.path.abspath(__file__))
REPORTS = os.path.join(HERE, "..", "tests", "real", "reports")
OUT_TSV = "SOURCES-wikinews-d.tsv"
SEED = 20240607

IN_SCOPE = re.compile(
    r"\b(protest(s|ers|ed)?|riot(s|ing)?|rall(y|ies)|demonstrat\w*|clash(es|ed)?|"
    r"air ?strikes?|shell(ing|ed)|bomb(s|ing|ings|ed)?|militant\w*|rebels?|insurgen\w*|"
    r"gunmen|troops|soldiers?|armed forces|army|militia\w*|terror\w*|taliban|hamas|hezbollah|"
    r"islamic state|isis|al-qaeda|kidnap\w*|abduct\w*|hostages?|refugees?|displaced|"
    r"coup|cease-?fire|truce|peace (talks|deal|agreement)|sanctions?|bans? .{0,40}citing .{0,10}security|"
    r"poison(ed|ing)|novichok|assassinat\w*|detain(ed|s)?|detention|political prisoners?)\b",
    re.I,
)
OUT_SCOPE = re.compile(
    r"\b(dies|died|dies aged|obituary|wins|defeat|season|marathon|championships?|"
    r"earthquake|hurricane|typhoon|storm|flood|fire|crash(es|ed)?|collapses?|"
    r"covid|coronavirus|sars-cov-2|measles|scientists?|study|studies|astronom\w*|"
    r"interview\w*|campaign trail|primar(y|ies)|caucus\w*|endorses|presidential bid|"
    r"convention|comicon|expo|anime|sentenced|pleads|serial killer|child porn|"
    r"tennis|rugby|chess|wrestler|actor|singer|drummer|guitarist|overturns|female legislature|"
    r"hagia sophia|stabbed|person of the year|jackal|tells wikinews)\b",
    re.I,
)
STOP_SECTIONS = re.compile(r"^\s*(Sources?|External links?|Related news|Related articles|See also|Sister links)\s*$", re.I)
DATELINE = re.compile(
    r"^\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*$"
)

COUNTRIES = {
    "Afghanistan": "AF", "Algeria": "DZ", "Argentina": "AR", "Australia": "AU", "Bahrain": "BH",
    "Bangladesh": "BD", "Belarus": "BY", "Bolivia": "BO", "Brazil": "BR", "Burundi": "BI",
    "Cameroon": "CM", "Canada": "CA", "Chile": "CL", "China": "CN", "Colombia": "CO",
    "Cuba": "CU", "Cyprus": "CY", "Egypt": "EG", "Ethiopia": "ET", "France": "FR",
    "Germany": "DE", "Greece": "GR", "Hong Kong": "HK", "India": "IN", "Indonesia": "ID",
    "Iran": "IR", "Iraq": "IQ", "Israel": "IL", "Japan": "JP", "Kenya": "KE", "Lebanon": "LB",
    "Libya": "LY", "Mali": "ML", "Mexico": "MX", "Myanmar": "MM", "Nigeria": "NG",
    "North Korea": "KP", "Pakistan": "PK", "Palestin": "PS", "Gaza": "PS", "Philippines": "PH",
    "Poland": "PL", "Puerto Rico": "PR", "Russia": "RU", "Saudi": "SA", "Somalia": "SO",
    "South Korea": "KR", "South Sudan": "SS", "Sudan": "SD", "Syria": "SY", "Thailand": "TH",
    "Tunisia": "TN", "Turkey": "TR", "Turkish": "TR", "Ukraine": "UA", "United Kingdom": "GB",
    "Britain": "GB", "British": "GB", "England": "GB", "United States": "US", "U.S.": "US",
    "US ": "US", "Washington": "US", "Venezuela": "VE", "Yemen": "YE", "Zimbabwe": "ZW",
    "Oman": "OM", "Qatar": "QA", "Jordan": "JO", "Norway": "NO", "Sweden": "SE", "Spain": "ES",
    "Italy": "IT", "Nepal": "NP", "Sri Lanka": "LK", "Kashmir": "IN", "Libyan": "LY",
    "Iranian": "IR", "Russian": "RU", "Chinese": "CN", "Ukrainian": "UA", "Egyptian": "EG",
}
NAMES = {"HK": "Hong Kong", "PR": "Puerto Rico", "US": "United States", "GB": "United Kingdom"}


def git_show(repo, path):
    return subprocess.run(["git", "-C", repo, "show", f"{COMMIT}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def norm_title(s):
    return unquote(s).split("/wiki/")[-1].replace("_", " ").strip().lower()


def taken():
    """URLs/titles already in the corpus, ignoring this script's own earlier output.

    A wn-*.txt file counts as ours (and is ignored) when no SOURCES-*.tsv other than
    OUT_TSV lists it, so reruns are idempotent."""
    urls, titles, listed = set(), set(), set()
    for f in glob.glob(os.path.join(REPORTS, "SOURCES-*.tsv")):
        if os.path.basename(f) == OUT_TSV:
            continue
        with open(f, encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                urls.add(r.get("url", ""))
                titles.add(norm_title(r.get("url", "")))
                listed.add(r.get("file", ""))
    for f in glob.glob(os.path.join(REPORTS, "wn-*.txt")):
        if os.path.basename(f) not in listed:
            continue
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("title:"):
                    titles.add(line[6:].strip().lower())
                if not line.strip():
                    break
    return urls, titles, listed


def clean_body(text):
    paras = [p.strip().replace("\xa0", " ") for p in re.split(r"\n\s*\n+", text)]
    paras = [p for p in paras if p]
    if paras and DATELINE.match(paras[0]):
        paras = paras[1:]
    out = []
    for p in paras:
        if STOP_SECTIONS.match(p):
            break
        out.append(re.sub(r"[ \t]+", " ", p))
    return out


def slugify(title, limit=60):
    s = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", s)
    slug = ""
    for w in words:
        nxt = f"{slug}-{w}" if slug else w
        if len(nxt) > limit:
            break
        slug = nxt
    return slug


def countries(title, body):
    hay = f"{title}\n{' '.join(body[:3])}"
    found = []
    for name, code in COUNTRIES.items():
        if name in hay and code not in found:
            found.append(code)
    # Put the title's country first.
    first = [c for n, c in COUNTRIES.items() if n in title]
    return sorted(found, key=lambda c: (c not in first, found.index(c)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", default="/work/.mirror/vanatteveldt+wikinews/repo")
    ap.add_argument("--max", type=int, default=100)
    ap.add_argument("--dry-run", action="store_true")
    a = ap.parse_args()

    csv.field_size_limit(10 ** 9)
    urls_taken, titles_taken, listed = taken()
    existing_files = listed
    cands = []
    for path in PATHS:
        for r in csv.DictReader(io.StringIO(git_show(a.repo, path))):
            title = r["title"].strip()
            if title.upper().startswith("TEST PAGE"):
                continue
            page = title.replace(" ", "_")
            url = "https://en.wikinews.org/wiki/" + quote(page, safe="_,()'!-.:")
            if url in urls_taken or title.lower() in titles_taken:
                continue
            body = clean_body(r["text"])
            words = sum(len(p.split()) for p in body)
            if words < 80:
                continue
            lead = " ".join(body[:2])
            if OUT_SCOPE.search(title):
                continue
            if not (IN_SCOPE.search(title) or IN_SCOPE.search(lead)):
                continue
            cc = countries(title, body)
            cands.append(dict(title=title, url=url, date=r["date"], body=body, words=words,
                              path=path, cc=cc))

    rnd = random.Random(SEED)
    rnd.shuffle(cands)
    buckets = {}
    for c in cands:
        buckets.setdefault(((c["cc"] or ["??"])[0], c["date"][:4]), []).append(c)
    picked = []
    while len(picked) < a.max and any(buckets.values()):
        for k in sorted(buckets):
            if buckets[k] and len(picked) < a.max:
                picked.append(buckets[k].pop(0))

    rows = []
    for c in sorted(picked, key=lambda c: c["date"]):
        slug = slugify(c["title"])
        fname = f"wn-{slug}.txt"
        if fname in existing_files:
            print(f"skip (file exists): {fname}", file=sys.stderr)
            continue
        head = [
            f"url: {c['url']}",
            "outlet: Wikinews",
            f"published: {c['date']}",
            f"title: {c['title']}",
            "licence: CC BY 2.5",
            f"source: {REPO_NAME} @ {COMMIT} : {c['path']}",
            "completeness: full (paragraph text scraped from the rendered page; dateline removed)",
        ]
        text = "\n".join(head) + "\n\n" + "\n\n".join(c["body"]) + "\n"
        cname = NAMES.get(c["cc"][0], next((n for n, k in COUNTRIES.items() if k == c["cc"][0]), "")) if c["cc"] else ""
        topic = f"{cname}: {c['title']}" if cname else c["title"]
        rows.append([fname, c["url"], c["date"], "CC BY 2.5", f"{REPO_NAME}@{COMMIT}:{c['path']}",
                     str(c["words"]), topic, ",".join(c["cc"]), "full"])
        print(f"{c['date']} {c['words']:5d} {','.join(c['cc']):10s} {c['title']}")
        if not a.dry_run:
            with open(os.path.join(REPORTS, fname), "w", encoding="utf-8") as fh:
                fh.write(text)
    if not a.dry_run:
        with open(os.path.join(REPORTS, OUT_TSV), "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["file", "url", "published", "licence", "source", "words", "topic",
                        "countries", "completeness"])
            w.writerows(rows)
    print(f"{len(rows)} files ({len(cands)} candidates)", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fails when a sentence of the real corpus's test split (8 words or more) appears in the
engine's data or the code: rules and lexicons state facts of the language, never a sentence
of the test set.

    python3 scripts/check_test_leak.py

Searched: data/, crates/ and scripts/ (every text file). Words are compared lowercased,
punctuation aside, so a sentence copied with other spacing or quotes is still found.
"""
import glob
import json
import re
import sys
from pathlib import Path

from real_corpus import REAL, ROOT, read_splits
MIN_WORDS = 8
WORD = re.compile(r"[\w']+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def words(text):
    return [w.lower().strip("'") for w in WORD.findall(text)]


def test_texts():
    split = read_splits()
    for path in glob.glob(str(REAL / "reports/*.txt")):
        if split.get(Path(path).stem) == "test":
            raw = Path(path).read_text(encoding="utf-8")
            head, _, body = raw.partition("\n\n")
            title = [l[6:] for l in head.splitlines() if l.startswith("title:")]
            yield Path(path).name, "\n".join(title) + "\n" + body
    for path in glob.glob(str(REAL / "snippets/*.jsonl")):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                item = json.loads(line)
                if split.get(item["id"]) == "test":
                    yield item["id"], item["text"]


def main():
    sentences = {}
    for name, text in test_texts():
        for s in SENTENCE_END.split(text):
            w = words(s)
            if len(w) >= MIN_WORDS:
                sentences.setdefault(tuple(w[:MIN_WORDS]), []).append((name, w))
    hits = []
    for path in sorted(
        p for d in ("data", "crates", "scripts") for p in (ROOT / d).rglob("*") if p.is_file()
    ):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        w = words(text)
        for i in range(len(w) - MIN_WORDS + 1):
            for name, sentence in sentences.get(tuple(w[i : i + MIN_WORDS]), ()):
                if w[i : i + len(sentence)] == sentence:
                    hits.append(f"{path.relative_to(ROOT)}: test sentence of {name}: {' '.join(sentence)[:100]}")
    n = sum(len(v) for v in sentences.values())
    if hits:
        print("\n".join(hits), file=sys.stderr)
        print(f"{len(hits)} test-split sentences found in data/ or the code", file=sys.stderr)
        sys.exit(1)
    print(f"no test-split sentence ({n} of {MIN_WORDS}+ words) in data/, crates/ or scripts/")


if __name__ == "__main__":
    main()

"""What the scripts under scripts/real_*.py share: where the real corpus lives and how its
files are read (the split file, JSON Lines, a report's header lines)."""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests/real"
SPLITS = REAL / "splits.tsv"


def read_splits():
    """id → split, from splits.tsv ({} before the first draw)."""
    if not SPLITS.exists():
        return {}
    out = {}
    for line in SPLITS.read_text(encoding="utf-8").splitlines()[1:]:
        i, s = line.split("\t")
        out[i] = s
    return out


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def header(path):
    """A report's `key: value` header lines, up to the blank line."""
    h = {}
    for line in open(path, encoding="utf-8"):
        if not line.strip() or ":" not in line:
            break
        k, v = line.split(":", 1)
        if " " in k:
            break
        h[k.strip()] = v.strip()
    return h

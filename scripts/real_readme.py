#!/usr/bin/env python3
"""Writes tests/real/README.md from its template with today's figures: the corpus's size
and spread (real_stats.py), the annotators' agreement (real_agreement.py) and the engine's
scores (`sitrep eval --gold tests/real`) of a baseline build (the rules alone: a build with
an empty data/models/events.bin) and of the current build.

    python3 scripts/real_readme.py [BASELINE_SITREP] [CURRENT_SITREP]
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests/real"


def run(cmd):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False).stdout


def scores(sitrep):
    out = run([sitrep, "eval", "--gold", "tests/real", "--misses", "0"])
    keep = [l for l in out.splitlines()
            if l.startswith(("section", "dev.", "test.")) and ":" not in l]
    return "```\n" + "\n".join(keep) + "\n```"


def main():
    baseline = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/release/sitrep")
    current = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "target/release/sitrep")
    stats = run([sys.executable, "scripts/real_stats.py"]).strip()
    agreement = run([sys.executable, "scripts/real_agreement.py"]).strip()
    text = (REAL / "README.template.md").read_text(encoding="utf-8")
    text = text.replace("{{STATS}}", stats)
    text = text.replace("{{AGREEMENT}}", "```\n" + agreement + "\n```")
    text = text.replace("{{BASELINE}}", scores(baseline))
    text = text.replace("{{CURRENT}}", scores(current))
    (REAL / "README.md").write_text(text, encoding="utf-8")
    print("tests/real/README.md written")


if __name__ == "__main__":
    main()

"""The verify table: kept / caught on the shared dev cases and on our held-out-style cases (own: written with the
verifier; fresh … fresh100: written later by writers who saw neither the verifier nor any case set), through
`lawdesk verify --cases` and ../shared/bench/score.py, plus how the LLM path's shown answer was reached.

    PYTHONPATH=$PWD .venv/bin/python scripts/bench_verify.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
SETS = {"dev (shared)": BENCH / "verify_dev.jsonl", "own (tests/golden)": ROOT / "tests" / "golden" / "verify_own.jsonl",
        "fresh (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh.jsonl",
        "fresh2 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh2.jsonl",
        "fresh3 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh3.jsonl",
        "fresh4 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh4.jsonl",
        "fresh5 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh5.jsonl",
        "fresh6 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh6.jsonl",
        "fresh7 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh7.jsonl",
        "fresh8 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh8.jsonl",
        "fresh9 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh9.jsonl",
        "fresh10 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh10.jsonl",
        "fresh11 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh11.jsonl",
        "fresh12 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh12.jsonl",
        "fresh13 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh13.jsonl",
        "fresh14 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh14.jsonl",
        "fresh15 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh15.jsonl",
        "fresh16 (tests/golden)": ROOT / "tests" / "golden" / "verify_fresh16.jsonl",
        **{f"fresh{n} (tests/golden)": ROOT / "tests" / "golden" / f"verify_fresh{n}.jsonl" for n in (*range(17, 94), 95, 96, 97, 98, 99, 100)}}


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAWDESK_CORPUS_DIR": str(ROOT.parent / "shared" / "corpus")}
    print("| cases | n | good / with a mistake | kept | caught | re-pointed | fallback on a good reply |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        env["LAWDESK_INDEX_DIR"] = str(Path(tmp) / "index")
        for name, path in SETS.items():
            out = Path(tmp) / "out.jsonl"
            with out.open("w") as fh:
                subprocess.run([sys.executable, "-m", "app", "verify", "--cases", str(path), "--jsonl"], env=env,
                               stdout=fh, check=True, cwd=ROOT)
            score = json.loads(subprocess.run([sys.executable, str(BENCH / "score.py"), "verify", str(path), str(out)],
                                              capture_output=True, text=True, check=True).stdout)
            cases = {c["id"]: c for c in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if c}
            shown = {o["id"]: o for o in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
            bad = sum(bool(c["errors"]) for c in cases.values())
            repointed = sum(any("出处改为" in n for n in o["notices"]) for o in shown.values())
            fallback = sum(not cases[i]["errors"] and any("摘录" in n for n in o["notices"]) for i, o in shown.items())
            print(f"| {name} | {len(cases)} | {len(cases) - bad} / {bad} | {score['kept']:.3f} | {score['caught']:.3f} | "
                  f"{repointed} | {fallback} |")
            kinds = Counter(m.split(":")[1] for m in score["missed"])
            if kinds:
                print(f"|  missed | | | | {dict(kinds)} | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

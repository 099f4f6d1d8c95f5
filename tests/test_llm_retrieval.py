"""LLM-assisted retrieval against loopback stubs: condense, statute rewrite, fusion, rerank, and their fallbacks."""
from __future__ import annotations

import time

import pytest

from app.answer.llm import OpenAIChatModel
from app.answer.llm_retrieval import (
    HttpReranker, assist, clean_rewrite, condense, fuse, looks_like_answer, rerank_hits, statute_query,
)
from app.answer.prompts import NO_ANSWER
from app.schema import Chunk, Hit, Turn
from tests.openai_stub import Rerank, Reply, Stall, Status, run_stub

HISTORY = [Turn("user", "行政复议的申请期限是多久？"), Turn("assistant", "一般为六十日[1]。")]
Q = "那逾期呢？"


def _model(url: str, timeout: float = 3.0) -> OpenAIChatModel:
    return OpenAIChatModel("stub-model", "sk-test", url, timeout=timeout, max_retries=0)


def _hit(i: int, text: str = "") -> Hit:
    c = Chunk(f"c{i}", "law", "中华人民共和国测试法", "测试法", "2020-01-01", True, f"第{i}条", i, None, (), None,
              text or f"第{i}条　条文{i}。", "laws/x.md")
    return Hit(c, 1.0 - i / 100, ("lexical",))


@pytest.mark.parametrize("reply, expected", [
    ("好的，改写如下：\n行政复议申请逾期了怎么办？", "行政复议申请逾期了怎么办？"),
    ("好的，改写如下：行政复议申请逾期了怎么办？", "行政复议申请逾期了怎么办？"),
    ("改写后的问题：行政复议申请逾期了怎么办？", "行政复议申请逾期了怎么办？"),
    ("改写后的问题：\n\n“行政复议申请逾期了怎么办？”", "行政复议申请逾期了怎么办？"),
    ("问题：行政复议申请逾期了怎么办？\n（补全了追问的主语）", "行政复议申请逾期了怎么办？"),
    ("根据《行政复议法》第二十条，申请期限为六十日[1]。", None),  # an answer, not a question
    ("逾期提出的行政复议申请不予受理。", None),
    (NO_ANSWER, None),
    ("x" * 400, None),
    ("", None),
])
def test_clean_rewrite(reply, expected):
    assert clean_rewrite(reply, Q) == expected


def test_statute_query_may_be_keywords():
    assert clean_rewrite("行政处罚法 当事人陈述申辩 不得加重处罚", "辩解会不会罚得更重", question_form=False) \
        == "行政处罚法 当事人陈述申辩 不得加重处罚"
    assert looks_like_answer("根据资料，可以。") and not looks_like_answer("罚款逾期不缴纳怎么处理？")


def test_condense_strips_the_prefix_against_the_stub():
    with run_stub([Reply("好的，改写如下：\n行政复议申请逾期了怎么办？")]) as stub:
        assert condense(_model(stub.base_url), Q, HISTORY) == ("行政复议申请逾期了怎么办？", None)


@pytest.mark.parametrize("script", [[Reply("根据第二十条，期限为六十日[1]。")], [Reply(NO_ANSWER)]])
def test_condense_keeps_the_question_when_the_model_answers(script):
    with run_stub(script) as stub:
        assert condense(_model(stub.base_url), Q, HISTORY) == (Q, None)


def test_condense_times_out_to_the_original_with_a_notice():
    with run_stub([Stall(first="行政复议", seconds=5)]) as stub:
        t0 = time.monotonic()
        got, notice = condense(_model(stub.base_url, timeout=8), Q, HISTORY, timeout=0.5)
        assert time.monotonic() - t0 < 1.5
    assert got == Q and "超时" in notice


def test_statute_query_and_its_failure():
    with run_stub([Reply("《行政处罚法》当事人陈述、申辩，行政机关不得因当事人申辩而给予更重的处罚吗？"), Status(500)]) as stub:
        rewrite, notice = statute_query(_model(stub.base_url), "我辩解了会不会罚得更重？")
        assert "陈述、申辩" in rewrite and notice is None
        rewrite, notice = statute_query(_model(stub.base_url), "我辩解了会不会罚得更重？")
    assert rewrite is None and "不可用" in notice
    assert "<问题>我辩解了会不会罚得更重？</问题>" in stub.requests[0]["json"]["messages"][-1]["content"]


def test_fuse_by_reciprocal_rank():
    a, b, c = _hit(1), _hit(2), _hit(3)
    fused = fuse([[a, b], [c, b]])
    assert [h.chunk.chunk_id for h in fused] == ["c2", "c1", "c3"]
    assert fused[0].score == 1.0 and "rewrite" in fused[0].why and "rewrite" not in fused[1].why


def test_rerank_against_the_stub_and_its_fallbacks():
    hits = [_hit(1), _hit(2), _hit(3)]
    with run_stub() as stub:
        stub.rerank.extend([Rerank(scores=(0.1, 0.9, 0.5)), Rerank(status=503), Rerank(delay=2.0)])
        r = HttpReranker("bge-reranker-v2-m3", stub.base_url, timeout=0.5)
        got, notice = rerank_hits(r, "问题", hits)
        assert [h.chunk.chunk_id for h in got] == ["c2", "c3", "c1"] and notice is None and got[0].score == 1.0
        got, notice = rerank_hits(r, "问题", hits)
        assert got == hits and "HTTP 503" in notice
        got, notice = rerank_hits(r, "问题", hits)
        assert got == hits and "超时" in notice
    body = next(q["json"] for q in stub.requests if q["path"].endswith("/rerank"))
    assert body["model"] == "bge-reranker-v2-m3" and body["query"] == "问题" and len(body["documents"]) == 3


def test_assist_fuses_the_rewrite_search():
    original, found = [_hit(1), _hit(2)], [_hit(5), _hit(2)]
    searched = []
    with run_stub([Reply("行政处罚 陈述申辩 加重处罚")]) as stub:
        got = assist("我辩解了会不会罚得更重？", original, lambda q: searched.append(q) or found, _model(stub.base_url))
    assert searched == ["行政处罚 陈述申辩 加重处罚"] and got.rewrite == searched[0]
    assert [h.chunk.chunk_id for h in got.hits][:1] == ["c2"] and {"c1", "c5"} <= {h.chunk.chunk_id for h in got.hits}
    assert got.notices == ()


def test_assist_without_a_working_model_keeps_the_offline_hits():
    original = [_hit(1), _hit(2)]
    with run_stub([Status(500)]) as stub:
        got = assist("问题", original, lambda q: pytest.fail("no second search"), _model(stub.base_url))
    assert list(got.hits) == original and len(got.notices) == 1


# --- in the pipeline, with the real service --------------------------------------------------------------------

CITIZEN_Q = "局里罚了我的款我不服，想去复议，最晚多少天内得申请？"


@pytest.mark.parametrize("first", [Reply("行政处罚 不服 申请行政复议的期限 自知道该行政行为之日起六十日内"), Status(500)])
def test_citizen_question_is_rewritten_in_the_pipeline(service, first):
    with run_stub([first, Reply("可以自知道该行政行为之日起六十日内提出行政复议申请[1]。")]) as stub:
        service.chat = _model(stub.base_url)
        try:
            a = service.ask(CITIZEN_Q, (), "citizen")
        finally:
            service.chat = None
    rewrite_prompt = stub.requests[0]["json"]["messages"][-1]["content"]
    assert f"<问题>{CITIZEN_Q}</问题>" in rewrite_prompt and len(stub.requests) == 2
    assert a.mode == "llm" and "六十日" in a.text and a.text.endswith("不构成法律意见。")
    if isinstance(first, Status):  # the offline passages: the answer stands on whatever they hold, with a notice
        assert any("检索辅助" in n for n in a.notices)
    else:  # the rewrite's search brings the article on the application period into the passages
        assert "第二十条" in [c.chunk.article for c in a.citations]
        assert not any("检索辅助" in n for n in a.notices)


def test_staff_question_is_not_rewritten(service):
    with run_stub([Reply("可以自知道该行政行为之日起六十日内提出行政复议申请[1]。")]) as stub:
        service.chat = _model(stub.base_url)
        try:
            a = service.ask("对行政行为不服，申请行政复议的期限是多长？")
        finally:
            service.chat = None
    assert len(stub.requests) == 1 and a.mode == "llm"

"""Pure retrieval pieces: query analysis, fusion, BM25, metrics."""
import json
import subprocess
import sys

import numpy as np
import pytest

from app.evaluation import ranks, retrieval_metrics
from app.retrieve.fuse import minmax, rrf, top, weighted
from app.retrieve.query import TitleIndex, analyse, resolve_followup
from app.stores.lexical import BM25Index
from tests.conftest import BENCH

TITLES = TitleIndex({
    "中华人民共和国土地管理法": "土地管理法",
    "中华人民共和国土地管理法实施条例": "土地管理法实施条例",
    "中华人民共和国行政复议法": "行政复议法",
    "中华人民共和国民法典": "民法典",
})


@pytest.mark.parametrize("q,title,no", [
    ("土地管理法第四十七条规定了什么？", "中华人民共和国土地管理法", 47),
    ("《土地管理法》第47条", "中华人民共和国土地管理法", 47),
    ("土地管理法第４７条", "中华人民共和国土地管理法", 47),
    ("中华人民共和国土地管理法 第 四十七 条", "中华人民共和国土地管理法", 47),
    ("行政复议法第10条", "中华人民共和国行政复议法", 10),
    ("《中华人民共和国行政复议法》第二十条的内容", "中华人民共和国行政复议法", 20),
    ("土地管理法实施条例第十二条", "中华人民共和国土地管理法实施条例", 12),
    ("民法典第三条", "中华人民共和国民法典", 3),
    ("行政复议法二十条", "中华人民共和国行政复议法", 20),
])
def test_article_references(q, title, no):
    plan = analyse(q, TITLES)
    assert plan.articles[0].title == title and plan.articles[0].article_no == no


def test_article_from_history_and_versions():
    plan = analyse("第二十一条呢？", TITLES, ("行政复议法第二十条是什么？",))
    assert plan.articles[0].article_no == 21 and plan.from_history
    assert analyse("行政复议法2017年版第九条", TITLES).year == "2017"
    assert analyse("修订前的行政复议法第九条", TITLES).old
    assert analyse("我看的是2017年那版行政复议法", TITLES).year == "2017"
    assert analyse("2017年这一版的行政复议法", TITLES).year == analyse("2017年那个版本", TITLES).year == "2017"
    assert analyse("2025年全年受理多少件？", TITLES).year is None
    assert analyse("全年组织学习多少次？", TITLES).report
    assert not analyse("土地管理法第四十七条", TITLES).report


def test_followup_resolution():
    hist = ("报告中打击非法采砂采土扣押了多少辆车？",)
    assert resolve_followup("那罚没收入呢？", hist).startswith("报告中打击非法采砂采土")
    assert resolve_followup("申请行政复议的期限是多久？", hist) == "申请行政复议的期限是多久？"
    assert analyse("什么是行政处罚？", TITLES).define == "行政处罚"


def test_fusion():
    assert minmax({1: 2.0, 2: 4.0}) == {1: 0.0, 2: 1.0}
    fused = weighted({1: 10.0, 2: 5.0, 3: 0.0}, {2: 0.9, 4: 0.1}, 0.5)
    assert top(fused, 2) == [2, 1]
    assert top(rrf([[1, 2], [2, 3]]), 1) == [2]


def test_bm25_prefers_rare_terms():
    idx = BM25Index.fit([["行政", "复议", "期限"], ["行政", "处罚"], ["行政", "许可"]])
    s = idx.scores(["复议", "行政"])
    assert s.argmax() == 0 and idx.doc_freq("行政") == 3 and idx.doc_freq("无") == 0


def test_metrics_agree_with_bench_scorer(tmp_path):
    gold = [json.loads(l) for l in open(BENCH / "qa_dev.jsonl", encoding="utf-8")][:10]
    out = []
    for q in gold:
        src = (q.get("sources") or [{}])[0]
        hit = {"doc_type": "law", "title": src.get("law", "x"), "version": src.get("version"),
               "article": src.get("article"), "section": None, "text": ""}
        other = {"doc_type": "law", "title": "无关", "version": None, "article": "第一条", "section": None, "text": ""}
        out.append({"id": q["id"], "hits": [other, hit]})
    (tmp_path / "out.jsonl").write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in out), encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in gold), encoding="utf-8")
    res = subprocess.run([sys.executable, str(BENCH / "score.py"), "search", str(tmp_path / "gold.jsonl"),
                          str(tmp_path / "out.jsonl")], capture_output=True, text=True, check=True)
    theirs = json.loads(res.stdout)
    mine = retrieval_metrics([ranks(q, o["hits"]) for q, o in zip(gold, out) if q.get("sources")])
    for k in ("R@1", "R@5", "MRR@10"):
        assert abs(theirs[k] - mine[k]) < 1e-9


def test_version_note_between_law_and_article():
    plan = analyse("《行政复议法》（2017年版）第九条", TITLES)
    assert plan.articles[0].article_no == 9 and plan.year == "2017"
    assert analyse("行政复议法2017年修订第九条", TITLES).articles[0].article_no == 9


class _FixedStore:
    """A vector store double that returns a fixed ranking."""

    def __init__(self, ranking):
        self.ranking = ranking

    def query(self, vector, k):
        return self.ranking[:k]


def test_dense_only_finds_reach_the_tail():
    from app.embeddings import HashEmbedder
    from app.retrieve.retriever import Retriever, Weights
    from app.schema import Chunk
    from app.text import tokenize

    def law(n, text):
        return Chunk(f"id{n}", "law", "中华人民共和国示例法", "示例法", None, True, f"第{n}条", n, None, (), None,
                     text, "laws/示例法.md")

    chunks = [law(n, "行政复议" * n + "申请") for n in range(1, 31)] + [law(31, "不动产登记的期限")]
    bm25 = BM25Index.fit([tokenize(c.index_text()) for c in chunks])
    ranking = [("id31", 0.9)]  # the vector list found only the passage without the query words
    r = Retriever(chunks, bm25, HashEmbedder(), _FixedStore(ranking), Weights(dense=0.2, head=2))
    ids = [h.chunk.chunk_id for h in r.search("行政复议申请", 10)]
    assert "id31" in ids[2:10]  # weighted fusion alone would rank it about 25th
    r.w = Weights(dense=0.2, head=50)
    assert "id31" not in [h.chunk.chunk_id for h in r.search("行政复议申请", 10)]


def test_everyday_words_add_statute_terms():
    plan = analyse("房东不退押金怎么办？", TITLES)
    assert plan.text.startswith("房东不退押金怎么办") and "出租人" in plan.text and "租赁" in plan.text
    legal = "出租人应当履行租赁物的维修义务吗?"
    assert analyse(legal, TITLES).text == legal  # statute words already there: nothing added
    assert "起诉" not in analyse("报告中的执法案件有多少？", TITLES).text  # 告 inside 报告 is not 告状


def test_everyday_words_match_whole_words_longest_first():
    from app.retrieve.lexicon import expand
    assert expand("被保险人家人可以领取保险金吗") == "被保险人家人可以领取保险金吗"  # no 人家 across two words
    added = expand("偷东西会坐牢吗").split(" ", 1)[1]
    assert "盗窃" in added and "物品" not in added  # 偷东西 wins over the 东西 inside it
    assert expand("房东不退押金", {}) == "房东不退押金"


def test_lexicon_keys_are_words_not_characters():
    from app.retrieve.lexicon import LAY_TERMS
    assert all(len(k) >= 2 and v.strip() for k, v in LAY_TERMS.items())


def _ranked_chunks():
    from app.schema import Chunk

    def art(n, title, short, level, text):
        return Chunk(f"id{n}", "law", title, short, None, True, f"第{n}条", n, None, (), None, text,
                     f"x/{short}.md", level)

    return [art(1, "中华人民共和国示例法", "示例法", "法律", "快递 包裹 丢失 赔偿 快递"),
            art(2, "快递示例条例", "快递示例条例", "行政法规", "包裹 丢失 赔偿 包裹"),
            art(3, "中华人民共和国示例法", "示例法", "法律", "包裹 丢失 赔偿")] + [
            art(n, "中华人民共和国其他法", "其他法", "法律", "无关 内容") for n in range(4, 9)]


def test_regulations_follow_laws_in_the_recall_tail_unless_named():
    from app.embeddings import HashEmbedder
    from app.retrieve.retriever import Retriever, Weights
    from app.text import tokenize

    chunks = _ranked_chunks()
    bm25 = BM25Index.fit([tokenize(c.text) for c in chunks])
    store = _FixedStore([("id1", 0.9), ("id2", 0.8), ("id3", 0.7)])

    def ids(question, **w):
        r = Retriever(chunks, bm25, HashEmbedder(), store, Weights(head=1, **w))
        return [h.chunk.chunk_id for h in r.search(question, 10)]

    assert ids("快递包裹丢失赔偿", rank_penalty=0.0)[:3] == ["id1", "id2", "id3"]
    assert ids("快递包裹丢失赔偿")[:3] == ["id1", "id3", "id2"]  # the law's article before the regulation's
    named = ids("快递示例条例规定的快递包裹丢失赔偿")
    assert named.index("id2") < named.index("id3")  # the question names the regulation: no penalty


def test_scopes_screen_differently():
    from app.answer import refuse
    flight = "航班取消后，航空公司拒绝退还机票款，可以要求赔偿吗？"
    assert refuse.screen(flight, refuse.BUREAU) == refuse.DECLINE_SCOPE
    assert refuse.screen(flight, refuse.LAWS) is None
    assert refuse.screen("讲个笑话", refuse.LAWS) == refuse.DECLINE_SCOPE_LAWS
    assert refuse.LAWS.subjects.search("租房押金不退怎么办") and not refuse.LAWS.subjects.search("明天会下雨吗")


def test_the_learned_ranker_only_ranks_indexes_like_the_one_it_was_trained_on():
    from types import SimpleNamespace as NS

    from app.retrieve.ranker import Ranker

    ranker = Ranker(booster=None, meta={"embedder": "use"})

    def snap(embedder: str, with_questions: int | None, chunks: int = 10) -> object:
        xq = None if with_questions is None else NS(has=frozenset(range(with_questions)))
        return NS(manifest=NS(embedder=embedder), expansions=xq, chunks=tuple(range(chunks)))

    assert ranker.fits(snap("use", 9))
    assert not ranker.fits(snap("hash", 9))  # another embedder's similarities
    assert not ranker.fits(snap("use", None))  # no written questions
    assert not ranker.fits(snap("use", 4, chunks=100))  # the law library: a few articles have questions

    from app.retrieve.features import LITE_FEATURES

    library = Ranker(booster=None, meta={"embedder": "use", "features": list(LITE_FEATURES)})
    assert library.lite and library.features == LITE_FEATURES
    assert library.fits(snap("use", 4, chunks=100)) and library.fits(snap("use", None))
    assert not library.fits(snap("use", 9))  # the bureau corpus: the main model's
    assert not library.fits(snap("hash", 4, chunks=100))


def test_lite_features_are_the_full_rows_columns_of_the_same_name():
    """The library's model reads LITE_FEATURES computed without the candidates' sentences: each must equal the
    full row's feature of that name, or a model trained on one would misread the other."""
    from app.embeddings import HashEmbedder
    from app.retrieve import features as F
    from app.retrieve.query import analyse
    from app.retrieve.retriever import Retriever
    from app.text import tokenize

    chunks = _ranked_chunks()
    bm25 = BM25Index.fit([tokenize(c.text) for c in chunks])
    r = Retriever(chunks, bm25, HashEmbedder(), _FixedStore([("id1", 0.9), ("id2", 0.8), ("id3", 0.7)]))
    plan = analyse("快递包裹丢失怎么赔偿", r.titles, ())
    lists = r.candidate_lists(plan, [])
    heads, full = r.features(plan, lists, 10)
    lite_heads, lite = r.features(plan, lists, 10, lite=True)
    assert heads == lite_heads and lite.shape == (len(heads), len(F.LITE_FEATURES))
    cols = [F.FEATURES.index(n) for n in F.LITE_FEATURES]
    assert np.allclose(full[:, cols], lite)


def test_memoised_tokens_are_the_tokenizers_and_each_caller_gets_its_own_list():
    from app.retrieve.retriever import Retriever

    r = Retriever([], BM25Index.fit([["示例"]]), None, None)
    first = r.tokenize("申请行政复议的期限")
    assert first == r.tokenizer.tokenize("申请行政复议的期限")
    first.append("改动")  # a caller changing its list must not change what the next caller gets
    assert r.tokenize("申请行政复议的期限") == r.tokenizer.tokenize("申请行政复议的期限")


def test_settle_applies_the_asked_version_and_the_named_law():
    from app.retrieve.settle import PROMOTE_DEPTH, Candidate, settle

    c = {1: Candidate("law", "复议法", "2023-09-01"), 2: Candidate("law", "复议法", "2017-09-01"),
         3: Candidate("law", "信访条例", "2022-02-25"), 4: Candidate("report", "报告", None),
         5: Candidate("law", "复议法", "2017-09-01"), 6: Candidate("law", "其他法", None)}
    assert settle([1, 3, 2, 4, 5], (), {}, c.__getitem__) == [1, 3, 2, 4, 5]  # nothing asked: the ranker's order
    # 2017年版: that version first (in the ranker's order), other laws next, the law's other versions last
    assert settle([1, 3, 2, 4, 5], ("复议法",), {"复议法": "2017-09-01"}, c.__getitem__) == [2, 5, 3, 4, 1]
    # a named law's best article near the top comes first; the rest keep their order
    assert settle([1, 4, 3, 2], ("信访条例",), {}, c.__getitem__) == [3, 1, 4, 2]
    deep = [1, 2, 5, 4, 6, 3]  # one ranked below PROMOTE_DEPTH stays where the ranker put it
    assert deep.index(3) >= PROMOTE_DEPTH and settle(deep, ("信访条例",), {}, c.__getitem__) == deep


def test_the_report_is_named_by_the_words_of_its_own_title():
    from app.retrieve.query import report_words

    title = "孟州市自然资源和规划局2025年法治政府建设工作报告"
    assert report_words([title]) == ("孟州", "自然资源和规划局", "2025年")
    other = TitleIndex({}, ["某某县自然资源局2026年法治政府建设工作报告"])
    assert analyse("某某县2026年办理了哪些案件", other).report
    assert not analyse("孟州的宅基地怎么申请", TitleIndex({})).report  # no report indexed: 孟州 names nothing
    assert analyse("孟州的宅基地怎么申请", TitleIndex({}, [title])).report


def test_settle_puts_the_report_first_when_the_question_names_it_and_no_law():
    from app.retrieve.settle import Candidate, settle

    c = {1: Candidate("law", "土地管理法", None), 2: Candidate("law", "复议法", "2023-09-01"),
         3: Candidate("report", "报告", None), 4: Candidate("report", "报告", None)}
    assert settle([1, 2, 3, 4], (), {}, c.__getitem__, report=True) == [3, 1, 2, 4]
    assert settle([1, 2, 3, 4], (), {}, c.__getitem__) == [1, 2, 3, 4]
    assert settle([1, 2, 3, 4], ("土地管理法",), {}, c.__getitem__, report=True) == [1, 2, 3, 4]  # a named law wins


def test_report_named_reads_the_reports_place_year_and_words(tmp_path):
    from app.retrieve.query import TitleIndex, analyse

    titles = TitleIndex({}, ["孟州市自然资源和规划局2025年法治政府建设工作报告"])
    for q in ("孟州现在一共划了多少永久基本农田？", "自然资源局去年罚款一共多少钱？", "报告里怎么说的？"):
        assert analyse(q, titles, ()).report_named, q
    assert not analyse("申请行政复议的期限是多长时间？", titles, ()).report_named

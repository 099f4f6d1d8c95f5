"""Quiz generation: every offline question's key is backed by its cited article; shapes, determinism, LLM path."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from app.llm.chat import ScriptedChatModel
from app.errors import LLMUnavailable
from app.training import UnknownLaw, UnknownVersion, articles, resolve_law
from app.training.commands import main_for_tests
from app.training.questions import LETTERS, Question, QuizCitation, statement_of, supported
from app.training.quiz import generate_quiz, offline_questions
from app.text import compact

LAW = "行政复议法"


@pytest.fixture(scope="module")
def chunks(corpus_chunks):
    return corpus_chunks[0]


@pytest.fixture(scope="module")
def all_2023(chunks):
    ref = resolve_law(chunks, LAW, 2023)
    arts = articles(chunks, ref)
    return ref, arts, offline_questions(ref, arts, arts, n=10_000, seed=7)


def test_every_offline_key_is_in_its_cited_article(all_2023):
    ref, arts, questions = all_2023
    texts = {a.label: a.text for a in arts}
    assert len(questions) >= 100
    for q in questions:
        article = texts[q.citation.article]
        assert q.citation.quote in article, q
        assert (q.citation.title, q.citation.version) == (ref.title, "2023-09-01")
        assert supported(q, article), q
        if q.type == "判断":
            claim = compact(statement_of(q.stem))
            assert (claim in compact(q.citation.quote)) == (q.answer == ("正确",)), q
        else:
            for letter in q.answer:
                assert compact(q.option_text(letter)) in compact(q.citation.quote), q


def test_choice_questions_are_well_formed_and_not_giveaways(all_2023):
    _, _, questions = all_2023
    for q in questions:
        texts = [o[3:] for o in q.options]
        if q.type == "单选":
            assert len(q.options) == 4 and len(set(texts)) == 4 and len(q.answer) == 1
        if q.type == "多选":
            assert len(set(texts)) == len(texts) == 4 and 2 <= len(q.answer) <= 3
        if q.type != "判断":
            assert [o[:3] for o in q.options] == [f"{c}. " for c in LETTERS[:len(q.options)]]
            assert not any(q.option_text(a) in q.stem for a in q.answer), q.stem
        assert q.stem.startswith("根据《行政复议法》（2023年版），")


def test_no_duplicate_stems_and_all_types_present(all_2023):
    _, _, questions = all_2023
    stems = [q.stem for q in questions]
    assert len(stems) == len(set(stems))
    assert {q.type for q in questions} == {"单选", "多选", "判断"}
    judged = [q.answer[0] for q in questions if q.type == "判断"]
    assert 0.3 < judged.count("正确") / len(judged) < 0.7  # true/false balanced: guessing earns nothing


def test_the_sixty_day_limit_is_asked_with_other_limits_as_distractors(all_2023):
    _, _, questions = all_2023
    q = next(q for q in questions if q.type == "单选" and "之日起（  ）内提出行政复议申请" in q.stem)
    assert q.citation.article == "第二十条"
    assert q.option_text(q.answer[0]) == "六十日"
    assert all(o.endswith("日") for o in q.options)


def test_same_seed_same_quiz_and_seed_matters(chunks):
    a = generate_quiz(chunks, LAW, n=12, seed=3)
    b = generate_quiz(chunks, LAW, n=12, seed=3)
    c = generate_quiz(chunks, LAW, n=12, seed=4)
    assert a == b and len(a.questions) == 12
    assert a.questions != c.questions


def test_types_chapter_and_version_filters(chunks):
    quiz = generate_quiz(chunks, "《中华人民共和国行政复议法》", version="2017", chapter="第三章", n=50, types="判断")
    assert quiz.version == "2017-09-01" and quiz.questions
    chapter = {a.label for a in articles(chunks, resolve_law(chunks, LAW, 2017), "第三章")}
    assert all(q.type == "判断" and q.citation.article in chapter for q in quiz.questions)
    rounded = generate_quiz(chunks, LAW, n=9, types=["单选", "多选", "判断"])
    assert [q.type for q in rounded.questions].count("多选") == 3


def test_json_shape_is_exact(chunks):
    data = generate_quiz(chunks, LAW, n=6).to_json()
    assert set(data) == {"law", "version", "questions"}
    for q in data["questions"]:
        assert set(q) == {"type", "stem", "options", "answer", "citation"}
        assert set(q["citation"]) == {"title", "version", "article", "quote"}
        assert (q["options"] == []) == (q["type"] == "判断")
    json.dumps(data, ensure_ascii=False)


def test_law_resolution(chunks):
    for name in ("行政复议法", "《中华人民共和国行政复议法》", "中华人民共和国行政复议法"):
        assert resolve_law(chunks, name).version == "2023-09-01"
    assert resolve_law(chunks, LAW, "2017-09-01").version == "2017-09-01"
    assert resolve_law(chunks, LAW, "2017年").is_current is False
    with pytest.raises(UnknownLaw, match="行政复议法"):
        resolve_law(chunks, "复议法")
    with pytest.raises(UnknownVersion, match="2017年版、2023年版"):
        resolve_law(chunks, LAW, 2019)


# --- the key-support check on hand-made questions --------------------------------------------------------------

ARTICLE = "第九条　申请人应当自收到通知之日起十日内提交材料。\n行政复议机关可以进行调解。"


def _q(kind, stem, options, answer, quote) -> Question:
    return Question(kind, stem, tuple(options), tuple(answer), QuizCitation("示例法", "2024-01-01", "第九条", quote))


def test_supported_accepts_a_backed_cloze_and_rejects_broken_ones():
    stem = "根据《示例法》（2024年版），申请人应当自收到通知之日起（  ）内提交材料。"
    opts = ["A. 五日", "B. 七日", "C. 十日", "D. 十五日"]
    quote = "申请人应当自收到通知之日起十日内提交材料"
    assert supported(_q("单选", stem, opts, ["C"], quote), ARTICLE)
    assert not supported(_q("单选", stem, opts, ["B"], quote), ARTICLE)  # key not in the quote
    assert not supported(_q("单选", stem, opts, ["C"], "十日内提交证据"), ARTICLE)  # quote not verbatim
    assert not supported(_q("单选", stem, opts[:3], ["C"], quote), ARTICLE)  # three options
    giveaway = "根据《示例法》（2024年版），申请人应当自收到通知之日起十日（即（  ））内提交材料。"
    assert not supported(_q("单选", giveaway, opts, ["C"], quote), ARTICLE)


def test_supported_for_judgements():
    quote = "行政复议机关可以进行调解"
    true_stem = "根据《示例法》（2024年版），行政复议机关可以进行调解。"
    false_stem = "根据《示例法》（2024年版），行政复议机关应当进行调解。"
    assert supported(_q("判断", true_stem, [], ["正确"], quote), ARTICLE)
    assert supported(_q("判断", false_stem, [], ["错误"], quote), ARTICLE)
    assert not supported(_q("判断", false_stem, [], ["正确"], quote), ARTICLE)
    unrelated = "根据《示例法》（2024年版），人民法院负责审理全部行政案件。"
    assert not supported(_q("判断", unrelated, [], ["错误"], quote), ARTICLE)


# --- the LLM generator --------------------------------------------------------------------------------------------

GOOD = {"type": "单选", "stem": "根据《行政复议法》（2023年版），公民认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起（  ）内提出行政复议申请。",
        "options": ["A. 三十日", "B. 六十日", "C. 九十日", "D. 一年"], "answer": ["B"], "article": "第二十条",
        "quote": "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请"}
WRONG_KEY = {**GOOD, "answer": ["A"], "stem": GOOD["stem"].replace("公民", "法人")}
WRONG_ARTICLE = {**GOOD, "article": "第二十一条", "stem": GOOD["stem"].replace("公民", "其他组织")}


def test_llm_questions_are_checked_and_topped_up(chunks):
    reply = "好的：\n```json\n" + json.dumps({"questions": [GOOD, WRONG_KEY, WRONG_ARTICLE]}, ensure_ascii=False) + "\n```"
    model = ScriptedChatModel([reply])
    quiz = generate_quiz(chunks, LAW, n=4, seed=1, chat=model)
    assert quiz.questions[0].stem == GOOD["stem"] and quiz.questions[0].answer == ("B",)
    assert len(quiz.questions) == 4
    assert any("剔除2道" in x for x in quiz.notices) and any("离线出题补足3道" in x for x in quiz.notices)
    assert "第二十条" in model.seen[0][1][1] or "第" in model.seen[0][1][1]


class _Down:
    name = "down"

    def stream(self, messages) -> Iterator[str]:
        raise LLMUnavailable("连接超时")
        yield ""  # pragma: no cover - makes this a generator


def test_llm_failures_fall_back_to_offline(chunks):
    offline = generate_quiz(chunks, LAW, n=5, seed=2)
    for model, words in ((_Down(), "暂不可用"), (ScriptedChatModel(["不是 JSON"]), "无法解析")):
        quiz = generate_quiz(chunks, LAW, n=5, seed=2, chat=model)
        assert quiz.questions == offline.questions
        assert any(words in x for x in quiz.notices)


def test_quiz_command_prints_json_and_reports_errors(chunks, capsys):
    assert main_for_tests(["quiz", "--law", LAW, "--n", "3", "--format", "json", "--seed", "5"], chunks) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["law"] == "中华人民共和国行政复议法" and len(data["questions"]) == 3
    assert main_for_tests(["quiz", "--law", "行政复议", "--types", "问答"], chunks) == 2
    assert "行政复议法" in capsys.readouterr().err


def test_distractors_come_from_the_same_kind_of_clause():
    """A time limit's wrong options are other time limits (or usual values), never a detention term of the law;
    a 多选 list of 情形 is filled with 情形 of other lists first. Every key stays verified."""
    from app.chunking.law import parse_law
    from app.training.distractors import FigureKind, figure_kind, figure_pools
    from app.training.quiz import generate_quiz, list_kind
    from app.training.questions import supported

    law = ("# 示例管理法\n\n第一条 申请人应当自收到通知之日起十日内补正材料。\n\n"
           "第二条 违反本法规定的，处八日以下拘留。\n\n第三条 行政机关应当自受理之日起二十日内作出决定。\n")
    chunks = parse_law(law, "laws/示例管理法(2024-01-01).md")
    text = "处八日以下拘留，应当在十日内作出决定，自送达之日起三十日"
    kinds = [figure_kind(text, text.index(f), text.index(f) + len(f)) for f in ("八日", "十日", "三十日")]
    assert kinds == [FigureKind.PENALTY, FigureKind.TIME_LIMIT, FigureKind.TIME_LIMIT]
    pools = figure_pools([c.text for c in chunks])
    assert pools[FigureKind.PENALTY] == ["八日"] and "八日" not in pools[FigureKind.TIME_LIMIT]
    quiz = generate_quiz(chunks, "示例管理法", n=10, types="单选", seed=1)
    limit_qs = [q for q in quiz.questions if q.citation.article in ("第一条", "第三条")]
    assert limit_qs and all("八日" not in o for q in limit_qs for o in q.options)
    texts = {c.article: c.text for c in chunks}
    assert all(supported(q, texts[q.citation.article]) for q in quiz.questions)
    assert list_kind("有下列情形之一的，不予许可：") == "情形" and list_kind("行政复议机关履行下列职责：") == "职责"
    assert list_kind("申请材料包括") == "材料" and list_kind("依法办理") is None

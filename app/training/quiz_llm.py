"""The LLM quiz generator: asks a chat model for JSON questions, then holds each to the same key-support check
as the offline generator; when the model fails or answers badly, offline questions fill in, with a notice."""
from __future__ import annotations

import json
import random
import re

from app.llm.chat import ChatModel, Message
from app.errors import LLMUnavailable
from app.training import Article, LawRef
from app.training.questions import LETTERS, QTYPES, Question, QuizCitation, supported
from app.training.quiz import Candidate, offline_questions, pick


_SYSTEM = ("你是行政机关法治培训的出题老师。只依据用户给出的条文出题，每题必须引用所依据的条文，"
           "quote 必须是该条原文中连续的一段（逐字照抄），正确答案必须能在 quote 中找到。只输出 JSON，不要解释。")


def llm_prompt(ref: LawRef, arts: list[Article], n: int, kinds: tuple[str, ...]) -> list[Message]:
    shape = ('{"questions": [{"type": "单选|多选|判断", "stem": "题干", "options": ["A. …", "B. …", "C. …", "D. …"], '
             '"answer": ["A"], "article": "第二十条", "quote": "条文原文片段"}]}')
    law_text = "\n".join(a.text for a in arts)
    ask = (f"请根据{ref.label}的下列条文出{n}道题，题型：{'、'.join(kinds)}。单选4个选项且只有1个正确；"
           f"多选4个选项、2至3个正确；判断题 options 为空列表，answer 为[\"正确\"]或[\"错误\"]。"
           f"题干以“根据{ref.label}，”开头。干扰项要似是而非（如本法中其他期限、其他机关）。"
           f"输出格式：{shape}\n\n条文：\n{law_text}")
    return [("system", _SYSTEM), ("user", ask)]


def parse_llm_json(reply: str) -> list[dict]:
    """The questions array from a reply that may wrap the JSON in prose or a ``` fence; ValueError if absent."""
    start, end = reply.find("{"), reply.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object")
    data = json.loads(reply[start:end + 1])
    items = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError("no questions list")
    return [d for d in items if isinstance(d, dict)]


def question_from_json(d: dict, ref: LawRef) -> Question | None:
    """A model's question in our shape, or None when a field is missing or malformed."""
    try:
        kind = str(d["type"]).strip()
        texts = [re.sub(r"^[A-Ea-e][.．、:：\s]\s*", "", str(o)).strip() for o in d.get("options") or []]
        answer = tuple(_norm_answer(str(a)) for a in d["answer"])
        article = str(d.get("article") or d.get("citation", {}).get("article")).strip()
        quote = str(d.get("quote") or d.get("citation", {}).get("quote")).strip()
    except (KeyError, TypeError, AttributeError):
        return None
    if kind not in QTYPES:
        return None
    options = tuple(f"{LETTERS[i]}. {t}" for i, t in enumerate(texts[:len(LETTERS)]))
    return Question(kind, str(d.get("stem", "")).strip(), options, answer,  # type: ignore[arg-type]
                    QuizCitation(ref.title, ref.version, article, quote))


def _norm_answer(a: str) -> str:
    a = a.strip().rstrip(".．")
    return {"对": "正确", "√": "正确", "true": "正确", "错": "错误", "×": "错误", "false": "错误"}.get(a.lower(), a.upper()
                                                                                               if len(a) == 1 else a)


def llm_questions(chat: ChatModel, ref: LawRef, scope: list[Article], pool: list[Article], n: int,
                  kinds: tuple[str, ...], seed: int) -> tuple[list[Question], list[str]]:
    """Model-written questions that pass `supported`; on failure or shortfall the offline generator fills in."""
    arts = random.Random(seed).sample(scope, min(len(scope), 15))
    arts.sort(key=lambda a: a.number)
    try:
        raw = parse_llm_json("".join(chat.stream(llm_prompt(ref, arts, n, kinds))))
    except LLMUnavailable as err:
        return offline_questions(ref, scope, pool, n, kinds, seed), [f"大模型暂不可用（{err}），已改用离线出题。"]
    except ValueError:
        return offline_questions(ref, scope, pool, n, kinds, seed), ["大模型返回的内容无法解析为题目，已改用离线出题。"]
    texts = {a.label: a.text for a in scope}
    parsed = [q for q in (question_from_json(d, ref) for d in raw) if q and q.type in kinds]
    good = [q for q in parsed if supported(q, texts.get(q.citation.article, ""))]
    kept = pick({t: [Candidate((q.citation.article, i), q) for i, q in enumerate(good) if q.type == t]
                 for t in kinds}, kinds, n, seed)
    notes = [f"已剔除{len(raw) - len(good)}道依据不足或格式不符的大模型题目。"] if len(raw) > len(good) else []
    if len(kept) < n:
        extra = offline_questions(ref, scope, pool, n - len(kept), kinds, seed, taken=tuple(kept))
        kept += extra
        notes += [f"另由离线出题补足{len(extra)}道。"] if extra else []
    return kept, notes

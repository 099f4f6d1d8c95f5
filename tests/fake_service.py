"""FakeService: the LawdeskService surface over a handful of hand-made records, for UI tests."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from app.answer import refuse
from app.config import Settings
from app.schema import Answer, BuildReport, Chunk, Citation, Hit, KBStats, LawInfo, Turn

FYF = "中华人民共和国行政复议法"
TDF = "中华人民共和国土地管理法"
REPORT = "孟州市自然资源和规划局2025年法治政府建设工作报告"


def _law(cid, title, short, version, current, article, no, text, path, part=None):
    return Chunk(cid, "law", title, short, version, current, article, no, part, path, None, text,
                 f"laws/{short}({version}).md")


def _rep(cid, section, path, text):
    return Chunk(cid, "report", REPORT, REPORT, "2025-12-31", True, None, None, None, path, section,
                 text, f"report/{REPORT}.txt")


FYF20 = _law("fyf2023-20", FYF, "行政复议法", "2023-09-01", True, "第二十条", 20,
             "第二十条　公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。\n因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算。",
             ("第三章 行政复议申请", "第一节 申请人"))
FYF9 = _law("fyf2017-9", FYF, "行政复议法", "2017-09-01", False, "第九条", 9,
            "第九条　公民、法人或者其他组织认为具体行政行为侵犯其合法权益的，可以自知道该具体行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。",
            ("第三章 行政复议申请",))
TDF47A = _law("tdf-47a", TDF, "土地管理法", "2019-08-26", True, "第四十七条", 47,
              "第四十七条　国家征收土地的，依照法定程序批准后，由县级以上地方人民政府予以公告并组织实施。",
              ("第五章 建设用地",), part=1)
TDF47B = _law("tdf-47b", TDF, "土地管理法", "2019-08-26", True, "第四十七条", 47,
              "县级以上地方人民政府拟申请征收土地的，应当开展拟征收土地现状调查和社会稳定风险评估，并将征收范围、土地现状、征收目的、补偿标准、安置方式和社会保障等在拟征收土地所在的乡（镇）和村、村民小组范围内公告至少三十日。",
              ("第五章 建设用地",), part=2)
TDF46 = _law("tdf-46", TDF, "土地管理法", "2019-08-26", True, "第四十六条", 46,
             "第四十六条　征收下列土地的，由国务院批准：（一）永久基本农田；（二）永久基本农田以外的耕地超过三十五公顷的；（三）其他土地超过七十公顷的。",
             ("第五章 建设用地",))
REP_A = _rep("rep-143-a", "一、（四）3", ("一、主要工作举措及成效", "（四）坚守监管底线，依法规范资源管理", "3. 规范资源管理秩序"),
             "3. 规范资源管理秩序。聚焦非法采砂采土等问题，组织联合巡查 150 余次，扣押涉嫌违法车辆 18 辆。全年受理各类线索 233 条，罚没收入约 237 万元。")
REP_B = _rep("rep-143-b", "一、（四）3", REP_A.heading_path,
             "对 2017 年以来 35 个土地整治项目开展全面排查，发现的 12 个问题全部整改到位。")
REP_C = _rep("rep-163", "一、（六）3", ("一、主要工作举措及成效", "（六）防范化解风险，维护社会和谐稳定", "3. 妥善化解矛盾纠纷"),
             "3. 妥善化解矛盾纠纷。全年组织行政处罚案件听证 3 起，处理行政复议、诉讼案件 13 件。")
CHUNKS = [FYF9, FYF20, TDF46, TDF47A, TDF47B, REP_A, REP_B, REP_C]


def fake_settings(tmp: Path, **kw) -> Settings:
    """Settings confined to tmp, ignoring any .env and LAWDESK_* paths of the developer."""
    base = dict(index_dir=tmp / "index", feedback_db=tmp / "feedback.sqlite3", user_docs_dir=tmp / "user_docs",
                llm_model=None, staff_users="")
    return Settings(_env_file=None, **{**base, **kw})


class FakeService:
    """Same methods as app.service.LawdeskService; answers by keyword from the records above."""

    def __init__(self, settings: Settings | None = None, llm: bool = False):
        self.settings = settings or Settings(_env_file=None)
        self.scope = refuse.SCOPES[self.settings.scope]
        self.chunks = list(CHUNKS)
        self.llm = llm
        self.fail_with: Exception | None = None
        self.calls: list[tuple[str, str, tuple[Turn, ...]]] = []
        self.uploaded: list[Path] = []

    @property
    def llm_enabled(self) -> bool:
        return self.llm

    def ask(self, question: str, history=(), audience: str = "staff") -> Answer:
        self.calls.append((question, audience, tuple(history)))
        if self.fail_with:
            raise self.fail_with
        mode = "llm" if self.llm else "extractive"
        q = question
        if "复议" in q and "期限" in q:
            text = "申请行政复议的期限为自知道或者应当知道该行政行为之日起六十日内[1]。"
            cites = (Citation(1, FYF20, "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请"),)
        elif "线索" in q or "罚没" in q:
            text = "全年受理各类线索 233 条[1]，罚没收入约 237 万元[1]。"
            cites = (Citation(1, REP_A, "全年受理各类线索 233 条，罚没收入约 237 万元"),)
        elif "四十七" in q or "47" in q:
            text = "土地管理法第四十七条规定，征收土地由县级以上地方人民政府公告并组织实施[1]，并应公告至少三十日[2]。"
            cites = (Citation(1, TDF47A, "由县级以上地方人民政府予以公告并组织实施"),
                     Citation(2, TDF47B, "公告至少三十日"))
        elif "新旧" in q or "变化" in q:
            text = "旧法规定自知道该具体行政行为之日起六十日内[1]；新法改为“知道或者应当知道”该行政行为之日起[2]。"
            cites = (Citation(1, FYF9, "可以自知道该具体行政行为之日起六十日内提出行政复议申请"),
                     Citation(2, FYF20, "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请"))
        else:
            return Answer(q, q, "知识库中没有找到能回答这个问题的依据。", (), True, mode,
                          notices=("未找到依据，以下为可能相关的条文。",),
                          related=(Hit(TDF46, 0.2, ("lexical",)),), audience=audience)
        return Answer(q, q, text, cites, False, mode, latency_ms=3.0, audience=audience)

    def ask_stream(self, question: str, history=(), audience: str = "staff") -> Iterator[str | Answer]:
        answer = self.ask(question, history, audience)
        if self.llm:
            for i in range(0, len(answer.text), 6):
                yield answer.text[i:i + 6]
        yield answer

    def search(self, query: str, k: int = 10, history=()) -> list[Hit]:
        return [Hit(c, 1.0, ("lexical",)) for c in self.chunks if query in c.text][:k]

    def lookup(self, ref: str) -> list[Chunk]:
        if "土地管理法" in ref and ("47" in ref or "四十七" in ref):
            return [TDF47A, TDF47B]
        if "行政复议法" in ref and ("20" in ref or "二十" in ref):
            return [FYF20]
        return []

    def laws(self) -> list[LawInfo]:
        return [
            LawInfo(FYF, "行政复议法", "2023-09-01", True, "法律", 1, FYF20.source),
            LawInfo(FYF, "行政复议法", "2017-09-01", False, "法律", 1, FYF9.source),
            LawInfo(TDF, "土地管理法", "2019-08-26", True, "法律", 2, TDF47A.source),
            LawInfo(REPORT, REPORT, "2025-12-31", True, "工作报告", 0, REP_A.source),
        ]

    def articles(self, title: str, version: str | None) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_type == "law" and c.title == title
                and (version is None and c.is_current or c.version == version)]

    def report(self) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_type == "report"]

    def context(self, chunk_id: str) -> list[Chunk]:
        c = next((c for c in self.chunks if c.chunk_id == chunk_id), None)
        if c is None:
            return []
        key = (lambda x: (x.title, x.version, x.article)) if c.doc_type == "law" else (lambda x: (x.title, x.section))
        return [x for x in self.chunks if key(x) == key(c)]

    def stats(self) -> KBStats:
        return KBStats(documents=4, laws=2, law_versions=3, articles=4, report_sections=2,
                       other_docs=0, chunks=len(self.chunks), built_at="2025-12-31T10:00:00")

    def add_documents(self, paths: list[Path]) -> list[str]:
        dest = self.settings.uploads_dir
        dest.mkdir(parents=True, exist_ok=True)
        msgs = []
        for p in map(Path, paths):
            shutil.copy(p, dest / p.name)
            self.uploaded.append(dest / p.name)
            msgs.append(f"已添加 {p.name}")
        return msgs

    def rebuild(self, progress: Callable[[float, str], None] | None = None) -> BuildReport:
        if progress:
            progress(0.5, "正在建立索引")
            progress(1.0, "完成")
        return BuildReport(documents=4, chunks=len(self.chunks), embedded=0, deleted=0, seconds=0.1)

    # the delegations LawdeskService has for uploads and browse lookups, over the same pure modules
    def uploads(self):
        from app.uploads import list_uploads

        return list_uploads(self.settings.uploads_dir, self.chunks, "2025-12-31 10:00:00")

    def delete_upload(self, name: str) -> str:
        from app.uploads import delete_upload

        return delete_upload(self.settings.uploads_dir, name)

    def resolve_reference(self, text: str):
        from app.browse import References

        return References(self.chunks).resolve(text)

"""Outline and exports: golden Markdown on a hand-written fixture law, DOCX files that open and hold the content."""
from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest

from app.chunking import mark_current
from app.chunking.law import parse_law
from app.chunking.report import parse_report
from app.training.commands import main_for_tests
from app.training.diff import diff_law
from app.training.export import diff_markdown, outline_markdown, quiz_docx, quiz_markdown
from app.training.outline import build_outline
from app.training.quiz import generate_quiz

GOLDEN = Path(__file__).parent / "golden" / "training"

OLD = """# 示例资源管理法

2016年1月1日 示例会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了加强示例资源管理，制定本法。

第二条 县级以上人民政府自然资源主管部门负责本行政区域内示例资源的管理工作。

## 第二章 许可

第三条 申请人应当自收到通知之日起三十日内补正材料。

第四条 有下列情形之一的，不予许可：

（一）申请材料虚假；

（二）超出规划范围；

（三）未缴纳有关费用。
"""

NEW = """# 示例资源管理法

2016年1月1日 示例会议通过
2024年6月1日 示例会议修订

<!-- INFO END -->

## 第一章 总则

第一条 为了加强示例资源管理，制定本法。

第二条 县级以上人民政府自然资源主管部门负责本行政区域内示例资源的管理工作。

国务院自然资源主管部门负责全国示例资源的统一管理。

## 第二章 许可

### 第一节 申请

第三条 申请人应当自收到通知之日起十五日内补正材料。

第四条 许可机关应当自受理之日起二十日内作出决定；情况复杂的，经本机关负责人批准，可以延长十日。

### 第二节 审查

第五条 有下列情形之一的，不予许可：

（一）申请材料虚假；

（二）超出规划范围；

（三）危害公共安全。

第六条 有下列情形之一的，撤销许可：

（一）以欺骗手段取得许可；

（二）许可机关超越职权作出许可；

（三）违反法定程序作出许可。

第七条 许可证有效期为五年。期满需要延续的，应当在届满三十日前提出申请。
"""

REPORT = """某局2025年法治政府建设工作报告

一、学法用法

组织干部学习《示例资源管理法》，开展专题培训2次。

二、依法行政

依法办理示例资源许可事项12件。

2026年2月1日
"""


@pytest.fixture(scope="module")
def fixture_chunks():
    return mark_current(parse_law(OLD, "laws/示例资源管理法(2016-01-01).md")
                        + parse_law(NEW, "laws/示例资源管理法(2024-06-01).md")
                        + parse_report(REPORT, "report/报告.txt"))


def _golden(name: str, text: str) -> None:
    """Compare with tests/golden/training/<name>; LAWDESK_UPDATE_GOLDEN=1 rewrites it after a reviewed change."""
    path = GOLDEN / name
    if os.environ.get("LAWDESK_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_quiz_markdown_golden(fixture_chunks):
    quiz = generate_quiz(fixture_chunks, "示例资源管理法", n=6, seed=1)
    assert len(quiz.questions) >= 4
    _golden("quiz.md", quiz_markdown(quiz))


def test_outline_markdown_golden(fixture_chunks):
    outline = build_outline(fixture_chunks, "《示例资源管理法》")
    assert [s.heading_path for s in outline.sections] == [
        ("第一章 总则",), ("第二章 许可", "第一节 申请"), ("第二章 许可", "第二节 审查")]
    assert outline.report[0].direct and "示例资源管理法" in outline.report[0].text
    _golden("outline.md", outline_markdown(outline))


def test_diff_markdown_golden(fixture_chunks):
    diff = diff_law(fixture_chunks, "示例资源管理法", 2016, 2024)
    assert diff.summary == {"added": 3, "removed": 0, "modified": 3, "unchanged": 1}
    _golden("diff.md", diff_markdown(diff))


def test_operative_sentence_prefers_the_limit(fixture_chunks):
    outline = build_outline(fixture_chunks, "示例资源管理法", chapter="第二章")
    points = {p.article: p.point for s in outline.sections for p in s.points}
    assert points["第三条"] == "申请人应当自收到通知之日起十五日内补正材料"
    assert "二十日" in points["第四条"]


def test_quiz_docx_has_questions_and_key_after_a_page_break(fixture_chunks, tmp_path):
    quiz = generate_quiz(fixture_chunks, "示例资源管理法", n=6, seed=1)
    doc = docx.Document(str(quiz_docx(quiz, tmp_path / "quiz.docx")))
    texts = [p.text for p in doc.paragraphs]
    body = "\n".join(texts)
    assert all(q.stem in body for q in quiz.questions)
    breaks = [i for i, p in enumerate(doc.paragraphs) if 'w:br w:type="page"' in p._p.xml]
    key = texts.index("参考答案与依据")
    assert breaks and breaks[0] < key
    assert all(q.citation.quote.replace("\n", "") in "\n".join(texts[key:]) for q in quiz.questions)
    assert not any("依据：" in t for t in texts[:key])  # the handout part carries no answers


def test_outline_and_quiz_commands_write_files(fixture_chunks, tmp_path, capsys):
    out = tmp_path / "提纲.docx"
    assert main_for_tests(["outline", "--law", "示例资源管理法", "--format", "docx", "--out", str(out)],
                          fixture_chunks) == 0
    assert "第五条" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    md = tmp_path / "quiz.md"
    assert main_for_tests(["quiz", "--law", "示例资源管理法", "--n", "3", "--out", str(md)], fixture_chunks) == 0
    assert md.read_text(encoding="utf-8").startswith("# 《示例资源管理法》（2024年版）培训测试题")
    capsys.readouterr()
    assert main_for_tests(["outline", "--law", "示例资源管理法", "--version", "2016", "--format", "json"],
                          fixture_chunks) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == "2016-01-01" and data["sections"][0]["heading_path"] == ["第一章 总则"]


def test_quiz_is_the_same_in_another_process(tmp_path):
    """String hashing differs between processes (PYTHONHASHSEED); the seeded quiz must not."""
    import subprocess
    import sys
    script = (
        "import json, sys; sys.path.insert(0, %r)\n"
        "from tests.test_training_outline_export import OLD, NEW\n"
        "from app.chunking import mark_current\nfrom app.chunking.law import parse_law\n"
        "from app.training.quiz import generate_quiz\n"
        "c = mark_current(parse_law(OLD, 'laws/示例资源管理法(2016-01-01).md') + parse_law(NEW, 'laws/示例资源管理法(2024-06-01).md'))\n"
        "print(json.dumps(generate_quiz(c, '示例资源管理法', n=8, seed=3).to_json(), ensure_ascii=False))\n"
    ) % str(Path(__file__).parent.parent)
    outs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": h}).stdout for h in ("1", "2", "3")}
    assert len(outs) == 1

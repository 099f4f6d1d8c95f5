"""The deployment profile (corpus/profile.toml or LAWDESK_PROFILE): the bureau's name, the places its report
covers, the page title and the texts that name them. Read once where the app is assembled; defaults are today's."""
from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

log = logging.getLogger("lawdesk.profile")


@dataclass(frozen=True)
class Profile:
    name: str = "孟州市自然资源和规划局"
    places: tuple[str, ...] = ("孟州", "焦作", "河南")
    report: str = "2025 年法治政府建设工作报告"
    page_title: str = "孟州市自然资源和规划局 · 法治问答"
    role: str = ""  # the LLM's role line for the bureau scope; "" keeps the built-in one
    intro: str = ("您好！我是孟州市自然资源和规划局法治工作问答助手，可以回答关于本局 2025 年法治政府建设工作报告"
                  "以及土地管理、行政复议、行政处罚等相关法律法规的问题，每个回答都会标注原文出处。"
                  "例如：“申请行政复议的期限是多长？”“全年受理各类线索多少条？”")
    decline: str = ("抱歉，这个问题超出了本助手的范围。我只回答与孟州市自然资源和规划局 2025 年法治政府建设工作报告"
                    "及相关法律法规有关的问题。")


DEFAULT_PROFILE = Profile()


def load_profile(path: Path | None) -> Profile:
    if path is None or not path.is_file():
        return DEFAULT_PROFILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")).get("bureau", {})
    except (OSError, tomllib.TOMLDecodeError) as err:
        log.warning("profile %s unreadable (%s): built-in defaults used", path, err)
        return DEFAULT_PROFILE
    known = {f.name for f in fields(Profile)}
    values: dict[str, Any] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in known}
    return Profile(**values)

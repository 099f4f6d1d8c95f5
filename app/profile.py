"""The deployment profile (corpus/profile.toml or LAWDESK_PROFILE): the bureau's name, the places its report
covers, the page title and the texts that name them. Read once where the app is assembled; defaults are today's."""
from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from app.answer import refuse

log = logging.getLogger("lawdesk.profile")


@dataclass(frozen=True)
class Profile:
    name: str = "孟州市自然资源和规划局"
    places: tuple[str, ...] = ("孟州", "焦作", "河南")
    report: str = "2025 年法治政府建设工作报告"
    page_title: str = refuse.BUREAU.title
    role: str = ""  # the LLM's role line; "" keeps the built-in one
    intro: str = refuse.INTRO
    decline: str = refuse.DECLINE_SCOPE

    def scope(self, name: str) -> refuse.Scope:
        """The answering scope: the bureau scope takes this profile's texts; the library scope is generic."""
        base = refuse.SCOPES[name]
        if name != refuse.BUREAU.name:
            return base
        return replace(base, title=self.page_title, intro=self.intro, decline=self.decline)


def load_profile(path: Path | None) -> Profile:
    if path is None or not path.is_file():
        return Profile()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")).get("bureau", {})
    except (OSError, tomllib.TOMLDecodeError) as err:
        log.warning("profile %s unreadable (%s): built-in defaults used", path, err)
        return Profile()
    known = {f.name for f in fields(Profile)}
    values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in known}
    return Profile(**values)

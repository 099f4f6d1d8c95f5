"""Gradio's temporary copies of uploaded files, removed once the 管理 tab has used (or refused) them."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from gradio.utils import get_upload_folder

log = logging.getLogger("lawdesk.ui")


def discard_uploads(paths: Iterable[str] | None, root: Path | None = None) -> int:
    """Deletes the given files if they lie in Gradio's upload folder (never anything else); returns how many."""
    base = (root or Path(get_upload_folder())).resolve()
    removed = 0
    for p in paths or ():
        path = Path(p).resolve()
        if base not in path.parents or not path.is_file():
            continue
        try:
            path.unlink()
            removed += 1
            if path.parent != base and not any(path.parent.iterdir()):
                path.parent.rmdir()  # Gradio keeps each upload in its own hashed folder
        except OSError:
            log.warning("could not remove the uploaded temp file %s", path.name)
    return removed

"""Structure checks that need no running code: no private names imported across modules, no import-time I/O."""
from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _imports():
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app"):
                yield path, node


def test_no_private_names_imported_across_modules():
    bad = [f"{p.relative_to(APP)}: from {n.module} import {a.name}" for p, n in _imports() for a in n.names
           if a.name.startswith("_")]
    assert not bad, bad


def test_no_import_guards_around_the_projects_own_modules():
    """An ImportError guard around our own module turns a bug into a silent missing feature."""
    bad = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Try) and any(
                    isinstance(h.type, ast.Name) and h.type.id == "ImportError" for h in node.handlers):
                mods = [n.module for n in ast.walk(node) if isinstance(n, ast.ImportFrom)]
                bad += [f"{path.relative_to(APP)}: {m}" for m in mods if m and m.startswith("app")]
    assert not bad, bad

"""notes sits below campaigns and home (DESIGN.md §3): none of its modules, tests included, imports them."""

import ast
from pathlib import Path

import notes

HIGHER_APPS = {"campaigns", "home"}
NOTES_DIR = Path(notes.__file__).parent


def imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_notes_never_imports_campaigns_or_home():
    modules = sorted(NOTES_DIR.rglob("*.py"))
    assert NOTES_DIR / "models.py" in modules
    offending = {
        str(path.relative_to(NOTES_DIR)): sorted(HIGHER_APPS & set(imported_apps(path)))
        for path in modules
        if HIGHER_APPS & set(imported_apps(path))
    }
    assert offending == {}

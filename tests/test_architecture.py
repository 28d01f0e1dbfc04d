"""The layers of the package: each imports only the layers below it, with no circles.

The order, bottom to top (docs/architecture.md):
model → regexes, yamlpos, atomic, cachedir → source → outline → checks → packs → linter
→ reporters → run → cli, lsp, web (the surfaces). Modules of one layer may import each other,
but never in a circle. An import inside a function is allowed only to save start-up time, and
says so in a comment.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lint.checks import KINDS
from lint.reporters import FORMATS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lint"

LAYERS = [
    ["lint.model"],
    ["lint.regexes", "lint.yamlpos", "lint.atomic", "lint.cachedir"],
    ["lint.source"],
    ["lint.outline"],
    ["lint.language"],
    ["lint.checks"],
    ["lint.packs"],
    ["lint.linter", "lint.detect", "lint.suppress"],
    ["lint.reporters"],
    ["lint.run"],
    ["lint.cli", "lint.__main__", "lint.lsp", "lint.web"],
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int | None:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None  # lint itself (the version)


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module imported, line, inside a function) for every draftlint import of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # annotations only
            if isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, in_function) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for alias in child.names:
                    name = f"{child.module}.{alias.name}"
                    target = (
                        name
                        if (PACKAGE / Path(*name.split(".")[1:])).exists()
                        or (PACKAGE / Path(*name.split(".")[1:])).with_suffix(".py").exists()
                        else child.module
                    )
                    found.append((target, child.lineno, in_function))
            visit(child, inner)

    visit(tree, False)
    return [(m, line, f) for m, line, f in found if m == "lint" or m.startswith("lint.")]


MODULES = sorted(PACKAGE.rglob("*.py"))


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in MODULES:
        name = module_name(path)
        edges[name] = {m for m, _, _ in imports(path) if m != "lint"}
    return edges


def test_every_module_has_a_layer():
    assert [module_name(p) for p in MODULES if layer(module_name(p)) is None] == ["lint"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_runs_up_a_layer(path):
    name = module_name(path)
    upward = [
        (target, line)
        for target, line, _ in imports(path)
        if target != "lint" and layer(target) is not None and layer(target) > layer(name)
    ]
    assert upward == [], f"{name} imports a higher layer"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_inside_functions_say_why(path):
    """An import inside a function (to load something only when needed) carries a comment
    on its line or the line above."""
    lines = path.read_text(encoding="utf-8").splitlines()
    silent = [
        (target, line)
        for target, line, in_function in imports(path)
        if in_function and "#" not in lines[line - 1] and "#" not in lines[line - 2]
    ]
    assert silent == []


def test_no_import_circles():
    edges = graph()
    # a package imports its own modules (its __init__ is the registry), never the reverse
    # through a circle: look for cycles among modules.
    state: dict[str, int] = {}
    cycles = []

    def walk(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if target not in edges:
                continue
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                walk(target, [*stack, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            walk(node, [node])
    assert cycles == []


def test_the_layer_check_catches_an_upward_import(tmp_path, monkeypatch):
    """The check itself can fail: a model that imported the linter would be reported."""
    fake = tmp_path / "lint" / "model.py"
    fake.parent.mkdir()
    fake.write_text("from lint.linter import Linter\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "lint")
    (target, _, _), *_ = imports(fake)
    assert layer(target) > layer(module_name(fake))


def test_the_wheel_ships_every_module(tmp_path):
    """`pip install .` from a fresh clone gets every module and every shipped pack."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("draftlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT)) for p in MODULES}
    assert modules - names == set()
    packs = {
        f"lint/rules/{p.relative_to(ROOT / 'rules')}" for p in (ROOT / "rules").rglob("*.yaml")
    }
    assert packs - names == set()


# The tests mirror the layout (tests/README.md): a kind's tests, and its shipped examples, in
# tests/checks/test_<kind>.py; a format's tests in tests/reporters/test_<format>.py.


@pytest.mark.parametrize("kind", KINDS)
def test_every_check_kind_has_its_test_file_running_its_examples(kind):
    path = ROOT / "tests" / "checks" / f"test_{kind}.py"
    assert path.is_file()
    assert f'shipped_rules("{kind}")' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_output_format_has_its_test_file(fmt):
    assert (ROOT / "tests" / "reporters" / f"test_{fmt}.py").is_file()

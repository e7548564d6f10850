"""The package's layers, read from the source (no import runs): no import cycle, kg/nlp
without RDF, kg/graph without spaCy, a fact model with neither, imports inside functions
only where the module says why, and SPARQL only in kg/graph, kg/serve or resource files."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kg"


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _targets(module: str, node: ast.Import | ast.ImportFrom, is_package: bool) -> list[str]:
    """The modules an import statement names (`from kg.graph import vocab` names kg.graph.vocab)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in MODULES else prefix for a in node.names]


def _imports(module: str) -> tuple[set[str], set[str]]:
    """(imported at module level, imported inside a function) by `module`; an import under
    `if TYPE_CHECKING:` is neither."""
    path = MODULES[module]
    top: set[str] = set()
    inner: set[str] = set()

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            function = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import | ast.ImportFrom):
                (inner if function else top).update(_targets(module, child, path.name == "__init__.py"))
            walk(child, function)

    walk(ast.parse(path.read_text(encoding="utf-8")), False)
    return top, inner


IMPORTS = {m: _imports(m) for m in MODULES}


def _cycle() -> list[str] | None:
    graph = {m: {t for t in top if t in MODULES and t != m} for m, (top, _) in IMPORTS.items()}
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                return path[path.index(t) :] + [t]
            if t not in state and (found := visit(t)):
                return found
        path.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_no_module_imports_itself_round_a_cycle():
    assert _cycle() is None


def _all_imports(prefix: str) -> dict[str, set[str]]:
    return {
        m: top | inner for m, (top, inner) in IMPORTS.items() if m == prefix or m.startswith(prefix + ".")
    }


def _starts(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("kg.nlp", ("rdflib", "pyoxigraph", "kg.graph", "kg.build", "kg.exports", "kg.serve", "kg.cli")),
        ("kg.graph", ("spacy", "kg.nlp", "kg.build", "kg.exports", "kg.serve", "kg.cli", "kg.quality")),
        ("kg.model", ("spacy", "rdflib", "pyoxigraph", "kg.nlp", "kg.graph")),
        ("kg.ingest", ("spacy", "rdflib", "pyoxigraph", "kg.nlp", "kg.graph", "kg.build")),
        ("kg.serve", ("spacy", "kg.nlp", "kg.build", "kg.cli")),
        ("kg.processes", ("kg.build", "kg.serve", "kg.nlp", "kg.graph")),
    ],
)
def test_a_layer_imports_nothing_above_or_beside_it(layer, forbidden):
    wrong = {m: sorted(t for t in ts if _starts(t, forbidden)) for m, ts in _all_imports(layer).items()}
    assert {m: ts for m, ts in wrong.items() if ts} == {}


# Where a module imports kg's own code inside a function, and why: the command line loads a
# command's library where the command runs (kg/cli/__init__.py), a build loads spaCy only
# when there is something to parse, a store brings `requests` only for a server; the entry
# point loads the command line inside its Ctrl-C guard (kg/__main__.py).
LAZY_KG_IMPORTS = {
    "kg.__main__",
    "kg.cli.build",
    "kg.cli.listing",
    "kg.cli.pictures",
    "kg.cli.scoring",
    "kg.cli.store",
    "kg.build.parallel",
    "kg.graph.store",
}


def test_kg_imports_inside_functions_only_where_said():
    lazy = {m for m, (_, inner) in IMPORTS.items() if any(_starts(t, ("kg",)) for t in inner)}
    assert lazy <= LAZY_KG_IMPORTS


def _code_strings(path: Path) -> list[str]:
    """String constants that are not docstrings (a command's help shows SPARQL examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


@pytest.mark.parametrize("package", ["cli", "exports", "quality", "build", "ingest", "nlp"])
def test_sparql_is_in_the_graph_layer_or_a_resource_file(package):
    found = {
        str(path.relative_to(PACKAGE)): text
        for path in sorted((PACKAGE / package).rglob("*.py"))
        for text in _code_strings(path)
        if "WHERE {" in text.upper() or text.lstrip().upper().startswith(("SELECT ", "CONSTRUCT ", "ASK "))
    }
    assert found == {}

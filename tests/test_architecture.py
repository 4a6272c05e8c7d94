"""Dependencies run one way: u20 <- sessions <- recommendations, media_contacts,
certificates <- demo.

The import graph is read from the source with `ast`, not by importing it, so an
import inside a function counts as much as one at the top of a module.
"""

import ast
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# A package may import from itself and from packages on a lower layer; two
# packages on the same layer (recommendations, media_contacts) never import each other.
LAYERS: dict[str, int] = {
    "u20": 0,
    "sessions": 1,
    "recommendations": 2,
    "media_contacts": 2,
    "certificates": 2,
    "demo": 3,
    "api": 3,
}

Graph = dict[str, set[str]]


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, "u20.views"
    target: str  # the project module it imports, "sessions.models"
    path: str  # the importing file, "u20/views.py"
    line: int
    in_function: bool


def find_modules(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Every module of the given packages, by dotted name; a missing package has none."""
    modules: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            # Migrations are written by makemigrations, not by us: they import what
            # the model state needs, and a rule about them would only fight the tool.
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imports_in_functions(tree: ast.Module) -> set[ast.stmt]:
    return {
        node
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    }


def absolute_base(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The dotted module a `from ... import` reads from, relative levels resolved."""
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def nearest_module(name: str, modules: Mapping[str, Path]) -> str | None:
    """`name` itself if it is a project module, else its nearest enclosing one."""
    parts = name.split(".")
    while parts:
        if (candidate := ".".join(parts)) in modules:
            return candidate
        parts.pop()
    return None


def imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = absolute_base(node, module, is_package)
    # `from sessions import services` names the module sessions.services when it exists.
    return [f"{base}.{alias.name}" for alias in node.names]


def collect_imports(root: Path, packages: Iterable[str]) -> list[Import]:
    modules = find_modules(root, packages)
    found: list[Import] = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        nested = imports_in_functions(tree)
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for name in imported_names(node, module, is_package):
                target = nearest_module(name, modules)
                if target is not None and target != module:
                    relative = path.relative_to(root).as_posix()
                    found.append(Import(module, target, relative, node.lineno, node in nested))
    return found


def package_of(module: str) -> str:
    return module.partition(".")[0]


def may_import(importer: str, imported: str) -> bool:
    return importer == imported or LAYERS[imported] < LAYERS[importer]


def wrong_way_imports(imports: Iterable[Import]) -> list[str]:
    return sorted(
        {
            f"{found.path} imports {found.target}"
            for found in imports
            if not may_import(package_of(found.source), package_of(found.target))
        }
    )


def import_graph(imports: Iterable[Import]) -> Graph:
    graph: Graph = {}
    for found in imports:
        graph.setdefault(found.source, set()).add(found.target)
        graph.setdefault(found.target, set())
    return graph


def tangles(graph: Graph) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module: each
    holds at least one import cycle, and there is no cycle outside them."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowlink[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                lowlink[module] = min(lowlink[module], lowlink[target])
            elif target in stack:
                lowlink[module] = min(lowlink[module], index[target])
        if lowlink[module] == index[module]:
            component = []
            while (member := stack.pop()) != module:
                component.append(member)
            component.append(module)
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def shortest_cycle(graph: Graph, tangle: list[str]) -> list[str]:
    """A shortest cycle from the tangle's first module back to itself."""
    start, inside = tangle[0], set(tangle)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for target in sorted(graph[module] & inside):
            if target == start:
                path = [module]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if target not in came_from:
                came_from[target] = module
                queue.append(target)
    raise ValueError(f"{tangle} holds no cycle")


def import_cycles(graph: Graph) -> list[str]:
    """One line per tangle: a shortest cycle, then the tangle's other modules."""
    lines = []
    for tangle in tangles(graph):
        cycle = shortest_cycle(graph, tangle)
        rest = sorted(set(tangle) - set(cycle))
        lines.append(" -> ".join(cycle) + (f" (same tangle: {', '.join(rest)})" if rest else ""))
    return lines


def test_imports_run_one_way():
    imports = collect_imports(ROOT, LAYERS)

    assert wrong_way_imports(imports) == []


def test_no_two_modules_import_each_other():
    graph = import_graph(collect_imports(ROOT, LAYERS))

    assert import_cycles(graph) == []


def test_walker_finds_the_project_modules_and_imports_inside_functions():
    modules = find_modules(ROOT, LAYERS)
    imports = collect_imports(ROOT, LAYERS)

    assert len(modules) > 40
    assert {"u20.models", "sessions.services", "media_contacts.views"} <= modules.keys()
    assert not any("migrations" in module for module in modules)
    assert any(found.in_function for found in imports)
    assert any(not found.in_function for found in imports)


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_walker_reports_a_wrong_way_import_and_a_cycle_hidden_in_a_function(tmp_path):
    write_tree(
        tmp_path,
        {
            "u20/__init__.py": "",
            "u20/models.py": "import json\n\nfrom django.db import models\n",
            "u20/views.py": "from sessions.models import Session\n",
            "u20/migrations/0001_initial.py": "from sessions import services\n",
            "sessions/__init__.py": "",
            "sessions/models.py": (
                "from u20 import models as core\n\n\n"
                "def register():\n    from sessions import services\n"
            ),
            "sessions/services.py": "from .models import Session\n",
            "sessions/calendar/__init__.py": "",
            "sessions/calendar/ical.py": "from ..models import Session\nimport u20.models.x\n",
        },
    )

    imports = collect_imports(tmp_path, LAYERS)

    assert sorted((i.source, i.target, i.in_function) for i in imports) == [
        ("sessions.calendar.ical", "sessions.models", False),
        ("sessions.calendar.ical", "u20.models", False),
        ("sessions.models", "sessions.services", True),
        ("sessions.models", "u20.models", False),
        ("sessions.services", "sessions.models", False),
        ("u20.views", "sessions.models", False),
    ]
    assert wrong_way_imports(imports) == ["u20/views.py imports sessions.models"]
    assert import_cycles(import_graph(imports)) == [
        "sessions.models -> sessions.services -> sessions.models"
    ]


def test_cycle_report_names_a_long_cycle_and_the_rest_of_its_tangle():
    graph: Graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"c"}, "e": {"a"}}

    assert import_cycles(graph) == ["a -> b -> c -> a (same tangle: d)"]

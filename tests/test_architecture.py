"""The package's shape: stages import only downward, no module imports
itself back through others, every module says its job, and only the
browser tests know Playwright."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator"
# Lowest first. A module may import from its own stage and from stages
# below it; stages on one level know nothing of each other.
LAYERS = [
    {"kit"},
    {"content"},
    {"ingest", "library"},
    {"pages"},
    {"check", "search"},
    {"publish"},
    {"build"},
    {"serve"},
    {"cli"},
    {"__main__"},
]
LEVEL = {stage: level for level, stages in enumerate(LAYERS) for stage in stages}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> set[str]:
    """Every generator module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if (ROOT / (candidate.replace(".", "/") + ".py")).exists() else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("generator"))
    return found


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    return {module_name(path): imports_of(path) for path in sorted(package.rglob("*.py"))}


def layering_problems(edges: dict[str, set[str]]) -> list[str]:
    problems = []
    for module, imported in sorted(edges.items()):
        stage = stage_of(module)
        if stage == "__init__":
            continue
        for target in sorted(imported):
            other = stage_of(target)
            if other in ("__init__", stage):
                continue
            if LEVEL[other] >= LEVEL[stage]:
                problems.append(f"{module} imports {target}: {other} is not below {stage}")
    return problems


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges.get(module, ())):
            if target == "generator":
                continue
            if state.get(target) == "open":
                found.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return found


def test_every_stage_has_a_level() -> None:
    stages = {stage_of(module_name(p)) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert stages <= set(LEVEL), f"give {stages - set(LEVEL)} a level in LAYERS and docs/architecture.md"


def test_stages_import_only_downward() -> None:
    assert layering_problems(graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_the_checks_catch_an_upward_import_and_a_cycle() -> None:
    edges = {"generator.content.load": {"generator.pages.page"}, "generator.pages.page": {"generator.content.load"}}
    assert layering_problems(edges) == [
        "generator.content.load imports generator.pages.page: pages is not below content"
    ]
    assert cycles(edges) == [["generator.content.load", "generator.pages.page", "generator.content.load"]]


def test_every_module_opens_with_its_job() -> None:
    silent = [module_name(p) for p in sorted(PACKAGE.rglob("*.py"))
              if p.name != "__main__.py" and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert silent == []


def test_only_browser_tests_import_playwright() -> None:
    tests = ROOT / "tests"
    knowing = sorted(
        p.relative_to(tests).as_posix() for p in tests.rglob("*.py")
        if "playwright" in p.read_text(encoding="utf-8") and not p.is_relative_to(tests / "browser")
    )
    # conftest imports it only inside the browser fixture.
    assert knowing == ["conftest.py", "test_architecture.py"]
    tree = ast.parse((tests / "conftest.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert not any("playwright" in ast.dump(n) for n in top), "conftest imports playwright at the top"


DOC = ROOT / "docs" / "architecture.md"


def doc_table(heading_row: str) -> list[list[str]]:
    """The rows of the doc's table whose first row is ``heading_row``."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading_row) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_the_doc_names_every_stage_at_its_level_with_its_job() -> None:
    table = {row[1].strip("`").removesuffix("/").removesuffix(".py"): int(row[0])
             for row in doc_table("| level | stage | its job |")}
    assert table == {stage: level for stage, level in LEVEL.items() if stage != "__main__"}
    jobs = [row[2] for row in doc_table("| level | stage | its job |")]
    assert all(jobs), "every stage's job is said"


def test_the_doc_names_every_module_of_the_search_page() -> None:
    named = {row[0].strip("`") for row in doc_table("| module | its job |")}
    assert named == {p.name for p in (PACKAGE / "search" / "browser").glob("*.js")}


def test_every_file_the_doc_names_exists() -> None:
    import re

    text = DOC.read_text(encoding="utf-8")
    # Paths below the repository or the package; a bare name anywhere in the package; not URLs.
    named = set(re.findall(r"`([\w.-][\w./-]*\.(?:py|js|md|txt|html))`", text))
    everywhere = {p.name for p in PACKAGE.rglob("*")}
    missing = [name for name in sorted(named) if not (name in everywhere or any(
        (base / name).exists() for base in (ROOT, PACKAGE, PACKAGE / "search" / "browser")))]
    assert len(named) > 30 and missing == []


def test_every_type_the_glossary_names_is_in_the_code() -> None:
    import re

    text = DOC.read_text(encoding="utf-8")
    glossary = text[text.index("## Glossary"):]
    names = set(re.findall(r"`([A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]{3,})`", glossary))
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    missing = [name for name in sorted(names) if not re.search(rf"^\s*(class {name}\b|{name} = )", source, re.M)]
    assert len(names) > 5 and missing == []

"""The search page's script: the ES modules of ``search/browser/`` joined
into the one file the page loads, ``/search.js``. One file, as before they
were modules: a first search makes no request more than it did, and no
module waits for another to be fetched.

Each module keeps its own scope (a function called once, in the order the
imports ask), its imports read from the modules before it and its exports
returned, so a name private to one module never meets another's. Only the
import and export forms the modules use are understood; any other is an
error naming its line, not a file joined wrong. Whole-line comments are
left out of our modules (they are for the source); the stemmer keeps its
own, its licence among them."""

from __future__ import annotations

import re
from pathlib import Path

from generator.kit.errors import StenogramError
from generator.kit.files import MAX_INPUT_BYTES, read_regular
from generator.pages.page import Page
from generator.pages.site_pages import asset_view

BROWSER = Path(__file__).with_name("browser")
ENTRY = "main.js"
URL = "/search.js"
KEEP_COMMENTS = {"stemmer.js"}  # generated, under a licence that travels with it

_IMPORT = re.compile(r'import (?:(?P<default>\w+)|\{(?P<names>[^}]*)\}) from "\./(?P<module>[\w-]+\.js)";')
_EXPORT = re.compile(r"export (?P<default>default )?(?P<kind>(?:async )?function\*?|const|let|class) (?P<name>\w+)")


class _Module:
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.imports: list[tuple[str, str]] = []  # (module, the destructuring it reads)
        self.exports: list[str] = []
        self.lines: list[str] = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("import "):
                self.imports.append(self._import(line, number))
            elif line.startswith("export "):
                self.lines.append(self._export(line, number))
            elif name in KEEP_COMMENTS or (line.strip() and not line.lstrip().startswith("//")):
                self.lines.append(line)

    def _import(self, line: str, number: int) -> tuple[str, str]:
        found = _IMPORT.fullmatch(line)
        if not found:
            raise StenogramError(BROWSER / self.name, number, f"an import the script's joiner does not read: {line}")
        if found["default"]:
            return found["module"], f"{{ default: {found['default']} }}"
        names = [part.strip() for part in found["names"].split(",") if part.strip()]
        renamed = [f"{a.strip()}: {b.strip()}" if " as " in n else n for n in names for a, _, b in [n.partition(" as ")]]
        return found["module"], "{ " + ", ".join(renamed) + " }"

    def _export(self, line: str, number: int) -> str:
        found = _EXPORT.match(line)
        if not found:
            raise StenogramError(BROWSER / self.name, number, f"an export the script's joiner does not read: {line}")
        self.exports.append(f"default: {found['name']}" if found["default"] else found["name"])
        return line[found.start("kind"):]


def _variable(module: str) -> str:
    return "module_" + module.removesuffix(".js").replace("-", "_")


def _in_order(folder: Path) -> list[_Module]:
    """The entry and every module it imports, each after those it imports."""
    done: dict[str, _Module] = {}
    trail: list[str] = []

    def visit(name: str, by: str, line: int) -> None:
        if name in done:
            return
        if name in trail:
            raise StenogramError(folder / by, line, f"modules import each other: {' -> '.join(trail + [name])}")
        path = folder / name
        if not path.is_file():
            raise StenogramError(folder / by, line, f"imports {name}, which is not in {folder}")
        module = _Module(name, read_regular(path, MAX_INPUT_BYTES, "a script").decode("utf-8"))
        trail.append(name)
        for imported, _ in module.imports:
            visit(imported, name, 1)
        trail.pop()
        done[name] = module

    visit(ENTRY, ENTRY, 1)
    return list(done.values())


def joined(folder: Path = BROWSER) -> bytes:
    """The modules of ``folder`` as one script."""
    parts = ["// Stenogram's search page, joined from its modules (generator/search/browser/).\n"]
    for module in _in_order(folder):
        body = [f"const {names} = {_variable(source)};" for source, names in module.imports] + module.lines
        if module.name == ENTRY:
            parts.append("(() => {\n" + "\n".join(body) + "\n})();\n")
        else:
            exported = ", ".join(module.exports)
            parts.append(f"const {_variable(module.name)} = (() => {{\n" + "\n".join(body) + f"\nreturn {{ {exported} }};\n}})();\n")
    return "".join(parts).encode("utf-8")


def script_page() -> Page:
    return Page(URL, str(BROWSER / ENTRY), None, asset_view, joined())

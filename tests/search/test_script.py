"""The search page's script is joined from its modules, each in a scope of
its own; the joiner refuses what it does not understand, naming the line;
and only the state holder keeps what changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.kit.errors import StenogramError
from generator.search.script import BROWSER, joined


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_modules_are_joined_each_after_those_it_imports_each_in_its_own_scope(tmp_path: Path) -> None:
    folder = write(tmp_path, {
        "main.js": 'import { twice as double } from "./b.js";\nimport A from "./a.js";\n// a comment for the source\nconst secret = 1;\nconsole.log(double(A.n + secret));\n',
        "b.js": 'import { one } from "./a.js";\nconst secret = 2; // a private name another module has too\nexport function twice(x) { return 2 * x + one - secret + 1; }\n',
        "a.js": "export const one = 1;\nexport default class A {\n  static n = 3;\n}\n",
    })
    script = joined(folder).decode("utf-8")
    assert script.index("const module_a =") < script.index("const module_b =") < script.index("(() => {\nconst { twice: double }")
    assert "const { default: A } = module_a;" in script and "return { one, default: A };" in script
    assert "a comment for the source" not in script and "// a private name" in script
    assert not re.search(r"^(import|export) ", script, re.M)


@pytest.mark.parametrize("files, message", [
    ({"main.js": 'import * as all from "./a.js";\n'}, 'main.js:1: an import the script\'s joiner does not read: import * as all from "./a.js";'),
    ({"main.js": 'import { a } from "./a.js";\n', "a.js": "const a = 1;\nexport { a };\n"}, "a.js:2: an export the script's joiner does not read: export { a };"),
    ({"main.js": 'import { a } from "./a.js";\n', "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
      "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n'}, "b.js:1: modules import each other: main.js -> a.js -> b.js -> a.js"),
    ({"main.js": 'import { a } from "./gone.js";\n'}, "main.js:1: imports gone.js, which is not in"),
])
def test_what_the_joiner_does_not_read_is_an_error_naming_the_line(tmp_path: Path, files: dict[str, str], message: str) -> None:
    with pytest.raises(StenogramError) as error:
        joined(write(tmp_path, files))
    assert message in str(error.value)


def test_the_built_script_is_every_module_of_the_folder() -> None:
    script = joined().decode("utf-8")
    modules = sorted(p.name for p in BROWSER.glob("*.js"))
    assert sorted(re.findall(r"^const module_(\w+) = ", script, re.M) + ["main"]) == sorted(m[:-3] for m in modules)
    assert "Copyright (c) 2001, Dr Martin Porter" in script, "the stemmer's licence travels with it"


def test_only_the_state_holder_keeps_what_changes() -> None:
    """No module but state.js declares a variable at its top, or makes a
    collection there: what changes lives in the one SearchState."""
    kept = {}
    for path in sorted(BROWSER.glob("*.js")):
        if path.name == "stemmer.js":  # generated; its classes keep a word's state per call
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"(export )?(let|var) ", line) or (path.name != "state.js" and re.match(r"(export )?const \w+ = new ", line)):
                kept[f"{path.name}:{number}"] = line
    assert kept == {}

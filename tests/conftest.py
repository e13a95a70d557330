from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus"
SEED = CORPUS / "2015-10-07-meeting-with-defence-minister-sergei-shoigu.txt"
GOLDEN = ROOT / "tests" / "golden"


BROWSER_TESTS = ROOT / "tests" / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: their browser and server threads live to the end
    of the session, and a process with threads must not be forked (the
    build's workers are forked)."""
    items.sort(key=lambda item: Path(str(item.fspath)).is_relative_to(BROWSER_TESTS))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output (read them before committing)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def check_golden(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs; if the change is right, run pytest --update-golden and read the diff"


# Property tests: bounded for CI; HYPOTHESIS_PROFILE=nightly for a long run.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.register_profile(
    "nightly", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "ci"))


def tree(site: Path, skip: str | None = None) -> dict[str, bytes]:
    """Every file of a built site and its bytes; ``skip`` leaves out one
    top-level folder."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not (skip and p.relative_to(site).parts[0] == skip)
    }


def parse_html(path: Path):
    import html5lib

    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


PER_PAGE = 20  # the fixture sites' items_per_page: 61 events of one person make two numbered pages


SHARD_PAGES = 25  # the fixture sites' search shards: several, so that searches cross them


def fixture_config(folder: Path) -> Path:
    """The project's stenogram.toml with PER_PAGE items per page and
    SHARD_PAGES transcripts a search shard."""
    text = (ROOT / "stenogram.toml").read_text(encoding="utf-8")
    assert "items_per_page = 50" in text
    path = folder / "stenogram.toml"
    text = text.replace("items_per_page = 50", f"items_per_page = {PER_PAGE}")
    assert "search_shard_pages = 1500" in text
    text = text.replace("search_shard_pages = 1500", f"search_shard_pages = {SHARD_PAGES}")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ plus the fixtures, built without search."""
    from generator.build import build
    from sitefixtures import make_content

    base = tmp_path_factory.mktemp("built")
    content = make_content(base / "content")
    build(content, base / "site", config_path=fixture_config(base), templates_dir=ROOT / "templates", search=False)
    return base / "site"


@pytest.fixture(scope="session")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ plus the fixtures, built with the search index."""
    from generator.build import build
    from sitefixtures import make_content

    base = tmp_path_factory.mktemp("searchable")
    content = make_content(base / "content")
    build(content, base / "site", config_path=fixture_config(base), templates_dir=ROOT / "templates")
    return base / "site"


@pytest.fixture(scope="session")
def site_url(searchable: Path):
    from chromium import serve

    with serve(searchable) as url:
        yield url


@pytest.fixture(scope="session")
def modules_url():
    """The search page's modules as they are in the source, each its own
    file: their unit tests import them one by one."""
    from chromium import serve

    from generator.search.script import BROWSER

    with serve(BROWSER) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from chromium import CHROMIUM, CHROMIUM_ARGS, require_chromium
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A desktop-sized page of its own context; the test fails if the page raised an error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def mounted(tmp_path: Path):
    """mounted(size, read_only=False): a tmpfs of ``size`` (like '2m') in a
    fresh folder, unmounted after the test; for full disks and read-only
    folders, which permissions cannot make for root. Skips where mounting
    is not allowed."""
    import subprocess

    mounts: list[Path] = []

    def mount(size: str, read_only: bool = False) -> Path:
        folder = tmp_path / f"mount{len(mounts)}"
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root)")
        mounts.append(folder)
        return folder

    def seal(folder: Path) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)

    mount.seal = seal  # type: ignore[attr-defined]
    yield mount
    for folder in reversed(mounts):
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)

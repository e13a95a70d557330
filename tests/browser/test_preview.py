"""The preview server in a real browser: edits reload, errors show, the last good site stays."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import expect

from conftest import ROOT

SEED_MD = "2015/2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"


def _wait_for_serving(process: subprocess.Popen, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen.append(line)
        match = re.search(r"Serving (http://127\.0\.0\.1:\d+)/", line)
        if match:
            return match.group(1)
        if process.poll() is not None:
            break
    raise AssertionError("serve did not start: " + "".join(seen))


def test_serve_reloads_edits_and_shows_errors(tmp_path: Path, browser) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    seed = content / SEED_MD
    good = seed.read_text(encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", "0", "--no-search", "--content", str(content),
         "--out", str(tmp_path / "site"), "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
    )
    try:
        url = _wait_for_serving(process)
        page = browser.new_page()
        page.goto(f"{url}/events/2015-10-07-meeting-with-defence-minister-sergei-shoigu/")
        last = page.locator("#t6 + .permalink + p")
        expect(last).to_have_text("Good.")
        seed.write_text(good.replace("**Vladimir Putin:** Good.", "**Vladimir Putin:** Good. Edited live."), encoding="utf-8")
        expect(last).to_have_text("Good. Edited live.", timeout=20_000)
        seed.write_text(good.replace("title: Meeting", "title: [Meeting"), encoding="utf-8")
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text(f"{seed}:2: invalid YAML", timeout=20_000)
        expect(last).to_have_text("Good. Edited live.")  # the last good site is still served
        seed.write_text(good, encoding="utf-8")
        expect(last).to_have_text("Good.", timeout=20_000)
        expect(page.get_by_role("alert")).to_have_count(0)
        page.close()
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert f"{seed}:2: invalid YAML" in output
    # The published files carry no reload script.
    assert b"__stenogram" not in (tmp_path / "site" / "index.html").read_bytes()


def test_the_configuration_is_watched_through_saves_by_rename_and_a_delete(tmp_path: Path) -> None:
    import json
    import os
    import urllib.request

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    config = tmp_path / "stenogram.toml"
    original = (ROOT / "stenogram.toml").read_text(encoding="utf-8")
    config.write_text(original, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", "0", "--no-search", "--content", str(content),
         "--out", str(tmp_path / "site"), "--config", str(config), "--templates", str(ROOT / "templates")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
    )

    def until(test, what: str) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if test():
                return
            time.sleep(0.2)
        raise AssertionError(f"the preview never showed {what}")

    try:
        url = _wait_for_serving(process)
        home = lambda: urllib.request.urlopen(url + "/").read().decode("utf-8")  # noqa: E731
        status = lambda: json.loads(urllib.request.urlopen(url + "/__stenogram/status").read())  # noqa: E731
        def save_by_rename(title: str) -> None:  # as most editors save
            fresh = tmp_path / ".stenogram.toml.swp"
            fresh.write_text(original.replace('title = "Kremlin Events Archive"', f'title = "{title}"'), encoding="utf-8")
            os.replace(fresh, config)

        # The watch starts just after the server says it serves: the first save is made until it is seen.
        until(lambda: save_by_rename("Archive, saved 0") or (time.sleep(1) or "<title>Archive, saved 0</title>" in home()),
              "the first save")
        for round_ in (1, 2):
            title = f"Archive, saved {round_}"
            save_by_rename(title)
            until(lambda: f"<title>{title}</title>" in home(), title)
        config.unlink()
        until(lambda: "configuration file not found" in (status()["error"] or ""), "the missing configuration")
        config.write_text(original.replace('title = "Kremlin Events Archive"', 'title = "Back again"'), encoding="utf-8")
        until(lambda: status()["error"] is None and "<title>Back again</title>" in home(), "the restored configuration")
    finally:
        process.terminate()
        process.communicate(timeout=10)

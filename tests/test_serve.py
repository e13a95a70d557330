"""The preview server without a browser: its status under a path prefix,
no redirect out of the site, and a build failure of any kind reported,
never fatal to the watcher."""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path

import pytest

from generator.serve import STATUS_PATH, PreviewState, attempt_build, preview_server


@pytest.fixture
def server(tmp_path: Path):
    site = tmp_path / "site"
    (site / "events").mkdir(parents=True)
    (site / "events" / "index.html").write_text("<!DOCTYPE html><title>x</title><body>events</body>", encoding="utf-8")
    state = PreviewState()
    state.succeeded()
    running = preview_server(site, state, port=0, prefix="/repo")
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running.server_address[1]
    running.shutdown()
    running.server_close()


def get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    return connection.getresponse()


def test_status_answers_under_the_path_prefix(server: int) -> None:
    response = get(server, "/repo" + STATUS_PATH)
    assert response.status == 200
    assert json.loads(response.read()) == {"generation": 1, "error": None}


@pytest.mark.parametrize("path", ["/repo//evil.example/../events", "//evil.example/../repo/events", "/repo//evil.example",
                                  "/\\evil.example/..", "/repo/\\evil.example/..", "/repo/\\/evil.example/..",
                                  "/%5Cevil.example/..", "/repo/events/..\\..\\evil.example"])
def test_no_redirect_leaves_the_site(server: int, path: str) -> None:
    response = get(server, path)
    location = response.getheader("Location") or ""
    # Browsers read a backslash as a slash: '/\\host' is another host, like '//host'.
    assert not location.replace("\\", "/").startswith("//") and "://" not in location, location


@pytest.mark.parametrize("path, location", [
    ("/repo/events", "/repo/events/"),
    ("/repo/events?q=a", "/repo/events/?q=a"),
    ("/events", "/repo/events/"),
])
def test_the_slash_redirect_keeps_the_sites_path(server: int, path: str, location: str) -> None:
    response = get(server, path)
    assert (response.status, response.getheader("Location")) == (301, location)


def test_any_build_failure_is_reported_and_the_preview_goes_on(capsys) -> None:
    state = PreviewState()

    def broken() -> None:
        raise PermissionError(13, "Permission denied", "templates/base.html")

    attempt_build(broken, state)
    assert state.snapshot()["error"] == (
        "stenogram: the build failed unexpectedly: PermissionError: [Errno 13] Permission denied: 'templates/base.html'")
    attempt_build(lambda: None, state)
    assert state.snapshot() == {"generation": 1, "error": None}
    assert "PermissionError" in capsys.readouterr().err

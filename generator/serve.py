"""Preview: build, serve on 127.0.0.1, rebuild on change, reload open pages.

The reload script is injected into HTML responses by this server only; the
built files on disk stay as published. When a rebuild fails, the last good
site keeps being served and every open page shows the error.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator.kit.errors import StenogramError

STATUS_PATH = "/__stenogram/status"
_RELOAD_SCRIPT = """<script>
(() => {
  const generation = %d;
  const show = (message) => {
    let box = document.getElementById("stenogram-error");
    if (!message) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "stenogram-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;padding:1rem;z-index:99;" +
        "background:#7a1f1f;color:#fff;white-space:pre-wrap;font:14px/1.4 monospace";
      document.body.append(box);
    }
    box.textContent = "Build failed; showing the last good site.\\n" + message;
  };
  const poll = async () => {
    try {
      const status = await (await fetch("%s", { cache: "no-store" })).json();
      if (status.generation !== generation) { location.reload(); return; }
      show(status.error);
    } catch (error) { /* the server is restarting */ }
    setTimeout(poll, 500);
  };
  poll();
})();
</script>
"""


@dataclass
class PreviewState:
    """What the server knows of the latest build; shared with the watcher."""

    generation: int = 0
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def succeeded(self) -> None:
        with self.lock:
            self.generation += 1
            self.error = None

    def failed(self, message: str) -> None:
        with self.lock:
            self.error = message

    def snapshot(self) -> dict:
        with self.lock:
            return {"generation": self.generation, "error": self.error}


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    state: PreviewState
    prefix: str

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path in (STATUS_PATH, self.prefix + STATUS_PATH):
            return self._send(200, "application/json", json.dumps(self.state.snapshot()).encode())
        if self.prefix and path.startswith(self.prefix + "/"):
            self.path = self.path[len(self.prefix):]
        # '//host/…' would make the base class's slash redirect leave the site
        # (its own guard looks at the path before the prefix is taken off).
        self.path = "/" + self.path.lstrip("/")
        file = Path(self.translate_path(self.path))
        if file.is_dir() and not path.endswith("/"):
            return self._redirect_to_folder(path)
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" or not file.exists():
            return self._send_html(file)
        return super().do_GET()

    def _redirect_to_folder(self, path: str) -> None:
        """'/archive/persons' -> '/archive/persons/', the site's path kept.
        The address stays on this host: no leading '//' or '/\\', which a
        browser reads as another host's ('/\\evil.example/..')."""
        query = self.path.partition("?")[2]
        inside = path[len(self.prefix):] if self.prefix and path.startswith(self.prefix + "/") else path
        location = self.prefix + "/" + inside.lstrip("/\\").replace("\\", "%5C") + "/"
        self.send_response(301)
        self.send_header("Location", location + (f"?{query}" if query else ""))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_html(self, file: Path) -> None:
        state = self.state.snapshot()
        status = 200
        if not file.is_file():
            status, file = 404, Path(self.directory) / "404.html"
        if file.is_file():
            body = file.read_bytes()
        else:
            message = state["error"] or "nothing built yet"
            body = f"<!DOCTYPE html><title>Stenogram preview</title><body><h1>No site yet</h1><pre>{html.escape(message)}</pre></body>".encode()
        script = (_RELOAD_SCRIPT % (state["generation"], self.prefix + STATUS_PATH)).encode()
        body = body.replace(b"</body>", script + b"</body>", 1) if b"</body>" in body else body + script
        self._send(status, "text/html; charset=utf-8", body)

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def attempt_build(rebuild: Callable[[], None], state: PreviewState) -> None:
    """Build once; any failure is reported on the pages and in the terminal,
    never raised: the preview goes on watching whatever went wrong."""
    try:
        rebuild()
    except StenogramError as error:
        state.failed(str(error))
        print(error, file=sys.stderr)
    except Exception as error:  # noqa: BLE001 - whatever it is, the preview must go on watching
        message = f"stenogram: the build failed unexpectedly: {type(error).__name__}: {error}"
        state.failed(message)
        print(message, file=sys.stderr)
    else:
        state.succeeded()


def preview_server(out_dir: Path, state: PreviewState, *, port: int, prefix: str = "") -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (PreviewHandler,), {"state": state, "prefix": prefix})
    return http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(out_dir.resolve()))
    )


def preview(
    rebuild: Callable[[], None],
    out_dir: Path,
    watched: list[Path],
    *,
    port: int,
    prefix: str = "",
    announce: Callable[[str], None] = print,
) -> None:
    """Serve ``out_dir`` until interrupted, calling ``rebuild`` on changes."""
    from watchfiles import watch

    state = PreviewState()
    building = threading.Lock()  # one build at a time, whichever watcher saw the change

    def attempt() -> None:
        with building:
            attempt_build(rebuild, state)

    attempt()
    server = preview_server(out_dir, state, port=port, prefix=prefix)
    stop = threading.Event()

    def watcher(roots: list[Path], recursive: bool, wanted: Callable[[str], bool]) -> None:
        while not stop.is_set():
            try:
                for changes in watch(*roots, stop_event=stop, raise_interrupt=False, recursive=recursive,
                                     watch_filter=lambda change, path: wanted(path)):
                    names = sorted({Path(path).name for _, path in changes})
                    announce(f"changed: {', '.join(names)}; rebuilding")
                    attempt()
            except Exception as error:  # noqa: BLE001 - a watched folder gone, say: report it, watch again
                message = f"stenogram: watching for changes failed: {type(error).__name__}: {error}"
                state.failed(message)
                print(message, file=sys.stderr)
                stop.wait(1.0)

    # A file (stenogram.toml) is watched through its folder: an editor that
    # saves by writing a new file and renaming it over the old one, or a file
    # deleted and put back, is a new file that a watch on the old one never sees.
    folders = [path for path in watched if path.is_dir()]
    files = {str(path.resolve()) for path in watched if not path.is_dir()}
    if folders:
        threading.Thread(target=watcher, args=(folders, True, lambda path: True), daemon=True).start()
    if files:
        parents = sorted({Path(path).parent for path in files})
        threading.Thread(target=watcher, args=(parents, False, lambda path: str(Path(path).resolve()) in files),
                         daemon=True).start()
    announce(f"Serving http://127.0.0.1:{server.server_address[1]}{prefix}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()

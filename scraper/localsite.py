"""Serve a directory of static files on 127.0.0.1 (the sample newsroom, test fixture sites).

Feeds and sitemaps in such a site name their pages with a placeholder origin
(``http://newsroom.example``); the server rewrites it to its own address, as a real site would
print its own host.
"""

from __future__ import annotations

import functools
import threading
import zlib
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PLACEHOLDER_ORIGIN = b"http://newsroom.example"


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() and path.suffix in (".xml", ".rss", ".atom"):
            origin = f"http://{self.headers.get('Host', '127.0.0.1')}".encode()
            body = path.read_bytes().replace(PLACEHOLDER_ORIGIN, origin)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, body: bytes):
        self.body = body

    def read(self, *_):
        body, self.body = self.body, b""
        return body

    def close(self) -> None:
        pass


def stable_port(root: Path) -> int:
    """A port derived from the site's path, so its URLs stay the same from one run to the next."""
    return 20000 + zlib.crc32(str(Path(root).resolve()).encode()) % 10000


class LocalSite:
    """A static site on 127.0.0.1; use as a context manager.

    By default the port is derived from the site's directory (falling back to any free port when
    that one is taken), so that documents scraped from it keep the same URLs across runs and a
    second run is incremental instead of storing everything again under new URLs.
    """

    def __init__(self, root: Path, port: int | None = None):
        handler = functools.partial(_Handler, directory=str(root))
        try:
            self.server = ThreadingHTTPServer(("127.0.0.1", stable_port(root) if port is None else port), handler)
        except OSError:
            if port is not None:
                raise
            self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.1,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

"""Serve a directory of static files on 127.0.0.1 (the sample newsroom, test fixture sites).

Feeds and sitemaps in such a site name their pages with a placeholder origin
(``http://newsroom.example``); the server rewrites it to its own address, as a real site would
print its own host.
"""

from __future__ import annotations

import functools
import threading
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


class LocalSite:
    """A static site on a free port; use as a context manager."""

    def __init__(self, root: Path, port: int = 0):
        handler = functools.partial(_Handler, directory=str(root))
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

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

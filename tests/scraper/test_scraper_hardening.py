"""A scheduled job that a hostile page, a bad flag or a second process cannot stall, corrupt or fool:
the fetch side (total deadlines, truncated bodies, pinned DNS, origins with ports)."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import urllib3.util.connection
from conftest import fast_fetcher
from faultserver import FaultServer
from nhswatch.scraper.fetch import FetchError

pytestmark = pytest.mark.slow  # fault servers and real deadlines

# -- 1. a total deadline per request ---------------------------------------------------------------


@pytest.mark.parametrize("path", ["/fault/drip-headers", "/fault/drip"])
def test_a_server_dripping_headers_or_body_is_cut_off_at_the_total_deadline(path):
    with FaultServer(stall=6.0) as server:
        fetcher = fast_fetcher(timeout=0.5, deadline=1.0)
        started = time.monotonic()
        with pytest.raises(FetchError, match="too slow") as caught:
            fetcher.get(server.url + path, allow_private=True)
        elapsed = time.monotonic() - started
    assert elapsed < 2.5, elapsed  # the drip lasts 6 s; the read timeout (0.5 s) never fires between bytes
    assert "deadline" in caught.value.reason
    assert server.hits[path] == 1  # not retried: a second drip would stall the run again


def test_a_dripping_origin_is_given_up_like_a_dead_one():
    with FaultServer(stall=3.0) as server:
        fetcher = fast_fetcher(timeout=0.5, deadline=0.3)
        for _ in range(5):
            with pytest.raises(FetchError, match="too slow"):
                fetcher.get(server.url + "/fault/drip-headers", allow_private=True)
        with pytest.raises(FetchError, match="host unreachable"):
            fetcher.get(server.url + "/articles/good-1", allow_private=True)


# -- 7. a body shorter than its Content-Length ------------------------------------------------------


class _ShortServer:
    """Answers every page with a body shorter than its Content-Length, then hangs up."""

    def __init__(self, gzipped: bool):
        self.gzipped = gzipped
        self.hits = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            request = client.recv(65536)
            if b"robots.txt" in request:
                client.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                client.close()
                continue
            self.hits += 1
            page = b"<html><body><article><p>" + b"A full story. " * 50 + b"</p></article></body></html>"
            body = gzip.compress(page) if self.gzipped else page
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n" % (len(body) + 500)
            if self.gzipped:
                head += b"Content-Encoding: gzip\r\n"
            client.sendall(head + b"\r\n" + body)
            client.shutdown(socket.SHUT_RDWR)
            client.close()


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_body_shorter_than_its_content_length_is_retried_and_never_returned(gzipped):
    server = _ShortServer(gzipped)
    try:
        with pytest.raises(FetchError, match="truncated body"):
            fast_fetcher(retries=2).get(server.url + "/news/1", allow_private=True)
    finally:
        server.sock.close()
    assert server.hits == 3


# -- 8. SSRF: pinned DNS, ports are origins, private opt-in only for the source's own origin --------


@pytest.fixture
def rebinding(monkeypatch):
    """``rebind.test`` resolves to a public address once, then to 127.0.0.1 (a DNS rebinding attack).

    Connections are intercepted: one to a public address is refused on the spot (the test never
    touches the internet); one to a name is resolved again, as a resolving client would.
    """
    real_getaddrinfo, real_connect = socket.getaddrinfo, urllib3.util.connection.create_connection
    answers = {"rebind.test": ["8.8.8.8", "127.0.0.1"]}
    connected: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            queue = answers[host]
            address = queue.pop(0) if len(queue) > 1 else queue[0]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        host, port = address
        resolved = getaddrinfo(host, port)[0][4][0]
        connected.append(resolved)
        if not ipaddress.ip_address(resolved).is_loopback:
            raise ConnectionRefusedError(f"test: no internet ({resolved})")
        return real_connect((resolved, port), *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(urllib3.util.connection, "create_connection", create_connection)
    return connected


def test_the_address_checked_is_the_address_connected_to(rebinding):
    with FaultServer() as server:
        port = server.server_address[1]
        fetcher = fast_fetcher(retries=1)
        with pytest.raises(FetchError, match="connection failed"):
            fetcher.get(f"http://rebind.test:{port}/articles/good-1", allowed_hosts={f"rebind.test:{port}"})
        assert server.hits == {}  # neither robots.txt nor the page reached 127.0.0.1
    assert rebinding and set(rebinding) == {"8.8.8.8"}


def test_a_redirect_to_another_port_is_another_origin():
    with FaultServer() as server, FaultServer() as other:
        server.other = other.url
        fetcher = fast_fetcher()
        with pytest.raises(FetchError, match=r"private address 127\.0\.0\.1 refused"):
            fetcher.get(server.url + "/fault/redirect-other-port", allow_private=True)  # own origin: the first URL
        host = f"127.0.0.1:{server.server_address[1]}"
        with pytest.raises(FetchError, match=r"private address 127\.0\.0\.1 refused"):
            fetcher.get(
                server.url + "/fault/redirect-other-port", allowed_hosts={host, "127.0.0.1"}, allow_private=True
            )
        assert other.hits == {}
        assert fetcher.get(server.url + "/articles/good-1", allowed_hosts={host}, allow_private=True).status == 200


def test_a_public_host_redirecting_to_another_port_is_refused():
    from nhswatch.scraper.netpolicy import HostPolicy, PolicyError

    policy = HostPolicy(resolve=False)
    policy.check("https://x.nhs.uk/news", {"x.nhs.uk"}, False)
    policy.check("http://x.nhs.uk/news", {"x.nhs.uk"}, False, redirect=True)
    with pytest.raises(PolicyError, match="port 8080 not allowed"):
        policy.check("https://x.nhs.uk:8080/admin", {"x.nhs.uk"}, False, redirect=True)
    policy.check("https://x.nhs.uk:8080/admin", {"x.nhs.uk", "x.nhs.uk:8080"}, False, redirect=True)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tls")
    key, cert = directory / "key.pem", directory / "cert.pem"
    try:
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=pinned.test",
                "-addext",
                "subjectAltName=DNS:pinned.test",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("openssl is not available")
    return key, cert


class _Hello(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        body = f"host={self.headers.get('Host')}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_https_to_a_pinned_address_still_verifies_the_certificate_against_the_host_name(certificate, monkeypatch):
    key, cert = certificate
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in ("pinned.test", "wrong.test"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port or 0))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    port = server.server_address[1]
    try:
        fetcher = fast_fetcher(ca_certs=str(cert), respect_robots=False)
        hosts = {f"pinned.test:{port}", f"wrong.test:{port}"}
        response = fetcher.get(f"https://pinned.test:{port}/", allowed_hosts=hosts, allow_private=True)
        assert response.body == f"host=pinned.test:{port}".encode()
        with pytest.raises(FetchError, match="connection failed"):
            fetcher.get(f"https://wrong.test:{port}/", allowed_hosts=hosts, allow_private=True)
    finally:
        server.shutdown()
        server.server_close()

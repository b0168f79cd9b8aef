"""A busy port is found before anything is built: ``nhswatch demo`` and ``serve`` exit 2 naming the option to
change; a real socket held on 127.0.0.1."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from nhswatch.cli import cli
from nhswatch.serving import port_busy


@pytest.fixture
def busy_port():
    """A port another program listens on, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_listening_port_is_busy_and_a_closed_one_free(busy_port):
    assert port_busy("127.0.0.1", busy_port)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        free = sock.getsockname()[1]
    assert port_busy("127.0.0.1", free) is None


def test_demo_on_a_busy_port_stops_before_building(busy_port, tmp_path):
    db = tmp_path / "demo" / "nhswatch.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(db), "--port", str(busy_port)])
    assert result.exit_code == 2
    assert f"127.0.0.1:{busy_port}" in result.output
    assert "--port" in result.output and "PORT=" in result.output
    assert not db.exists()


def test_serve_on_a_busy_port_names_the_option(busy_port, tmp_path):
    db = tmp_path / "nhswatch.db"
    db.write_bytes(b"")
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", str(busy_port)])
    assert result.exit_code == 2 and "choose another with --port" in result.output

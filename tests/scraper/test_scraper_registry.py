"""The source registry: the real sources load and say how they were confirmed; typos fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from nhswatch.extract.gazetteer import default_gazetteer
from nhswatch.scraper.registry import SourceError, load_registry, load_source, parse_source


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_every_real_source_loads_and_is_honest_about_confirmation(registry):
    assert len(registry) >= 80
    for source in registry.values():
        assert source.confirmed, source.name
        assert source.homepage.startswith("https://"), source.name
        assert not source.allow_private, source.name
        for _, options in source.steps():
            assert options["url"].startswith("https://"), source.name


def test_registry_covers_the_kinds_the_issue_asks_for(registry):
    names = set(registry)
    assert {"nhs-england-news", "cqc-news", "dhsc-news", "bbc-health", "guardian-nhs"} <= names
    regions = {s.region for s in registry.values() if s.kind == "regional"}
    assert len(regions) == 7
    ambulance = [s for s in registry.values() if s.name.startswith("ambulance-")]
    assert len(ambulance) == 10
    icbs = [s for s in registry.values() if s.kind == "icb"]
    assert len(icbs) >= 42  # 42 hand-written; nhswatch/registry_gen.py adds the 2026 ICBs
    for name in (
        "trust-qeh-kings-lynn",
        "trust-nsft",
        "trust-east-kent",
        "trust-medway",
        "trust-nuh",
        "trust-uhl",
        "trust-bhrut",
        "trust-gmmh",
    ):
        assert name in names
    assert any(s.kind == "press" for s in registry.values())
    dhsc = registry["dhsc-news"].steps()[0][1]["url"]
    assert dhsc.startswith("https://www.gov.uk/search/news-and-communications.atom?organisations")


def test_publisher_ods_codes_are_known_to_the_gazetteer(registry):
    gazetteer = default_gazetteer()
    for source in registry.values():
        if source.publisher_ods:
            assert source.publisher_ods in gazetteer.by_code, (source.name, source.publisher_ods)


def test_sources_list_cli_shows_every_source():
    from click.testing import CliRunner

    from nhswatch.cli import cli

    result = CliRunner().invoke(cli, ["sources", "list"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == len(load_registry())
    assert "nhs-england-news\tnational" in result.output


BASE = {
    "name": "x",
    "publisher": "P",
    "kind": "trust",
    "homepage": "https://x.nhs.uk/",
    "discovery": [{"feed": "https://x.nhs.uk/feed/"}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"homepag": "typo"}, "unknown keys"),
        ({"kind": "blog"}, "kind must be"),
        ({"name": "Bad Name"}, "name must be"),
        ({"discovery": [{"rss": "https://x/feed"}]}, "discovery step"),
        ({"discovery": [{"listing": {"url": "https://x/news"}}]}, "listing needs"),
        ({"discovery": [{"listing": {"url": "https://x/n", "items": "li:hover"}}]}, "browser-state"),
        ({"article": {"body": "div >"}}, "bad CSS selector"),
        ({"article": {"url_pattern": "("}}, "url_pattern"),
        ({"discovery": []}, "missing discovery"),
    ],
)
def test_malformed_sources_are_refused(change, message):
    with pytest.raises(SourceError, match=message):
        parse_source({**BASE, **change})


def test_hosts_of_homepage_and_discovery_are_allowed_and_with_base_rebases(tmp_path: Path):
    source = parse_source(
        {
            **BASE,
            "discovery": [{"feed": "https://feeds.x.org/rss"}, {"wordpress": "https://x.nhs.uk"}],
            "allowed_hosts": ["WWW.X.COM"],
        }
    )
    assert source.allowed_hosts == {"x.nhs.uk", "feeds.x.org", "www.x.com"}
    path = tmp_path / "s.yml"
    steps = [{"feed": "/feed.xml"}, {"listing": {"url": "/n/", "items": "li"}}]
    path.write_text(yaml.safe_dump({**BASE, "homepage": "/", "discovery": steps}))
    local = load_source(path).with_base("http://127.0.0.1:8123/")
    assert local.steps() == [
        ("feed", {"url": "http://127.0.0.1:8123/feed.xml"}),
        ("listing", {"url": "http://127.0.0.1:8123/n/", "items": "li"}),
    ]
    assert local.allowed_hosts == {"127.0.0.1:8123"}  # an origin is a host and a port

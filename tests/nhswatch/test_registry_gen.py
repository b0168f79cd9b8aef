"""Generated registry entries: every current trust and ICB is one source; hand entries win."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from nhswatch.extract.gazetteer import Organisation, default_gazetteer
from nhswatch.scraper.registry import GENERATED_DIR, SOURCES_DIR, load_registry, parse_source

from nhswatch import registry_gen

TODAY = date.today().isoformat()


def _org(code: str, name: str, kind: str = "trust", **extra) -> Organisation:
    return Organisation(ods_code=code, name=name, type=kind, region="East of England", open_date="2001-04-01", **extra)


FIXTURE_ORGS = [
    _org("RAA", "Fenland Valley Hospitals NHS Foundation Trust", domains=("fenlandvalley.nhs.uk",)),
    _org("RBB", "Marsh End Community NHS Trust", domains=("marshend.nhs.uk",)),
    _org("RCC", "Quiet Water NHS Trust"),  # no website known
    _org("RDD", "Closed Downs NHS Trust", close_date="2019-03-31", domains=("closeddowns.nhs.uk",)),
    _org("QAA", "NHS Old Fens Integrated Care Board", "icb", close_date="2026-03-31", domains=("oldfens.icb.nhs.uk",)),
    _org("Y99", "NHS England Somewhere", "region", domains=("england.nhs.uk",)),
]
HAND = {
    "name": "trust-marsh-end-by-hand",
    "publisher": "Marsh End Community NHS Trust",
    "publisher_ods": "RBB",
    "kind": "trust",
    "homepage": "https://www.marshend.nhs.uk/",
    "discovery": [{"feed": "https://www.marshend.nhs.uk/news/feed/"}],
    "confirmed": "written by hand for the test",
}


@pytest.fixture(scope="module")
def shipped():
    return load_registry()


def test_every_current_trust_and_icb_with_a_website_has_exactly_one_source(shipped):
    by_code = Counter(s.publisher_ods for s in shipped.values() if s.publisher_ods)
    for org in default_gazetteer().by_code.values():
        if registry_gen.wanted(org, TODAY) and org.domains:
            assert by_code[org.ods_code] == 1, (org.ods_code, org.name, by_code[org.ods_code])


def test_no_organisation_has_two_sources(shipped):
    by_code = Counter(s.publisher_ods for s in shipped.values() if s.publisher_ods)
    assert [code for code, n in by_code.items() if n > 1] == []


def test_the_dissolved_icbs_keep_a_source_for_their_archives(shipped):
    covered = {s.publisher_ods for s in shipped.values()}
    dissolved = [o for o in default_gazetteer().by_code.values() if o.type == "icb" and o.close_date == "2026-03-31"]
    assert len(dissolved) == 12
    assert {o.ods_code for o in dissolved} <= covered


def test_shipped_generated_files_are_up_to_date():
    assert registry_gen.main(["--check", "--sources-dir", str(SOURCES_DIR), "--today", TODAY]) == 0


def test_generated_entries_validate_and_say_they_are_unconfirmed():
    for path in sorted((SOURCES_DIR / GENERATED_DIR).glob("*.yml")):
        source = parse_source(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
        assert source.confirmed.startswith("unconfirmed"), path
        assert [kind for kind, _ in source.steps()] == ["auto"], path


def test_hand_entries_win_over_generated_ones(tmp_path: Path):
    hand = {"trust-marsh-end-by-hand": parse_source(HAND)}
    entries, gaps = registry_gen.generate(FIXTURE_ORGS, hand, today="2026-12-01")
    assert {e["publisher_ods"] for e in entries} == {"RAA", "QAA"}
    assert [g.ods_code for g in gaps] == ["RCC"]

    (tmp_path / "trust-marsh-end-by-hand.yml").write_text(yaml.safe_dump(HAND), encoding="utf-8")
    marsh = _org("RBB", "Marsh End Community NHS Trust", domains=("marshend.nhs.uk",))
    everything, _ = registry_gen.generate([*FIXTURE_ORGS[:1], marsh], {}, today="2026-12-01")
    registry_gen.write(everything, tmp_path / GENERATED_DIR)  # as if generated before the hand entry was written
    registry = load_registry(tmp_path)
    assert sorted(s.publisher_ods for s in registry.values()) == ["RAA", "RBB"]
    assert [s.name for s in registry.values() if s.publisher_ods == "RBB"] == ["trust-marsh-end-by-hand"]


def test_a_generated_entry_is_built_from_the_gazetteer_facts_only():
    entries, _ = registry_gen.generate(FIXTURE_ORGS[:1], {}, today="2026-12-01")
    (entry,) = entries
    assert entry["name"] == "trust-fenland-valley"
    assert entry["homepage"] == "https://fenlandvalley.nhs.uk/"
    assert entry["discovery"] == [{"auto": "https://fenlandvalley.nhs.uk/"}]
    assert entry["allowed_hosts"] == ["www.fenlandvalley.nhs.uk"]
    assert parse_source(entry).publisher_ods == "RAA"


def test_a_dissolved_icb_is_read_weekly_and_never_called_stale():
    entries, _ = registry_gen.generate(FIXTURE_ORGS[4:5], {}, today="2026-12-01")
    source = parse_source(entries[0])
    assert source.kind == "icb" and source.schedule == "weekly"
    assert source.expect["new_within_days"] is None


def test_write_removes_entries_no_longer_generated(tmp_path: Path):
    entries, _ = registry_gen.generate(FIXTURE_ORGS, {}, today="2026-12-01")
    registry_gen.write(entries, tmp_path)
    registry_gen.write(entries[:1], tmp_path)
    assert [p.stem for p in tmp_path.glob("*.yml")] == [entries[0]["name"]]

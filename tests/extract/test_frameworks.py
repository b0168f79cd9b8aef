"""The framework table: loading and validation, versions by date, intensive support, labels."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from nhswatch.extract import frameworks as fw
from nhswatch.extract.frameworks import FrameworkError


def test_segment_5_of_2025_26_is_intensive_support():
    assert fw.intensive_state("nof", "2025", None, 5) == "in"


def test_segment_4_of_2025_26_is_not_intensive_support():
    assert fw.intensive_state("nof", "2025", None, "4") == "out"


def test_segment_4_of_the_2021_framework_is_intensive_support():
    assert fw.intensive_state("nof", "2021", None, 4) == "in"


def test_segment_4_of_the_single_oversight_framework_is_special_measures():
    assert fw.is_intensive("nof", "2016", 4)
    assert fw.label("nof", "2016", 4) == "segment 4 (2016-19 framework): special measures"


def test_leaving_the_intensive_segment_is_out():
    assert fw.intensive_state("nof", "2021", 4, None) == "out"
    assert fw.intensive_state("nof", "2025", 5, None) == "out"


def test_leaving_a_non_intensive_segment_says_nothing():
    assert fw.intensive_state("nof", "2025", 4, None) is None


def test_a_lower_segment_is_out():
    assert fw.intensive_state("nof", "2021", 4, 3) == "out"


def test_programmes_are_intensive_support():
    assert fw.intensive_state("rsp", None, "out", "in") == "in"
    assert fw.intensive_state("special_measures", None, "in", "out") == "out"


def test_a_bare_exit_from_a_programme_is_out():
    assert fw.intensive_state("rsp", None, None, None, "exit") == "out"


def test_tiers_and_ratings_say_nothing_about_intensive_support():
    assert fw.intensive_state("uec_tier", None, None, 1) is None
    assert fw.intensive_state("cqc_rating", None, None, "inadequate") is None


def test_segment_4_without_a_version_is_ambiguous():
    assert fw.intensive_state("nof", None, None, 4) is None


def test_segment_5_without_a_version_is_intensive_in_every_version_that_has_it():
    assert fw.intensive_state("nof", None, None, 5) == "in"


def test_unknown_framework_or_value_says_nothing():
    assert fw.intensive_state("no_such_framework", None, None, 4) is None
    assert fw.intensive_state("nof", "2021", None, 5) is None


@pytest.mark.parametrize(
    ("day", "version"),
    [
        ("2016-10-01", "2016"),
        ("2019-06-30", "2016"),
        ("2019-07-01", "2019"),
        ("2021-06", "2019"),
        ("2021-07-14", "2021"),
        ("2022-08", "2021"),
        ("2025-06-30", "2021"),
        ("2025-07-01", "2025"),
        ("2026-03-31", "2025"),
        ("2026-04-01", "2026"),
        ("2027-02", "2026"),
    ],
)
def test_version_by_day_or_month(day, version):
    assert fw.version_for("nof", day) == version


def test_year_only_2025_is_the_version_in_force_for_most_of_the_year():
    assert fw.version_for("nof", "2025") == "2025"  # 184 days of 2025/26 against 181 of 2021-25


def test_year_only_2021_is_not_compared_as_a_string():
    assert fw.version_for("nof", "2021") == "2021"


def test_year_only_2019_picks_the_2019_framework():
    assert fw.version_for("nof", "2019") == "2019"


def test_year_only_2026_picks_the_2026_27_framework():
    assert fw.version_for("nof", "2026") == "2026"


def test_segment_5_picks_a_version_that_has_it():
    assert fw.version_for("nof", "2025-03", 5) == "2025"
    assert fw.version_for("nof", "2024", 5) == "2025"


def test_without_a_date_segment_5_picks_the_newest_version_that_has_it():
    assert fw.version_for("nof", None, 5) == "2026"


def test_without_a_date_a_value_every_version_has_gives_no_version():
    assert fw.version_for("nof", None, 3) is None


def test_a_date_before_every_version_picks_the_nearest():
    assert fw.version_for("nof", "2015-03") == "2016"


def test_bad_dates_are_no_dates():
    assert fw.period("2025-13") is None and fw.period("soon") is None
    assert fw.version_for("nof", "2025-13") is None


def test_cqc_switches_to_the_single_assessment_framework():
    assert fw.version_for("cqc_rating", "2023-06") == "2014"
    assert fw.version_for("cqc_rating", "2024-05-01") == "2023"
    assert fw.label("cqc_rating", "2023", "good") == "CQC rating: good (well-led)"


def test_2026_27_covers_icbs_and_keeps_segment_5_as_intensive_support():
    version = fw.framework("nof").versions["2026"]
    assert "icb" in version.org_types and "trust" in version.org_types
    assert version.start == "2026-04-01" and version.end is None
    assert fw.is_intensive("nof", "2026", 5) and not fw.is_intensive("nof", "2026", 4)
    assert version.unconfirmed  # what the sources did not confirm is written down


def test_2025_26_does_not_segment_icbs():
    assert "icb" not in fw.framework("nof").versions["2025"].org_types


def test_icbs_are_covered_by_the_2026_27_framework_but_not_by_2025_26():
    assert fw.covers("nof", "icb", "2026") and not fw.covers("nof", "icb", "2025")
    assert not fw.covers("nof", "icb", day="2025-10-01")


def test_coverage_without_a_version_or_date_is_any_version():
    assert fw.covers("nof", "icb") and not fw.covers("nof", "national_body")


def test_the_2022_revision_is_not_a_new_version():
    version = fw.framework("nof").versions["2021"]
    assert [r.date for r in version.revisions] == ["2022-07-01"]
    assert fw.version_for("nof", "2023-01") == "2021"


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("nof", "2021", 4), "segment 4 (2021-25 framework): Recovery Support Programme"),
        (("nof", "2025", "5"), "segment 5 (2025/26 framework): Provider Improvement Programme"),
        (("rsp", None, "in"), "Recovery Support Programme"),
        (("cqc_rating", "2014", "Requires improvement"), "CQC rating: requires improvement"),
        (("uec_tier", None, 3), "urgent and emergency care tier 3 (universal offer)"),
        (("intensive_support", None, "out"), "not in intensive support"),
        (("nof", None, 4), "NHS Oversight Framework segment: 4"),
        (("nof", "2021", "exited"), "NHS Oversight Framework segment: left (new status not reported)"),
    ],
)
def test_labels(args, text):
    assert fw.label(*args) == text


def test_label_rows_cover_every_value_and_flag_intensive_support():
    rows = {(r["framework"], r["framework_version"], r["status"]): r for r in fw.label_rows()}
    assert rows[("nof", "2021", "4")]["intensive"] == 1
    assert rows[("nof", "2025", "4")]["intensive"] == 0
    assert rows[("nof", "", "4")]["intensive"] == 0 and rows[("nof", "", "5")]["intensive"] == 1
    assert rows[("intensive_support", "", "in")]["intensive"] == 1
    assert rows[("cqc_rating", "", "good")]["label"] == "CQC rating: good"


def write(tmp_path, data) -> str:
    path = tmp_path / "frameworks.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def bundled() -> dict:
    return yaml.safe_load(fw.DATA.read_text(encoding="utf-8"))


def test_an_unknown_key_is_an_error(tmp_path):
    data = bundled()
    data["frameworks"]["nof"]["versions"]["2021"]["colour"] = "red"
    with pytest.raises(FrameworkError, match="unknown key"):
        fw.load(write(tmp_path, data))


def test_a_missing_key_is_an_error(tmp_path):
    data = bundled()
    del data["frameworks"]["rsp"]["versions"]["2021"]["start"]
    with pytest.raises(FrameworkError, match="missing key"):
        fw.load(write(tmp_path, data))


def test_overlapping_versions_are_an_error(tmp_path):
    data = bundled()
    data["frameworks"]["nof"]["versions"]["2021"]["end"] = "2025-09-01"
    with pytest.raises(FrameworkError, match="overlap"):
        fw.load(write(tmp_path, data))


def test_an_unknown_organisation_type_is_an_error(tmp_path):
    data = bundled()
    data["frameworks"]["nof"]["versions"]["2026"]["org_types"] = ["trust", "gp_practice"]
    with pytest.raises(FrameworkError, match="organisation types"):
        fw.load(write(tmp_path, data))


def test_an_unknown_framework_is_an_error():
    with pytest.raises(FrameworkError):
        fw.framework("no_such_framework")


def test_the_bundled_table_is_loaded_once():
    assert fw.load() is fw.load() is fw.table()


def test_importing_the_table_does_not_import_spacy():
    code = "import sys; from extract import frameworks; frameworks.table(); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

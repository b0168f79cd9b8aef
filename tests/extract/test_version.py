"""The extractor's version follows its rule, framework and gazetteer files."""

from __future__ import annotations

import shutil
from pathlib import Path

from nhswatch.extract.api import PACKAGE_DIR, rules_fingerprint


def copy_rules(tmp_path: Path) -> Path:
    root = tmp_path / "extract"
    shutil.copytree(PACKAGE_DIR / "patterns", root / "patterns")
    shutil.copytree(PACKAGE_DIR / "data", root / "data")
    return root


def test_fingerprint_is_stable(tmp_path):
    root = copy_rules(tmp_path)
    assert rules_fingerprint(root) == rules_fingerprint(root) == rules_fingerprint(PACKAGE_DIR)


def test_fingerprint_changes_with_a_context_rule(tmp_path):
    root = copy_rules(tmp_path)
    before = rules_fingerprint(root)
    with (root / "patterns" / "context.yml").open("a", encoding="utf-8") as handle:
        handle.write("  - {id: exit.extra, category: EXIT, direction: forward, pattern: 'quit'}\n")
    assert rules_fingerprint(root) != before


def test_fingerprint_changes_with_an_alias(tmp_path):
    root = copy_rules(tmp_path)
    before = rules_fingerprint(root)
    with (root / "data" / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("Eastvale,RPA,informal,0,test\n")
    assert rules_fingerprint(root) != before

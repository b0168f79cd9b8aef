"""The evaluation gate: extraction quality on the bundled sample newsroom never falls below pinned floors.

The floors live in eval_floors.json. Raise them when the extractor improves; never lower them to make
a change pass (that is a regression to fix, not a number to move).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from nhswatch.extract import extract
from nhswatch.extract.evaluation import read_jsonl, score
from nhswatch.scraper.article import parse_article

SITE = Path(str(resources.files("nhswatch.scraper") / "sample_newsroom" / "site"))
EXPECTED = Path(__file__).parents[1] / "fixtures" / "sample_expected.jsonl"
FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())


@pytest.fixture(scope="module")
def result():
    gold = read_jsonl(EXPECTED)
    predicted = {}
    for doc_id in gold:
        page = SITE / doc_id / "index.html"
        article = parse_article(page.read_text(encoding="utf-8"), "http://newsroom.example/" + doc_id)
        predicted[doc_id] = extract(article.text, article.published, publisher=article.publisher).events
    return score(gold, predicted)


def test_f1_floor(result):
    assert result.f1 >= FLOORS["f1"], (result.f1, result.misses)


def test_precision_and_recall_floors(result):
    assert result.precision >= FLOORS["precision"]
    assert result.recall >= FLOORS["recall"], result.misses


def test_date_and_code_floors(result):
    assert result.date_accuracy >= FLOORS["dates"]
    assert result.code_accuracy >= FLOORS["ods_codes"]


def test_gold_covers_every_page():
    pages = {str(p.parent.relative_to(SITE)) + "/" for p in SITE.glob("news/*/*/*/index.html")}
    assert pages == set(read_jsonl(EXPECTED))

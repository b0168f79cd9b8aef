"""The front page, the organisation finder and the About page (nhswatch.site.front)."""

from __future__ import annotations

import re

import yaml

from nhswatch.serving import SITE_DIR

ABOUT = SITE_DIR / "about.yml"


async def front(ds) -> str:
    response = await ds.client.get("/")
    assert response.status_code == 200
    return response.text


def section(html: str, anchor: str) -> str:
    """The HTML from the heading with id ``anchor`` to the next h2."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start)
    return html[start : end if end > 0 else None]


async def test_front_page_lists_who_is_in_intensive_support_now(ds):
    intensive = section(await front(ds), "intensive")
    assert '<a href="/-/organisation/RX1">Nottingham University Hospitals NHS Trust</a>' in intensive
    assert "segment 5 (2025/26 framework): Provider Improvement Programme" in intensive  # the framework table's label
    assert "RXW" not in intensive and "RTH" not in intensive  # both left intensive support
    assert "<strong>1</strong> organisation" in intensive


async def test_front_page_counts_by_framework_and_tier(ds):
    counts = section(await front(ds), "counts")
    assert (
        'data-framework="uec_tier"' in counts and "urgent and emergency care tier 2 (regional support)</a>: 1" in counts
    )
    assert 'href="/nhswatch/current_status?framework=cqc_rating&amp;status=good"' in counts
    assert 'data-framework="intensive_support"' not in counts  # the family is the headline, not a box


async def test_latest_changes_are_sentences_linking_to_the_change(ds):
    latest = section(await front(ds), "latest")
    rows = (await ds.client.get("/nhswatch/changes.json?ods_code=RX1&framework=rsp&_shape=array")).json()
    link = f'<a href="/-/organisation/RX1#change-{rows[0]["id"]}">'
    assert link + "Nottingham University Hospitals NHS Trust left Recovery Support Programme</a>" in latest
    assert "12 January 2024" in latest and "1 source" in latest
    assert (
        "Guy&#39;s and St Thomas&#39; NHS Foundation Trust moved from rated good to rated requires improvement"
        in latest
    )
    assert "2 sources" in latest
    assert "remains" not in latest  # restatements are not changes
    # newest first reported first: the last run's changes before the 2024 ones
    assert latest.index("University Hospitals Sussex") < latest.index("Nottingham University Hospitals")


async def test_latest_changes_link_to_existing_anchors(ds):
    for code, change in re.findall(r'href="/-/organisation/(\w+)#change-([0-9a-f]{16})"', await front(ds)):
        page = (await ds.client.get(f"/-/organisation/{code}")).text
        assert f'id="change-{change}"' in page


async def test_front_page_says_when_and_how_much(ds):
    html = await front(ds)
    status = section(html, "data-status")
    assert re.search(r"Data last updated \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)", status)
    assert "5 sources" in status and "17 documents" in status
    assert 'href="/-/about"' in html and 'id="all-tables" href="/nhswatch"' not in html
    assert '<a href="/nhswatch" id="all-tables">' in html  # the table list stays one click away
    assert "/-/static-plugins/nhswatch/finder.js" in html


async def test_finder_form_works_without_javascript(ds):
    html = await front(ds)
    assert '<form class="nw-finder" id="finder" action="/-/find" method="get"' in html
    assert 'name="q"' in html


async def test_find_goes_straight_to_the_one_match(ds):
    for text in ("Shrews", "rxw", "The Shrewsbury and Telford Hospital NHS Trust (RXW)", "  shrewsbury  and telford "):
        response = await ds.client.get("/-/find", params={"q": text})
        assert response.status_code == 302, text
        assert response.headers["location"] == "/-/organisation/RXW"


async def test_find_lists_several_matches(ds):
    response = await ds.client.get("/-/find", params={"q": "University Hospitals"})
    assert response.status_code == 200
    listed = re.findall(r'href="/-/organisation/(\w+)"', response.text)
    assert {"RX1", "RWE", "RYR", "RK9"} <= set(listed)


async def test_find_says_when_nothing_matches(ds):
    response = await ds.client.get("/-/find", params={"q": "zzzz no such trust"})
    assert response.status_code == 200 and 'id="find-none"' in response.text
    wildcard = await ds.client.get("/-/find", params={"q": "%%%"})  # LIKE wildcards are literal text
    assert 'id="find-none"' in wildcard.text


async def test_find_json_suggests_as_you_type(ds):
    found = (await ds.client.get("/-/find.json", params={"q": "nott"})).json()
    assert found[0]["ods_code"] == "RX1" and found[0]["url"] == "/-/organisation/RX1"
    assert (await ds.client.get("/-/find.json", params={"q": ""})).json() == []
    exact_code_first = (await ds.client.get("/-/find.json", params={"q": "R1H"})).json()
    assert exact_code_first[0]["ods_code"] == "R1H"


async def test_about_page_states_the_measured_figures_from_one_place(ds):
    response = await ds.client.get("/-/about")
    assert response.status_code == 200
    html = response.text
    facts = yaml.safe_load(ABOUT.read_text(encoding="utf-8"))
    for row in facts["accuracy"]["sets"]:
        assert f"<strong>{row['name']}</strong>" in html
        assert f"<td>{row['f1']:.3f}</td>" in html
    assert "Open Government Licence v3.0" in html and "Apache License 2.0" in html
    assert 'id="citation"' in html and "http://localhost/" in html
    assert "Recovery Support Programme" in html  # what is extracted: the framework table's frameworks


async def test_query_choices_come_from_the_framework_table(ds):
    choices = (await ds.client.get("/-/query-choices.json")).json()
    frameworks = {c["value"]: c["label"] for c in choices["frameworks"]}
    assert frameworks["rsp"] == "Recovery Support Programme" and frameworks["cqc_rating"] == "CQC rating"
    assert "intensive_support" in frameworks
    assert {c["value"] for c in choices["tiers"]} == {"uec_tier", "elective_tier", "cancer_tier"}
    nof = {c["value"]: c["label"] for c in choices["statuses"]["nof"]}
    assert nof["5"] == "segment 5"  # the query matches the value in any version, so the label names none
    rsp = {c["value"]: c["label"] for c in choices["statuses"]["rsp"]}
    assert rsp == {"in": "Recovery Support Programme", "out": "not in the Recovery Support Programme"}

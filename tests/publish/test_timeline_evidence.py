"""The published timeline says what the evidence says (Datasette test client on the sample database).

Stories in ``sample_db``: RTH (a move implying the period before it, and a restatement), RJ1 (one change,
two dates), RK9 (a change dated only by the year), RX1 (an exit disputed by a "remains in").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from sqlite_utils import Database

ATOM = "{http://www.w3.org/2005/Atom}"


async def test_a_move_implies_the_earlier_period_on_a_date(query):
    rows = {(r["ods_code"], r["framework"]): r for r in await query("status_on_date", date="2024-01-01")}
    segment = rows[("RTH", "nof")]
    assert (segment["status"], segment["valid_from"], segment["valid_from_label"], segment["valid_to"]) == (
        "4",
        None,
        "not reported",
        "2024-03-01",
    )
    assert rows[("RTH", "intensive_support")]["status"] == "in"
    after = {(r["ods_code"], r["framework"]): r["status"] for r in await query("status_on_date", date="2024-04-01")}
    assert after[("RTH", "nof")] == "3" and after[("RTH", "intensive_support")] == "out"
    # not before the framework version existed (NOF 2021 came into force on 1 July 2021)
    early = await query("status_on_date", date="2021-01-01", framework="nof")
    assert "RTH" not in {r["ods_code"] for r in early}


async def test_the_organisation_page_draws_the_implied_period(ds):
    html = (await ds.client.get("/-/organisation/RTH")).text
    assert "from: not reported" in html
    assert re.search(r'<rect class="bar open-start"', html)
    assert "implied by the" in html


async def test_restatements_are_not_changes(ds, query, sample_path):
    db = Database(sample_path)
    rth = db.execute("select framework, change from changes where ods_code = 'RTH' order by framework").fetchall()
    assert rth == [("intensive_support", "exit"), ("nof", "move")]
    # no restatement of the status in force is a change anywhere
    restated = db.execute("""select count(*) from changes c join status_timeline t on t.first_change_id = c.id
                             where c.change in ('state', 'remain')""").fetchone()[0]
    assert restated == db.execute("select count(*) from changes where change in ('state', 'remain')").fetchone()[0]
    timeline = await query("organisation_timeline", organisation="RTH")
    period = next(r for r in timeline if r["framework"] == "nof" and r["status"] == "3")
    assert (period["documents_count"], period["sources_count"], period["confirmations_count"]) == (2, 2, 1)
    recent = await query("recent_changes", days="60")
    assert not any("remains" in r["summary"] or "still" in r["summary"] for r in recent)
    feed = (await ds.client.get("/nhswatch/changes_feed.atom")).text
    titles = [e.find(f"{ATOM}title").text for e in ET.fromstring(feed).findall(f"{ATOM}entry")]
    assert not any("remains in segment 3" in t for t in titles)
    html = (await ds.client.get("/-/organisation/RTH")).text
    assert "Oxford University Hospitals NHS Foundation Trust remains in segment 3." in html
    assert "confirmed by 1 later report" in html
    assert html.count('<rect class="bar') == 4  # nof 4 (implied), nof 3, intensive in (implied), out


async def test_recent_means_first_reported_recently(ds, query):
    year = str(date.today().year)
    month = {r["ods_code"] for r in await query("recent_changes", days="30")}
    assert "RK9" not in month and "RTH" not in month  # RK9: dated only by this year, reported 100 days ago
    two_months = {r["ods_code"]: r for r in await query("recent_changes", days="60")}
    assert two_months["RTH"]["effective_label"] == "1 March 2024" and "RK9" not in two_months
    longer = {r["ods_code"]: r for r in await query("recent_changes", days="200")}
    assert longer["RK9"]["effective_label"] == year and longer["RK9"]["effective_date"] == year
    feed = ET.fromstring((await ds.client.get("/nhswatch/changes_feed.atom")).text)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert any(t.startswith("Oxford University Hospitals") and t.endswith("(1 March 2024)") for t in titles)


async def test_one_change_one_row_however_many_reports(query, sample_path):
    db = Database(sample_path)
    rows = db.execute(
        "select documents_count, sources_count, effective_label, date_min, date_max from changes "
        "where ods_code = 'RJ1' and framework = 'cqc_rating'"
    ).fetchall()
    assert rows == [(2, 2, "3 June 2022", "2022-06-03", "2022-08")]
    rxw = [r for r in await query("organisation_history", organisation="RXW") if r["framework"] == "rsp"]
    assert len(rxw) == 1 and rxw[0]["documents_count"] == 2


async def test_disputed_periods_keep_both_claims(ds, query):
    claims = [r for r in await query("disputed_periods") if r["ods_code"] == "RJ1"]
    assert [(r["kind"], r["claim"], r["kept"], r["publisher"]) for r in claims] == [
        ("date", "3 June 2022", 1, "BBC News"),
        ("date", "August 2022", 0, "HSJ"),
    ]
    nottingham = {
        (r["framework"], r["claim"], r["kept"]) for r in await query("disputed_periods") if r["ods_code"] == "RX1"
    }
    assert ("rsp", "left Recovery Support Programme", 1) in nottingham
    assert ("rsp", "in Recovery Support Programme", 0) in nottingham
    html = (await ds.client.get("/-/organisation/RJ1")).text
    block = re.search(r'<div class="nw-claims".*?</td>', html, re.S).group(0)
    assert "3 June 2022" in block and "August 2022" in block and "BBC News" in block and "HSJ" in block
    assert "downgraded from good to requires improvement" in block and "rated requires improvement in August" in block
    page = (await ds.client.get("/-/organisation/RX1")).text
    assert "remains in the Recovery Support Programme" in page and "also reported" in page

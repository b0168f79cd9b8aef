"""A small, hand-written nhswatch database for the publication tests (and the browser test).

Built with the real loaders (``db.schema.open_db``, ``db.load``) and ``db.derived.rebuild_derived``.
The story, by organisation:

- RXW Shrewsbury and Telford: rated inadequate (2018-04); entered the RSP in July 2021, reported by
  NHS England (14 July) and by a local paper (July) - one change, two documents, two sources; moved
  from segment 4 to segment 3 in February 2023 (so it left intensive support).
- RX1 Nottingham: segment 4 (2021) from September 2021; in January 2024 one source says it left the
  RSP and another that it remains in it - a dispute; NOF 2025 segment 5 from October 2025.
- R1H Barts: urgent and emergency care tier 1 from May 2022, left tier 1 in June 2023.
- RWE Leicester: expected to exit tier 1 (proposed only: no timeline row); tier 1 elective since 2022-03.
- RW6 Pennine Acute (closed 2021-09-30): special measures since February 2019, ended by closure.
- RXN Lancashire: a document whose title, text and evidence carry ``<script>`` and ``onerror=``.
- RYR Sussex: a change 3 days before the build date, for "changes in the last N days".
- RTH Oxford: "moved from segment 4 to segment 3 on 1 March 2024", first reported 40 days before the build
  date (so it was in segment 4 before, from a date not reported; recent by first report, not by effective
  date); "remains in segment 3" later - a restatement confirming the period, not a change.
- RJ1 Guy's and St Thomas': rated requires improvement (down from good) on 3 June 2022 says the BBC, in
  August 2022 says the HSJ - one change, its date disputed, both claims kept.
- RXW in the official record (``official_records``): segment 3 in Q1 2022/23, a 2025/26 league table row.
- RK9 Plymouth: moved from requires improvement to good, dated only by the build year, first reported 100
  days before the build date - not "recent" every day of the year.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from nhswatch.db import load
from nhswatch.db.derived import rebuild_derived, replace_mentions
from nhswatch.db.schema import open_db
from nhswatch.scraper.archive import Archive

XSS = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
RAW_XSS_PAGE = f"<html><body><h1>Lancashire update</h1><p>{XSS}</p></body></html>".encode()

ORGS = [
    ("RXW", "The Shrewsbury and Telford Hospital NHS Trust", "trust", "Midlands", "", "2003-10-01", "", "", ""),
    ("RX1", "Nottingham University Hospitals NHS Trust", "trust", "Midlands", "", "2006-04-01", "", "", ""),
    ("R1H", "Barts Health NHS Trust", "trust", "London", "", "2012-04-01", "", "", ""),
    ("RWE", "University Hospitals of Leicester NHS Trust", "trust", "Midlands", "", "2000-04-01", "", "", ""),
    ("RW6", "Pennine Acute Hospitals NHS Trust", "trust", "North West", "", "2002-04-01", "2021-09-30", "", "R0A"),
    ("R0A", "Manchester University NHS Foundation Trust", "trust", "North West", "", "2017-10-01", "", "RW6", ""),
    ("RXN", "Lancashire Teaching Hospitals NHS Foundation Trust", "trust", "North West", "", "2002-08-01", "", "", ""),
    ("RYR", "University Hospitals Sussex NHS Foundation Trust", "trust", "South East", "", "2009-04-01", "", "", ""),
    ("RTH", "Oxford University Hospitals NHS Foundation Trust", "trust", "South East", "", "2011-11-01", "", "", ""),
    ("RJ1", "Guy's and St Thomas' NHS Foundation Trust", "trust", "London", "", "1993-04-01", "", "", ""),
    ("RK9", "University Hospitals Plymouth NHS Trust", "trust", "South West", "", "1993-04-01", "", "", ""),
]


def org(
    code: str, name: str, type_: str, region: str, parent: str, opened: str, closed: str, pred: str, succ: str
) -> SimpleNamespace:
    return SimpleNamespace(
        ods_code=code,
        name=name,
        type=type_,
        region=region,
        parent_icb=parent,
        open_date=opened,
        close_date=closed,
        predecessors=tuple(filter(None, [pred])),
        successors=tuple(filter(None, [succ])),
        domains=(),
    )


def ev(
    code: str,
    framework: str,
    change: str,
    to: object,
    date_: str | None,
    evidence: str,
    *,
    from_: object = None,
    version: str | None = None,
    modality: str = "actual",
    confidence: float = 0.9,
) -> dict:
    return {
        "ods_code": code,
        "org": dict((o[0], o[1]) for o in ORGS)[code],
        "org_type": "trust",
        "framework": framework,
        "framework_version": version,
        "change": change,
        "from": from_,
        "to": to,
        "date": date_,
        "modality": modality,
        "evidence": evidence,
        "start": 0,
        "end": len(evidence),
        "confidence": confidence,
    }


def documents(today: date) -> list[tuple[dict, list[dict], str]]:
    """(document, events, fetched_at) triples, oldest first."""
    recent = (today - timedelta(days=3)).isoformat()
    nhse, star = "https://www.england.nhs.uk/", "https://www.shropshirestar.com/"
    return [
        (
            {
                "url": nhse + "2018/04/cqc-shrewsbury",
                "source": "nhse",
                "title": "CQC rates Shrewsbury and Telford",
                "published": "2018-04-10",
                "publisher": "NHS England",
                "text": "The CQC rated The Shrewsbury and Telford Hospital NHS Trust inadequate in April 2018.",
            },
            [
                ev(
                    "RXW",
                    "cqc_rating",
                    "state",
                    "inadequate",
                    "2018-04",
                    "The CQC rated The Shrewsbury and Telford Hospital NHS Trust inadequate in April 2018.",
                )
            ],
            "2024-01-01T09:00:00+00:00",
        ),
        (
            {
                "url": nhse + "2019/02/pennine-special-measures",
                "source": "nhse",
                "title": "Pennine Acute in special measures",
                "published": "2019-02-12",
                "publisher": "NHS England",
                "text": "Pennine Acute Hospitals NHS Trust has been placed in special measures.",
            },
            [
                ev(
                    "RW6",
                    "special_measures",
                    "enter",
                    "in",
                    "2019-02-12",
                    "Pennine Acute Hospitals NHS Trust has been placed in special measures.",
                    from_="out",
                )
            ],
            "2024-01-01T09:00:01+00:00",
        ),
        (
            {
                "url": nhse + "2021/07/rsp-entrants",
                "source": "nhse",
                "title": "Trusts join the Recovery Support Programme",
                "published": "2021-07-14",
                "publisher": "NHS England",
                "text": "The Shrewsbury and Telford Hospital NHS Trust entered the Recovery Support Programme on "
                "14 July 2021. Nottingham University Hospitals NHS Trust is in segment 4.",
            },
            [
                ev(
                    "RXW",
                    "rsp",
                    "enter",
                    "in",
                    "2021-07-14",
                    "The Shrewsbury and Telford Hospital NHS Trust entered the Recovery Support Programme on 14 July 2021.",
                    from_="out",
                ),
                ev(
                    "RX1",
                    "nof",
                    "state",
                    4,
                    "2021-09",
                    "Nottingham University Hospitals NHS Trust is in segment 4.",
                    version="2021",
                ),
            ],
            "2024-01-01T09:00:02+00:00",
        ),
        (
            {
                "url": star + "news/2021/07/sath-rsp",
                "source": "star",
                "title": "Hospital trust joins support scheme",
                "published": "2021-07-20",
                "publisher": "Shropshire Star",
                "text": "Shrewsbury and Telford's hospital trust was placed in the Recovery Support Programme this month.",
            },
            [
                ev(
                    "RXW",
                    "rsp",
                    "enter",
                    "in",
                    "2021-07",
                    "Shrewsbury and Telford's hospital trust was placed in the Recovery Support Programme this month.",
                    from_="out",
                    confidence=0.7,
                )
            ],
            "2024-01-01T09:00:03+00:00",
        ),
        (
            {
                "url": nhse + "2022/05/uec-tiers",
                "source": "nhse",
                "title": "Urgent and emergency care tiers",
                "published": "2022-05-03",
                "publisher": "NHS England",
                "text": "Barts Health NHS Trust has been placed in tier 1 for urgent and emergency care. "
                "University Hospitals of Leicester NHS Trust is in tier 1 for elective care.",
            },
            [
                ev(
                    "R1H",
                    "uec_tier",
                    "enter",
                    1,
                    "2022-05-03",
                    "Barts Health NHS Trust has been placed in tier 1 for urgent and emergency care.",
                ),
                ev(
                    "RWE",
                    "elective_tier",
                    "state",
                    1,
                    "2022-03",
                    "University Hospitals of Leicester NHS Trust is in tier 1 for elective care.",
                ),
            ],
            "2024-01-01T09:00:04+00:00",
        ),
        (
            {
                "url": nhse + "2023/03/sath-segment-3",
                "source": "nhse",
                "title": "Shrewsbury and Telford exits RSP",
                "published": "2023-03-01",
                "publisher": "NHS England",
                "text": "The Shrewsbury and Telford Hospital NHS Trust moved from segment 4 to segment 3 in February 2023.",
            },
            [
                ev(
                    "RXW",
                    "nof",
                    "move",
                    3,
                    "2023-02",
                    "The Shrewsbury and Telford Hospital NHS Trust moved from segment 4 to segment 3 in February 2023.",
                    from_=4,
                    version="2021",
                )
            ],
            "2024-01-01T09:00:05+00:00",
        ),
        (
            {
                "url": nhse + "2023/06/barts-tier",
                "source": "nhse",
                "title": "Barts leaves tier 1",
                "published": "2023-06-20",
                "publisher": "NHS England",
                "text": "Barts Health NHS Trust has exited tier 1. Leicester is expected to exit tier 1 next year.",
            },
            [
                ev("R1H", "uec_tier", "exit", None, "2023-06-20", "Barts Health NHS Trust has exited tier 1.", from_=1),
                ev(
                    "RWE",
                    "elective_tier",
                    "exit",
                    None,
                    "2024-03",
                    "Leicester is expected to exit tier 1 next year.",
                    from_=1,
                    modality="proposed",
                ),
            ],
            "2024-01-01T09:00:06+00:00",
        ),
        (
            {
                "url": nhse + "2024/01/nottingham-exit",
                "source": "nhse",
                "title": "Nottingham leaves the RSP",
                "published": "2024-01-15",
                "publisher": "NHS England",
                "text": "Nottingham University Hospitals NHS Trust has exited the Recovery Support Programme.",
            },
            [
                ev(
                    "RX1",
                    "rsp",
                    "exit",
                    "out",
                    "2024-01-12",
                    "Nottingham University Hospitals NHS Trust has exited the Recovery Support Programme.",
                    from_="in",
                )
            ],
            "2024-02-01T09:00:00+00:00",
        ),
        (
            {
                "url": "https://www.nottinghampost.com/news/2024/01/nuh",
                "source": "post",
                "title": "Nottingham hospitals still under intensive support",
                "published": "2024-01-20",
                "publisher": "Nottingham Post",
                "text": "Nottingham University Hospitals NHS Trust remains in the Recovery Support Programme.",
            },
            [
                ev(
                    "RX1",
                    "rsp",
                    "remain",
                    "in",
                    "2024-01",
                    "Nottingham University Hospitals NHS Trust remains in the Recovery Support Programme.",
                )
            ],
            "2024-02-01T09:00:01+00:00",
        ),
        (
            {
                "url": nhse + "2025/10/nof-league-tables",
                "source": "nhse",
                "title": "NHS Oversight Framework segmentation",
                "published": "2025-10-01",
                "publisher": "NHS England",
                "text": "Nottingham University Hospitals NHS Trust is in segment 5 and the Provider Improvement Programme.",
            },
            [
                ev(
                    "RX1",
                    "nof",
                    "state",
                    5,
                    "2025-10",
                    "Nottingham University Hospitals NHS Trust is in segment 5 and the Provider Improvement Programme.",
                    version="2025",
                )
            ],
            "2025-10-02T09:00:00+00:00",
        ),
        (
            {
                "url": nhse + "recent/sussex-tier",
                "source": "nhse",
                "title": "Sussex moves into tier 2",
                "published": recent,
                "publisher": "NHS England",
                "text": "University Hospitals Sussex NHS Foundation Trust moved into tier 2 for urgent and emergency care.",
            },
            [
                ev(
                    "RYR",
                    "uec_tier",
                    "enter",
                    2,
                    recent,
                    "University Hospitals Sussex NHS Foundation Trust moved into tier 2 for urgent and emergency care.",
                )
            ],
            "LAST_RUN",
        ),
        (
            {
                "url": nhse + "recent/lancashire",
                "source": "nhse",
                "title": f"{XSS} Lancashire update",
                "published": recent,
                "publisher": "NHS England",
                "text": f"Lancashire Teaching Hospitals NHS Foundation Trust is in segment 2. {XSS}",
            },
            [
                ev(
                    "RXN",
                    "nof",
                    "state",
                    2,
                    recent,
                    f"Lancashire Teaching Hospitals NHS Foundation Trust is in segment 2. {XSS}",
                    version="2025",
                )
            ],
            "LAST_RUN",
        ),
    ]


def later_documents(today: date) -> list[tuple[dict, list[dict], str]]:
    """Documents for the timeline-evidence stories (RTH, RJ1, RK9), stored between the two runs."""

    def day(days_ago: int) -> str:
        return (today - timedelta(days=days_ago)).isoformat()

    hsj, bbc = "https://www.hsj.co.uk/", "https://www.bbc.co.uk/news/"
    year = str(today.year)
    return [
        (
            {
                "url": hsj + "guys-cqc",
                "source": "hsj",
                "title": "Guy's and St Thomas' rating falls",
                "published": "2022-09-01",
                "publisher": "HSJ",
                "text": "Guy's and St Thomas' NHS Foundation Trust was rated requires improvement in August 2022.",
            },
            [
                ev(
                    "RJ1",
                    "cqc_rating",
                    "move",
                    "requires improvement",
                    "2022-08",
                    "Guy's and St Thomas' NHS Foundation Trust was rated requires improvement in August 2022.",
                    from_="good",
                )
            ],
            "2024-01-01T09:00:07+00:00",
        ),
        (
            {
                "url": bbc + "guys-cqc",
                "source": "bbc",
                "title": "Inspectors downgrade London hospitals",
                "published": "2022-06-10",
                "publisher": "BBC News",
                "text": "Guy's and St Thomas' NHS Foundation Trust was downgraded from good to requires improvement "
                "on 3 June 2022.",
            },
            [
                ev(
                    "RJ1",
                    "cqc_rating",
                    "move",
                    "requires improvement",
                    "2022-06-03",
                    "Guy's and St Thomas' NHS Foundation Trust was downgraded from good to requires improvement "
                    "on 3 June 2022.",
                    from_="good",
                )
            ],
            "2024-01-01T09:00:08+00:00",
        ),
        (
            {
                "url": hsj + "plymouth-cqc",
                "source": "hsj",
                "title": "Plymouth rated good",
                "published": day(100),
                "publisher": "HSJ",
                "text": f"University Hospitals Plymouth NHS Trust moved from requires improvement to good in {year}.",
            },
            [
                ev(
                    "RK9",
                    "cqc_rating",
                    "move",
                    "good",
                    year,
                    f"University Hospitals Plymouth NHS Trust moved from requires improvement to good in {year}.",
                    from_="requires improvement",
                )
            ],
            day(100) + "T09:00:00+00:00",
        ),
        (
            {
                "url": hsj + "oxford-segment-3",
                "source": "hsj",
                "title": "Oxford leaves segment 4",
                "published": day(40),
                "publisher": "HSJ",
                "text": "Oxford University Hospitals NHS Foundation Trust moved from segment 4 to segment 3 on "
                "1 March 2024.",
            },
            [
                ev(
                    "RTH",
                    "nof",
                    "move",
                    3,
                    "2024-03-01",
                    "Oxford University Hospitals NHS Foundation Trust moved from segment 4 to segment 3 on 1 March 2024.",
                    from_=4,
                    version="2021",
                )
            ],
            day(40) + "T09:00:00+00:00",
        ),
        (
            {
                "url": bbc + "oxford-still-segment-3",
                "source": "bbc",
                "title": "Oxford hospitals still in segment 3",
                "published": day(35),
                "publisher": "BBC News",
                "text": "Oxford University Hospitals NHS Foundation Trust remains in segment 3.",
            },
            [
                ev(
                    "RTH",
                    "nof",
                    "remain",
                    3,
                    "2024-06",
                    "Oxford University Hospitals NHS Foundation Trust remains in segment 3.",
                    version="2021",
                )
            ],
            day(35) + "T09:00:00+00:00",
        ),
    ]


def build_sample_db(path: Path, today: date | None = None) -> Path:
    """Create the sample database at ``path`` (and its archive next to it); returns ``path``."""
    today = today or date.today()
    db = open_db(path)
    archive = Archive(Path(path).with_suffix(".archive"))
    load.upsert_sources(
        db,
        [
            SimpleNamespace(
                name="nhse",
                title="NHS England news",
                publisher="NHS England",
                kind="listing",
                region="",
                homepage="https://www.england.nhs.uk/news/",
                schedule="daily",
                confirmed="yes",
            ),
            SimpleNamespace(
                name="star",
                title="Shropshire Star health",
                publisher="Shropshire Star",
                kind="feed",
                region="Midlands",
                homepage="https://www.shropshirestar.com/",
                schedule="daily",
                confirmed="yes",
            ),
            SimpleNamespace(
                name="post",
                title="Nottingham Post",
                publisher="Nottingham Post",
                kind="feed",
                region="Midlands",
                homepage="https://www.nottinghampost.com/",
                schedule="daily",
                confirmed="no",
            ),
            SimpleNamespace(
                name="hsj",
                title="HSJ",
                publisher="HSJ",
                kind="feed",
                region="",
                homepage="https://www.hsj.co.uk/",
                schedule="daily",
                confirmed="no",
            ),
            SimpleNamespace(
                name="bbc",
                title="BBC News health",
                publisher="BBC News",
                kind="feed",
                region="",
                homepage="https://www.bbc.co.uk/news/health",
                schedule="daily",
                confirmed="no",
            ),
        ],
    )
    load.upsert_organisations(db, [org(*row) for row in ORGS])
    first_run = load.start_run(db, "run")
    db["runs"].update(first_run, {"started": "2024-01-01T08:59:00+00:00"})
    load.finish_run(db, first_run, 0, {"fetched": 10, "new": 10, "changed": 0, "unchanged": 0, "failed": 0})
    db["runs"].update(first_run, {"ended": "2025-10-02T10:00:00+00:00"})
    last_run = load.start_run(db, "run")
    started = datetime.now(UTC).isoformat(timespec="seconds")
    for doc, events, fetched_at in [*documents(today), *later_documents(today)]:
        fetched_at = started if fetched_at == "LAST_RUN" else fetched_at
        run_id = last_run if fetched_at == started else first_run
        with db.atomic():
            doc_id, _ = load.store_document(db, doc, fetched_at=fetched_at)
            load.replace_events(db, doc_id, events, "test")
            replace_mentions(db, doc_id, [{"ods_code": e["ods_code"], "name": e["org"], "mentions": 1} for e in events])
            body = RAW_XSS_PAGE if "lancashire" in doc["url"] else f"<html><p>{doc['text']}</p></html>".encode()
            digest = archive.put(body)
            db["fetches"].insert(
                {
                    "run_id": run_id,
                    "source": doc["source"],
                    "url": doc["url"],
                    "fetched_at": fetched_at,
                    "status": 200,
                    "bytes": len(body),
                    "etag": None,
                    "last_modified": None,
                    "content_hash": digest,
                    "outcome": "new",
                }
            )
    with db.atomic():
        load.record_failure(db, last_run, "post", "https://www.nottinghampost.com/news/feed", "fetch", "HTTP 503")
        load.record_fetch(db, last_run, "post", "https://www.nottinghampost.com/news/feed", None, "failed", None)
    load.finish_run(db, last_run, 1, {"fetched": 2, "new": 2, "changed": 0, "unchanged": 0, "failed": 1})
    official_records(db)
    rebuild_derived(db)
    db.close()
    return Path(path)


OFFICIAL_FILES = {
    "nof_segmentation": "Quarter,Region,Organisation_type,Organisation_code,Organisation_name,Segment\n"
    "Q1 2022/23,Midlands,Trust,RXW,Shrewsbury and Telford,3\n",
    "nof_league_table": "Quarter,Region,Trust_type,Trust_subtype,Trust_code,Trust_name,Average_score,"
    "Likely_range_of_average_score,Segment,Trust_in_financial_deficit,Rank,Likely_range_of_rank\n"
    "Q2 2025/26,Midlands,Acute trust,Large acute,RXW,Shrewsbury and Telford,2.9,2.5 to 3.3,4.0,Yes,101.0,90 to 115\n",
}


def official_records(db) -> None:
    """RXW in the official record: segment 3 in Q1 2022/23 (the news implies segment 4 until February 2023,
    a disagreement) and a 2025/26 league table row (docs/official-data.md)."""
    from nhswatch.db.official import store_publication
    from nhswatch.extract.official import Spec, parse

    for fmt, text in OFFICIAL_FILES.items():
        spec = Spec(format=fmt, framework="nof", version="2021" if fmt == "nof_segmentation" else None)
        meta = {"source": fmt, "url": f"https://www.england.nhs.uk/{fmt}.csv", "format": fmt, "framework": "nof",
                "title": f"NHS England {fmt.replace('_', ' ')}", "content_hash": fmt}  # fmt: skip
        with db.atomic():
            store_publication(db, meta, parse(text.encode(), spec))

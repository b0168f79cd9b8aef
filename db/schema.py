"""The database schema, created and upgraded in place by sqlite-utils Migrations.

Never edit a migration that has shipped: add a new one. ``open_db`` applies whatever is pending,
so an older database is upgraded without loss the next time any command opens it.

The schema version is the number of migrations applied; it is written to ``PRAGMA user_version``
after migrating. ``open_db`` refuses (``NewerDatabase``) a database whose version is higher than
this code's, or that records a migration this code does not know: an older nhswatch must never
write to a database a newer one has upgraded.

Transactions begin with ``BEGIN IMMEDIATE`` (``atomic()`` and Python's implicit transactions
alike), so a write waits up to the busy timeout for another writer instead of failing half-way
with "database is locked" when a read in the same transaction went stale.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Generator
from pathlib import Path

from sqlite_utils import Database, Migrations

migrations = Migrations("nhswatch")
BUSY_TIMEOUT_MS = 30_000


class NewerDatabase(Exception):
    """The database was written by a newer nhswatch (a higher schema version or an unknown migration)."""

    def __init__(self, found: int, known: int, unknown: list[str] | None = None):
        super().__init__(
            f"schema version {found} is newer than {known}"
            + (f" (unknown migrations: {', '.join(unknown)})" if unknown else "")
        )
        self.found, self.known, self.unknown = found, known, unknown or []


class WriterDatabase(Database):
    """A sqlite-utils Database whose outermost transactions are ``BEGIN IMMEDIATE``."""

    @contextlib.contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        if self.conn.in_transaction:  # nested: sqlite-utils' savepoints
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


@migrations()
def m001_core(db: Database) -> None:
    db["sources"].create(
        {
            "name": str,
            "title": str,
            "publisher": str,
            "kind": str,
            "region": str,
            "homepage": str,
            "schedule": str,
            "confirmed": str,
        },
        pk="name",
    )
    db["organisations"].create(
        {
            "ods_code": str,
            "name": str,
            "type": str,
            "region": str,
            "parent_icb": str,
            "open_date": str,
            "close_date": str,
            "predecessors": str,
            "successors": str,
            "domains": str,
        },
        pk="ods_code",
    )
    db["documents"].create(
        {
            "id": str,
            "url": str,
            "source": str,
            "title": str,
            "published": str,
            "publisher": str,
            "text": str,
            "content_hash": str,
            "version": int,
            "first_seen": str,
            "fetched_at": str,
            "etag": str,
            "last_modified": str,
            "extractor_version": str,
        },
        pk="id",
        foreign_keys=[("source", "sources", "name")],
    )
    db["documents"].create_index(["url"], unique=True)
    db["documents"].create_index(["published"])
    db["document_versions"].create(
        {
            "document_id": str,
            "version": int,
            "content_hash": str,
            "title": str,
            "published": str,
            "text": str,
            "fetched_at": str,
        },
        pk=("document_id", "version"),
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["events"].create(
        {
            "id": str,
            "document_id": str,
            "ods_code": str,
            "org_name": str,
            "org_type": str,
            "org_mention": str,
            "framework": str,
            "framework_version": str,
            "change": str,
            "from_status": str,
            "to_status": str,
            "effective_date": str,
            "date_precision": str,
            "date_text": str,
            "modality": str,
            "evidence": str,
            "evidence_start": int,
            "evidence_end": int,
            "confidence": float,
            "extractor_version": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("ods_code", "organisations", "ods_code")],
    )
    for columns in (
        ["document_id"],
        ["ods_code", "framework", "effective_date"],
        ["framework", "to_status"],
        ["effective_date"],
    ):
        db["events"].create_index(columns)
    db["runs"].create(
        {
            "id": int,
            "started": str,
            "ended": str,
            "command": str,
            "status": str,
            "exit_code": int,
            "fetched": int,
            "new": int,
            "changed": int,
            "unchanged": int,
            "failed": int,
        },
        pk="id",
    )
    db["fetches"].create(
        {
            "id": int,
            "run_id": int,
            "source": str,
            "url": str,
            "fetched_at": str,
            "status": int,
            "bytes": int,
            "etag": str,
            "last_modified": str,
            "content_hash": str,
            "outcome": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["fetches"].create_index(["url"])
    db["failures"].create(
        {"id": int, "run_id": int, "source": str, "url": str, "stage": str, "reason": str, "at": str},
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db["events"].enable_fts(["evidence", "org_name"], create_triggers=True, tokenize="porter")


# m002 adds the reference and derived tables the Datasette publication is built on. The derived
# tables (changes, change_events, status_timeline) are filled by ``db.derived.rebuild_derived``;
# they reference events with ON DELETE CASCADE so that re-extracting a document (which deletes
# and re-inserts its events) is never blocked by a stale derived row.
M002_SQL = """
CREATE TABLE organisation_aliases (
    alias TEXT NOT NULL,
    ods_code TEXT NOT NULL REFERENCES organisations(ods_code),
    kind TEXT,
    needs_context INTEGER,
    shared_by INTEGER,
    PRIMARY KEY (alias, ods_code)
);
CREATE INDEX idx_organisation_aliases_ods_code ON organisation_aliases(ods_code);
CREATE TABLE mentions (
    document_id TEXT NOT NULL REFERENCES documents(id),
    ods_code TEXT NOT NULL REFERENCES organisations(ods_code),
    org_name TEXT,
    mentions INTEGER,
    PRIMARY KEY (document_id, ods_code)
);
CREATE INDEX idx_mentions_ods_code ON mentions(ods_code);
CREATE TABLE changes (
    id TEXT PRIMARY KEY,
    ods_code TEXT REFERENCES organisations(ods_code),
    org_name TEXT,
    framework TEXT,
    framework_version TEXT,
    change TEXT,
    from_status TEXT,
    to_status TEXT,
    status TEXT,
    summary TEXT,
    modality TEXT,
    effective_date TEXT,
    date_precision TEXT,
    date_key TEXT,
    date_min TEXT,
    date_max TEXT,
    first_seen TEXT,
    first_published TEXT,
    last_published TEXT,
    events_count INTEGER,
    documents_count INTEGER,
    sources_count INTEGER,
    confidence REAL,
    evidence TEXT,
    document_id TEXT REFERENCES documents(id),
    url TEXT,
    title TEXT,
    disputed INTEGER,
    dispute_note TEXT,
    event_ids TEXT
);
CREATE INDEX idx_changes_org ON changes(ods_code, framework, date_key);
CREATE INDEX idx_changes_first_seen ON changes(first_seen);
CREATE INDEX idx_changes_effective_date ON changes(effective_date);
CREATE INDEX idx_changes_framework_status ON changes(framework, status);
CREATE TABLE change_events (
    change_id TEXT NOT NULL REFERENCES changes(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    document_id TEXT REFERENCES documents(id),
    PRIMARY KEY (change_id, event_id)
);
CREATE INDEX idx_change_events_event_id ON change_events(event_id);
CREATE INDEX idx_change_events_document_id ON change_events(document_id);
CREATE TABLE status_timeline (
    id TEXT PRIMARY KEY,
    ods_code TEXT REFERENCES organisations(ods_code),
    org_name TEXT,
    org_type TEXT,
    framework TEXT,
    framework_version TEXT,
    status TEXT,
    previous_status TEXT,
    valid_from TEXT,
    valid_from_precision TEXT,
    valid_to TEXT,
    ended_by TEXT,
    is_current INTEGER,
    start_change TEXT,
    first_change_id TEXT REFERENCES changes(id),
    last_reported TEXT,
    changes_count INTEGER,
    events_count INTEGER,
    documents_count INTEGER,
    sources_count INTEGER,
    disputed INTEGER,
    dispute_note TEXT,
    change_ids TEXT,
    event_ids TEXT
);
CREATE INDEX idx_status_timeline_current ON status_timeline(framework, status, valid_to);
CREATE INDEX idx_status_timeline_org ON status_timeline(ods_code, framework, valid_from);
CREATE INDEX idx_status_timeline_dates ON status_timeline(valid_from, valid_to);
CREATE INDEX idx_events_modality ON events(modality, ods_code);
CREATE INDEX idx_documents_fetched_at ON documents(fetched_at);
CREATE INDEX idx_documents_first_seen ON documents(first_seen);
CREATE INDEX idx_documents_source ON documents(source);
CREATE INDEX idx_fetches_source ON fetches(source, fetched_at);
CREATE INDEX idx_fetches_run_id ON fetches(run_id);
CREATE INDEX idx_failures_source ON failures(source, at);
CREATE INDEX idx_failures_run_id ON failures(run_id);
CREATE VIEW event_sources AS
SELECT e.id AS event_id, e.ods_code, e.org_name, e.framework, e.framework_version, e.change,
       e.from_status, e.to_status, e.effective_date, e.date_precision, e.modality, e.confidence,
       e.evidence, d.id AS document_id, d.title, d.published, d.publisher, d.source, d.url,
       (SELECT f.content_hash FROM fetches f WHERE f.url = d.url AND f.content_hash IS NOT NULL
        ORDER BY f.id DESC LIMIT 1) AS archive_digest
FROM events e JOIN documents d ON d.id = e.document_id;
"""


@migrations()
def m002_publication(db: Database) -> None:
    """Aliases, mentions, derived changes and status timeline, more indexes, organisation search."""
    for statement in M002_SQL.split(";"):
        if statement.strip():
            db.execute(statement)
    db["organisations"].enable_fts(["name", "ods_code"], create_triggers=True)
    db["organisation_aliases"].enable_fts(["alias"], create_triggers=True)


def schema_version() -> int:
    """This code's schema version: the number of migrations it knows."""
    return len(migrations._migrations)


def check_not_newer(db: Database) -> None:
    """Raise NewerDatabase if ``db`` was upgraded by a newer nhswatch; reads only."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    known_names = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known_names]
    if found > schema_version() or unknown:
        raise NewerDatabase(max(found, schema_version() + len(unknown)), schema_version(), unknown)


def open_db(path: str | Path, *, busy_timeout_ms: int | None = None) -> Database:
    """Open (creating or upgrading) the nhswatch database at ``path`` in WAL mode.

    The folder must exist. Raises NewerDatabase for a database written by a newer nhswatch, and
    sqlite3.DatabaseError for a file that is not an SQLite database.
    """
    path = Path(path)
    timeout_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    conn = sqlite3.connect(str(path), timeout=timeout_ms / 1000, isolation_level="IMMEDIATE")
    db = WriterDatabase(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
    db.execute("PRAGMA schema_version").fetchone()  # reads the header: "file is not a database" here
    check_not_newer(db)
    db.enable_wal()
    # Under WAL, NORMAL syncs at checkpoints, not on every commit: a crash keeps every committed batch
    # consistent (it may lose the last commits before a power cut, never corrupt the database).
    db.execute("PRAGMA synchronous = NORMAL")
    if migrations.pending(db):
        migrations.apply(db)
    version = schema_version()
    if db.execute("PRAGMA user_version").fetchone()[0] != version:
        db.execute(f"PRAGMA user_version = {version}")
    return db


@migrations()
def m101_scraper_fetch_log(db: Database) -> None:
    """Scraper: what each fetch was (kind, content type, time taken), HTTP status of failures,
    the pid and skipped count of runs, and a per-source summary of each run."""
    for column, kind in (("kind", str), ("content_type", str), ("elapsed", float)):
        if column not in db["fetches"].columns_dict:
            db["fetches"].add_column(column, kind)
    if "status" not in db["failures"].columns_dict:
        db["failures"].add_column("status", int)
    for column in ("pid", "skipped", "sources"):
        if column not in db["runs"].columns_dict:
            db["runs"].add_column(column, int)
    db["run_sources"].create(
        {
            "run_id": int,
            "source": str,
            "status": str,
            "fetched": int,
            "new": int,
            "changed": int,
            "unchanged": int,
            "skipped": int,
            "failed": int,
            "started": str,
            "ended": str,
        },
        pk=("run_id", "source"),
        foreign_keys=[("run_id", "runs", "id")],
        if_not_exists=True,
    )
    db["fetches"].create_index(["url", "status"], if_not_exists=True)


# m003: the framework table (extract/data/frameworks.yml) as tables, so canned queries and readers of
# the database can show labels beside statuses. Filled by ``db.derived.write_framework_tables`` on
# every ``rebuild_derived``.
M003_SQL = """
CREATE TABLE framework_labels (
    framework TEXT NOT NULL,
    framework_version TEXT NOT NULL,
    status TEXT NOT NULL,
    label TEXT,
    framework_label TEXT,
    version_label TEXT,
    intensive INTEGER,
    PRIMARY KEY (framework, framework_version, status)
);
CREATE TABLE framework_versions (
    framework TEXT NOT NULL,
    framework_version TEXT NOT NULL,
    title TEXT,
    short_label TEXT,
    framework_label TEXT,
    kind TEXT,
    publisher TEXT,
    start TEXT,
    "end" TEXT,
    org_types TEXT,
    league_tables INTEGER,
    "values" TEXT,
    intensive_values TEXT,
    note TEXT,
    unconfirmed TEXT,
    revisions TEXT,
    sources TEXT,
    PRIMARY KEY (framework, framework_version)
);
"""


@migrations()
def m003_framework_table(db: Database) -> None:
    """Framework labels and versions from the framework table."""
    for statement in M003_SQL.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m004_event_rules(db: Database) -> None:
    """Events say which rules made them: a JSON list of rule ids (status term, context cues, subject,
    date), so a reviewer can ask "which rule said this?"."""
    if "rules" not in db["events"].columns_dict:
        db["events"].add_column("rules", str)


# m005: the timeline says what the evidence says (docs/timeline.md). Periods whose start is not reported
# (implied by the move or exit that ended them), restatements kept as evidence of a period instead of as
# changes, dates at the precision the text gave, and the claims of disputed periods side by side.
M005_COLUMNS = {
    "changes": {"effective_label": str},
    "status_timeline": {
        "valid_from_label": str,
        "earliest_possible": str,
        "implied_by": str,
        "confirmations_count": int,
    },
}
M005_SQL = """
CREATE TABLE IF NOT EXISTS period_evidence (
    period_id TEXT NOT NULL REFERENCES status_timeline(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    document_id TEXT REFERENCES documents(id),
    role TEXT,
    change_id TEXT,
    PRIMARY KEY (period_id, event_id)
);
CREATE INDEX IF NOT EXISTS idx_period_evidence_event_id ON period_evidence(event_id);
CREATE INDEX IF NOT EXISTS idx_period_evidence_document_id ON period_evidence(document_id);
CREATE TABLE IF NOT EXISTS timeline_claims (
    period_id TEXT NOT NULL REFERENCES status_timeline(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    claim TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
    ods_code TEXT,
    framework TEXT,
    status TEXT,
    effective_date TEXT,
    effective_label TEXT,
    kept INTEGER,
    change_id TEXT,
    publisher TEXT,
    published TEXT,
    first_seen TEXT,
    title TEXT,
    url TEXT,
    evidence TEXT,
    PRIMARY KEY (period_id, kind, claim, document_id)
);
CREATE INDEX IF NOT EXISTS idx_timeline_claims_ods_code ON timeline_claims(ods_code, framework);
CREATE INDEX IF NOT EXISTS idx_timeline_claims_event_id ON timeline_claims(event_id);
CREATE INDEX IF NOT EXISTS idx_status_timeline_earliest ON status_timeline(earliest_possible, valid_to);
"""


@migrations()
def m005_timeline_evidence(db: Database) -> None:
    """Implied periods, restatements as period evidence, human date labels, and timeline claims."""
    for table, columns in M005_COLUMNS.items():
        for column, kind in columns.items():
            if column not in db[table].columns_dict:
                db[table].add_column(column, kind)
    for statement in M005_SQL.split(";"):
        if statement.strip():
            db.execute(statement)


# m006: official records beside the news (docs/official-data.md). Publications of official datasets (NHS
# England segmentation and league tables, CQC ratings) as received, the observations read from them, and
# the reconciliation (db/reconcile.py): each timeline period says whether official data confirms it,
# contradicts it or is silent; changes only official data shows are changes with provenance 'official'.
M006_COLUMNS = {
    "status_timeline": {"official_verdict": str, "official_status": str, "official_note": str, "official_ids": str},
    "changes": {"provenance": str},
}
M006_SQL = """
CREATE TABLE IF NOT EXISTS official_publications (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    format TEXT,
    framework TEXT,
    title TEXT,
    content_hash TEXT,
    first_seen TEXT,
    last_modified TEXT,
    period_label TEXT,
    period_start TEXT,
    period_end TEXT,
    rows_read INTEGER,
    observations_count INTEGER,
    skipped_count INTEGER,
    skipped TEXT,
    header TEXT,
    notes TEXT
);
CREATE INDEX IF NOT EXISTS idx_official_publications_source ON official_publications(source, first_seen);
CREATE TABLE IF NOT EXISTS official_observations (
    id TEXT PRIMARY KEY,
    publication_id TEXT NOT NULL REFERENCES official_publications(id),
    source TEXT,
    ods_code TEXT REFERENCES organisations(ods_code),
    reported_code TEXT,
    org_name TEXT,
    framework TEXT,
    framework_version TEXT,
    status TEXT,
    period_label TEXT,
    period_start TEXT,
    period_end TEXT,
    as_of TEXT,
    rank INTEGER,
    rank_range TEXT,
    score REAL,
    score_range TEXT,
    deficit INTEGER,
    detail TEXT,
    link TEXT,
    row_number INTEGER,
    first_seen TEXT
);
CREATE INDEX IF NOT EXISTS idx_official_observations_org ON official_observations(ods_code, framework, period_start);
CREATE INDEX IF NOT EXISTS idx_official_observations_publication ON official_observations(publication_id);
CREATE INDEX IF NOT EXISTS idx_changes_provenance ON changes(provenance, first_seen)
"""


@migrations()
def m006_official(db: Database) -> None:
    """Official publications and observations; reconciliation columns on the timeline and changes."""
    for table, columns in M006_COLUMNS.items():
        for column, kind in columns.items():
            if column not in db[table].columns_dict:
                db[table].add_column(column, kind)
    for statement in M006_SQL.split(";"):
        if statement.strip():
            db.execute(statement)


# m007: indexes for the publication at scale (benchmarks/bench_datasette.py). An organisation page ranks the
# reports of each change by publication date: (id, published) answers that from the index, without reading
# the documents' rows (about one a page, with their text). It links each disputed period to its claims
# (timeline_claims?period_id=...), which otherwise scans the whole table.
M007_SQL = [
    "CREATE INDEX IF NOT EXISTS idx_documents_id_published ON documents(id, published)",
    "CREATE INDEX IF NOT EXISTS idx_timeline_claims_period ON timeline_claims(period_id, kind, kept)",
]


@migrations()
def m007_publication_indexes(db: Database) -> None:
    """Indexes the published pages need at 100k documents."""
    for statement in M007_SQL:
        db.execute(statement)


# m008: incremental derived tables (db/derived.py). Triggers note the organisations whose derived rows may
# have changed (an event added, removed or altered; a document's date, publisher or address; an
# organisation's name, type or dates) in ``derived_dirty``; the next rebuild recomputes only those.
# ``derived_version_starts`` keeps, per organisation, the first day each framework version appears in its
# changes: the one fact the timeline needs from other organisations (when a framework was superseded).
# Every organisation with events starts dirty, so the first rebuild after the upgrade fills both tables.
M008_SQL = [
    "CREATE TABLE IF NOT EXISTS derived_dirty (ods_code TEXT PRIMARY KEY)",
    """CREATE TABLE IF NOT EXISTS derived_version_starts (
        ods_code TEXT NOT NULL,
        framework TEXT NOT NULL,
        framework_version TEXT NOT NULL,
        first_day TEXT NOT NULL,
        PRIMARY KEY (ods_code, framework, framework_version)
    )""",
    """CREATE TRIGGER IF NOT EXISTS derived_dirty_event_insert AFTER INSERT ON events
       WHEN new.ods_code IS NOT NULL
       BEGIN INSERT OR IGNORE INTO derived_dirty (ods_code) VALUES (new.ods_code); END""",
    """CREATE TRIGGER IF NOT EXISTS derived_dirty_event_delete AFTER DELETE ON events
       WHEN old.ods_code IS NOT NULL
       BEGIN INSERT OR IGNORE INTO derived_dirty (ods_code) VALUES (old.ods_code); END""",
    """CREATE TRIGGER IF NOT EXISTS derived_dirty_event_update AFTER UPDATE ON events
       WHEN old.ods_code IS NOT new.ods_code OR old.document_id IS NOT new.document_id
         OR old.org_name IS NOT new.org_name OR old.framework IS NOT new.framework
         OR old.framework_version IS NOT new.framework_version OR old.change IS NOT new.change
         OR old.from_status IS NOT new.from_status OR old.to_status IS NOT new.to_status
         OR old.effective_date IS NOT new.effective_date OR old.date_precision IS NOT new.date_precision
         OR old.modality IS NOT new.modality OR old.evidence IS NOT new.evidence
         OR old.confidence IS NOT new.confidence
       BEGIN
         INSERT OR IGNORE INTO derived_dirty (ods_code) SELECT old.ods_code WHERE old.ods_code IS NOT NULL;
         INSERT OR IGNORE INTO derived_dirty (ods_code) SELECT new.ods_code WHERE new.ods_code IS NOT NULL;
       END""",
    """CREATE TRIGGER IF NOT EXISTS derived_dirty_document_update
       AFTER UPDATE OF url, source, title, published, publisher, first_seen ON documents
       WHEN old.url IS NOT new.url OR old.source IS NOT new.source OR old.title IS NOT new.title
         OR old.published IS NOT new.published OR old.publisher IS NOT new.publisher
         OR old.first_seen IS NOT new.first_seen
       BEGIN
         INSERT OR IGNORE INTO derived_dirty (ods_code)
         SELECT DISTINCT ods_code FROM events WHERE document_id = new.id AND ods_code IS NOT NULL;
       END""",
    """CREATE TRIGGER IF NOT EXISTS derived_dirty_organisation_update
       AFTER UPDATE OF name, type, open_date, close_date ON organisations
       WHEN old.name IS NOT new.name OR old.type IS NOT new.type OR old.open_date IS NOT new.open_date
         OR old.close_date IS NOT new.close_date
       BEGIN INSERT OR IGNORE INTO derived_dirty (ods_code) VALUES (new.ods_code); END""",
    "INSERT OR IGNORE INTO derived_dirty (ods_code) SELECT DISTINCT ods_code FROM events WHERE ods_code IS NOT NULL",
]


@migrations()
def m008_incremental_derived(db: Database) -> None:
    """Dirty organisations and per-organisation framework version starts, for incremental derived tables."""
    for statement in M008_SQL:
        db.execute(statement)


# m009: backfill from web archives (nhswatch/backfill.py, docs/backfill.md). A document read from an archived
# capture says so (``backfilled``, the capture's URL and time); its first_seen is the capture time, so the
# changes it reports are dated by the capture, not by the day nhswatch read it, and the "new changes" feed
# leaves them out. ``backfill_queries`` and ``backfill_captures`` record how far a backfill got, so a killed
# one resumes without asking the index again or fetching what it stored.
M009_SQL = [
    """CREATE TABLE IF NOT EXISTS backfill_queries (
        source TEXT NOT NULL,
        prefix TEXT NOT NULL,
        year_from INTEGER NOT NULL,
        year_to INTEGER NOT NULL,
        resume_key TEXT,
        pages INTEGER,
        captures INTEGER,
        done_at TEXT,
        PRIMARY KEY (source, prefix, year_from, year_to)
    )""",
    """CREATE TABLE IF NOT EXISTS backfill_captures (
        source TEXT NOT NULL,
        url TEXT NOT NULL,
        original TEXT,
        timestamp TEXT,
        digest TEXT,
        status TEXT NOT NULL,
        capture_url TEXT,
        captured_at TEXT,
        document_id TEXT,
        reason TEXT,
        run_id INTEGER,
        updated_at TEXT,
        PRIMARY KEY (source, url)
    )""",
    "CREATE INDEX IF NOT EXISTS idx_backfill_captures_status ON backfill_captures(source, status)",
    "CREATE INDEX IF NOT EXISTS idx_backfill_captures_digest ON backfill_captures(source, digest)",
]


@migrations()
def m009_backfill(db: Database) -> None:
    """Backfilled documents (capture URL and time) and the backfill's progress."""
    for column, kind in (("backfilled", int), ("capture_url", str), ("captured_at", str)):
        if column not in db["documents"].columns_dict:
            db["documents"].add_column(column, kind)
    for statement in M009_SQL:
        db.execute(statement)


# m011: the official record in the timeline (docs/official-data.md, db/reconcile.py). ``official_spans`` is the
# official record as periods, per organisation and track (NOF observations also give the intensive-support
# family's in/out): the canned queries prefer it where it covers a date and the news says otherwise.
# ``status_timeline.provenance`` says who draws a period: 'news' (db/timeline.py), or 'official' for a span
# of the official record that no news period covers.
M011_SQL = [
    """CREATE TABLE IF NOT EXISTS official_spans (
        id TEXT PRIMARY KEY,
        ods_code TEXT REFERENCES organisations(ods_code),
        org_name TEXT,
        framework TEXT,
        framework_version TEXT,
        status TEXT,
        valid_from TEXT,
        valid_to TEXT,
        period_label TEXT,
        observation_ids TEXT,
        publication_ids TEXT,
        note TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS idx_official_spans_org ON official_spans(ods_code, framework, valid_from)",
    "CREATE INDEX IF NOT EXISTS idx_official_spans_dates ON official_spans(valid_from, valid_to)",
    "CREATE INDEX IF NOT EXISTS idx_status_timeline_provenance ON status_timeline(provenance, ods_code, framework)",
]


@migrations()
def m011_official_timeline(db: Database) -> None:
    """Official periods in the timeline (status_timeline.provenance) and the official record as spans."""
    if "provenance" not in db["status_timeline"].columns_dict:
        db["status_timeline"].add_column("provenance", str, not_null_default="news")
    for statement in M011_SQL:
        db.execute(statement)


# m012: a fast full derived rebuild (db/rebuild.py). The official-records reconciliation reads each
# organisation's news changes of one framework (ods_code, framework, provenance = 'news'); without this index
# SQLite picks idx_changes_provenance and scans every news change for every pair, quadratic in the database.
M012_SQL = [
    "CREATE INDEX IF NOT EXISTS idx_changes_org_provenance ON changes(ods_code, framework, provenance)",
]


@migrations()
def m012_fast_rebuild(db: Database) -> None:
    """An index for the reconciliation's per-pair read of news changes."""
    for statement in M012_SQL:
        db.execute(statement)


# m013: ``timeline_claims`` becomes a view. A full rebuild wrote one wide row per claim (607,000 at 100k
# documents), each a copy of its document's title, address and dates and its event's sentence; the rebuild
# now writes only the claim itself to ``timeline_claim_rows`` and the view joins the rest, so every column
# and row of ``timeline_claims`` reads as before. Existing claims are copied over, so no rebuild is needed.
CLAIM_ROWS_SQL = """
CREATE TABLE timeline_claim_rows (
    period_id TEXT NOT NULL REFERENCES status_timeline(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    claim TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
    ods_code TEXT,
    framework TEXT,
    status TEXT,
    effective_date TEXT,
    effective_label TEXT,
    kept INTEGER,
    change_id TEXT,
    publisher TEXT,
    PRIMARY KEY (period_id, kind, claim, document_id)
)
"""
# The joined columns are subqueries, not joins: a count or a facet over the view (Datasette's table page)
# then reads only timeline_claim_rows (with LEFT JOINs SQLite looked up both tables for each of 607,000
# rows: 3.6 s against 6 ms at 100k documents), and a page of rows looks up only its own.
CLAIMS_VIEW_SQL = """CREATE VIEW timeline_claims AS
SELECT c.period_id, c.kind, c.claim, c.document_id, c.event_id, c.ods_code, c.framework, c.status,
       c.effective_date, c.effective_label, c.kept, c.change_id, c.publisher,
       (SELECT published FROM documents WHERE id = c.document_id) AS published,
       (SELECT first_seen FROM documents WHERE id = c.document_id) AS first_seen,
       (SELECT title FROM documents WHERE id = c.document_id) AS title,
       (SELECT url FROM documents WHERE id = c.document_id) AS url,
       (SELECT evidence FROM events WHERE id = c.event_id) AS evidence
FROM timeline_claim_rows c"""
CLAIM_COLUMNS = (
    "period_id, kind, claim, document_id, event_id, ods_code, framework, status, effective_date, effective_label,"
    " kept, change_id, publisher"
)
M013_SQL = [
    CLAIM_ROWS_SQL,
    f"INSERT INTO timeline_claim_rows ({CLAIM_COLUMNS}) SELECT {CLAIM_COLUMNS} FROM timeline_claims",
    "DROP TABLE timeline_claims",
    "CREATE INDEX idx_timeline_claim_rows_period ON timeline_claim_rows(period_id, kind, kept)",
    "CREATE INDEX idx_timeline_claim_rows_ods_code ON timeline_claim_rows(ods_code, framework)",
    "CREATE INDEX idx_timeline_claim_rows_event_id ON timeline_claim_rows(event_id)",
    CLAIMS_VIEW_SQL,
]


@migrations()
def m013_claims_view(db: Database) -> None:
    """``timeline_claims`` as a view over the narrow ``timeline_claim_rows`` (existing claims kept)."""
    for statement in M013_SQL:
        db.execute(statement)

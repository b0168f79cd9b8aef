"""Scoring extracted events against hand-annotated ones (precision, recall, F1, dates, ODS codes).

Matching rule: a predicted event matches an annotated one of the same document when both name the
same organisation (ODS code) and assert a compatible status. Mandated intensive support is one status
whatever it is called (special measures, the Recovery Support Programme, NOF segment 4 before the
2025/26 framework, segment 5 from it): which values are intensive support is the framework table's
rule (``extract.frameworks.intensive_state``), the same one the timeline uses. A NOF event without a
framework version is read with the version its date (or, failing that, its value) implies. A predicted
bare "state" that matches nothing is not counted as an error, since annotators do not list every
assertion of a current status.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import frameworks


def status_keys(event: dict[str, Any]) -> set[tuple[str, Any]]:
    """What an event says the organisation's status is (or stopped being)."""
    framework, to, frm = event.get("framework"), event.get("to"), event.get("from")
    keys: set[tuple[str, Any]] = set()
    version = event.get("framework_version")
    if not version and framework in frameworks.versioned_frameworks():
        version = frameworks.version_for(framework, event.get("date"), to if to is not None else frm)
    intensive = frameworks.intensive_state(framework, version, frm, to, event.get("change"))
    if intensive is not None:
        keys.add(("intensive", intensive))
    if framework in frameworks.intensive_frameworks():
        if intensive is None:
            keys.add(("intensive", "in"))
    elif framework in frameworks.versioned_frameworks():
        if to is not None:
            keys.add((framework, to))
    else:
        keys.add((framework, "out" if to is None and event.get("change") == "exit" else to))
    return keys


def compatible(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    same_org = (gold.get("ods_code") or "").upper() == (pred.get("ods_code") or "").upper() != ""
    return same_org and bool(status_keys(gold) & status_keys(pred))


def date_right(gold: dict[str, Any], pred: dict[str, Any]) -> bool | None:
    if not gold.get("date"):
        return None
    return bool(pred.get("date")) and str(pred["date"]).startswith(str(gold["date"]))


def pair_up(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing, best-agreeing pairs (framework, change, date) first."""

    def agreement(g: dict, p: dict) -> int:
        return (
            2 * (g.get("framework") == p.get("framework"))
            + (g.get("change") == p.get("change"))
            + 2 * bool(date_right(g, p))
        )

    options = sorted(
        ((agreement(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if compatible(g, p)),
        key=lambda o: (-o[0], o[1], o[2]),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in options:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


@dataclass
class Score:
    """Totals over a corpus."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    dates: list[bool] = field(default_factory=list)
    codes: list[bool] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float:
        return sum(self.dates) / len(self.dates) if self.dates else 1.0

    @property
    def code_accuracy(self) -> float:
        return sum(self.codes) / len(self.codes) if self.codes else 1.0


def score(gold_docs: dict[str, list[dict]], pred_docs: dict[str, list[dict]]) -> Score:
    """Score predicted events per document against the annotations."""
    total = Score()
    for doc_id, gold in gold_docs.items():
        pred = pred_docs.get(doc_id, [])
        pairs = pair_up(gold, pred)
        paired_pred = {pi for _, pi in pairs}
        unmatched_states = sum(1 for i, p in enumerate(pred) if i not in paired_pred and p.get("change") == "state")
        total.gold += len(gold)
        total.predicted += len(pred) - unmatched_states
        total.matched += len(pairs)
        for gi, pi in pairs:
            right = date_right(gold[gi], pred[pi])
            if right is not None:
                total.dates.append(right)
            total.codes.append((gold[gi].get("ods_code") or "") == (pred[pi].get("ods_code") or ""))
        paired_gold = {gi for gi, _ in pairs}
        total.misses += [
            f"{doc_id}: {g.get('ods_code')} {g.get('framework')} {g.get('to')}"
            for gi, g in enumerate(gold)
            if gi not in paired_gold
        ]
    return total


def read_jsonl(path: Path) -> dict[str, list[dict]]:
    """{document id: events} from a JSONL file of {"id", "events"} objects."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out[str(record["id"])] = record.get("events") or []
    return out

"""The archived copy marks evidence that runs over several lines (a list's introduction and one member)."""

from __future__ import annotations

from nhswatch.site.reader import render_text

TEXT = "A note before.\n\nThe first two trusts to enter the regime are:\n\n• Medway NHS Foundation Trust\n\n• Barts Health NHS Trust"


def test_evidence_over_several_lines_marks_its_first_line():
    shown, found = render_text(TEXT, "The first two trusts to enter the regime are:\n\n  • Barts Health NHS Trust")
    assert found and '<mark id="evidence">The first two trusts to enter the regime are:</mark>' in [
        str(p) for p in shown
    ]


def test_evidence_on_one_line_is_marked_whole():
    shown, found = render_text(TEXT, "• Medway NHS Foundation Trust")
    assert found and '<mark id="evidence">• Medway NHS Foundation Trust</mark>' in [str(p) for p in shown]

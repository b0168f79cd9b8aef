"""Article parsing with one lxml parse: dates from visible text only, generic pages through trafilatura."""

from __future__ import annotations

from nhswatch.scraper.article import parse_article

STORY = " ".join(
    f"Paragraph {n}: the trust board met to discuss waiting lists, staffing and the winter plan for the county."
    for n in range(12)
)


def test_a_dateline_inside_a_script_is_not_the_publication_date() -> None:
    html = (
        "<html><body><article><script>var meta = 'Published: 3 January 2019';</script>"
        "<h1>Winter plan</h1><p>Date posted: 6th February 2025</p><p>Text.</p></article></body></html>"
    )
    assert parse_article(html, "http://x/a").published == "2025-02-06"


def test_a_page_without_article_or_main_keeps_its_story_and_drops_menus() -> None:
    menu = "".join(f"<li><a href='/s/{i}'>Service number {i}</a></li>" for i in range(50))
    html = (
        f"<html><head><title>Board news</title></head><body><nav><ul>{menu}</ul></nav>"
        f"<div class='content'><h1>Board news</h1><p>{STORY}</p></div>"
        "<footer><p>Privacy and cookies</p></footer></body></html>"
    )
    article = parse_article(html, "http://x/a")
    assert "Paragraph 11: the trust board met" in article.text
    assert "Service number" not in article.text

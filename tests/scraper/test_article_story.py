"""Pages without <article>/<main>: trafilatura reads the story block alone; datelines come from visible text outside menus."""

from __future__ import annotations

import lxml.html
from nhswatch.scraper.article import parse_article, visible_text

SENTENCE = "The community trust opened a second diagnostic centre to shorten waits for scans and tests. "
STORY = "".join(f"<p>Paragraph {n}. {SENTENCE * 2}</p>" for n in range(6))
MENU = "".join(f"<li><a href='/services/{n}'>Service number {n}</a></li>" for n in range(40))


def page(content: str) -> str:
    return (
        f"<html><head><title>Centre opens</title></head><body><header><nav><ul>{MENU}</ul></nav></header>"
        f"{content}<footer><p>Privacy, cookies and accessibility.</p></footer></body></html>"
    )


OFFERS = (
    "<h2>What the centre offers</h2>"
    "<ul><li>Ultrasound seven days a week</li><li>Blood tests without an appointment</li></ul>"
)


def test_a_story_block_keeps_its_subheadings_and_bullet_lists() -> None:
    story = f"<div class='article-body'><h1>Centre opens</h1>{STORY}{OFFERS}</div>"
    html = page(f"<div class='row'>{story}<div class='side'><ul>{MENU}</ul></div></div>")
    text = parse_article(html, "http://x/a").text
    assert "What the centre offers" in text
    assert "Blood tests without an appointment" in text


def test_a_story_block_inside_a_content_container_keeps_its_bullet_lists() -> None:
    story = f"<div class='entry-content'><div class='col-8'><h1>Centre opens</h1>{STORY}{OFFERS}</div></div>"
    html = page(f"<div class='row'>{story}<div class='side'><ul>{MENU}</ul></div></div>")
    assert "Blood tests without an appointment" in parse_article(html, "http://x/a").text


def test_links_of_a_side_column_stay_out_of_the_text() -> None:
    content = f"<div class='row'><div class='story'><h1>Centre opens</h1>{STORY}</div><div class='side'><ul>{MENU}</ul></div></div>"
    assert "Service number" not in parse_article(page(content), "http://x/a").text


def test_a_dateline_inside_a_menu_is_not_the_publication_date() -> None:
    html = page(
        "<nav class='latest'><p>Updated: 4 April 2023</p></nav>"
        f"<div class='story'><h1>Centre opens</h1><p>Date posted: 6 February 2025</p>{STORY}</div>"
    )
    assert parse_article(html, "http://x/a").published == "2025-02-06"


def test_visible_text_leaves_out_scripts_styles_and_noscript_but_keeps_what_follows_them() -> None:
    root = lxml.html.document_fromstring(
        "<html><body><p>One<script>var a = 1;</script>two<noscript><p>Enable scripts</p>hidden</noscript>three"
        "<style>p {}</style>four</p></body></html>"
    )
    assert visible_text(root).split() == ["One", "two", "three", "four"]


def test_visible_text_leaves_the_page_as_it_was() -> None:
    html = "<html><body><p>One<script>var a = 1;</script>two<template><b>t</b>x</template>three</p></body></html>"
    root = lxml.html.document_fromstring(html)
    before = lxml.html.tostring(root)
    visible_text(root)
    assert lxml.html.tostring(root) == before

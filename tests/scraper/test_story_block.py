"""Finding the block that holds the story on a page without <article>/<main>, and handing it over on its own."""

from __future__ import annotations

import lxml.html
from nhswatch.scraper.story import on_its_own, story_block

SENTENCE = "The hospital board agreed a plan to cut waiting times for planned surgery across the county. "
STORY = "".join(f"<p>Paragraph {n}. {SENTENCE * 2}</p>" for n in range(5))
LONG_STORY = "".join(f"<p>Paragraph {n}. {SENTENCE * 2}</p>" for n in range(20))
LINKS = "".join(f"<li><a href='/news/{n}'>Another story about the trust, number {n}</a></li>" for n in range(15))


def page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head><title>News</title></head><body>{body}</body></html>")


def test_the_story_column_is_chosen_beside_a_column_of_links() -> None:
    root = page(
        f"<div class='row'><div id='story'><h1>Plan agreed</h1>{STORY}</div><div id='side'><ul>{LINKS}</ul></div></div>"
    )
    assert story_block(root).get("id") == "story"


def test_a_paragraph_outside_the_story_column_widens_the_block_to_hold_it() -> None:
    side = "<div id='side'><p>Press enquiries go to the communications team on weekdays.</p></div>"
    root = page(f"<div id='row'><div id='story'><h1>Plan agreed</h1>{LONG_STORY}</div>{side}</div>")
    assert story_block(root).get("id") == "row"


def test_the_block_reaches_up_to_the_page_heading() -> None:
    root = page(f"<div id='page'><div id='banner'><h1>Plan agreed</h1></div><div id='story'>{STORY}</div></div>")
    assert story_block(root).get("id") == "page"


def test_a_page_with_little_text_has_no_story_block() -> None:
    root = page(f"<div id='story'><h1>Plan agreed</h1><p>{SENTENCE}</p></div>")
    assert story_block(root) is None


def test_a_page_whose_text_is_spread_out_has_no_story_block() -> None:
    root = page(f"<div id='one'>{STORY}</div><div id='two'>{STORY}</div>")
    assert story_block(root) is None


def test_text_of_cookie_and_share_blocks_does_not_count() -> None:
    cookies = f"<div class='cookie-banner'><p>{SENTENCE * 3}</p></div>"
    share = f"<div class='share-links'><p>{SENTENCE}</p></div>"
    root = page(f"{cookies}<div id='story'><h1>Plan agreed</h1>{STORY}</div>{share}")
    assert story_block(root).get("id") == "story"


def test_the_block_on_its_own_keeps_its_ancestors_tags_and_classes() -> None:
    root = page(f"<div class='entry-content' id='outer'><p>Intro</p><div id='story'>{STORY}</div></div>")
    block = root.get_element_by_id("story")
    with on_its_own(block) as alone:
        shells = [(element.tag, element.get("class")) for element in alone.iter() if element.tag != "p"]
    assert shells == [("html", None), ("body", None), ("div", "entry-content"), ("div", None)]


def test_the_block_goes_back_in_place_with_its_tail() -> None:
    root = page(f"<div id='outer'><p>Intro</p><div id='story'>{STORY}</div>After the story.</div>")
    before = lxml.html.tostring(root)
    with on_its_own(root.get_element_by_id("story")):
        pass
    assert lxml.html.tostring(root) == before

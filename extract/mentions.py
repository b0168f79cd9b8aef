"""Stage 2, organisation mentions: gazetteer names found in the text, with ambiguity settled.

Every alias of the gazetteer is found by one automaton scan (``Gazetteer.find``). An alias that is
also a place ("Devon") counts only when its sentence names another organisation unambiguously or
uses a word like "ICS" or "trusts". A name several bodies share is linked only when one of them is
open on the document's date (``Gazetteer.pick``); otherwise it gives no mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .ascii_twin import compile_ignoring_case
from .gazetteer import (
    COMMISSIONER_TYPES,
    NON_SUBJECT_TYPES,
    TRUST_TYPES,
    Alias,
    Gazetteer,
    Organisation,
    normalise_alias,
)
from .names import unknown_names

CONTEXT_WORDS = compile_ignoring_case(
    r"\b(ICSs?|ICBs?|STPs?|systems?|trusts?|integrated care|health (and care )?economy|footprints?|tiers?|"
    r"segments?|ambulance services?)\b"
)
# "Colchester General Hospital has been taken out of special measures": a hospital opening a sentence about
# intensive support (which trusts are in) stands for its trust
INTENSIVE_WORDS = compile_ignoring_case(r"\b(special measures|recovery support programme)\b")
SENTENCE_OPENING = compile_ignoring_case(r"[\W_]*(the\s+)?")
COORDINATED = compile_ignoring_case(r",?\s*(and|&|or)\s+(the\s+)?")
# "at A, B and C": a bare comma coordinates too, when the names go on to a closing "and"/"or"
LIST_COMMA = re.compile(r",\s*(the\s+)?")
BRACKETED_SHORT_FORM = re.compile(r",?\s*\(\s*")  # "Lincoln County Hospital (ULHT)": the same place, named again
PLACE_PREPOSITIONS = frozenset({"at", "in", "within", "across"})
LOCATION_REACH = 80  # characters: a preposition and a few words before a name
DESCRIPTOR = re.compile(r"[\w'-]+ trust")
# "North Cumbria, North Tyneside and Walsall CCGs": names sharing one plural head
# the space is matched, not looked behind for: the regex engine then tries only the positions after a space
# a plural head after a space; each name begins with its first letter, looked behind for the space, so the regex
# engine skips to the Cs and Is instead of trying every space
PLURAL_HEAD = re.compile(r"(?P<head>[Cc](?<=\s[Cc])(?:CGs|linical [Cc]ommissioning [Gg]roups)|I(?<=\sI)C[BS]s)\b")
CONJUNCT_SPLIT = re.compile(r",\s+and\s+|,\s+|\s+and\s+|\s+&\s+")
CONJUNCT_JOIN = re.compile(r"\s(and|&)\s[^,.;]*$")
CAPITALISED_TAIL = re.compile(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,4}$")
CAPITALISED_WHOLE = re.compile(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,4}")
DISTRIBUTED_REACH = 240
# "clinical commissioning groups in Barking and Dagenham, Havering and Redbridge": the head before the places
PLURAL_HEAD_BEFORE = re.compile(
    r"(?<![\w-])(?P<head>CCGs|[Cc]linical [Cc]ommissioning [Gg]roups|ICBs)\s+(?:in|for|covering|serving)\s+(?=[A-Z])"
)
PLACE_LIST_END = re.compile(r"[.;:()\n]|\s(?!and\s)[a-z]")
SINGULAR_HEADS = {"ccgs": "CCG", "clinical commissioning groups": "CCG", "icbs": "ICB", "icss": "ICS"}
SHORT_FORM_DROP = frozenset(
    [
        "nhs",
        "foundation",
        "trust",
        "ft",
        "university",
        "hospitals",
        "hospital",
        "teaching",
        "ccg",
        "clinical",
        "commissioning",
        "group",
        "integrated",
        "care",
        "board",
        "icb",
        "ics",
        "health",
        "healthcare",
        "partnership",
        "services",
        "and",
        "of",
    ]
)
# "Gloucestershire's hospitals", "Lincolnshire's largest trust": a place owning what is in it says where, not which
# body ("Devon's health system" is the system)
PLACE_POSSESSIVE = compile_ignoring_case(
    r"['’]s?\s+(hospitals?|mental health|ambulance|acute|patients|residents|people|population|biggest|largest|main)\b"
    r"|\s+(ambulance|mental health|acute)\s+(services?|trusts?)\b|\s+hospitals\b"
)
PLACE_IN_HOSPITAL_NAME = re.compile(
    r"\s+((?!(?:NHS|Trust|Trusts|ICB|CCG)\b)[A-Z][\w'’-]*\s+){1,3}((and|&)\s+([A-Z][\w'’-]*\s+){1,3})?[Hh]ospitals?\b"
)
PLACE_LIST_BEFORE = re.compile(r"(?:\b(?!(Hospitals?|Trusts?|NHS|CCGs?|ICBs?|Health|Care|FT)\b)[A-Z][\w'-]+,\s+){2,}$")
ORG_HEAD_WORD = re.compile(r"\b(nhs|trust|ccg|icb|hospitals?|health|healthcare|care|ambulance|partnership|board)\b")
# a place's other institutions ("Isle of Wight schools", "Wye Valley care homes"): the place, no NHS body
OTHER_INSTITUTION_AFTER = compile_ignoring_case(
    r"[’']?s?\s+(schools?|academ(y|ies)|(county\s+|borough\s+|city\s+)?councils?|care\s+homes?|nursing\s+homes?|"
    r"colleges?|police|fire\s+service|pupils|primary|secondary|universit(y|ies)|GP\s+practices?|"
    r"(dental\s+)?institutes?|hospices?|clinics?)\b"
    # ("making Gloucestershire the only county in the region to ...": the place, described as one)
    r"|\s+(is\s+|was\s+|as\s+)?the\s+(only|first|second|third|last|one|\w+est)\s+(county|counties|region|area|city|"
    r"town|borough|district|place|part of the country)\b"
)
# independent providers' brands, which name their hospitals after towns ("Spire Leeds Hospital", "BMI The Alexandra")
# "Frimley Health Services Limited": a company (a trust's subsidiary, a social enterprise) named after a body
COMPANY_AFTER = re.compile(r"(\s+[A-Z][\w&'’-]*){0,4}\s+(Limited|Ltd|LLP|PLC|plc|CIC|Community Interest Company)\b")
HOSPITAL_AFTER = re.compile(r"\s+Hospital\b(?!\s+(NHS|Trust|Foundation)\b)")
# "Christie Harnett": a one-word short name as a person's first name, before a surname that is no word of a body
SURNAME_AFTER = re.compile(
    r"\s+(?!(NHS|Hospitals?|Trusts?|Foundation|University|Health|Healthcare|General|Royal|Teaching|Infirmary|"
    r"Community|Mental|Care|Clinical|Integrated|Partnership|Group|Centre|Center|Park|District|Memorial|Ambulance|"
    r"Children|Women|Eye|Heart|Cancer|Institute|Services?|Unit|Board|Campus|Site|Clinic|College|Council|ICB|CCG|"
    r"FT|Specialist|Orthopaedic|Dental|Road|Street|Lane|Way|House)\b)[A-Z][a-z]+(-[A-Z][a-z]+)?\b"
)
PERSON_NAMED_KINDS = frozenset({"short_name", "generated"})
# "Southern Health and Social Care Trust", "Hywel Dda University Health Board": another nation's body whose name
# begins with an English body's
OTHER_NATION_AFTER = re.compile(r"\s+(and\s+Social\s+Care\s+Trust|(University\s+|Teaching\s+)?Health\s+Board)\b")
INDEPENDENT_BRANDS = (
    r"(Spire|Nuffield(\s+Health)?|BMI(\s+The)?|Circle|Ramsay(\s+Health)?|Priory|Cygnet|Practice Plus|Care UK|HCA|"
    r"Aspen|Fairfield|Benenden|Huntercombe|Elysium|Cambian|Schoen|Active Care|Partnerships in Care|Barchester|"
    r"HC-One|Four Seasons|Bupa|Danshell|Acadia)"
)
INDEPENDENT_BRAND_BEFORE = re.compile(rf"\b{INDEPENDENT_BRANDS}\s+$")
# "Priory Hospital Blandford", "Cygnet Hospital Harrogate": an independent hospital named by its town
INDEPENDENT_HOSPITAL = re.compile(rf"\b{INDEPENDENT_BRANDS}\s+Hospital\s+(?P<town>[A-Z][a-z]{{3,}})")
PLACE_GROUP = compile_ignoring_case(r"\s+(ccgs|trusts|icbs|icss|providers|councils|organisations|nhs trusts)\b")
LOWER_COMPASS_BEFORE = re.compile(
    r"(?<![\w-])(north|south|east|west|mid|central|northern|southern|eastern|western)\s+$"
)
# A first word that can stand for a body named in full: capitalised, five letters or more, not a compass point
# or a generic word ("Sherwood" of "Sherwood Forest Hospitals", not "North", "Royal", "University")
FIRST_WORD_FORM = re.compile(
    r"(?!(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Royal|United|University|Greater|"
    r"Great|Mid|Upper|Lower|Saint|Queen|King|Princess|Prince|County|City|General|Community|National|Health|"
    r"Hospitals?)\b)[A-Z][a-z'’]{4,}"
)
SHORT_FORM_STOP = frozenset({"north", "south", "east", "west", "royal", "united", "central", "the trust", "community"})
# "United Lincolnshire", "North Lincolnshire and Goole": a place right after a capitalised word is part of another
# name (a short form the gazetteer does not know), not the place's ICB; "The", "In", "NHS" ... start no name
NAME_BEFORE_PLACE = re.compile(
    r"(?<![\w'’-])(?!(The|This|That|These|Those|In|At|For|And|But|Or|Across|Throughout|Within|From|Of|On|By|With|"
    r"Both|All|Its|Their|Our|NHS|Rural|Neighbouring|Greater|Covering|Serving|Said|Says)\s)[A-Z][\w'’-]*\s+$"
)
# "Queen Elizabeth Hospital (QEH)": a name, then the abbreviation the text will use for it
DEFINED_ABBREVIATION = re.compile(r"\s*\(\s*(?P<abbreviation>[A-Z][A-Za-z&]{1,9})\s*\)")
# the same from its bracket: the regex engine skips to the brackets (see defined_abbreviations)
_ABBREVIATION_FROM_BRACKET = re.compile(r"\(\s*(?P<abbreviation>[A-Z][A-Za-z&]{1,9})\s*\)")
HOSPITAL_WORD = compile_ignoring_case(r"\b(hospital|infirmary)\b")
# "Northampton General Hospital, Cliftonville - Overall rating: ...": a hospital given with its town, as a
# regulator lists the locations it rated, is the location, even one whose name is its trust's
LOCATION_ADDRESS_AFTER = re.compile(r",\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}\s*(?:[-–—]\s|:)")
WORD = re.compile(r"[a-z0-9]+")
NAME_WORD = re.compile(r"[\w'’-]+")  # the words of a name as written
TRUST_WORDS = frozenset({"trust", "ft", "foundation"})
# \b(?:19[89]\d|20[0-4]\d)\b written first digit first, the word boundary before it checked after it
# (see names.whole_words): the regex engine skips to the 1s and 2s of the text instead of trying every position
YEAR = re.compile(r"(?:1(?<!\w.)9[89]|2(?<!\w.)0[0-4])\d\b")
# "the Essex trust", "the Norfolk system": a kind word right after a short name says which kind of body
# it names, so a body of the other kind is not it
TRUST_HEAD = compile_ignoring_case(
    r"\s+((nhs|foundation|hospitals?|ambulance|mental health|community|acute)\s+){0,2}(trust|ft)\b"
)
COMMISSIONER_HEAD = compile_ignoring_case(
    r"\s+(nhs\s+)?(icb|ics|ccg|stp|integrated care (board|system)|clinical commissioning group|(health )?system)\b"
)
LIST_GLUE = frozenset(
    {
        "and",
        "the",
        "are",
        "is",
        "they",
        "these",
        "include",
        "including",
        "namely",
        "also",
        "nhs",
        "trust",
        "trusts",
        "foundation",
        "ft",
        "as",
        "well",
        "both",
        "plus",
        "of",
    }
)


@dataclass
class OrgMention:
    """An organisation named in the text; ``kind`` is the kind of alias that matched."""

    org: Organisation
    start: int
    end: int
    text: str
    kind: str = "generated"
    single_site: bool = False  # the organisation runs one hospital, so the hospital's name stands for it

    def shifted(self, offset: int) -> OrgMention:
        """The same mention with offsets counted from ``offset`` (a sentence's start)."""
        return OrgMention(self.org, self.start - offset, self.end - offset, self.text, self.kind, self.single_site)

    @property
    def is_site(self) -> bool:
        """A hospital named for a trust that runs several ("Whipps Cross"), not the trust's own name: what
        is said of the hospital (a CQC rating) is not said of the trust. A trust's only hospital stands for it."""
        if self.single_site:
            return False
        if self.kind == "site":
            return True
        words = set(_singular(WORD.findall(self.text.lower())))
        if not HOSPITAL_WORD.search(self.text) or words & TRUST_WORDS:
            return False
        return not words <= set(_singular(WORD.findall(self.org.name.lower()))) | {"the"}


def _singular(words: list[str]) -> list[str]:
    return [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]


def find_mentions(
    gazetteer: Gazetteer,
    text: str,
    sentence_starts: list[int],
    day: str | None,
    publisher: Organisation | None = None,
) -> tuple[list[OrgMention], set[str]]:
    """Resolved organisation mentions of ``text`` and the codes named unambiguously somewhere.

    A name several bodies share ("Queen Elizabeth Hospital", "Norfolk and Suffolk" in 2026) links
    only when the context decides: a kind word or a town in its sentence, the publisher, or one of the
    candidates named unambiguously elsewhere in the document. Otherwise it gives no mention.
    """
    candidates = []
    shared = []
    confident_sentences: set[int] = set()
    confident_codes: set[str] = set()
    found = gazetteer.find(text) + distributed_names(gazetteer, text, day)
    independent_towns = {m.group("town").lower() for m in INDEPENDENT_HOSPITAL.finditer(text)} if found else set()
    # one-word names the document gives a person ("Christie Harnett ... Christie's father"): first names, found first
    persons = {
        alias.text.strip()
        for start, end, alias in found
        if alias.kind in PERSON_NAMED_KINDS and " " not in alias.text.strip() and SURNAME_AFTER.match(text, end)
    }
    for start, end, alias in found:
        if start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
            continue  # "north-west London": the end of a compound word, not a name
        if LOWER_COMPASS_BEFORE.search(text, max(0, start - 9), start):
            continue  # "the trust for north Lancashire and south Cumbria": a description of an area, not a name
        if alias.kind == "place" and (PLACE_POSSESSIVE.match(text, end) or PLACE_GROUP.match(text, end)):
            continue  # "the East Kent CCGs": bodies in the place, not the place's ICB
        if alias.kind == "place" and PLACE_IN_HOSPITAL_NAME.match(text, end):
            continue  # "Gloucestershire Royal and Cheltenham General hospitals": the start of a hospital's name
        if PLACE_LIST_BEFORE.search(text, max(0, start - 80), start) and not ORG_HEAD_WORD.search(alias.text):
            continue  # "in Bedfordshire, Essex, Norfolk and Suffolk": the end of a list of places
        if INDEPENDENT_BRAND_BEFORE.search(text, max(0, start - 20), start):
            continue  # "Spire Leeds Hospital": an independent provider's hospital, named after its town
        if alias.kind == "site" and any(town in alias.text for town in independent_towns):
            continue  # "Priory Hospital Blandford ... admissions to Blandford hospital": the same private hospital
        if COMPANY_AFTER.match(text, end):
            continue  # "Frimley Health Services Limited, our subsidiary": a company, not the trust
        if persons and alias.kind in PERSON_NAMED_KINDS and alias.text.strip() in persons:
            continue  # "Christie Harnett", and "Christie's father" after it: a person, not The Christie
        if OTHER_NATION_AFTER.match(text, end):
            continue  # "Southern Health and Social Care Trust": Northern Ireland's, not Southern Health (RW1)
        if not ORG_HEAD_WORD.search(alias.text) and OTHER_INSTITUTION_AFTER.match(text, end):
            continue  # "Isle of Wight schools", "Wye Valley care homes": the place of other institutions
        sentence = bisect_right(sentence_starts, start) - 1
        if day is None and alias.kind == "site" and gazetteer.changed_hands(alias):
            continue  # a hospital a merger moved, in a story with no date at all: whose it was is unknown
        org = gazetteer.pick(alias.codes, day)
        if org is not None and day and hospital_of_closed_trust(alias, org, day):
            # "Newham University Hospital" after its trust closed in 2012 is the hospital: its trust of then
            org = gazetteer.by_code.get(org.successors[0], org)
        if org is None:
            if alias.ambiguous:
                shared.append((start, end, alias, sentence))
            continue
        candidates.append((start, end, alias, org, sentence))
        if not alias.needs_context and not is_descriptor(alias, text[start:end]):
            confident_sentences.add(sentence)
            confident_codes.add(org.ods_code)
    for start, end, alias, sentence in shared:
        org = settle(gazetteer, alias, day, _sentence_text(text, sentence_starts, sentence), publisher, confident_codes)
        if org is not None:
            candidates.append((start, end, alias, org, sentence))
            confident_sentences.add(sentence)
    out: list[OrgMention] = []
    for start, end, alias, org, sentence in candidates:
        if is_descriptor(alias, text[start:end]) and org.ods_code not in confident_codes:
            continue  # "a Bristol trust" describes; it names a trust only when the story names it in full
        if (
            alias.needs_context
            and not alias.ambiguous
            # the one hospital of a trust stands for it ("Tameside General Hospital is being taken out of
            # special measures"); what is said of its site alone is scoped later (a CQC location rating)
            and not (alias.kind == "site" and single_site(gazetteer, org))
            and not (
                sentence in confident_sentences
                or org.ods_code in confident_codes
                or CONTEXT_WORDS.search(_sentence_text(text, sentence_starts, sentence))
                or subject_in_intensive_support(text, sentence_starts, sentence, start, alias)
            )
        ):
            continue
        # "Royal Cornwall Hospital" is the trust's name made singular and also its hospital's: the hospital
        # ("Queen Victoria Hospital FT": the trust's own name, word for word, is the trust)
        own_name = normalise_alias(org.name).split()[: len(alias.text.split())] == alias.text.split()
        site_of_org = org.ods_code in gazetteer.site_names.get(alias.text, ())
        hospital = site_of_org and (not own_name or bool(LOCATION_ADDRESS_AFTER.match(text, end)))
        kind = "site" if hospital else alias.kind
        named_hospital = HOSPITAL_AFTER.match(text, end) if alias.kind in ("short_name", "generated") else None
        if named_hospital:
            # "The Maudsley Hospital": the trust's short name on its hospital, the hospital
            kind, end = "site", named_hospital.end()
        out.append(OrgMention(org, start, end, text[start:end], kind, single_site(gazetteer, org)))
    known_at = {m.start: m for m in out if m.kind != "place"}
    for name in unknown_names(gazetteer, text, [(s, e) for s, e, _ in found], day):
        bracket = BRACKETED_SHORT_FORM.match(text, name.end)
        defined = known_at.get(bracket.end()) if bracket else None
        if defined is not None and text.startswith(")", defined.end):
            # "Barking, Havering, Redbridge University Hospitals Trust (BHRUT)": a variant of the name its short
            # form in brackets gives
            out.append(OrgMention(defined.org, name.start, name.end, text[name.start : name.end], "variant"))
            continue
        out.append(OrgMention(name.org, name.start, name.end, text[name.start : name.end], name.kind))
    # a short form outranks a place inside it: after "East Kent Hospitals ... Trust", "East Kent" is the trust
    shorts = short_forms(
        text,
        [m for m in out if m.org.ods_code in confident_codes],
        [m for m in out if m.kind != "place"],
        lambda word: normalise_alias(word) not in gazetteer.aliases,
    )
    out = [m for m in out if m.kind != "place" or not any(s.start <= m.start and m.end <= s.end for s in shorts)]
    out += shorts
    # "the East Kent CCGs" after "Kent and Medway": bodies in the place, not the system named for it
    out = [
        m
        for m in out
        if not (
            m.org.type in COMMISSIONER_TYPES and m.kind in ("place", "short_form") and PLACE_GROUP.match(text, m.end)
        )
    ]
    out = [m for m in out if not kind_clash(m.org, text, m.end)]
    out = [m for m in out if m.kind != "place" or not NAME_BEFORE_PLACE.search(text, max(0, m.start - 30), m.start)]
    out = apply_defined_abbreviations(text, out)
    out.sort(key=lambda m: m.start)
    return out, confident_codes


def apply_defined_abbreviations(text: str, mentions: list[OrgMention]) -> list[OrgMention]:
    """An abbreviation the text defines ("Queen Elizabeth Hospital (QEH) in Woolwich") means what it was defined
    as, wherever it appears: the body named before the brackets (as that name was: a hospital stays a hospital),
    or, when that name is no body the gazetteer links, nothing (not the gazetteer's own "QEH", The Queen
    Elizabeth Hospital King's Lynn)."""
    if "(" not in text:
        return mentions
    defined: dict[str, OrgMention | None] = {}
    by_end = {m.end: m for m in mentions}
    brackets: list[tuple[int, int]] = []  # the definitions themselves, which name nobody a second time
    for start, end, abbreviation in defined_abbreviations(text):
        named = by_end.get(start)  # the match starts where the name before the brackets ends
        if named is None and not CAPITALISED_TAIL.search(text, max(0, start - 60), start):
            continue  # "(QEH)" after no name at all defines nothing
        defined.setdefault(abbreviation, named)
        brackets.append((start, end))
    if not defined:
        return mentions
    out = []
    for mention in mentions:
        meant = defined.get(mention.text, mention)
        inside = any(start <= mention.start and mention.end <= end for start, end in brackets)
        if meant is not None and meant.org == mention.org:
            out.append(mention)
        elif meant is not None and not inside:  # inside its brackets, "(QEH)" after Woolwich's names no King's Lynn
            out.append(OrgMention(meant.org, mention.start, mention.end, mention.text, meant.kind, meant.single_site))
    # "... Healthcare NHS Foundation Trust (RDUH) ... RDUH entered it in 2022": an abbreviation the gazetteer lacks
    covered = [(m.start, m.end) for m in out] + brackets
    for abbreviation, meant in defined.items():
        if meant is None:
            continue
        for found in re.finditer(rf"\b{re.escape(abbreviation)}\b", text):
            if not any(start < found.end() and found.start() < end for start, end in covered):
                start, end = found.span()
                out.append(OrgMention(meant.org, start, end, abbreviation, meant.kind, meant.single_site))
    return out


def defined_abbreviations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, abbreviation) of what ``DEFINED_ABBREVIATION.finditer(text)`` finds, found from the brackets.

    A match is the space before a bracket, the bracket and what follows; its space is the run of whitespace
    right before the bracket (not reaching back into the previous match), as the leftmost match takes it all.
    """
    found = []
    resume = 0
    for match in _ABBREVIATION_FROM_BRACKET.finditer(text):
        start = match.start()
        while start > resume and text[start - 1].isspace():  # str.isspace is what \s matches
            start -= 1
        found.append((start, match.end(), match.group("abbreviation")))
        resume = match.end()
    return found


def kind_clash(org: Organisation, text: str, end: int) -> bool:
    """True when the kind word right after a name is the other kind's ("the Essex trust" for an ICB)."""
    if org.type in COMMISSIONER_TYPES:
        return TRUST_HEAD.match(text, end) is not None
    return org.type in TRUST_TYPES and COMMISSIONER_HEAD.match(text, end) is not None


def is_descriptor(alias: Alias, written: str = "") -> bool:
    """A place and "trust" ("Bristol trust"), generated from a name, or a place and "hospital" written in lower
    case ("a Leeds hospital"): as likely a description as a name."""
    return alias.kind == "generated" and (bool(DESCRIPTOR.fullmatch(alias.text)) or written.endswith(" hospital"))


def distributed_names(gazetteer: Gazetteer, text: str, day: str | None) -> list[tuple[int, int, Alias]]:
    """Names that share a plural head: "North Cumbria, North Tyneside and Walsall CCGs" names three CCGs.

    Each plural head looks back over at most DISTRIBUTED_REACH characters, so the cost is linear.
    """
    out = []
    for match in PLURAL_HEAD.finditer(text):
        head = match.start("head")
        singular = SINGULAR_HEADS[match.group("head").lower()]
        window_start = max(0, head - DISTRIBUTED_REACH)
        window = text[window_start:head]
        parts = CONJUNCT_SPLIT.split(window.rstrip())
        if len(parts) < 2 or not CONJUNCT_JOIN.search(window):
            continue
        names = []
        for part in reversed(parts):
            whole = CAPITALISED_WHOLE.fullmatch(part.strip())
            if whole is not None:
                names.append(whole.group())
                continue
            tail = CAPITALISED_TAIL.search(part)  # the first conjunct follows other words
            if tail is not None:
                names.append(tail.group())
            break
        if len(names) < 2:
            continue
        position = head
        index = 0
        while index < len(names):  # last conjunct first
            name = names[index]
            alias = gazetteer.aliases.get(normalise_alias(f"{name} {singular}"))
            if alias is None and index + 1 < len(names):
                # "NHS Barking and Dagenham, NHS Havering and NHS Redbridge CCGs": "and" inside a name
                joined, alias = joined_name(gazetteer, names[index + 1], name, singular)
                if alias is not None:
                    name, index = joined, index + 1
            found = text.rfind(name, window_start, position)
            if found >= 0 and alias is not None:
                out.append((found, found + len(name), alias))
            position = max(found, window_start)
            index += 1
    out += heads_before_places(gazetteer, text)
    return sorted(out)


def joined_name(gazetteer: Gazetteer, first: str, second: str, singular: str) -> tuple[str, Alias | None]:
    """ "Barking and Dagenham" from the two conjuncts a split at "and" made of it, and the body it names with
    ``singular`` ("CCG") after it, if any."""
    joined = f"{first} and {second}"
    return joined, gazetteer.aliases.get(normalise_alias(f"{joined} {singular}"))


def heads_before_places(gazetteer: Gazetteer, text: str) -> list[tuple[int, int, Alias]]:
    """ "Clinical commissioning groups in Barking and Dagenham, Havering and Redbridge": a plural head before the
    places names one body of its kind for each (only when every place is one the gazetteer knows with that head)."""
    out = []
    for match in PLURAL_HEAD_BEFORE.finditer(text):
        singular = SINGULAR_HEADS[match.group("head").lower()]
        window = text[match.end() : match.end() + DISTRIBUTED_REACH]
        end = PLACE_LIST_END.search(window)
        listed = window[: end.start() if end else len(window)]
        found, position = [], match.end()
        parts = [part.strip() for part in CONJUNCT_SPLIT.split(listed)]
        while parts:
            name = parts.pop(0)
            alias = gazetteer.aliases.get(normalise_alias(f"{name} {singular}"))
            if alias is None and parts:
                # "Barking and Dagenham, Havering and Redbridge": "and" inside a name
                joined, alias = joined_name(gazetteer, name, parts[0], singular)
                if alias is not None:
                    name = joined
                    parts.pop(0)
            start = text.find(name, position)
            if not name or alias is None or start < 0:
                break
            found.append((start, start + len(name), alias))
            position = start + len(name)
        if len(found) >= 2 and position >= match.end() + len(listed.rstrip()):
            out += found
    return out


def hospital_of_closed_trust(alias: Alias, org: Organisation, day: str) -> bool:
    """A hospital's name that is also the core of its closed trust's name, read after the closure."""
    named_hospital = alias.text.endswith(("hospital", "infirmary"))
    return named_hospital and bool(org.close_date) and day[:4] > org.close_date[:4] and len(org.successors) == 1


def short_form(name: str) -> str | None:
    """What a story calls a body after naming it in full: "North Tyneside" for "NHS North Tyneside CCG",
    "East Kent" for "East Kent Hospitals University NHS Foundation Trust"."""
    words = name.replace("’", "'").split()
    while words and words[0].lower() in ("the", "nhs"):
        words = words[1:]
    while words and words[-1].lower().strip(",") in SHORT_FORM_DROP:
        words = words[:-1]
    short = " ".join(words)
    if len(short) < 4 or not short[:1].isupper() or short.lower() in SHORT_FORM_STOP:
        return None
    return short


def _word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "_-")


def short_forms(
    text: str, named: list[OrgMention], taken: list[OrgMention], unnamed: Callable[[str], bool] = lambda _: False
) -> list[OrgMention]:
    """Mentions of bodies by the short form of a name the story gave in full earlier, and by the first word of
    that short form when it is distinctive and ``unnamed`` (names no other body or place): "Sherwood"."""
    forms: dict[str, OrgMention] = {}
    for mention in sorted(named, key=lambda m: m.start):
        # a hospital's name stands for its trust only when the trust runs no other ("Hinchingbrooke")
        if mention.org.type in ("trust", "ambulance_trust", "ccg", "icb") and (
            mention.kind != "site" or mention.single_site
        ):
            form = short_form(mention.text)
            if form:
                forms.setdefault(form, mention)
                first = form.split()[0]
                if " " in form and FIRST_WORD_FORM.fullmatch(first) and unnamed(first):
                    forms.setdefault(first, mention)
    # a first word two bodies of the story share names neither, nor one that is a word of another body's name
    # ("Coventry" after "University Hospitals Coventry & Warwickshire" and "Coventry & Warwickshire Partnership")
    firsts = [f for f in forms if " " not in f]
    for first in firsts:
        owners = {m.org.ods_code for f, m in forms.items() if f.split()[0] == first}
        owners |= {m.org.ods_code for m in named if first in m.text and first in NAME_WORD.findall(m.text)}
        if len(owners) > 1:
            del forms[first]
    if not forms:
        return []
    spans = sorted((m.start, m.end) for m in taken)
    starts = [s for s, _ in spans]
    out = []
    for form, first in sorted(forms.items(), key=lambda item: -len(item[0])):  # longest first
        position = text.find(form, first.start)
        while position >= 0:
            end = position + len(form)
            near = spans[max(0, bisect_right(starts, position) - 1) : bisect_left(starts, end)]
            bounded = not _word_char(text, position - 1) and not _word_char(text, end)
            # ("The Leeds Dental Institute": a place's other institution, not the short form of its trust; "Forward
            # Thinking Birmingham": the end of another name)
            other = OTHER_INSTITUTION_AFTER.match(text, end) is not None or (
                " " not in form and NAME_BEFORE_PLACE.search(text, max(0, position - 30), position) is not None
            )
            if bounded and not other and not any(s < end and position < e for s, e in near):
                out.append(OrgMention(first.org, position, end, form, "short_form", first.single_site))
                index = bisect_right(starts, position)
                starts.insert(index, position)
                spans.insert(index, (position, end))
            position = text.find(form, end)
    return out


def settle(
    gazetteer: Gazetteer,
    alias: Alias,
    day: str | None,
    sentence: str,
    publisher: Organisation | None,
    named: set[str],
) -> Organisation | None:
    """The one candidate of a shared name the context points to, or None."""
    chosen = gazetteer.choose(alias, day, sentence)
    if chosen is not None:
        return chosen
    options = gazetteer.candidates(alias, day)
    for pointer in ({publisher.ods_code} if publisher else set(), named):
        picked = [o for o in options if o.ods_code in pointer]
        if len(picked) == 1:
            return picked[0]
    # the area the document is about: the ICBs of the bodies it names unambiguously
    areas = {area for code in named for area in icb_area(gazetteer, gazetteer.by_code.get(code))}
    picked = [o for o in options if o.parent_icb and o.parent_icb in areas]
    return picked[0] if len(picked) == 1 else None


def icb_area(gazetteer: Gazetteer, org: Organisation | None) -> set[str]:
    """The ICB codes (with successors) an organisation stands in: an ICB itself, a trust's parent ICB."""
    if org is None:
        return set()
    if org.type == "icb":
        codes, frontier = {org.ods_code}, list(org.successors)
        while frontier:
            code = frontier.pop()
            if code not in codes and code in gazetteer.by_code:
                codes.add(code)
                frontier.extend(gazetteer.by_code[code].successors)
        return codes
    return {org.parent_icb} if org.parent_icb and org.type in TRUST_TYPES else set()


_SITE_COUNTS: dict[int, dict[str, int]] = {}


def single_site(gazetteer: Gazetteer, org: Organisation) -> bool:
    """Whether the organisation runs at most one hospital (its hospital's name then stands for it)."""
    key = id(gazetteer)
    if key not in _SITE_COUNTS:
        counts: dict[str, int] = {}
        for site in gazetteer.sites.values():
            for code in site.codes:
                counts[code] = counts.get(code, 0) + 1
        _SITE_COUNTS[key] = counts
    return _SITE_COUNTS[key].get(org.ods_code, 0) <= 1


def subjects(
    mentions: list[OrgMention], text: str, location: re.Pattern[str], fallback: bool = True
) -> list[OrgMention]:
    """Organisations a sentence is about: not regulators, not places things happen in.

    An organisation after "in", "across", "for" ... (and any named in coordination with it: "across
    Bristol and South Gloucestershire") is where something is, when the sentence names another.
    """
    candidates = [m for m in mentions if m.org.type not in NON_SUBJECT_TYPES]
    direct: list[OrgMention] = []
    located_end = where_end = -1
    where_type = ""
    qualified = False  # whether the last located name qualifies the name before it ("A in Kent")
    ends = sorted(m.end for m in mentions)
    closing = closing_lists(candidates, text)
    for mention in candidates:
        # the words just before it, not inside the name before it ("Vale of York CCG and X": X is not "of" York)
        index = bisect_right(ends, mention.start)
        previous_end = ends[index - 1] if index else 0
        before = text[max(0, mention.start - LOCATION_REACH, previous_end) : mention.start]
        gap = text[located_end : mention.start]
        # ("A in Kent, and B": a name after a place qualifying the one before it is the outer list's)
        coordinated = located_end >= 0 and COORDINATED.fullmatch(gap) and not (qualified and gap.startswith(","))
        # "progress at A, B and C": a list of one kind after a place preposition is where, item by item
        listed = (
            where_end >= 0
            and where_end == located_end
            and mention.org.type == where_type
            and LIST_COMMA.fullmatch(text[where_end : mention.start])
            # ("across Kent, Surrey and Sussex": the last place may hold the "and" inside its name)
            and (mention.start in closing or mention.kind == "place")
        )
        # "services at Lincoln County Hospital (ULHT)": a short form in brackets is where its name is
        restated = where_end >= 0 and BRACKETED_SHORT_FORM.fullmatch(text[where_end : mention.start])
        found = location.search(before)
        if found or coordinated or restated or listed:
            located_end = mention.end
            # "A in North East London, B and C": a name qualifying the one before it opens no list
            opening = mention.start - len(before) + found.start() if found else 0
            qualified = found is not None and previous_end > 0 and not text[previous_end:opening].strip()
            if restated or listed or (found and found.group(1).lower() in PLACE_PREPOSITIONS):
                where_end, where_type = mention.end, "" if qualified else mention.org.type
            continue
        direct.append(mention)
    return direct or (candidates if fallback else [])


def closing_lists(candidates: list[OrgMention], text: str) -> set[int]:
    """Starts of the names that go on, comma by comma, to a name joined by "and"/"or" ("A, B and C")."""
    closing: set[int] = set()
    for mention, following in reversed(list(pairwise(candidates))):
        gap = text[mention.end : following.start]
        if COORDINATED.fullmatch(gap) or (LIST_COMMA.fullmatch(gap) and following.start in closing):
            closing.add(mention.start)
    return closing


def estimate_day(text: str, today: str) -> str | None:
    """For a document without a publication date: the latest year it names (not after ``today``), so
    names are read as they stood then ("Brighton and Sussex" before its 2021 merger)."""
    years = [y for y in YEAR.findall(text) if y <= today[:4]]
    return max(years) if years else None


def residue_words(text: str, mentions: list[OrgMention]) -> int:
    """How many words of a sentence are not organisation names or list glue ("and", "the", "are")."""
    rest, position = [], 0
    for mention in sorted(mentions, key=lambda m: m.start):
        rest.append(text[position : mention.start])
        position = max(position, mention.end)
    rest.append(text[position:])
    return len([w for w in WORD.findall(" ".join(rest).lower()) if w not in LIST_GLUE])


def leading_names(text: str, mentions: list[OrgMention]) -> int:
    """How many bodies a sentence opens with, named one after another ("A, B and C have ..."): 0 when it opens
    with other words."""
    named = sorted((m for m in mentions if m.kind != "place"), key=lambda m: m.start)
    if not named or text[: named[0].start].strip().lower() not in ("", "the"):
        return 0
    count, end = 1, named[0].end
    for mention in named[1:]:
        gap = text[end : mention.start]
        if not (COORDINATED.fullmatch(gap) or LIST_COMMA.fullmatch(gap)):
            break
        count, end = count + 1, mention.end
    return len({m.org.ods_code for m in named[:count]})


def main_organisation(mentions: list[OrgMention], day: str | None = None) -> Organisation | None:
    """The organisation a document is mostly about: the most-named subject; on a tie, one named in full
    (not only by a short form, which may be a place: "across the North East and North Cumbria"), then the
    earliest.

    A body closed by ``day`` whose successor the document also names is history ("X, formed by the
    merger of A and B"): the story is about the successor.
    """
    named = {m.org.ods_code for m in mentions}
    counts: dict[str, int] = {}
    first: dict[str, OrgMention] = {}
    in_full: set[str] = set()
    for mention in mentions:
        if mention.org.type in NON_SUBJECT_TYPES or mention.kind == "place":
            continue  # a bare place ("a trust in Kent") says where, not who
        if day and not mention.org.open_on(day) and named.intersection(mention.org.successors):
            continue
        counts[mention.org.ods_code] = counts.get(mention.org.ods_code, 0) + 1
        first.setdefault(mention.org.ods_code, mention)
        if mention.kind != "short_form":
            in_full.add(mention.org.ods_code)
    if not counts:
        return None
    best = max(counts, key=lambda code: (counts[code], code in in_full, -first[code].start))
    return first[best].org


def _sentence_text(text: str, starts: list[int], index: int) -> str:
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    return text[starts[index] : end] if index >= 0 else ""


def subject_in_intensive_support(text: str, starts: list[int], index: int, start: int, alias: Alias) -> bool:
    """A hospital named first in its sentence, which speaks of special measures or the RSP."""
    if alias.kind != "site" or index < 0 or not SENTENCE_OPENING.fullmatch(text, starts[index], start):
        return False
    return INTENSIVE_WORDS.search(_sentence_text(text, starts, index)) is not None

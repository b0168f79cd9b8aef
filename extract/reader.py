"""The stages wired together: a document's text in, its events out.

1. sentences and clauses (``extract.sentences``, TERMINATE rules of ``extract.context``)
2. organisation mentions (``extract.mentions``)
3. status terms (``extract.pipeline`` → ``extract.statuses``)
4. scope and context (``extract.context``)
5. lists and groups (``extract.lists``)
6. reference (``extract.reference``)
7. dates (``extract.anchoring``)
8. event assembly and merging (``extract.assembly``)

Each stage is a small object over its own rules; this module only passes data between them.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from . import frameworks
from .anchoring import (
    Anchor,
    SentenceDates,
    anchors,
    announced_later,
    bounds_period,
    dated_in_own_clause,
    names_recent_date,
)
from .ascii_twin import compile_ignoring_case
from .assembly import Event
from .context import CHANGE_CATEGORIES, Context, ContextReader, load_context_rules
from .gazetteer import NON_SUBJECT_TYPES, TRUST_TYPES, Gazetteer, Organisation, lower_same_length, normalise_alias
from .lists import BULLETS, Lists, OpenList, bare_line
from .mentions import (
    LOCATION_REACH,
    WORD,
    OrgMention,
    estimate_day,
    find_mentions,
    leading_names,
    main_organisation,
    residue_words,
    single_site,
    subjects,
)
from .names import OTHER
from .pipeline import StatusTerm, find_statuses
from .reference import LEDE_SENTENCES, NEAREST_PRONOUN, PRONOUN_REACH, Resolver, Salience
from .rules import Lexicon, load_rules
from .sentences import sentence_spans
from .statuses import INTENSIVE, Slot, SlotBuilder

VERSIONED = frameworks.versioned_frameworks()
OWNER_REACH = 40  # characters: "for the", "the services provided by the" before a name
TOPIC_CHANGE_REACH = 15  # characters: "its exit from special measures was ..." names a change
LABEL_CHANGE_REACH = 40  # characters: "placed three trusts in special measures: A, B and C" is no headline label
# a named site after "rated" ("rated Spire Leeds Hospital as good", "rated Royal Derby Hospital"): what was rated
NAMED_SITE = re.compile(r"\b(?:[A-Z][\w'’-]+\s+)+(?:Hospital|Clinic|Centre|Center|Practice|Surgery|Home|Hospice)\b")
SENTENCE_WIDE = frozenset({"generic.rating_scale"})  # a sentence describing the rating scale: no rating after it
# a sentence whose subject is no NHS body (a GP or dental practice, a care home, a prison's health service): no
# status after the first either ("A dental practice ... has been rated inadequate and placed in special measures")
OTHER_SUBJECT = frozenset(
    {"generic.other_provider_subject", "generic.custodial_health_service", "generic.unnamed_body"}
)
# scope rules that "overall" does not cancel: a key question right after the rating, a share of the parts
# how far before a status an elapsed-time clause ("..., five years after inspectors first rated it") may open
ELAPSED_REACH = 120
# past changes told in passing that are events even when the text does not date them (the gold conventions
# annotate historical mentions with a null date): completed changes, not states or causes
YEAR_NAMED = re.compile(r"\b(19|20)\d\d\b")
# the text gives a date but it fixes no day ("18 months later" after a year alone; a past change dated after the report)
UNFIXED_DATES = frozenset({"date.unresolved", "date.after_publication"})
UNDATED_HISTORY = frozenset(
    {
        "historical.past_perfect",
        "historical.past_adverbial",
        "historical.reduced_relative",
        "historical.one_of_the_group",
        "historical.one_of_the_first",
        "historical.relative_past",
        "historical.elapsed_after",
    }
)
# "could be placed in special measures after the chief inspector recommended it": the decision a formal
# recommendation asks for is proposed, not a mere possibility
RECOMMENDED_AFTER = frozenset({"proposed.after_recommendation"})
# goals and purposes: what someone works towards is no status of anyone's (a possibility, "could leave", still is)
AIMS = frozenset(
    {
        "hypothetical.goal",
        "hypothetical.goal_after",
        "hypothetical.plan_purpose",
        "hypothetical.purpose",
        "hypothetical.wanting",
        "hypothetical.feared",
        "hypothetical.we_will",
        "hypothetical.could_earn",
        "hypothetical.work_to_do",
        "hypothetical.effort",
    }
)
# "Goole Hospital ... it": a hospital the sentence names (and no organisation) is what "it" is
HOSPITAL_NAMED = re.compile(r"\b[A-Z][\w'’-]+(\s+[A-Z][\w'’-]+)*\s+Hospital\b(?!\s+(NHS|Trust|Foundation|Hospitals)\b)")
SCOPE_CATEGORIES = ("SCOPE_KEY_QUESTION", "SCOPE_WELL_LED", "SCOPE_PART", "SCOPE_SERVICE", "SCOPE_SITE")
FACT_CLAUSE_REACH = 120  # characters before a status that its relative clause's opening is looked for in
THEY_REACH = 120  # characters before a status that "they" and its verb can take
PART_PRONOUN_REACH = 4  # sentences after a part's rating within which "it" rated may still be that part
# "special measures at the trust": the body a status is at, named after it
AT_THE_TRUST = compile_ignoring_case(r"\s+(at|for|on)\s+(?P<phrase>(the|this)\s+(hospital\s+|foundation\s+)?trust)\b")
# words a sentence's own rating is read against: "overall", a year, "overall rating"
OVERALL = compile_ignoring_case(r"\boverall\b")
YEAR = re.compile(r"\b(19|20)\d\d\b")
UNNAMING_KINDS = frozenset({"site", "place", "short_form"})  # mentions that do not name the body they stand for
# "It was previously also rated good", "At its last inspection it was also rated good": an earlier rating said to be
# the same one (not "The trust had been rated inadequate on ...", which may retell the news)
SAME_BEFORE = compile_ignoring_case(
    r"\b(previously|formerly|also|(last|previous|prior|earlier)\s+(\w+\s+)?(inspection|visit|assessment|report|rating))\b"
)
# "placed into segment 4 and the Recovery Support Programme": a programme coordinated with the status before it
COORDINATED_PROGRAMME = compile_ignoring_case(
    r"[\s\"')]*(and|as well as|plus)\s+(into\s+|in\s+|out of\s+)?(the\s+)?"
    r"(new\s+)?(nhs\s+)?(england['’]s\s+)?(new\s+)?(national\s+)?"
)
IT_BEFORE = re.compile(r"\b(it|its)\b")  # a pronoun standing for a body (lower case: not a sentence's "It is ...")
RUN_VERB_BEFORE = compile_ignoring_case(r"\b(runs?|ran|running|operates?|manages?|includes?|owns?)\s+(the\s+)?$")
OVERALL_RATING = compile_ignoring_case(
    r"\boverall\s+(cqc\s+)?ratings?\b"
    r"|\b(rated|as)\s+(as\s+)?[\"'‘“]?(outstanding|good|requires?\s+improvement|inadequate)[\"'’”]?\s+overall\b"
)
# what may stand before a sentence's subject: a word or two, or a fronted clause ("While the trust was given ..., X")
SUBJECT_OPENING = compile_ignoring_case(
    r"\W*((the|and|but|meanwhile|however|now|today)\W+)?$"
    r"|\W*(while|whilst|although|though|after|since|as|when|despite|following)\b[^.;]*,\s*(the\s+)?$"
)
# "Formerly rated 'inadequate', X has ...": the end of a fronted phrase, then its body
FRONTED_GAP = compile_ignoring_case(r"[\"'’”)]*\s*,\s*(the\s+)?")
PAST_RELATIVE = compile_ignoring_case(r",\s*(which|that|who)\s+(was|were|had been|had)\s+(\w+\s+)?\w+\s+[^,;]*$")
# "expected to be acquired by neighbouring X", "buddied with X": a partner in what happens to the trust, not it
PARTNER_BEFORE = compile_ignoring_case(
    r"\b(acquired|taken over|bought|absorbed|supported|buddied|partnered|merg(e|ed|ing|er))\s+(by|with)\s+"
    r"(its\s+|the\s+|neighbouring\s+|nearby\s+)*$"
)
# "Neighbouring X remains in segment 4": a body named beside the story's own, by the way
SIDE_BEFORE = compile_ignoring_case(r"\b(neighbouring|neighboring|nearby|fellow|sister|rival)\s+(trusts?\s+)?$")
POSSESSIVE_OF_THE_TRUST = compile_ignoring_case(r"['’]s?\s+([\w-]+\s+){1,3}?of\s+the\s+trust\b")
# "The hospital, run by X, is now rated good": a hospital of X is the subject, not X
HOSPITAL_RUN_BY = compile_ignoring_case(
    r"^\W*(the|this|that|its|our)\s+([\w'’-]+\s+)?(hospital|infirmary)\s*,?\s+((which|that)\s+(is|was)\s+)?"
    r"(run|managed|operated|owned)\s+by\b"
)
# a sentence opening with a part of an organisation as its subject ("The maternity unit was ...")
PART_OPENING = compile_ignoring_case(
    r"^\W*(the|its|our|their|this)\s+([\w'’-]+\s+){0,3}?(units?|services?|wards?|departments?|teams?|hospital)\s+"
    r"(was|were|is|are|has|have|had)\b"
)
THESE_SERVICES = compile_ignoring_case(r"\b(these|those)\s+([\w'’-]+\s+){0,2}?(services|units|wards|departments)\b")
# "X joins Y in special measures", "have placed A and B in special measures": the verb before the objects
JOINS_OBJECT = compile_ignoring_case(r"\bjoin(s|ed|ing)?\s+(the\s+)?$")
# everyday "special measures to protect ...": no regime, unless a change word names it ("placed in special
# measures to help it improve")
UNLESS_CHANGED = frozenset({"generic.everyday_measures_after"})
REGIME_HISTORY = frozenset(
    {"generic.regime_history", "generic.programme_history", "generic.regime_as_subject_of_its_history"}
)
# a list introduction that says only that a list follows ("The organisations affected are:", "They include:")
RELISTED = compile_ignoring_case(r"\b(are|were|is|was|include[sd]?|including|namely|as follows|below|following)\W*$")
RELIST_WORDS = 4  # a bare heading of this many words or fewer ("Trusts affected:") re-introduces the list too
# "After 30 months in special measures, X came out": a spell told before the verb that ends it
FRONTED_SPELL = compile_ignoring_case(r"^\W*after\s+([\w-]+\s+){1,4}(in|on|under)\s+(the\s+)?$")
SPELL_ENDED = compile_ignoring_case(
    r"[^.;]*?\b(came out|come out|left|exited|was taken out|has been taken out|was released|has been released|"
    r"emerged|graduated|was removed)\b"
)
# a body the sentence compares its subject with ("Unlike its neighbour, X, ...", "Like X, ...")
COMPARED_BEFORE = compile_ignoring_case(
    r"\b(unlike|like|as with)\s+((its|their|the)\s+)?((?-i:[a-z][\w'’-]*)[\s,]+){0,2}?$"
)
# a body followed by its reporting verb: the one who speaks ("X ICB said ...")
SPEAKER_AFTER = compile_ignoring_case(
    r"\s+((has|have|had)\s+)?(said|says|told|announced|confirmed|added|stated|reported|revealed|warned)\b"
)
# a body excepted from what the sentence says of the others ("All trusts were rated good, with the exception of X")
EXCEPTED_BEFORE = compile_ignoring_case(
    r"\b(with\s+the\s+exception\s+of|except(\s+for)?|apart\s+from|other\s+than|excluding|save\s+for|all\s+but)\s+"
    r"((its|their|the)\s+)?((?-i:[a-z][\w'’-]*)[\s,]+){0,2}?$"
)
# a relative clause right after a compared body, up to a status in it: ", which fell to segment 4"
COMPARED_OWN_CLAUSE = compile_ignoring_case(r"\s*,\s*(which|that|who)\b[^,;()]*")
# a clause set against the one before ("..., while a third, C, was rated good")
# "X was rated good, as was Y": Y shares the status
AS_WAS = compile_ignoring_case(r"[^,;.]{0,30}?,\s*as\s+(was|were|is|are|did|does|has|have|had)\s+(also\s+)?(the\s+)?")
WHOSE_CLAUSE = compile_ignoring_case(r",\s*whose\b[^,;]*(,|$)")
CONTRAST_CLAUSE = compile_ignoring_case(r",\s*(while|whilst|whereas)\s|;\s*((and|but|while|whilst|whereas)\s+)?")
# "While X ICB was in segment 4 ..., the trust remained in special measures": a fronted contrast, without a relative
# clause of its own, up to the comma before the main clause's subject
FRONTED_CONTRAST = compile_ignoring_case(r"^\W*(while|whilst|whereas|although|though)\s(?![^;]*\b(which|who)\b)")
MAIN_SUBJECT_AFTER = compile_ignoring_case(r",\s*(the\s+)?$")
PLACES_OBJECT = compile_ignoring_case(r"\b(placed|placing|places|put|puts|putting|plunged|plunges)\s+(the\s+)?$")
# a lede's or headline's "a hospital" (not "a hospital trust"): what the CQC rates there is the location
A_HOSPITAL = compile_ignoring_case(r"^\W*(an?\s+)?([\w'’-]+\s+){0,3}?hospital\b(?!\s+(trust|foundation|nhs))")
DESCRIBED = frozenset({"anaphora.indefinite", "anaphora.headline"})
JOINED_BY = compile_ignoring_case(r"\bjoined\s+by\s+")
JOINED_GROUP = frozenset({"enter.joining_those_in", "enter.joined_by"})
# "Eleven of the 26 trusts that have been put into special measures ...": the status describes a counted group
COUNTED_GROUP = compile_ignoring_case(
    r"\b(of|among)\s+(the\s+)?(\d+|[a-z]+)\s+(nhs\s+)?(trusts|hospitals|organisations|providers|ccgs)\s+(that|which|who)\b"
)
PART_RATED_BEFORE = compile_ignoring_case(
    r"\bour rating of (safe|effective|caring|responsive|well[- ]led|this (service|location|core service|hospital)|"
    r"[\w' -]{0,40}services?)\b"
)
IT_RATED = compile_ignoring_case(r"\W*(we|inspectors|the cqc)\s+(rated|judged)\s+(it|them|this)\b")
RATING_LIST_GAP = re.compile(r"[\s\"'“”‘’]*(,|and|or|,\s*and|,\s*or|/)[\s\"'“”‘’]*")
NEXT_CAPITALISED = re.compile(r"\s+([A-Z][\w'’-]*)")
# "is recommending that X is the latest trust to come out of special measures": being one of a series does not
# make a recommendation a decision
WEAK_REALISED = frozenset({"realised.first_to"})
RSP_FIRST_YEAR = "2021"
# "came out of what is now called the national Recovery Support Programme", "the RSP (formerly special measures)"
RENAMED_RSP = re.compile(
    r"\b(now|since|has been|have been|was)\s+(called|known as|renamed|replaced by|named)\b"
    r"[^.;]{0,40}?\brecovery support"
    r"|\brecovery support (programme|program|system)\b[^.;]{0,40}?\b(formerly|previously|once|which replaced)\b",
    re.IGNORECASE,
)
YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")
RSP_NAMES = frozenset(
    {"recovery_support_programme", "rsp_abbreviation", "mandated_intensive_support", "new_form_of_special_measures"}
)
PUBLICATION_CAUSE = compile_ignoring_case(r"\b(following|after|because|when|which)\b")
PLAN_AFTER_FACT = compile_ignoring_case(
    r"(on\s+(track|course)|likely|poised|set|hop(e|es|ed|ing)|aim(s|ed|ing)?|plan(s|ned|ning)?|intend(s|ed)?)\s+to\b"
)
RECOMMENDING = compile_ignoring_case(r"\brecommend(s|ed|ing|ation)?\s+(to\s+[\w ]{0,40}?\s+)?that\b")
# a rating told as done inside a recommendation or a possibility ("after being rated inadequate") is actual
FACT_PROOF = frozenset({"realised.rating_told_done", "realised.object_relative", "realised.regulator_judged_enough"})
OVERALL_PROOF = frozenset(
    {
        "scope.staff_subject",
        "scope.former_latter",
        "scope.key_question_after",
        "scope.key_question_with",
        "scope.shares_of_parts",
        "scope.leadership_of_trust",
        "scope.key_question_subject",
        "scope.overall_leadership_after",
        "scope.every_area_after",
        "scope.rated_domain_as",
        "scope.overall_for_well_led",
        "scope.core_services_before",
    }
)
Subject = tuple[str, Organisation, str]  # (mention, organisation, rule)
SITE_KIND_WORDS = frozenset({"the", "hospital", "hospitals"})
TRUST_KIND_WORDS = frozenset({"nhs", "trust", "foundation", "university", "teaching", "healthcare", "health", "care"})
FORMER_LATTER_REACH = 120  # how far before a status "the former" or "the latter" may stand as its subject
# "the service" is a service of the organisation unless the organisation named is itself a service
SELF_SERVICE_PROOF = frozenset({"scope.the_service_subject"})
# an adjective before a noun ("outstanding practice") is praise, and so is a rating word coordinated with it
PRAISE = frozenset({"generic.attributive_adjective"})
# a service opening the clause is what was rated, even with the organisation named after it
SUBJECT_SCOPES = frozenset(
    {
        "scope.service_at_site_rated",
        "scope.owned_service_subject",
        "scope.rated_its_service",
        "scope.key_question_category",
        "scope.service_subject",
        "scope.key_question_fronted",
        "scope.shares_of_parts",
        "scope.key_question_subject",
        "scope.part_fronted",
        "scope.only_area",
    }
)
PART_RATING_REACH = 2  # sentences after a part's rating within which "the inadequate rating" is that one
# "Royal Free for cancer": the kind of tier a gapped clause gives one organisation
MAX_LIST_EVIDENCE = 1200  # characters from a list's introduction to a member, beyond which the member's line is enough
RELATIVE_AFTER = compile_ignoring_case(r"\s*(\([^()]*\)\s*)?,\s*(which|who|where)\b")
GAPPED_KIND = compile_ignoring_case(r"\s+for\s+(?P<what>both|all three|all|[\w&-]+(?:\s+(?:and|&)\s+[\w&-]+)?)\b")
# quotation marks that open a quote: curly, a straight single one before a word (a straight double one: by parity)
QUOTE_OPENING = re.compile(r"[“‘]|(?<![\w’'])'(?=\w)")
QUOTE_CLOSING = re.compile(r"[”]|(?<=[,.!?])[’']")
# a clause opening with a body of its own that is not named ("..., while a GP surgery in Westcliff was ...")
INDEFINITE_OPENING = compile_ignoring_case(r"\s*(a|an)\s+(?!(third|second|fourth|fifth|further|number)\b)[\w-]+")
# ... or a name of its own that is no organisation known ("..., while UH Bristol has been rated outstanding")
UNKNOWN_NAME_OPENING = re.compile(
    r"\s*(?!(The|It|Its|This|That|These|Those|They|Their|We|Our|NHS|CQC|Care|Monitor|In|On|At|By|Since|Last|Now)\b)"
    r"[A-Z][\w'’&-]*(\s+[A-Z][\w'’&-]*){0,4}(\s*,\s*(which|who)\b[^,;]*,)?\s+(has|have|had|is|was|were)\b"
)
# a place naming what kind of body follows ("the Kent hospital", "Norfolk's trusts")
PLACE_DESCRIBES = compile_ignoring_case(r"['’]?s?\s+(hospitals?|trusts?|nhs\s+trust|health\s+trust)\b")
# A capitalised programme or scheme name that is not an oversight status ("Maternity Safety Support Programme")
OTHER_PROGRAMME = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*\s+(?:Programme|Program|Scheme|Regime)\b")


class ExtractionBudgetExceeded(RuntimeError):
    """A document took longer than its extraction budget; its events are not known."""


RECENT_YEAR = re.compile(r"(?<![\d£$€])20(1[3-9]|[2-9]\d)(?!\d)")


@dataclass
class DocState:
    """What the reader remembers while going through a document."""

    published: str | None
    salience: Salience
    full_text: str = ""
    open_list: OpenList = field(default_factory=OpenList)
    last_events: list[Event] = field(default_factory=list)
    last_events_at: int = -1  # the sentence that gave ``last_events``
    mentions: list[OrgMention] = field(default_factory=list)
    document_kinds: list[str] | None = None
    terms: list[StatusTerm] = field(default_factory=list)
    sentence_start: int = 0  # where the sentence being read starts
    rating_kept_before: int | None = None  # the sentence index of "Our rating of the trust stayed the same."
    part_ratings: dict[str, int] = field(default_factory=dict)  # a part's rating value -> its sentence index
    body_rated_at: int = -1  # the sentence that last gave a body's own rating
    previous_text: str = ""  # the sentence before the one being read
    group_changes: dict[tuple[str, Any], str] = field(default_factory=dict)  # (framework, value) -> a group's change
    overall_told: bool | None = None  # whether the story speaks of an overall rating (``Reader.overall_told``)
    before_regimes: str | None = ""  # a year an undated story is set in, before the regimes (``era_before_regimes``)


class Reader:
    """Reads one document with the stages above."""

    def __init__(self, gazetteer: Gazetteer):
        rules, numbers, lexicon = load_rules()
        self.gazetteer = gazetteer
        self.numbers = numbers
        self.lexicon = lexicon
        self.slots = SlotBuilder(rules, numbers, lexicon)
        self.context = ContextReader(load_context_rules())
        self.lists = Lists(lexicon)
        self.resolver = Resolver(lexicon)
        self.location = lexicon["location_prepositions.before"]
        self.owner = lexicon["location_prepositions.owner"]
        self.relative_running = lexicon["subject.relative_running"]
        self.runner_clause = lexicon["subject.runner_clause"]
        self.reduced_before = lexicon["reduced_relative.before"]
        self.reduced_main_verb = lexicon["reduced_relative.main_verb_after"]
        self.parenthetical_before = lexicon["reduced_relative.parenthetical_before"]
        self.parenthetical_end = lexicon["reduced_relative.parenthetical_end"]
        self.fact_clause = lexicon["reduced_relative.fact_clause"]
        self.elapsed_after = lexicon["reduced_relative.elapsed_after"]
        self.before_merger = lexicon["reduced_relative.before_merger"]
        self.approved_after = lexicon["modality.approved_after"]
        self.ordinal_forecast = lexicon["modality.ordinal_forecast"]
        self.recommendation_would = lexicon["modality.recommendation_would"]

    # -- the document ------------------------------------------------------------------------------
    def read(
        self,
        full: str,
        original: str,
        published: str | None,
        publisher: Organisation | None,
        deadline: float | None = None,
    ) -> DocState:
        """Events of a document: ``full`` is its text with quotes straightened, ``original`` as given
        (the two have the same length, so offsets hold in both). Past ``deadline`` (``time.monotonic``)
        the document is abandoned with ``ExtractionBudgetExceeded``."""
        state = DocState(published, Salience(publisher=publisher), full_text=full)
        sentences = sentence_spans(full)
        starts = [start for start, _ in sentences]
        day = published or estimate_day(full, date.today().isoformat())
        if not published and day:
            day = self.no_earlier_than_named(full, day)
        state.mentions, _ = find_mentions(self.gazetteer, full, starts, day, publisher)
        if day is None:
            # an undated story that names a closed trust or commissioner by its name tells of a time it was open: its
            # hospitals are its, not its successor's ("the Mid Essex Hospital Services NHS Trust ... Broomfield
            # Hospital"); a regulator's name (Monitor, until 2022 in law) says nothing of the story's time
            naming = [m for m in state.mentions if m.kind not in UNNAMING_KINDS and m.org.type not in NON_SUBJECT_TYPES]
            closed = [day_closed for day_closed in map(self.closed_name_date, naming) if day_closed]
            if closed:
                day = min(closed)[:10]
                state.mentions, _ = find_mentions(self.gazetteer, full, starts, day, publisher)
        state.salience.main_org = main_organisation(state.mentions, day)
        providers = {m.org.name for m in state.mentions if m.org.type in TRUST_TYPES or m.org.type == OTHER}
        first = next((m for m in state.mentions if m.kind != "place" and m.org.type in TRUST_TYPES), None)
        state.salience.first_provider = first.org if first is not None else None
        opening_end = starts[1] if len(starts) > 1 else len(full)
        state.salience.first_opens_story = first is not None and first.start < opening_end
        state.salience.sole_provider = len(providers) == 1
        # ("An ambulance service has been placed in special measures. SSG ... provides ...": a body named only
        # late in the story, as a customer, is not what the lede describes)
        lede_end = starts[LEDE_SENTENCES + 1] if len(starts) > LEDE_SENTENCES + 1 else len(full)
        main = state.salience.main_org
        state.salience.main_in_lede = main is not None and any(
            m.org.ods_code == main.ods_code and m.start < lede_end for m in state.mentions
        )
        state.salience.lede_providers = len(
            {m.org.ods_code for m in state.mentions if m.start < lede_end and m.org.type in TRUST_TYPES}
        )
        by_sentence = _bucket(starts, state.mentions, lambda m: m.start)
        state.terms = find_statuses(full, lower_same_length(full), sentences)
        statuses = _bucket(starts, state.terms, lambda t: t.start)
        events: list[Event] = []
        previous_text = ""
        for index, (offset, end) in enumerate(sentences):
            if deadline is not None and time.monotonic() > deadline:
                raise ExtractionBudgetExceeded(
                    f"extraction budget exceeded after {index} of {len(sentences)} sentences ({len(full):,} characters)"
                )
            text = full[offset:end]
            state.sentence_start = offset
            in_sent = [m.shifted(offset) for m in by_sentence[index]]
            if state.last_events_at == index - 1 and state.last_events:
                events = self.drop_called_off(events, text, state)
            self.attend(full, offset, text, in_sent, state.salience)
            carried = None
            if not statuses[index] and state.last_events_at == index - 1:
                carried = self.changes_to_last(sentences, index, text, state)
            if carried is not None:
                # "Now, these have been lifted", "NHS Improvement accepts this recommendation": the last sentence's
                # events changed, not more members of an open list
                evidence, span = _evidence(original, offset, end)
                for event in carried:
                    event.evidence, (event.start, event.end) = evidence, span
                events += carried
                state.last_events = carried or state.last_events
            elif statuses[index] or (in_sent and state.open_list.active):
                listed = state.open_list
                new_events = self.read_sentence(index, sentences, statuses[index], in_sent, state, previous_text)
                evidence, span = _evidence(original, offset, end)
                headline = index == 0 and _is_line(full, offset, end)
                for event in new_events:
                    event.evidence, (event.start, event.end), event.headline = evidence, span, headline
                    if (
                        listed.start is not None
                        and listed.rule in event.rules
                        and end - listed.start <= MAX_LIST_EVIDENCE
                    ):
                        # a list member: the evidence runs from the introduction that gives the status
                        event.evidence, (event.start, event.end) = _evidence(original, listed.start, end)
                if state.open_list is not listed and state.open_list.slots:
                    state.open_list.start = offset
                if state.rating_kept_before == state.salience.sentence_index - 1:
                    # "Our rating of the trust stayed the same. We rated it as requires improvement": a rating kept
                    self.keep_last_rating(new_events, "remain.unchanged_before")
                events += new_events
                if new_events:
                    state.last_events, state.last_events_at = new_events, index
                if any(e.framework == "cqc_rating" for e in new_events):
                    state.body_rated_at = state.salience.sentence_index
            elif self.lexicon["anaphora.rating_unchanged"].search(text):
                if any(e.framework == "cqc_rating" for e in state.last_events):
                    self.keep_last_rating(events)
                else:
                    state.rating_kept_before = state.salience.sentence_index
            elif state.open_list.slots and self.lists.introduces(text):
                # without an open list's statuses, re-introducing it changes nothing anyone reads
                self.reintroduce(text, state)
            helper_after = self.lexicon["anaphora.helper_after"]
            helping = [m for m in in_sent if helper_after.match(text, m.end)]
            state.salience.helper_named = bool(helping)
            if in_sent:
                acting = helping + acting_on_the_trust(in_sent, text, self.lexicon)
                named = [m for m in subjects(in_sent, text, self.location, fallback=False) if m not in acting]
                named = [m for m in named if not side_mention(m, text, state.salience.main_org)]
                self.remember(named, state, in_sent, text)
            trusts = [m for m in in_sent if m.kind != "place" and m.org.type in TRUST_TYPES]
            # (a trust named as a body outranks the hospitals listed after it: "X, which runs A, B and C Hospital")
            trusts = [m for m in trusts if not m.is_site] or trusts
            state.salience.mentioned_trust = trusts[-1].org if trusts else None
            previous_text = state.previous_text = text
            state.open_list.age += 1
            state.salience.sentence_index += 1
        state.last_events = events
        return state

    def attend(self, full: str, offset: int, text: str, in_sent: list[OrgMention], salience: Salience) -> None:
        """Who the story turns to before a sentence is read: its own body again at a paragraph opening with "The
        trust"; a trust quoted in a sentence naming nobody. A quote's speaker speaks for its paragraph only."""
        opening = not full[full.rfind("\n", 0, offset) + 1 : offset].strip()
        names_anyone = any(m.kind != "place" and m.org.type not in NON_SUBJECT_TYPES for m in in_sent)
        if opening:
            salience.trust_speaking = salience.speaker_unclear = False
            if not names_anyone:
                self.resolver.return_to_topic(text, salience)
        self.resolver.note_speaker(text, names_anyone, salience)

    def programme_before(self, position: int, state: DocState) -> str | None:
        """The programme "the regime" or "the programme" at ``position`` refers to: the last one named
        before it, unless another programme's name ("the Maternity Safety Support Programme") is nearer."""
        named = [t for t in state.terms if t.end <= position and self.slots.programme_of(t)]
        if not named:
            return None
        last = named[-1]
        if OTHER_PROGRAMME.search(state.full_text, last.end, position):
            return None
        return self.slots.programme_of(last)

    def document_kinds(self, state: DocState) -> list[str]:
        """Tier kinds named anywhere in the document, found when a tier first needs them."""
        if state.document_kinds is None:
            # a document naming no kind speaks of urgent care's tiers, unless its tier is another scheme's
            # ("escalated to 'tier 2' oversight" after a governance review)
            default = [] if self.lexicon["tiers.other_scheme"].search(state.full_text) else ["uec_tier"]
            state.document_kinds = self.slots.kinds_in(state.full_text) or default
        return state.document_kinds

    def no_earlier_than_named(self, full: str, day: str) -> str:
        """An undated story's time estimated from the years it names, moved on to the opening of a provider it names
        by name: "Isle of Wight NHS Trust (opened 2012) ... Ms Oldham was brought in to Stafford in 2010" is told no
        earlier than 2012, so the trust is read as the trust and not as nobody."""
        named = [alias for _, _, alias in self.gazetteer.find(full) if alias.kind not in UNNAMING_KINDS]
        orgs = [self.gazetteer.by_code.get(alias.codes[0]) for alias in named if len(alias.codes) == 1]
        opened = [o.open_date[:4] for o in orgs if o and o.type in TRUST_TYPES and o.open_date and not o.close_date]
        return max([day, *opened])

    def closed_name_date(self, mention: OrgMention) -> str:
        """The last day of the closed body a mention names: its own when it is closed, or that of a closed body the
        name belongs to ("Somerset CCG", a former name of the ICB, is the CCG closed in 2022); else ""."""
        if mention.org.close_date:
            return mention.org.close_date
        alias = self.gazetteer.aliases.get(normalise_alias(mention.text))
        named = [self.gazetteer.by_code.get(code) for code in (alias.codes if alias is not None else [])]
        closed = [
            org.close_date
            for org in named
            if org is not None and org.close_date and mention.org.ods_code in self.gazetteer.successors_of(org.ods_code)
        ]
        return min(closed) if closed else ""

    @staticmethod
    def overall_told(state: DocState) -> bool:
        """Whether the story speaks of an overall rating ("The overall rating for the trust remains ..."), so that
        a well-led rating in it is one key question's even under the single assessment framework."""
        if state.overall_told is None:
            state.overall_told = OVERALL_RATING.search(state.full_text) is not None
        return state.overall_told

    def reintroduce(self, text: str, state: DocState) -> None:
        """A list introduction without a status ("The organisations affected are:") introduces the open
        list, unless it speaks of what might happen ("A second group may follow:"), which closes it."""
        context = self.context.read(text, len(text), len(text))
        changes = {c.lower() for c in ("EXIT", "ENTER", "REMAIN") if context.has(c)}
        listed = {s.change for s in state.open_list.slots}
        if context.has("HYPOTHETICAL") or context.has("PROPOSED") or context.has("NEGATED"):
            state.open_list = OpenList()
        elif not changes and not RELISTED.search(text) and len(text.split()) > RELIST_WORDS:
            # "The trusts below were praised for their maternity services:": a list of something else
            state.open_list = OpenList()
        elif changes and not changes & listed:
            # "The following trusts will leave:" after a list of those that remain: another change, not said of
            # which regime, so no list of the last one
            state.open_list = OpenList()
        else:
            state.open_list.age = -1  # counted up to 0 at the end of this sentence

    def remember(
        self, named: list[OrgMention], state: DocState, mentioned: list[OrgMention] | None = None, text: str = ""
    ) -> None:
        if len({m.org.ods_code for m in named if m.is_site}) > 1:
            # "services from the following community hospitals: A, B and C" (of several trusts): where a body
            # works, not who is meant
            named = [m for m in named if not m.is_site]
        if not named and mentioned:
            named = self.located_topic(mentioned, text)
        for mention in reversed(named):
            state.salience.remember(mention.org)
        if named:
            # (a hospital opening the sentence is its subject; "It runs Furness General Hospital" names an object)
            # ("Inspectors visited X Hospital. Its overall rating ...": a sentence naming only a hospital, not as
            # what its trust runs, leaves the hospital as what "it" is)
            # (not "visited the trust's three hospitals - A, B and C": the trust is still what the story is about)
            only_sites = (
                all(m.is_site for m in named)
                and not RUN_VERB_BEFORE.search(text, 0, named[0].start)
                and "trust" not in text[: named[0].start].lower()
            )
            state.salience.last_subject_site = named[0].is_site and (
                SUBJECT_OPENING.match(text[: named[0].start]) is not None or only_sites
            )
        group = list({m.org.ods_code: m.org for m in named}.values())
        # "X, alongside Y and Z, ... the body that funds them, W. All four organisations ...": every body the
        # sentence names (not places, not regulators) makes the group a count refers back to
        everyone = [m for m in mentioned or () if m.kind != "place" and m.org.type not in NON_SUBJECT_TYPES]
        named_all = list({m.org.ods_code: m.org for m in everyone}.values())
        state.salience.last_named_count = max(len(group), len(named_all))
        if len(named_all) > len(group):
            group = named_all
        if len(group) > 1:
            state.salience.last_group = group

    def located_topic(self, mentioned: list[OrgMention], text: str) -> list[OrgMention]:
        """The one body a sentence without a named subject locates in its opening noun phrase ("The 2013
        inspection at X raised concerns. It was then rated inadequate": "it" is X); else none."""
        # (a name not in the gazetteer may be a short form of the one the story is about: "the North Cumbria Trust")
        bodies = [m for m in mentioned if m.kind != "place" and m.org.type not in NON_SUBJECT_TYPES and m.org.ods_code]
        if len({m.org.ods_code for m in bodies}) != 1:
            return []
        if not self.lexicon["subject.located_topic"].fullmatch(text, 0, bodies[0].start):
            return []
        return bodies[:1]

    # -- one sentence --------------------------------------------------------------------------------
    def read_sentence(
        self,
        index: int,
        sentences: list[tuple[int, int]],
        terms: list,
        mentions: list[OrgMention],
        state: DocState,
        previous_text: str,
    ) -> list[Event]:
        full = state.full_text
        offset, end = sentences[index]
        text = full[offset:end]
        slots = self.slots.build(
            text,
            offset,
            terms,
            _paragraph(full, offset),
            lambda: self.document_kinds(state),
            lambda position: self.programme_before(position, state),
        )
        slots = drop_rating_lists([s for s in slots if not self.opens_a_name(s, text)], text)
        if PART_RATED_BEFORE.search(previous_text) and IT_RATED.match(text):
            # "Our rating of safe stayed the same. We rated it as good because ...": "it" is the key question
            slots = [s for s in slots if s.framework != "cqc_rating"]
        carried = self.carried_text(full, sentences, index, text, state.published)
        dates = SentenceDates(text, state.published, carried, slots, offset)
        dates.other_clauses = other_bodies_clauses(mentions, text)
        named = self.outside_running_clauses(subjects(mentions, text, self.location, fallback=False), text)
        # organisations named after "in", "for" ... (never a bare place: "hospitals in Kent" is not Kent's ICB)
        located = [m for m in subjects(mentions, text, self.location) if m not in named and m.kind != "place"]
        intro = self.lists.introduces(text)
        if not slots:
            return self.list_members(text, named or located, dates, state, previous_text)
        # a rating's scope reads every body named, also those after "for" ("the rating for X Hospital")
        scoped = sorted(named + located, key=lambda m: m.start)
        kept, previous_values = self.classify_all(slots, text, scoped, state)
        # "moved into the RSP when the programme replaced special measures in July 2021": a regime's own history
        # holds no status, and the date is the nearest status's that does
        dates.slots = [s for s in slots if REGIME_HISTORY.isdisjoint(s.rules)]
        kept = self.drop_part_ratings_referred_to(slots, kept, text, state)
        kept = self.drop_transfer_exits(kept, text)
        earlier = [k for k in kept if "historical.last_inspection" in k.rules]
        if earlier and len(earlier) == len(kept) and not any(d.value for d in dates.items):
            # "At its previous inspection it was also rated outstanding", undated: the earlier rating of the news
            previous_values, kept = previous_values + earlier, []
        listed = {s.framework for s in state.open_list.slots}
        if not kept and not previous_values and listed & {s.framework for s in slots}:
            # "special measures are not warranted at three of the trusts. These are ...": the open list's status,
            # named again and not affirmed, is not what the next list is about
            state.open_list = OpenList()
        if previous_values and kept:
            apply_previous(kept, previous_values, named, text)
            # an earlier status of another framework ("was in special measures until 2017, when it was
            # rated good") stands on its own
            # (and a spell the sentence bounds by two dates: "was in special measures between 2013 and 2015, and
            # returned in 2018")
            # (or the status a relative clause's change is told of: "was still in special measures, which it had
            # entered in 2015")
            alone = [
                p
                for p in previous_values
                if all(k.framework != p.framework or relative_change(k) for k in kept)
                or bounds_period(dates, p)
                or dated_in_own_clause(dates, p)
            ]
            kept += self.earlier_statuses(alone, text, scoped, state, slots)
        elif previous_values:
            # "X has been rated good. It was previously rated requires improvement after an inspection in July 2016":
            # the earlier rating is the change's from, and (dated) an event of its own
            updated = self.update_previous_events(previous_values, named, text, state)
            if updated and not any(earlier_than(d.value, state.published) for d in dates.items):
                return []
            kept += self.earlier_statuses(previous_values, text, scoped, state, slots)
        if intro:
            state.open_list = OpenList()
        events: list[Event] = []
        run_by = HOSPITAL_RUN_BY.match(text)
        if run_by and not any(m.single_site for m in mentions if m.start >= run_by.end()):
            # a hospital's rating: its trust runs more than one ("The hospital, run by X, is rated good")
            kept = [s for s in kept if s.framework != "cqc_rating"]
        for slot in kept:
            relative = self.relative_subject(slot, mentions, text)
            orgs, confidence = (
                self.joined_by(slot, mentions, text)
                or self.they_listed(slot, mentions, text)
                or relative
                or self.described_in_clause(slot, [m for m in mentions if m.kind != "place"], text)
                or self.identified_by_hospitals(slot, mentions, text, state.salience)
                or self.appositive_member(slot, mentions, text)
                or self.quoted_speaker(slot, mentions, text, full[_paragraph_start(full, offset) : offset])
                or self.slot_subjects(slot, kept, named, text, state)
            )
            if not orgs:
                orgs, confidence = self.runner_of(slot, mentions, text)
            elif relative is None:
                orgs = orgs + self.as_was(slot, mentions, text)
            orgs = self.pronoun_of_owner(orgs, slot, located, text)
            self.mark_past_relative(slot, orgs, kept, text)
            owners = [
                m
                for m in located
                if m.start >= slot.end or self.owner.search(text, max(0, m.start - OWNER_REACH), m.start)
            ]
            if not orgs and owners and relative is None:
                # only organisations named after "for", "of", or after the status ("special measures at X"):
                # the best there is; not "a hospice in X has been rated ...", which is the hospice's rating
                orgs, confidence = self.slot_subjects(slot, kept, owners, text, state)
            if not orgs:
                counted = self.resolver.aggregate.search(text[: slot.start])
                # (a bullet of a timeline, "- October 2014: left special measures", is the header's body's history,
                # not the introduction of the bullets after it)
                timeline = not counted and not intro and text.lstrip()[:1] in BULLETS
                if (counted or not named) and not timeline:
                    # (the sentence's dates go to the members only when it introduces them: "... are:", "Three
                    # trusts placed in special measures a year ago ...")
                    told = dates if intro or counted else None
                    state.open_list = self.lists.open(state.open_list, kept, intro or "list.count", told)
                    state.open_list.size = count_size(counted.group(), self.numbers) if counted else None
                    if slot.change in ("enter", "exit") and slot.modality == "actual":
                        state.group_changes[(group_framework(slot.framework), slot.to)] = slot.change
                continue
            self.take_group_change(slot, mentions, text, state)
            bodies = list(self.own_services(slot, orgs))
            respective = self.respective_dates(slot, bodies, dates, state, text)
            for index, (mention, org, rule) in enumerate(bodies):
                nth = index if respective else None
                events += self.events_for(org, slot, dates, state, confidence, mention, rule, nth)
        return drop_retold_undated(events)

    def respective_dates(
        self, slot: Slot, bodies: list[Subject], dates: SentenceDates, state: DocState, text: str
    ) -> bool:
        """ "A and B exited special measures in January 2016 and July 2015 respectively": the n-th body takes the
        n-th of the slot's coordinated dates, not every one of them."""
        if len(bodies) < 2 or not self.lexicon["respectively.after"].search(text, slot.end):
            return False
        found = anchors(dates, slot, state.full_text, state.published, self.lexicon["now.words"])
        return len(found) == len(bodies) and all(a.rule == "date.coordinated" for a in found[1:])

    def own_services(
        self, slot: Slot, orgs: list[tuple[str, Organisation, str]]
    ) -> list[tuple[str, Organisation, str]]:
        """The subjects a rating of "the service" can be about: only organisations that are services."""
        if not SELF_SERVICE_PROOF.intersection(slot.rules):
            return orgs
        return [(mention, org, rule) for mention, org, rule in orgs if self.resolver.is_service(org)]

    def outside_running_clauses(self, named: list[OrgMention], text: str) -> list[OrgMention]:
        """Bodies not listed in a relative clause of what the subject runs ("The trust, which runs X, ...")."""
        spans = [(m.start(), m.end()) for m in self.relative_running.finditer(text)]
        if "whose" in text:
            # "X, whose patch has been split between the new ICB and Y ICB, is in segment 2": X's, not Y's
            spans += [(m.start(), m.end()) for m in WHOSE_CLAUSE.finditer(text)]
        if "which" in text or "whom" in text:
            spans += [(m.start(), m.end()) for m in self.lexicon["subject.prepositional_relative"].finditer(text)]
        return [m for m in named if not any(start <= m.start < end for start, end in spans)] if spans else named

    def former_or_latter(
        self, slot: Slot, named: list[OrgMention], text: str, state: DocState
    ) -> tuple[list[Subject], float] | None:
        """ "A and B were inspected. The former was rated good": the first or the second of the two bodies the
        sentence names before the phrase, else of the two the last sentence named together; no body when there were
        not two (None when no such phrase is the slot's subject)."""
        if "former" not in text and "latter" not in text:
            return None
        phrase = None
        for found in self.lexicon["anaphora.former_latter"].finditer(text, max(0, slot.start - FORMER_LATTER_REACH)):
            if found.end() <= slot.start:
                phrase = found
        if phrase is None or any(phrase.end() <= m.start < slot.start for m in named):
            return None
        before = list({m.org.ods_code: m.org for m in named if m.end <= phrase.start()}.values())
        last = state.salience
        pair = before if before else (last.last_group if last.last_named_count == 2 else [])
        if len(pair) != 2:
            return [], 0.0
        org = pair[0] if phrase.group("which").lower() == "former" else pair[1]
        return [(phrase.group(), org, "anaphora.former_latter")], 0.75

    def outside_helping_clauses(self, slot: Slot, named: list[OrgMention], text: str) -> list[OrgMention]:
        """ "X, which is supporting Y after it was placed in special measures, has been rated good": a status inside
        the helper's clause is the helped body's, one after it the helper's."""
        for clause in self.lexicon["subject.helping_clause"].finditer(text):
            inside = [m for m in named if clause.start() <= m.start < clause.end()]
            if not inside:
                continue
            if clause.start() <= slot.start < clause.end():
                return inside
            if slot.start >= clause.end():
                named = [m for m in named if m not in inside]
        return named

    def runner_of(self, slot: Slot, mentions: list[OrgMention], text: str) -> tuple[list, float]:
        """'The trust, which runs X and Y hospitals, was placed in ...', the trust unresolved: the body that
        runs every hospital the clause names (hospitals shared by several bodies leave it unsaid)."""
        for clause in self.relative_running.finditer(text, 0, slot.start):
            if not self.resolver.refers(text[: clause.start()]):
                continue
            inside = [m.org for m in mentions if clause.start() <= m.start < clause.end() and m.org.type in TRUST_TYPES]
            if inside and len(set(inside)) == 1:
                return [(text[: clause.start()].strip(), inside[0], "subject.runs")], 0.7
        return [], 0.0

    def describes_subject(self, slot: Slot, text: str) -> bool:
        """'An NHS trust placed into special measures ... has appointed': the status describes the subject."""
        return (
            self.reduced_before.search(text[: slot.start]) is not None
            and self.reduced_main_verb.match(text, slot.end) is not None
        )

    def part_subject_until(self, slot: Slot, context: Context, text: str) -> int | None:
        """Where the relative clause holding a part's rating closes, when the part was named before the clause
        opened ("X's maternity unit, which was rated inadequate, is now good"), else None."""
        opening = self.parenthetical_before.search(text, max(0, slot.start - 60), slot.start)
        end = self.parenthetical_end.match(text, slot.end) if opening else None
        cues = [position for category in SCOPE_CATEGORIES for _, _, position in context.hits.get(category, ())]
        if end is None or not cues or min(cues) >= opening.start():
            return None
        return end.start(1)

    def in_parenthetical(self, slot: Slot, text: str) -> bool:
        """'X, rated outstanding by the CQC, merged with Y in 2021': the status describes X (and the main
        clause's date is not its own: ``slot.clause_end`` marks where it ends)."""
        if self.parenthetical_before.search(text, max(0, slot.start - 60), slot.start) is None:
            return False
        end = self.parenthetical_end.match(text, slot.end)
        if end is None:
            return False
        slot.clause_end = end.start(1)
        return True

    def earlier_statuses(
        self, slots: list[Slot], text: str, named: list[OrgMention], state: DocState, others: list[Slot]
    ) -> list[Slot]:
        """Earlier statuses no change in the sentence takes as its "from" ("it was previously in special
        measures"): history, so an event only when the sentence dates them. Cues are read after the status
        terms before it ("X, now rated good, was in special measures until 2017": "rated" is the rating's)."""
        kept = []
        for slot in slots:
            lower = max((s.end for s in others if s.end <= slot.start), default=0)
            context = self.context.read(text, slot.start, slot.end, lower=lower, framework=slot.framework)
            spell = FRONTED_SPELL.match(text[: slot.start]) and slot.framework != "cqc_rating"
            # "After 30 months in special measures, X came out on Tuesday": the spell's end is the news; with
            # another main verb the spell is undated history
            if spell and not SPELL_ENDED.match(text, slot.end):
                continue
            if self.classify(slot, context, text, named, state.published, state):
                slot.needs_own_date = True
                if spell:
                    slot.change = "exit"
                    normalise(slot)
                    slot.rules.append("exit.after_spell")
                kept.append(slot)
        return sorted(kept, key=lambda s: s.start)

    def carried_text(
        self, full: str, sentences: list[tuple[int, int]], index: int, text: str, published: str | None
    ) -> str:
        """The text a sentence that refers back takes its date from: "Following this, ..." the previous
        sentence even across a paragraph break; "As a result, ..." the paragraph before it; a status told now
        after a recent dated publication ("NHS England published the segmentation on 11 November") that
        sentence."""
        offset = sentences[index][0]
        paragraph_start = full.rfind("\n", 0, offset) + 1
        if self.lexicon["carry_date.sequence"].search(text):
            previous_start = sentences[index - 1][0] if index else 0
            return full[min(paragraph_start, previous_start) : offset]
        if self.lexicon["carry_date.consequence"].search(text):
            return full[paragraph_start:offset]
        if not index:
            return ""
        previous = full[sentences[index - 1][0] : offset]
        if self.lexicon["carry_date.report_rating"].search(text):
            return previous if self.lexicon["carry_date.report_before"].search(previous) else ""
        if self.lexicon["carry_date.same_publication"].search(text):
            before = full[min(paragraph_start, sentences[index - 1][0]) : offset]
            return before if names_recent_date(before, published) else ""
        publication = self.lexicon["carry_date.publication_before"].search(previous)
        if publication is None or self.lexicon["carry_date.told_as_earlier"].search(text):
            return ""
        # (the publication's date, not its cause's: "published its report on 12 February following the inspection
        # in December")
        cause = PUBLICATION_CAUSE.search(previous, publication.end())
        previous = previous[: cause.start()] if cause else previous
        return previous if names_recent_date(previous, published) else ""

    @staticmethod
    def aim_governs_fact(context: Context, text: str, slot: Slot) -> bool:
        """An aim's cue before a fact's, in one stretch of words before the term, takes the fact with it
        ("would love to be the first trust rated outstanding"); not a fact told before the aim ("rated
        inadequate in 2019, it wants to ...", the rating after it) or after a comma."""
        if not context.has("HYPOTHETICAL"):
            return False
        hits = context.hits["HYPOTHETICAL"]
        aims = [position for _, rule, position in hits if rule in AIMS and position < slot.start]
        if not aims:
            return False
        aim, fact = max(aims), min(context.hits["REALISED"])[2]
        return aim < fact < slot.start and not any(mark in text[aim : slot.start] for mark in ",;:")

    def group_after_named(
        self, slot: Slot, named: list[OrgMention], text: str, state: DocState
    ) -> tuple[list[tuple[str, Organisation, str]], float] | None:
        """ "X ICB says it expects both trusts to move into segment 3": a group named after the one body the sentence
        names, before the status, is the status's subject (the bodies last named together, or none known); None
        when there is no such group."""
        told = [m for m in named if m.end <= slot.start]
        if not told or len({m.org.ods_code for m in told}) > 1:
            return None
        # (not what the body runs: "X, which runs both hospitals, was ...")
        between = self.relative_running.sub(lambda m: " " * len(m.group()), text[told[-1].end : slot.start])
        found = self.lexicon["anaphora.group"].search(between)
        if found is None or not self.lexicon["anaphora.group_reported_before"].search(between, 0, found.start()):
            return None
        group = self.resolver.group(between, state.salience, self.numbers)
        return [(found.group().strip(), org, "anaphora.group") for org in group], 0.65

    def gapped_after(self, before: Slot | None, slot: Slot, kept: list[Slot], text: str) -> bool:
        """A status after a kept change, a date and "and", with its verb left unsaid ("left financial special
        measures in 2018 and quality special measures in 2019"): changed as the first was (kept here)."""
        if before is None or slot.elliptical or before not in kept or before.framework != slot.framework:
            return False
        if before.change not in ("enter", "exit"):
            return False
        if not self.lexicon["ellipsis.gapped"].fullmatch(text, before.end, slot.start):
            return False
        slot.change, slot.modality = before.change, before.modality
        if slot.framework in INTENSIVE:
            slot.from_, slot.to = before.from_, before.to
        else:
            normalise(slot)  # "placed in segment 4 in 2019 and segment 3 in 2022": its own value
        slot.rules.append("ellipsis.gapped")
        kept.append(slot)
        return True

    def gapped_other(
        self, before: Slot | None, slot: Slot, kept: list[Slot], named: list[OrgMention], text: str
    ) -> bool:
        """ "A was placed in segment 2 in September 2025, and B in segment 3": a second body after "and", its verb
        left unsaid, changed as the first was (and dated as it, ``events_for``)."""
        if before is None or before not in kept or before.framework != slot.framework:
            return False
        if before.change not in ("enter", "exit") or slot.elliptical:
            return False
        between = [m for m in named if before.end <= m.start and m.end <= slot.start]
        if len(between) != 1:
            return False
        body = between[0]
        if not self.lexicon["ellipsis.gapped_and"].fullmatch(text, before.end, body.start):
            return False
        if not self.lexicon["ellipsis.gapped_to"].fullmatch(text, body.end, slot.start):
            return False
        slot.change, slot.modality, slot.gapped_from = before.change, before.modality, before
        normalise(slot)
        slot.rules.append("ellipsis.gapped_other")
        kept.append(slot)
        return True

    def alternative(self, slots: list[Slot], position: int, text: str) -> bool:
        """A status given as one of alternatives of its framework ("not in tier 1 or tier 2", "placed in segment 4
        or segment 5"): neither is asserted."""
        disjunction = self.lexicon["move.disjunction"]
        slot = slots[position]
        pairs = [(slots[position - 1], slot)] if position else []
        if position + 1 < len(slots):
            pairs.append((slot, slots[position + 1]))
        return any(
            first.framework == second.framework
            and first.to != second.to
            and disjunction.fullmatch(text, first.end, second.start) is not None
            for first, second in pairs
        )

    def classify_all(
        self, slots: list[Slot], text: str, named: list[OrgMention], state: DocState
    ) -> tuple[list[Slot], list[Slot]]:
        """Slots that stand, and slots that give an earlier status ("previously rated good")."""
        day = state.published
        kept: list[Slot] = []
        previous_values: list[Slot] = []
        bounds = self.context.boundaries(text)
        alongside = self.lexicon["move.alongside"]
        scale_told = False  # "four ratings topped by outstanding, with good in second place": every rating after
        other_subject = False
        part_until = None  # where a part's relative clause closes, its main clause's rating being the part's too
        for position, slot in enumerate(slots):
            if (scale_told and slot.framework == "cqc_rating") or other_subject:
                continue
            if self.alternative(slots, position, text):
                continue
            before = slots[position - 1] if position else None
            if (
                before is not None
                and slot.framework == before.framework == "cqc_rating"
                and before not in kept
                and alongside.fullmatch(text[before.end : slot.start])
            ):
                # "the areas rated good and outstanding": the second rating is the same areas'; "previously rated
                # outstanding and good respectively": both are earlier ratings
                if before in previous_values:
                    slot.rules.append(before.rules[-1])
                    previous_values.append(slot)
                continue

            if "status.listed_values" in slot.rules:
                # "placed in segments 2 and 3 respectively": each number after the head is told as the head is
                if before in kept:
                    slot.change, slot.modality = before.change, before.modality
                    slot.rules += before.rules[1:]
                    kept.append(slot)
                continue
            if self.gapped_after(before, slot, kept, text) or self.gapped_other(before, slot, kept, named, text):
                continue
            window = max((s.end for s in slots if s.end <= slot.start), default=0)
            following = [s.start for s in slots[position + 1 :] if s.start >= slot.end]
            # "could leave the RSP, which it joined in 2021, if ...": a relative clause's change reads its own words
            own = relative_change(slot) and slot.clause_end is not None
            context = self.context.read(
                text[: slot.clause_end] if own else text,
                slot.start,
                slot.end,
                lower=window,
                upper=following[0] if following else None,
                boundaries=None if own else bounds,
                framework=slot.framework,
            )
            if relative_change(slot):
                context.within(window, len(text))
            if context.has("GENERIC") and context.rule("GENERIC") in SENTENCE_WIDE:
                scale_told = True
            if context.has("GENERIC") and context.rule("GENERIC") in OTHER_SUBJECT:
                other_subject = True
            if context.has("PREVIOUS") and slot.change != "move" and not context.has("GENERIC"):
                if slot.framework == "cqc_rating" and self.out_of_scope(slot, context, text, named, day, state):
                    # "X's children's service, which had been rated requires improvement, ...": a part's, then too
                    slot.part_rating = True
                    part_until = self.part_subject_until(slot, context, text)
                    continue
                if slot.framework == "nof" and context.has("SCOPE_DOMAIN"):
                    continue  # "its finance score was in segment 4, but overall it sits in segment 2": a domain's
                slot.rules.append(context.rule("PREVIOUS"))
                previous_values.append(slot)
            elif part_until is not None and slot.framework == "cqc_rating" and slot.start > part_until:
                # "X's maternity unit, which was rated inadequate in 2022, is now good": the part's, as before
                slot.part_rating = True
                slot.rules.append("scope.part_past_relative")
                part_until = None
            elif (
                before is not None
                and before.part_rating
                and slot.framework == before.framework == "cqc_rating"
                and self.lexicon["scope.rated_in_turn"].fullmatch(text, before.end, slot.start)
                and not any(before.end <= m.start < slot.start and not m.is_site for m in named)
            ):
                # "with Ashford being rated as 'Good' and St. Peter's being rated as 'Requiring Improvement'": the
                # next part of the same list, rated in turn
                slot.part_rating = True
                slot.rules.append("scope.rated_in_turn")
            elif self.classify(slot, context, text, named, day, state):
                self.share_infinitive_modality(slot, kept, text)
                self.share_coordinated_change(slot, kept, text)
                kept.append(slot)
            elif slot.part_rating:
                part_until = self.part_subject_until(slot, context, text)
            elif (
                before in kept
                and context.has("GENERIC")
                and context.rule("GENERIC") in PRAISE
                and alongside.fullmatch(text[before.end : slot.start])
            ):
                kept.remove(before)  # "good and outstanding practice": the first word is praise too
        return kept, previous_values

    def era_before_regimes(self, state: DocState) -> str | None:
        """ "2012" for an undated story that names a body abolished before the regimes began and no year from 2013
        on ("lifted out of special measures" in a Healthcare Commission story is the older regime's); else None."""
        if state.before_regimes == "":
            older = not state.published and self.lexicon["carry_date.before_regimes"].search(state.full_text)
            state.before_regimes = "2012" if older and not RECENT_YEAR.search(state.full_text) else None
        return state.before_regimes

    def joined_by(self, slot: Slot, mentions: list[OrgMention], text: str) -> tuple[list, float] | None:
        """ "X, which is already in special measures, will be joined by Y": Y (and those listed with it) enter."""
        found = JOINED_BY.search(text, slot.end) if "enter.joined_by" in slot.rules else None
        if found is None:
            return None
        after = [m for m in mentions if m.start >= found.end() and m.kind != "place"]
        if not after:
            return None
        return [(m.text, m.org, "subject.joined_by") for m in self.coordinated_from(after, text)], 0.85

    def as_was(self, slot: Slot, mentions: list[OrgMention], text: str) -> list[Subject]:
        """ "X was rated good, as was Y": Y (and those listed with it) has the status too."""
        found = AS_WAS.match(text, slot.end)
        after = [m for m in mentions if found and m.start >= found.end() and m.kind != "place"]
        if not after or after[0].start != found.end():
            return []
        return [(m.text, m.org, "subject.as_was") for m in self.coordinated_from(after, text)]

    def coordinated_from(self, after: list[OrgMention], text: str) -> list[OrgMention]:
        """The first of ``after`` and those listed with it ("Y, Z and W")."""
        chain = [after[0]]
        for following in after[1:]:
            if not self.lexicon["subject.coordinated"].match(text[chain[-1].end : following.start]):
                break
            chain.append(following)
        return chain

    def they_listed(self, slot: Slot, mentions: list[OrgMention], text: str) -> tuple[list, float] | None:
        """ "While progress was made at A, B and C, the CQC recommended they remain in special measures": a
        "they" subject of the status stands for the bodies the sentence listed last before it (two or more)."""
        window_start = max(0, slot.start - THEY_REACH)
        if "they" not in text[window_start : slot.start].lower():
            return None  # no "they"/"They" before the status
        found = self.lexicon["anaphora.they"].search(text, window_start, slot.start)
        end = found.start() if found else 0
        before = [m for m in mentions if m.end <= end and m.org.type not in NON_SUBJECT_TYPES and m.kind != "place"]
        if not before:
            return None
        chain = [before[-1]]
        for earlier in reversed(before[:-1]):
            if not self.lexicon["subject.coordinated"].match(text[earlier.end : chain[0].start]):
                break
            chain.insert(0, earlier)
        if len({m.org.ods_code for m in chain}) < 2:
            return None
        return [(m.text, m.org, "anaphora.they_listed") for m in chain], 0.7

    def take_group_change(self, slot: Slot, named: list[OrgMention], text: str, state: DocState) -> None:
        """ "The most troubled systems are now placed in a first tier. ... The seven first tier systems are: A; B":
        the members of a group said to have entered (or left) a status made that change."""
        change = state.group_changes.get((group_framework(slot.framework), slot.to))
        if change is None or slot.change != "state" or any(r.startswith("state.") for r in slot.rules):
            return
        first = min((m.start for m in named if m.start >= slot.end), default=None)
        if (
            first is not None
            and self.lexicon["list_intro.membership_before"].match(text[: slot.start])
            and self.lexicon["list_intro.membership_after"].match(text[slot.end : first])
        ):
            slot.change = change
            slot.rules.append("list_intro.membership")

    def drop_transfer_exits(self, kept: list[Slot], text: str) -> list[Slot]:
        """ "transferring from special measures to SOF segment 4": a body handed on to special measures'
        successor (segment 4, the RSP) left no intensive support; its entry into the successor is the news."""
        to_successor = self.lexicon["move.to_successor"]
        dropped = []
        for slot in kept:
            if slot.framework != "special_measures" or slot.change != "exit":
                continue
            for other in kept:
                successor = other.framework == "rsp" or (other.framework == "nof" and other.to == 4)
                if (
                    successor
                    and other.start >= slot.end
                    and other.change in ("enter", "state")
                    and to_successor.match(text[slot.end : other.start])
                ):
                    if other.change == "state":
                        other.change = "enter"
                        other.rules.append("enter.transfer_to_successor")
                    dropped.append(slot)
                    break
        return [slot for slot in kept if all(slot is not gone for gone in dropped)]

    def drop_part_ratings_referred_to(
        self, slots: list[Slot], kept: list[Slot], text: str, state: DocState
    ) -> list[Slot]:
        """Without ratings that refer back to a part's ("rated its leadership inadequate ... announced the
        inadequate rating"); remembers this sentence's part ratings for the next."""
        index = state.salience.sentence_index
        for slot in slots:
            if slot.part_rating:
                state.part_ratings[slot.to] = index
        before, after = self.lexicon["anaphora.part_rating"], self.lexicon["anaphora.part_rating_after"]
        return [
            slot
            for slot in kept
            if not (
                slot.framework == "cqc_rating"
                and index - state.part_ratings.get(slot.to, -PART_RATING_REACH - 1) <= PART_RATING_REACH
                and before.search(text, max(0, slot.start - 12), slot.start)
                and after.match(text, slot.end)
            )
        ]

    @staticmethod
    def share_coordinated_change(slot: Slot, kept: list[Slot], text: str) -> None:
        """ "placed into segment 4 and the Recovery Support Programme": a programme coordinated with the status
        just changed (or kept: "remains in segment 4 and the RSP"), with no cue of its own, changed the same way
        (an event per framework)."""
        before = kept[-1] if kept else None
        if before is None or slot.change != "state" or before.change not in ("enter", "exit", "remain"):
            return
        if slot.framework not in INTENSIVE or before.framework not in INTENSIVE | {"nof"}:
            return
        if COORDINATED_PROGRAMME.fullmatch(text, before.end, slot.start):
            slot.change, slot.modality = before.change, before.modality
            normalise(slot)
            slot.rules.append(f"{slot.change}.coordinated")

    def share_infinitive_modality(self, slot: Slot, kept: list[Slot], text: str) -> None:
        """ "recommended to place them in segment 4 and for them to begin to receive support from the RSP":
        an actual status joined as a second infinitive to a proposed or hypothetical one shares its modality."""
        before = kept[-1] if kept else None
        if before is None or slot.modality != "actual" or before.modality == "actual":
            return
        if self.lexicon["modality.shared_infinitive"].match(text, before.end, slot.start):
            slot.modality = before.modality
            slot.rules.append("modality.shared_infinitive")

    def classify(
        self,
        slot: Slot,
        context: Context,
        text: str,
        named: list[OrgMention],
        day: str | None = None,
        document: DocState | None = None,
    ) -> bool:
        """Set change and modality of a slot from its context; False when it states no status."""
        if self.denied_claim(text, slot):
            slot.rules.append("negated.denied_claim")
            return False
        if context.has("GENERIC") and not (
            context.rule("GENERIC") in UNLESS_CHANGED and any(context.has(c) for c in ("ENTER", "EXIT", "REMAIN"))
        ):
            if context.rule("GENERIC") in REGIME_HISTORY:
                slot.rules.append(context.rule("GENERIC"))  # (it owns no date: see read_sentence)
            return False
        if context.has("NEGATED"):
            if not context.has("TIME_FRAME"):
                return False
            # "will not exit until next year": the time frame is denied, the change is planned
            slot.modality = "proposed"
            slot.rules += [context.rule("NEGATED"), context.rule("TIME_FRAME")]
        if context.has("TOPIC"):
            label = context.rule("TOPIC") == "topic.headline_label"
            reach = LABEL_CHANGE_REACH if label else TOPIC_CHANGE_REACH
            if not any(context.has(c) and context.distance(c) <= reach for c in ("EXIT", "ENTER")):
                return False
        if slot.framework == "cqc_rating" and self.out_of_scope(slot, context, text, named, day, document):
            slot.part_rating = True
            return False
        if slot.framework == "nof" and context.has("SCOPE_DOMAIN"):
            return False
        if context.has("COUNTERFACTUAL") or context.has("CONDITION"):
            return False
        fronted = context.rule("HISTORICAL") == "historical.fronted_subordinate" if context.has("HISTORICAL") else False
        closes = text.find(",", slot.end) if fronted else -1
        if fronted and closes < 0:
            # ("After years of decline X was placed ...": without a comma closing it, no fronted clause; another
            # historical cue at the same place may still hold: "... since it entered special measures")
            context.keep("HISTORICAL", lambda position, rule: rule != "historical.fronted_subordinate")
            fronted = False
        if context.has("HISTORICAL"):
            slot.needs_own_date = True
            slot.rules.append(context.rule("HISTORICAL"))
            if fronted:
                slot.clause_end = closes  # "After leaving special measures, X was rated good in 2019": not its date
        elif self.describes_subject(slot, text):
            slot.needs_own_date = True
            slot.rules.append("historical.reduced_relative")
        elif slot.start and self.elapsed_after.search(text, max(0, slot.start - ELAPSED_REACH), slot.start):
            slot.needs_own_date = True
            slot.rules.append("historical.elapsed_after")
        elif text[:1] in "BPUAbpua" and self.before_merger.match(text):
            slot.needs_own_date = True
            slot.rules.append("historical.before_merger")
        elif self.in_parenthetical(slot, text):
            slot.needs_own_date = True
            slot.rules.append("historical.parenthetical")
        if slot.elliptical:
            slot.change = slot.elliptical
        elif slot.change != "move":
            slot.change = self.change_of(context)
            if slot.change == "exit" and slot.framework == "cqc_rating":
                return False  # "no longer rated outstanding", "left after it was rated good": not what it is now
            if slot.change != "state" or context.has("STATE"):
                slot.rules.append(context.rule(slot.change.upper()))
        window_start = max(0, slot.start - FACT_CLAUSE_REACH)
        # (a relative clause opens with "which" or "who": without either, no regex search)
        window = text[window_start : slot.start].lower()
        relative = "which" in window or "who" in window
        fact = self.fact_clause.search(text, window_start, slot.start) if relative else None
        if fact is not None:
            # "recommended that X, which was placed into special measures in 2018, be ...": told as a fact
            for category in ("PROPOSED", "HYPOTHETICAL"):
                context.keep(category, lambda position, rule: position >= fact.start())
        if slot.modality == "proposed" and context.has("TIME_FRAME"):
            pass  # set above from a denied time frame
        elif context.has("REALISED") and context.rule("REALISED") in FACT_PROOF:
            if self.aim_governs_fact(context, text, slot):
                return False  # "we would love to be the first ambulance trust rated outstanding": a wish
            slot.rules.append(context.rule("REALISED"))
        elif context.has("HYPOTHETICAL"):
            if any(rule in AIMS for _, rule, _ in context.hits["HYPOTHETICAL"]):
                # (an aim or a fear anywhere in the clause: "bosses fear X could one day face special measures")
                return False  # "the aim is to help it emerge from special measures": an aim states no status
            recommended = context.has("PROPOSED") and context.rule("PROPOSED") in RECOMMENDED_AFTER
            proposal = recommended or (
                context.rule("HYPOTHETICAL") == "hypothetical.would"
                and self.recommendation_would.search(text, 0, slot.start)
            )
            slot.modality = "proposed" if proposal else "hypothetical"
            if recommended:
                slot.rules.append(context.rule("PROPOSED"))
            else:
                slot.rules.append("modality.recommendation_would" if proposal else context.rule("HYPOTHETICAL"))
        elif context.has("PROPOSED") and (
            not context.has("REALISED")
            or self.recommended_in_series(context, text, slot)
            or self.plan_after_fact(context, text, slot)
        ):
            slot.modality = "proposed"
            slot.rules.append(context.rule("PROPOSED"))
        elif context.has("REALISED"):
            slot.rules.append(context.rule("REALISED"))
        if (
            slot.modality == "actual"
            and " the " in text[: slot.start]
            and self.ordinal_forecast.search(text, 0, slot.start)
        ):
            slot.rules.append("modality.ordinal_forecast")
        if slot.modality == "proposed" and "been" in text[slot.end :] and self.approved_after.match(text, slot.end):
            slot.modality = "actual"
            slot.rules.append("modality.approved_after")
        possible = slot.modality in ("proposed", "hypothetical") and "but" in text[slot.end :]
        if possible and self.lexicon["modality.averted_after"].match(text, slot.end):
            return False  # "could be placed in special measures, but ... found enough improvement to avoid that"
        if "but" in text[slot.end :] and self.lexicon["modality.reversed_after"].match(text, slot.end):
            return False  # "was told it would enter the RSP, but NHS England later reversed the decision"
        normalise(slot)
        return True

    def opens_a_name(self, slot: Slot, text: str) -> bool:
        """A capitalised status word followed by the rest of a known name ("Good Hope was placed in ...")."""
        word = text[slot.start : slot.end]
        if not word[:1].isupper() or " " in word:
            return False
        following = NEXT_CAPITALISED.match(text, slot.end)
        return bool(following) and f"{word.lower()} {following.group(1).lower()}" in self.gazetteer.name_openings

    @staticmethod
    def recommended_in_series(context: Context, text: str, slot: Slot) -> bool:
        """ "is recommending that X is the latest trust to come out": one of a series, but only recommended."""
        return context.rule("REALISED") in WEAK_REALISED and RECOMMENDING.search(text, 0, slot.start) is not None

    def denied_claim(self, text: str, slot: Slot) -> bool:
        """A status inside others' claim that the sentence denies ("Reports that X has been placed in special
        measures are not correct") or rejects ("We do not accept the suggestion that the trust is about to be
        placed in special measures")."""
        before = text[: slot.start]
        if self.lexicon["anaphora.rejected_before"].search(before):
            return True
        return bool(
            self.lexicon["anaphora.claimed_before"].search(before)
            and self.lexicon["anaphora.denial_after"].match(text, slot.end)
        )

    @staticmethod
    def plan_after_fact(context: Context, text: str, slot: Slot) -> bool:
        """ "NHS England has confirmed X is on track to exit the programme": what is confirmed is a plan (the plan's
        words come after the fact's, before the term)."""
        fact = max(position for _, _, position in context.hits["REALISED"])
        return any(
            fact < position < slot.start and PLAN_AFTER_FACT.match(text, position)
            for _, _, position in context.hits["PROPOSED"]
        )

    @staticmethod
    def change_of(context: Context) -> str:
        """The change a slot's cues say, by precedence: EXIT > REMAIN > STATE > ENTER ("no longer placed",
        "remains in", "already rated" beat the verb they modify)."""
        found = [c for c in CHANGE_CATEGORIES if c in context.hits]
        if "ENTER" in found and context.rule("ENTER") in JOINED_GROUP:
            return "enter"  # "joining the trusts currently in ...": "currently" describes the group joined
        return found[0].lower() if found else "state"

    def out_of_scope(
        self,
        slot: Slot,
        context: Context,
        text: str,
        named: list[OrgMention],
        day: str | None,
        document: DocState | None = None,
    ) -> bool:
        """A rating of a service, a site, a key question or part of an organisation, not of the whole.

        The well-led key question is the organisation's rating where the framework table says so (CQC's
        single assessment framework), and a key question like any other before that or in a story that
        tells an overall rating (``overall_told``, read only when needed).
        """
        # where the organisation the rating is about was named ("the maternity service at X": X is where)
        direct = [m for m in named if not self.location.search(text[max(0, m.start - LOCATION_REACH) : m.start])]
        subject_end = max((m.end for m in direct if m.end <= slot.start), default=0)
        running = self.relative_running.match(text, subject_end) if subject_end else None
        if running and running.end() <= slot.start:
            subject_end = running.end()  # "X, which provides services in Dudley, has been rated good": X's rating
        for category in SCOPE_CATEGORIES:
            context.keep(
                category,
                lambda position, rule: position >= subject_end or position > slot.end or rule in SUBJECT_SCOPES,
            )
        coordinated = (
            [m.span() for m in self.lexicon["anaphora.trust_with_parts"].finditer(text, 0, slot.start)]
            if "trust" in text[: slot.start].lower()
            else []
        )
        if coordinated:
            # "All three hospitals and the trust as a whole were rated ...": the parts are rated with the whole
            for category in ("SCOPE_SITE", "SCOPE_SERVICE"):
                context.keep(category, lambda position, rule: not any(a <= position < b for a, b in coordinated))
        if context.has("SCOPE_SERVICE") and context.rule("SCOPE_SERVICE") in SELF_SERVICE_PROOF:
            # decided with the subject: an ambulance service is itself "the service" (``own_services``)
            slot.rules.append(context.rule("SCOPE_SERVICE"))
            context.keep("SCOPE_SERVICE", lambda position, rule: rule not in SELF_SERVICE_PROOF)
        if context.has("SCOPE_SERVICE") or context.has("SCOPE_SITE"):
            return True
        if context.has("SCOPE_WELL_LED"):
            if frameworks.organisation_rating("cqc_rating", day) == "well-led":
                if OVERALL_RATING.search(text) or (document is not None and self.overall_told(document)):
                    return True  # "retained its overall rating of X, while its well-led rating rose": the overall is
                slot.rules.append(context.rule("SCOPE_WELL_LED"))
            elif not context.has("OVERALL") or context.rule("SCOPE_WELL_LED") in OVERALL_PROOF:
                return True
        for category in ("SCOPE_KEY_QUESTION", "SCOPE_PART"):
            # "overall" cancels these, except "an overall rating of good for caring", "overall, 33 per cent of ..."
            if context.has(category) and (not context.has("OVERALL") or context.rule(category) in OVERALL_PROOF):
                return True
        # (not a hospital the subject runs: "X, which runs Y Hospital, was rated good" is X's rating; nor "the trust
        # that runs Y Hospital", which names the trust by its hospital)
        nearest = self.outside_running_clauses([m for m in named if m.end <= slot.start], text)
        # ("The overall ratings of X Hospital and the trust remain ...": the hospital rated with the whole)
        nearest = [m for m in nearest if not any(start <= m.start < end for start, end in coordinated)]
        if nearest and nearest[-1].is_site and "trust" in text.lower():
            runs = [(m.start(), m.end()) for m in self.runner_clause.finditer(text, 0, slot.start)]
            nearest = [m for m in nearest if not any(start <= m.start < end for start, end in runs)]
        return bool(nearest) and nearest[-1].is_site

    # -- subjects ------------------------------------------------------------------------------------
    def slot_subjects(
        self, slot: Slot, slots: list[Slot], named: list[OrgMention], text: str, state: DocState
    ) -> tuple[list[tuple[str, Organisation, str]], float]:
        """Which organisations a slot is about, how sure we are, and the rule that decided."""
        # "the Kent hospital", "the trust remained in special measures while ... from outside Kent": a place describing
        # something, or named after a status a referring phrase before it is about, is not the body the status is about
        referred = self.lexicon["anaphora.trust"].search(text, max(0, slot.start - 60), slot.start) is not None
        named = [
            m
            for m in named
            if not (m.kind == "place" and ((referred and m.start >= slot.end) or PLACE_DESCRIBES.match(text, m.end)))
        ]
        paired = self.former_or_latter(slot, named, text, state)
        if paired is not None:
            return paired
        if named and "," in text and ("which" in text or "who" in text):
            named = self.outside_helping_clauses(slot, named, text)
        if named and ";" in text:
            named = own_semicolon_part(slot, slots, named, text)
        if named and self.aggregate_subject(slot, named, text):
            return [], 0.0
        excepted = [m for m in named if EXCEPTED_BEFORE.search(text, max(0, m.start - 40), m.start)]
        if excepted and not any(COMPARED_OWN_CLAUSE.fullmatch(text, m.end, slot.start) for m in excepted):
            # "All trusts were rated good, with the exception of X": not X (but X's own ", which ..." clause is X's)
            named = [m for m in named if m not in excepted]
            if not named:
                return [], 0.0
        compared = [
            m
            for m in named
            if COMPARED_BEFORE.search(text, max(0, m.start - 40), m.start)
            or EXCEPTED_BEFORE.search(text, max(0, m.start - 40), m.start)
        ]
        if compared and len(compared) == len(named) and slot.start > compared[-1].end:
            return [], 0.0  # "Unlike neighbouring X, a Surrey hospital trust has been rated ...": not X
        in_clause = [m for m in compared if COMPARED_OWN_CLAUSE.fullmatch(text, m.end, slot.start)]
        if in_clause:
            # "Unlike X, which fell to segment 4, Y stayed in segment 2": the compared body's own relative clause
            named = in_clause[-1:]
        elif compared and len(compared) < len(named):
            # "Unlike its neighbour, Dartford and Gravesham NHS Trust, Medway has been in special measures": the
            # body set beside the subject is not it
            named = [m for m in named if m not in compared]
        contrast = max((m.end() for m in CONTRAST_CLAUSE.finditer(text, 0, slot.start)), default=None)
        if contrast is not None and any(m.start >= contrast for m in named):
            # "A and B entered special measures, while a third, C, was rated good": the clause's own body
            named = [m for m in named if m.start >= contrast]
        elif contrast is not None and contrast < slot.start and INDEFINITE_OPENING.match(text, contrast):
            return [], 0.0  # "X CCG was rated ..., while a GP surgery in Y was placed in special measures": not X
        elif contrast is not None and contrast < slot.start and UNKNOWN_NAME_OPENING.match(text, contrast):
            return [], 0.0  # "X was rated ..., while UH Bristol has been rated outstanding": a body not known, not X
        fronted = FRONTED_CONTRAST.match(text, 0, slot.start) if len(named) > 1 else None
        main = [m for m in named[1:] if m.end <= slot.start and MAIN_SUBJECT_AFTER.search(text, 0, m.start)]
        if fronted and main:
            # "While X ICB was in segment 4 ..., the trust remained in special measures": the main clause's body
            named = [m for m in named if m.start >= main[-1].start]
        if named and slot.framework in self.slots.tier_kinds:
            named = [m for m in named if self.own_tier_kind(m, slot.framework, text) in (None, slot.framework)]
        object_gap = self.lexicon["subject.object_gap"]
        objects = [m for m in named if m.end <= slot.start and object_gap.fullmatch(text, m.end, slot.start)]
        if objects:
            # "led Barts Health NHS Trust out of special measures": the body just before the status's
            # preposition is what changed, not others named in the sentence ("Medway's chief executive")
            chain = self.coordinated_subjects(slot, [m for m in named if m.end <= objects[-1].end], text)
            joined = JOINS_OBJECT.search(text, max(0, chain[0].start - 20), chain[0].start)
            if joined and slot.change in ("enter", "state"):
                # "X joins Y in special measures": Y is in already, X is who enters
                joiners = [m for m in named if m.end <= joined.start()]
                if not joiners:
                    return [], 0.0
                slot.change = "enter"
                normalise(slot)
                slot.rules.append("enter.joins_object")
                return [(m.text, m.org, "subject.joins") for m in joiners[-1:]], 0.85
            if slot.change == "state" and PLACES_OBJECT.search(text, max(0, chain[0].start - 20), chain[0].start):
                slot.change = "enter"  # "have placed A and B in special measures": the verb before the objects
                normalise(slot)
                slot.rules.append("enter.verb_object")
            return [(m.text, m.org, "subject.object") for m in chain], 0.85
        if named and all(m.start >= slot.end for m in named):
            # "the decision to remove the CCG from special measures ..., from its neighbour X CCG":
            # a referring phrase right before the status is its subject, not a body named after it
            # ("He left before the trust was placed in special measures in 2013, and later chaired X": the trust's)
            near = text[max(0, slot.start - 60) : slot.start]
            referred = self.lexicon["anaphora.object"].search(near[-40:]) or self.lexicon[
                "anaphora.subject_before"
            ].search(near)
            org, rule = self.resolver.anaphor(near, state.salience) if referred else (None, "")
            if org is not None:
                return [(near.strip(), org, rule)], 0.7
        if named and slot.elliptical:
            # "A entered special measures in 2013 and left in 2015, while B left in October": the verb's subject is
            # the one before it, not the nearest body named after it
            told = [m for m in named if m.end <= slot.start]
            if told:
                return [(told[-1].text, told[-1].org, "subject.elliptical")], 0.85
        grouped = self.group_after_named(slot, named, text, state) if named else None
        if grouped is not None:
            return grouped
        if named:
            values = {(s.framework, s.to) for s in slots}
            if len(values) > 1 and len(named) == len(slots) and self.lexicon["respectively.after"].search(text):
                # "A and B were rated outstanding and good respectively"
                mine = named[slots.index(slot)]
                return [(mine.text, mine.org, "respectively.after")], 0.85
            if len(values) > 1:
                mine = [m for m in named if nearest_slot(m, slots) is slot]
                # ("X ICB said Y had exited tier 1 and was now in tier 2": the speaker is not what changed)
                mine = [m for m in mine if not SPEAKER_AFTER.match(text, m.end)] or mine
                if mine:
                    return [(m.text, m.org, "subject.nearest") for m in mine], 0.85
            if self.lexicon["subject.other_body_clause"].search(text, max(0, slot.start - 80), slot.start):
                return [], 0.0  # "X insists the takeover will go ahead, which can't happen while the organisation is in
                # special measures": the clause's own "the organisation" is another body than the sentence's subject
            return [(m.text, m.org, "subject.named") for m in self.coordinated_subjects(slot, named, text)], 0.9
        # "The trust, which runs X and Y, was placed in ...": read as "The trust was placed in ..."
        before = self.relative_running.sub("", text[: slot.start])
        group = self.resolver.group(before[-90:], state.salience, self.numbers)
        if group:
            return [(before.strip()[:60], org, "anaphora.group") for org in group], 0.65
        if state.salience.last_group and self.lexicon["anaphora.them"].search(before[-80:]):
            # "a recommendation to place them on segment 4": the bodies last named together
            return [(before.strip()[:60], org, "anaphora.them") for org in state.salience.last_group], 0.6
        rated = self.rated_last(slot, before, state)
        if rated is not None:
            return [(before.strip()[:60], rated, "anaphora.the_rating")], 0.65
        if slot.framework == "cqc_rating" and "rating" in before and state.salience.last_named_count == 1:
            last = state.salience.last_subject
            if last is not None and self.lexicon["anaphora.report_set_rating"].search(before):
                return [(before.strip()[:60], last, "anaphora.report_set_rating")], 0.6
        org, rule = self.resolver.anaphor(before, state.salience)
        if rule == "anaphora.pronoun" and slot.framework == "cqc_rating" and HOSPITAL_NAMED.search(before):
            return [], 0.0  # "Goole Hospital was not inspected as it was rated good in 2015": the hospital's rating
        if rule == "anaphora.pronoun" and slot.framework == "cqc_rating" and state.salience.last_subject_site:
            return [], 0.0  # "King's Mill Hospital was previously rated good. It is now rated outstanding": the site's
        if rule == "anaphora.pronoun" and slot.framework == "cqc_rating" and self.parts_rated_last(slot, text, state):
            return [], 0.0  # "X has received 'Good' ratings for its transport service. ... It has now moved from ..."
        is_rating = slot.framework == "cqc_rating"
        if rule == "anaphora.trust" and is_rating and self.one_hospital_of_several(org, before, state):
            return [], 0.0  # "The hospital, in Weston-super-Mare, was rated inadequate": one site's, of several
        if rule in DESCRIBED and slot.framework == "cqc_rating" and A_HOSPITAL.search(before):
            return [], 0.0  # "A hospital in Bath has been downgraded": a location's rating, not its trust's
        if org is not None:
            return [(before.strip()[:60], org, rule)], 0.7
        if rule:
            return [], 0.0  # the phrase refers to what is no organisation ("the service")
        if (
            self.lexicon["subject.bullet_predicate"].match(before)
            and self.lexicon["subject.header"].search(state.previous_text)
            and state.salience.last_subject
        ):
            # "The report shows that X has: • Retained the overall rating of requires improvement": the header's body
            org = state.salience.last_subject
            return [(org.name, org, "list_intro.subject_header")], 0.6
        at_the_trust = AT_THE_TRUST.match(text, slot.end) if slot.change in ("enter", "exit") else None
        if at_the_trust:
            # "The CQC recommended ending special measures at the trust": the body a change of regime is at
            org, rule = self.resolver.anaphor(at_the_trust.group("phrase"), state.salience)
            if org is not None:
                return [(at_the_trust.group().strip(), org, rule)], 0.65
        main = state.salience.main_org
        rated = slot.framework == "cqc_rating" and self.lexicon["regulator_agent.rated"].search(before)
        if rated and (PART_OPENING.match(text) or THESE_SERVICES.search(before)):
            # "The maternity unit was branded inadequate ... but was rated good", "the CQC rated these services
            # inadequate, but has now found them good": the parts'
            return [], 0.0
        if rated and NAMED_SITE.search(before, rated.end()):
            return [], 0.0  # "the CQC has rated Spire Leeds Hospital as good": a named site, not the article's body
        if main and rated and not self.resolver.aggregate.search(before):
            # "In May 2014, the CQC rated services as good overall": the article's organisation (not in "the
            # CQC has inspected all 162 trusts, of which 100 have been rated ...": a count)
            return [(main.name, main, "regulator_agent.rated")], 0.6
        return [], 0.0

    def one_hospital_of_several(self, org: Organisation | None, before: str, state: DocState) -> bool:
        """ "The hospital" the story last named, when it is one of several its trust runs and not the trust's
        namesake ("Weston General Hospital ... The hospital was rated inadequate": a location's rating; "Princess
        Alexandra ... The hospital was rated inadequate": The Princess Alexandra Hospital NHS Trust's)."""
        if org is None or "trust" in before.lower() or not self.lexicon["scope.the_hospital"].search(before):
            return False
        if single_site(self.gazetteer, org):
            return False
        named = [m for m in state.mentions if m.start < state.sentence_start and m.org.ods_code == org.ods_code]
        if not named or named[-1].kind != "site":
            return False
        # (the namesake is the trust's name without its kind words: "Maidstone Hospital" is one of the hospitals of
        # Maidstone and Tunbridge Wells NHS Trust, not the trust)
        words = set(normalise_alias(named[-1].text).split()) - SITE_KIND_WORDS
        return words != set(normalise_alias(org.name).split()) - SITE_KIND_WORDS - TRUST_KIND_WORDS

    @staticmethod
    def parts_rated_last(slot: Slot, sentence: str, state: DocState) -> bool:
        """A part (service, site, key question) was given this rating in the few sentences before, after any
        rating of a whole body: "it" given the same rating, without "overall", is that part as likely as the body
        ("we", "our" and "its overall rating" speak for the body)."""
        last_part = state.part_ratings.get(slot.to, -1)
        index = state.salience.sentence_index
        if not (state.body_rated_at < last_part < index and index - last_part <= PART_PRONOUN_REACH):
            return False
        pronouns = NEAREST_PRONOUN.findall(sentence[max(0, slot.start - PRONOUN_REACH) : slot.start])
        # (a rating the sentence dates, "It had been rated good since 2014", is history told of the body)
        dated = YEAR.search(sentence) is not None
        return bool(pronouns) and pronouns[-1].lower() == "it" and not OVERALL.search(sentence) and not dated

    def rated_last(self, slot: Slot, before: str, state: DocState) -> Organisation | None:
        """The body whose rating the last sentence gave, when "the rating" of this one moves to a new value
        ("X was rated inadequate in 2014. The rating was upgraded to good in 2017"); None when the last
        sentence rated no body, or several."""
        if slot.framework != "cqc_rating" or state.last_events_at != state.salience.sentence_index - 1:
            return None
        if "rating" not in before or not self.lexicon["anaphora.the_rating"].search(before):
            return None
        rated = {e.org.ods_code: e.org for e in state.last_events if e.framework == "cqc_rating"}
        return next(iter(rated.values())) if len(rated) == 1 else None

    @staticmethod
    def mark_past_relative(slot: Slot, orgs: list[Subject], kept: list[Slot], text: str) -> None:
        """ "Tameside Hospital, which was rated inadequate, has been awarded a good rating": the status of a past
        relative clause before the sentence's news of the same framework is history, of its own date."""
        if not orgs or any(rule != "subject.relative_clause" for _, _, rule in orgs):
            return
        news = [k for k in kept if k.start > slot.end and k.framework == slot.framework]
        if news and PAST_RELATIVE.search(text, max(0, slot.start - 60), slot.start):
            slot.needs_own_date = True
            slot.rules.append("historical.relative_past")

    def pronoun_of_owner(self, orgs: list[Subject], slot: Slot, located: list[OrgMention], text: str) -> list[Subject]:
        """ "The chief executive of X praised staff after it won a good rating": "it" (or "the trust") is the one
        body the sentence named after "of" before it, not the last subject of an earlier sentence."""
        if not orgs and IT_BEFORE.search(text, max(0, slot.start - PRONOUN_REACH), slot.start):
            # "Patients at X were unsafe, as the CQC rated it inadequate", the story's first word on any body: "it"
            # is the one body the sentence located, as it would be after an earlier subject
            return self.one_located(located, slot) or orgs
        if not orgs or any(rule not in ("anaphora.pronoun", "anaphora.trust") for _, _, rule in orgs):
            return orgs
        owned = [
            m
            for m in located
            if m.end <= slot.start and self.owner.search(text, max(0, m.start - OWNER_REACH), m.start) and not m.is_site
        ]
        if not owned and orgs[0][2] == "anaphora.pronoun":
            # "Inspectors found improvement at X, boosting its rating from ...": the one body the sentence located
            one = self.one_located(located, slot)
            if one:
                return one
        if len({m.org.ods_code for m in owned}) != 1:
            return orgs
        return [(owned[-1].text, owned[-1].org, "anaphora.pronoun_owner")]

    @staticmethod
    def one_located(located: list[OrgMention], slot: Slot) -> list[Subject]:
        """The one body (not a hospital) a sentence located before ``slot``, as the subject "it" stands for."""
        at = [m for m in located if m.end <= slot.start and not m.is_site]
        if len({m.org.ods_code for m in at}) != 1:
            return []
        return [(at[-1].text, at[-1].org, "anaphora.pronoun_located")]

    def described_in_clause(self, slot: Slot, named: list[OrgMention], text: str) -> tuple[list[Subject], float] | None:
        """The body a subordinate clause's own subject describes by a place ("after the Brighton trust was put
        into ..."): the one body named in the sentence whose name holds that place; None when not exactly one."""
        found = self.lexicon["subject.subordinate_descriptor"].search(text[: slot.start])
        if not found:
            return None
        place = found.group("place").lower()
        bodies = {m.org.ods_code: m for m in named if place in m.org.name.lower() or place in m.text.lower()}
        if len(bodies) != 1:
            return None
        mention = next(iter(bodies.values()))
        return [(found.group().strip(), mention.org, "subject.subordinate_descriptor")], 0.8

    def identified_by_hospitals(
        self, slot: Slot, mentions: list[OrgMention], text: str, salience: Salience
    ) -> tuple[list[Subject], float] | None:
        """ "The trust, which runs Derriford Hospital, was placed in ...": the trust the clause's hospitals say it is
        (the story may have named that trust only in passing, or not at all); None unless they are one trust's. A
        clause naming no hospital the gazetteer knows ("which runs Rampton secure hospital") points at a trust the
        sentence before named in passing ("Care in the city is provided by X")."""
        opening = self.lexicon["anaphora.trust"].match(text.lstrip(" \"'“‘"), 0)
        if opening is None:
            return None
        start = len(text) - len(text.lstrip(" \"'“‘")) + opening.end()
        clause = self.relative_running.match(text, start)
        if clause is None or clause.end() > slot.start:
            return None
        listed = [m for m in mentions if clause.start() <= m.start < clause.end() and m.kind != "place"]
        mentioned, last = salience.mentioned_trust, salience.last_trust
        if not listed and mentioned is not None and (last is None or last.ods_code != mentioned.ods_code):
            return [(text[:start].strip(), mentioned, "anaphora.identified_opening")], 0.7
        sites = [m for m in listed if m.org.type in TRUST_TYPES and (m.is_site or m.single_site)]
        owners = {m.org.ods_code: m.org for m in sites}
        if len(owners) != 1 or len(sites) != len(listed):
            return None  # (not "which covers Sussex, Surrey and Kent": places, or a commissioner's name)
        org = next(iter(owners.values()))
        return [(text[:start].strip(), org, "anaphora.identified_by_hospitals")], 0.8

    def appositive_member(
        self, slot: Slot, mentions: list[OrgMention], text: str
    ) -> tuple[list[Subject], float] | None:
        """ "..., and B, one of the trusts put into special measures in 2013": B, the body the appositive follows."""
        before = [m for m in mentions if m.end <= slot.start and m.kind != "place"]
        if not before or not self.lexicon["membership.appositive"].match(text[before[-1].end : slot.start]):
            return None
        member = before[-1]
        return [(member.text, member.org, "subject.appositive_member")], 0.8

    def quoted_speaker(
        self, slot: Slot, mentions: list[OrgMention], text: str, earlier: str
    ) -> tuple[list[Subject], float] | None:
        """ "'We left the programme last year,' said the chief executive of X": a first-person quote's body is the
        one its speaker, named after the quote, speaks for (not the body the text named last). ``earlier`` is the
        paragraph before the sentence (a quote may open there)."""
        close = self.lexicon["anaphora.quote_close"].search(text, slot.end)
        if close is None or not _inside_quote(earlier + text[: slot.start]):
            return None
        marks = [m.end() for m in QUOTE_OPENING.finditer(text, 0, slot.start)]
        opened = max([*marks, text.rfind('"', 0, slot.start) + 1])
        quoted = text[opened : slot.start]
        if any(opened <= m.start < slot.start for m in mentions) or QUOTE_OPENING.search(text, slot.end, close.start()):
            return None  # the quote names a body of its own, or the status is in another quote
        if not self.lexicon["anaphora.quote_first_person"].search(quoted[-PRONOUN_REACH:]):
            return None
        after = [m for m in mentions if m.start >= close.end() and m.kind != "place"]
        if not after or after[0].org.type in NON_SUBJECT_TYPES:
            return None
        speaker = after[0]
        lead = text[close.end() : speaker.start]
        said = self.lexicon["anaphora.quote_speaker_lead"].match(lead) or (
            re.fullmatch(r"\s*((said|says|added|adds)\s+)?", lead, re.IGNORECASE)
            and self.lexicon["anaphora.quote_speaker_after"].match(text, speaker.end)
        )
        if not said:
            return None
        return [(speaker.text, speaker.org, "subject.quoted_speaker")], 0.8

    def coordinated_subjects(self, slot: Slot, named: list[OrgMention], text: str) -> list[OrgMention]:
        """The bodies a status before which bodies are named is about: the last one named before it and those
        coordinated with it ("A, B and C were placed ..."), not one named earlier in another role ("A has
        been asked to help B exit ...") nor one named after it ("... alongside C")."""
        before = [m for m in named if m.end <= slot.start]
        if not before:
            contrast = self.lexicon["subject.contrast_after"]
            return [m for m in named if not contrast.search(text, slot.end, m.start)]
        coordinated = self.lexicon["subject.coordinated"]
        chain = [before[-1]]
        for previous in reversed(before[:-1]):
            if previous.start == chain[-1].start and previous.end == chain[-1].end:
                continue  # "Lincolnshire" the county and the ICB in "A, Lincolnshire and B ICBs": one name
            if not coordinated.match(text[previous.end : chain[-1].start]):
                break
            chain.append(previous)
        # "..., B for cancer and C for both": a gapped clause after the status gives its bodies a tier too
        gapped = [
            m
            for m in named
            if m.start >= slot.end and slot.framework in self.slots.tier_kinds and GAPPED_KIND.match(text, m.end)
        ]
        return chain[::-1] + gapped

    def relative_subject(
        self, slot: Slot, mentions: list[OrgMention], text: str
    ) -> tuple[list[tuple[str, Organisation, str]], float] | None:
        """The body a relative clause holding the slot follows ("the chief executive of X, which is in special
        measures, ..."): that body, wherever it stands in the sentence; None without such a clause. A relative
        clause after something that is no body ("operates within the county's system, which is in segment 4")
        is about that thing: no subject at all."""
        relative = self.lexicon["subject.relative_clause"]
        # (not the regulator inside the clause: "X, which the Care Quality Commission rated outstanding")
        before = [
            m for m in mentions if m.end <= slot.start and m.kind != "place" and m.org.type not in NON_SUBJECT_TYPES
        ]
        if before and relative.match(text[before[-1].end : slot.start]):
            last = before[-1]
            closing = self.parenthetical_end.match(text, slot.end)
            if closing is not None and slot.clause_end is None:
                slot.clause_end = closing.start(1)  # "X, which is in the RSP, is due to be assessed next year"
            return [(last.text, last.org, "subject.relative_clause")], 0.85
        clause = self.lexicon["subject.relative_after_other"].search(text, before[-1].end if before else 0, slot.start)
        if clause and not self.resolver.refers(text[: clause.start()]):
            if self.lexicon["subject.nested_subject"].search(text, clause.start(), slot.start):
                return None  # "ratings, which were handed out when the trust was put into special measures": the trust
            return [], 0.0
        return None

    def own_tier_kind(self, mention: OrgMention, kind: str, text: str) -> str | None:
        """The tier kind a gapped clause gives one organisation ("..., Royal Free for cancer, Oxford for
        electives"): None when it gives none or "both"."""
        follows = GAPPED_KIND.match(text, mention.end)
        if not follows or follows.group("what").lower() in ("both", "all", "all three"):
            return None
        kinds = self.slots.kinds_in(follows.group("what"))
        return kind if kind in kinds else (kinds[0] if kinds else None)

    def aggregate_subject(self, slot: Slot, named: list[OrgMention], text: str) -> bool:
        """True when a count ('two of our providers') stands between the organisations and the status."""
        last_org_end = max((m.end for m in named if m.end <= slot.start), default=0)
        membership = self.lexicon["membership.one_of"]
        partitive = self.lexicon["membership.partitive"]
        coordinated = self.lexicon["subject.coordinated_count"]
        # "X, which runs three hospitals, has been rated ...": a count of what X runs is no aggregate subject
        before = self.relative_running.sub(lambda m: " " * len(m.group()), text[: slot.start])
        counts = [
            m
            for m in self.resolver.aggregate.finditer(before)
            if m.start() >= last_org_end
            and not membership.search(text, 0, m.start())
            and not partitive.match(m.group())
            and not (last_org_end and coordinated.fullmatch(text, last_org_end, m.start()))
        ]
        # (bodies named after the status may be the count's members, "Two trusts are in special measures: X and
        # Y", but not those of a clause of its own: "... are in special measures following X being put in ...")
        members = [
            m
            for m in named
            if m.start >= slot.end and not self.lexicon["subject.clause_of_its_own"].search(text, slot.end, m.start)
        ]
        return bool(counts) and not members

    def update_previous_events(
        self, previous_values: list[Slot], named: list[OrgMention], text: str, state: DocState
    ) -> bool:
        """'It was previously in Tier 2': turn the last sentence's entries into moves."""
        # (a hospital's earlier rating is not its trust's: "Wexham Park ... its rating moving from inadequate")
        orgs = {m.org.ods_code for m in named if not m.is_site}
        if not named:
            org, _ = self.resolver.anaphor(text[: previous_values[0].start], state.salience)
            orgs = {org.ods_code} if org else self.last_changed(previous_values[0], text, state)
        updated = False
        for event in state.last_events:
            for prev in previous_values:
                if event.org.ods_code not in orgs or event.framework != prev.framework:
                    continue
                if not open_change(event.change, event.from_):
                    continue
                if event.to != prev.to:
                    event.from_, event.change = prev.to, "move"
                    event.rules.append("previous.next_sentence")
                    updated = True
                elif (
                    event.framework == "cqc_rating"
                    and not event.date_from_text
                    and SAME_BEFORE.search(text, 0, prev.start)
                ):
                    # "X has been rated outstanding. At its previous inspection it was also rated outstanding": the
                    # news (not a rating the story dated as history) is a rating kept
                    event.from_, event.change = prev.to, "remain"
                    event.rules.append("previous.same_next_sentence")
                    updated = True
        return updated

    def changes_to_last(
        self, sentences: list[tuple[int, int]], index: int, text: str, state: DocState
    ) -> list[Event] | None:
        """What a sentence with no status does to the last sentence's events: "Now, these have been lifted" or "It
        only came out in October last year" (the regime left), "Today NHS Improvement accepts this recommendation"
        (the proposal carried out); None when it says neither."""
        lifted = self.lexicon["anaphora.measures_lifted"].match(text)
        if lifted:
            return self.lifted_from_last(sentences, index, lifted.span(), state)
        accepted = self.lexicon["anaphora.recommendation_accepted"].match(text)
        if accepted:
            return self.accepted_from_last(sentences, index, accepted.span(), state)
        came_out = self.lexicon["anaphora.came_out"].match(text)
        if came_out and len({e.org.ods_code for e in state.last_events}) == 1:
            return self.lifted_from_last(sentences, index, came_out.span(), state, "exit.came_out")
        return None

    def lifted_from_last(
        self,
        sentences: list[tuple[int, int]],
        index: int,
        span: tuple[int, int],
        state: DocState,
        rule: str = "exit.measures_lifted",
    ) -> list[Event]:
        """ "Special measures were imposed on A and B in 2017. Now, these have been lifted": the bodies the last
        sentence put in (or found in) an intensive-support regime left it."""
        held = [
            e
            for e in state.last_events
            if e.framework in INTENSIVE and e.modality == "actual" and e.change in ("enter", "state", "remain")
        ]
        offset, end = sentences[index]
        text = state.full_text[offset:end]
        out: list[Event] = []
        for event in held:
            slot = Slot(event.framework, "out", span[0], span[1], from_="in", change="exit", rules=[rule])
            carried = self.carried_text(state.full_text, sentences, index, text, state.published)
            dates = SentenceDates(text, state.published, carried, [slot], offset)
            out += self.events_for(event.org, slot, dates, state, 0.6, event.mention, "anaphora.last_regime")
        return out

    def accepted_from_last(
        self, sentences: list[tuple[int, int]], index: int, span: tuple[int, int], state: DocState
    ) -> list[Event]:
        """ "The chief inspector has recommended that X leaves special measures. Today NHS Improvement accepts this
        recommendation": each change the last sentence proposed, now made (dated by this sentence)."""
        proposed = [e for e in state.last_events if e.modality == "proposed" and e.framework != "cqc_rating"]
        offset, end = sentences[index]
        text = state.full_text[offset:end]
        out: list[Event] = []
        for event in proposed:
            slot = Slot(
                event.framework,
                event.to,
                span[0],
                span[1],
                from_=event.from_,
                change=event.change,
                rules=["realised.recommendation_accepted_next"],
            )
            carried = self.carried_text(state.full_text, sentences, index, text, state.published)
            dates = SentenceDates(text, state.published, carried, [slot], offset)
            out += self.events_for(event.org, slot, dates, state, 0.6, event.mention, "anaphora.last_proposal")
        return out

    def drop_called_off(self, events: list[Event], text: str, state: DocState) -> list[Event]:
        """The events without those of the last sentence when this one calls them off ("They decided against
        it", "The CQC withdrew it") or denies them ("The report is wrong, the CCG said": not a CQC rating, which a
        body disputing it does not undo)."""
        if self.lexicon["anaphora.called_off"].search(text):
            dropped = {id(e) for e in state.last_events}
        elif self.lexicon["anaphora.denied"].search(text):
            # (a rating too when the last sentence told it as others' claim: "Some coverage has suggested that X
            # has been rated inadequate. This is not correct.")
            claimed = self.lexicon["anaphora.claimed_before"].search(state.previous_text or "") is not None
            dropped = {id(e) for e in state.last_events if e.framework != "cqc_rating" or claimed}
        else:
            return events
        if dropped:
            state.last_events = [e for e in state.last_events if id(e) not in dropped]
        return [e for e in events if id(e) not in dropped]

    @staticmethod
    def keep_last_rating(events: list[Event], rule: str = "remain.unchanged_next") -> None:
        """ "Its rating remains the same": the one body's new rating reported before (or, told first, just
        after) is a rating kept."""
        ratings = [e for e in events if e.framework == "cqc_rating" and e.modality == "actual"]
        if not ratings or len({e.org.ods_code for e in ratings}) > 1:
            return
        last = ratings[-1]
        if open_change(last.change, last.from_):
            last.from_, last.change = last.to, "remain"
            last.rules.append(rule)

    def last_changed(self, previous: Slot, text: str, state: DocState) -> set[str]:
        """The one body whose change of the same framework the last sentence reported, when this sentence is about
        that change ("The rating is an upgrade from requires improvement")."""
        if not self.lexicon["anaphora.last_change"].match(text):
            return set()
        bodies = {e.org.ods_code for e in state.last_events if e.framework == previous.framework}
        return bodies if len(bodies) == 1 else set()

    def list_members(
        self, text: str, named: list[OrgMention], dates: SentenceDates, state: DocState, previous_text: str
    ) -> list[Event]:
        """Organisations listed after a sentence that named the status of 'N trusts'."""
        if not named:
            return []
        residue = residue_words(text, named)
        rule = self.lists.continuation(text, previous_text, state.open_list, residue, leading_names(text, named))
        if rule is None:
            return []
        state.open_list.age = 0
        # (a line that is only a name is a list item, whether it ends in ";", "." or nothing)
        state.open_list.bare_lines = residue == 0 and (bare_line(text) or text.rstrip()[-1:] in ".;")
        if state.open_list.dates is not None and not any(d.value for d in dates.items):
            # "The following trusts were placed in special measures in July 2013: - A - B": the introduction's date
            dates = state.open_list.dates
        return [
            event
            for slot in state.open_list.slots
            for m in named
            for event in self.events_for(m.org, slot, dates, state, 0.6, m.text, rule)
        ]

    def events_for(
        self,
        org: Organisation,
        slot: Slot,
        dates: SentenceDates,
        state: DocState,
        confidence: float,
        mention: str,
        subject_rule: str,
        nth: int | None = None,
    ) -> list[Event]:
        """The events of ``org`` for ``slot``: one per occasion the sentence dates it to (only the ``nth`` when
        the dates are the bodies' respective ones); none when the framework did not cover the organisation then
        (a CQC rating of a CCG, a NOF 2025/26 segment of an ICB, "special measures" in 2009) or the organisation
        is not one nhswatch follows."""
        if org.type == OTHER:
            return []
        out = []
        whens = anchors(dates, slot, state.full_text, state.published, self.lexicon["now.words"])
        if slot.gapped_from is not None and not any(w.from_text for w in whens):
            whens = anchors(dates, slot.gapped_from, state.full_text, state.published, self.lexicon["now.words"])
        if nth is not None:
            whens = [replace(whens[nth], rule="date.respectively")]
        for when in whens:
            if slot.needs_own_date and when.from_text and dated_ahead(when.value, state.published):
                continue  # "X, once in special measures, will merge next April": history is not dated ahead
            if (
                slot.modality == "actual"
                and when.from_text
                and dated_ahead(when.value, state.published)
                and not YEAR_NAMED.search(when.text or "")
                and not announced_later(dates.text, slot, when, self.lexicon["now.announced"])
            ):
                # "Inspectors upgraded it the next year", the next year counted from the wrong year: a change told as
                # done is no later than the report; its date is unknown (a year the text names stands)
                when = Anchor(None, when.text, True, "date.after_publication")
            elif (
                slot.change in ("state", "remain")
                and slot.modality == "actual"
                and when.from_text
                and when.rule == "date.sentence"
                and dated_ahead(when.value, state.published)
            ):
                # "is already in special measures and is expected to leave them next year": a status told as now is
                # the report's; the date to come is the other clause's
                when = Anchor(state.published, None, False, "date.state_now")
            if slot.needs_own_date and not when.from_text:
                if not UNDATED_HISTORY.intersection(slot.rules) or COUNTED_GROUP.search(dates.text, 0, slot.start):
                    continue
                # "Subsequent inspections had given the trust a rating of inadequate": an event of unknown date
                when = Anchor(None, None, False, "date.unknown")
            event = self.event(org, slot, when, state, confidence, mention, subject_rule, dates.framework_label)
            if event is not None:
                out.append(event)
        return out

    def event(
        self,
        org: Organisation,
        slot: Slot,
        when: Anchor,
        state: DocState,
        confidence: float,
        mention: str,
        subject_rule: str,
        version_named: str | None = None,
    ) -> Event | None:
        """The event ``slot`` gives ``org`` at ``when``; ``version_named``: the year of a framework version the
        sentence names, which picks the version (not the date)."""
        # (a date the text gives but does not fix, "18 months later" after a year: no day, not the report's either)
        day = when.value or (None if when.rule in UNFIXED_DATES else state.published)
        rules = [*slot.rules, subject_rule, when.rule]
        # (a body named is the body named; "the trust" may mean the one the story told the history of)
        # ("the former", "the latter" point at one body the story named, as it was named)
        referred = subject_rule.startswith("anaphora.") and subject_rule != "anaphora.former_latter"
        then = self.predecessor_then(org, when.value, state) if when.from_text and referred else None
        if then is not None:
            org = then
            rules.append("org.predecessor_then")
        ran_it = self.site_owner_then(org, mention, when.value) if when.from_text else None
        if ran_it is not None:
            org = ran_it
            rules.append("org.site_owner_then")
        if org.type == "ccg" and when.from_text and when.value and org.open_date and when.value < org.open_date[:4]:
            # "A, B and C CCGs merged into X CCG last April; the three had left special measures in 2019": nothing
            # happened to a CCG before the year it was formed (ICBs took over their systems' earlier statuses)
            return None
        change, from_, to = slot.change, slot.from_, slot.to
        if when.rule in ("date.since", "date.first_imposed") and slot.framework in INTENSIVE:
            change, from_ = "enter", "out"  # "has been in special measures since July 2013": entered then
        if when.rule == "date.until":
            if slot.framework not in INTENSIVE or slot.modality != "actual" or slot.change not in ("state", "remain"):
                return None  # "was rated good until 2019": what it became then is not said
            change, from_, to = "exit", "in", "out"  # "remained in special measures until 2019": left then
        framework = frameworks.successor_for(slot.framework, org.type, day)
        if framework != slot.framework and change == "exit" and frameworks.ended_in_month_of(slot.framework, day):
            framework = slot.framework  # "until July 2021 it was in special measures; it then moved into the RSP"
        if framework != slot.framework:
            rules.append(f"framework.{slot.framework}_succeeded_by_{framework}")
        elif slot.framework == "special_measures" and not day and not when.from_text and self.rsp_story(state):
            # an undated story that also names the Recovery Support Programme tells of the programme the press
            # still calls special measures
            framework = "rsp"
            rules.append("framework.special_measures_named_with_rsp")
        version = frameworks.version_for(framework, version_named or day, to) if framework in VERSIONED else None
        if not frameworks.existed_by(framework, day or self.era_before_regimes(state)):
            return None
        if not frameworks.covers(framework, org.type, version, day):
            return None
        return Event(
            org=org,
            framework=framework,
            change=change,
            from_=from_,
            to=to,
            date=when.value,
            date_text=when.text,
            modality=_modality(slot, when, state.published),
            evidence="",
            start=0,
            end=0,
            confidence=confidence,
            framework_version=version,
            date_from_text=when.from_text,
            mention=mention,
            rules=rules,
        )

    @staticmethod
    def rsp_story(state: DocState) -> bool:
        """An undated story that names the Recovery Support Programme and whose latest year (if it gives any) is
        one the programme ran in: its undated news is after that year ("rated inadequate in 2020 ... today it was
        formally out of the Recovery Support System")."""
        if not any(t.rule in RSP_NAMES for t in state.terms):
            return False
        if RENAMED_RSP.search(state.full_text):
            return True  # "what is now called the Recovery Support Programme": told after the renaming
        return max(YEAR_WORD.findall(state.full_text), default=RSP_FIRST_YEAR) >= RSP_FIRST_YEAR

    def site_owner_then(self, org: Organisation, mention: str, day: str | None) -> Organisation | None:
        """The trust that ran a hospital named for ``org`` on ``day``, when that was the trust before a merger
        ("Hinchingbrooke Hospital was placed in special measures in 2015": Hinchingbrooke Health Care, RQQ)."""
        alias = self.gazetteer.aliases.get(normalise_alias(mention)) if day else None
        for code in alias.sites if alias else []:
            site = self.gazetteer.sites.get(code)
            if site is None:
                continue
            former = self.gazetteer.by_code.get(site.former_trust) if site.former_trust else None
            if former and org.ods_code in (site.trust_code, site.current_trust) and former.open_on(day):
                return former
        return None

    def predecessor_then(self, org: Organisation, day: str | None, state: DocState) -> Organisation | None:
        """The one predecessor of ``org`` the story names that was still open on ``day``, before it merged
        into ``org`` ("Burton Hospitals ... now part of University Hospitals of Derby and Burton. In July
        2013 the trust was put into special measures": Burton Hospitals, RJF)."""
        if not day or not org.predecessors:
            return None
        if org.open_on(day) and self.named_as_former(org, state):
            # "The Colchester trust was placed in special measures in 2013. It left in 2017": the code the successor
            # kept was the named body's then (RDE was Colchester's), not another predecessor's
            return None
        # (named before the reference: a partner named later is not who "the trust" was; by its own name, not by a
        # hospital it once ran: "The trust runs A, B and, since 2020, Weston General Hospital")
        named = {m.org.ods_code for m in state.mentions if m.start < state.sentence_start and m.kind != "site"}
        found = [
            p
            for code in org.predecessors
            if code in named
            and (p := self.gazetteer.by_code.get(code)) is not None
            and p.close_date
            and day <= p.close_date[: len(day)]
            and p.open_on(day)
        ]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def named_as_former(org: Organisation, state: DocState) -> bool:
        """The body the story named last before this sentence is ``org``, by words not in its present name (a
        former name: "The Colchester trust" for East Suffolk and North Essex)."""
        before = [m for m in state.mentions if m.start < state.sentence_start and m.kind not in ("site", "place")]
        if not before or before[-1].org.ods_code != org.ods_code:
            return False
        return not set(WORD.findall(before[-1].text.lower())) <= set(WORD.findall(org.name.lower())) | {"the"}


def drop_rating_lists(slots: list[Slot], text: str) -> list[Slot]:
    """Three or more ratings in a row ("the ratings of inadequate, requires improvement, good and outstanding")
    list the scale: none of them is anyone's rating."""
    ratings = [s for s in slots if s.framework == "cqc_rating"]
    runs: list[list[Slot]] = []
    for slot in ratings:
        if runs and RATING_LIST_GAP.fullmatch(text, runs[-1][-1].end, slot.start):
            runs[-1].append(slot)
        else:
            runs.append([slot])
    listed = {id(s) for run in runs if len({s.to for s in run}) >= 3 for s in run}
    return [s for s in slots if id(s) not in listed]


def acting_on_the_trust(mentions: list[OrgMention], text: str, lexicon: Lexicon) -> list[OrgMention]:
    """Bodies a sentence names as acting on "the trust" ("Frimley Park's acquisition of the trust", "to be
    acquired by neighbouring X") or as led by someone the story names ("Y, who also leads X"): not what "the
    trust" names next (nor is a helper, "X will act as its partner": see ``anaphora.helper_after``)."""
    helper_before = lexicon["anaphora.helper_before"]
    return [
        m
        for m in mentions
        if POSSESSIVE_OF_THE_TRUST.match(text, m.end)
        or PARTNER_BEFORE.search(text, max(0, m.start - 45), m.start)
        or helper_before.search(text, max(0, m.start - 45), m.start)
    ]


def drop_retold_undated(events: list[Event]) -> list[Event]:
    """ "When X was placed in special measures in February 2015, it became the first mental health trust to enter
    the regime": one change told twice in a sentence, dated once; not again at the publication's date."""

    def told(e: Event) -> tuple:
        # (special measures dated at the publication turn into the RSP: one regime)
        family = "regime" if e.framework in ("special_measures", "rsp") else group_framework(e.framework)
        return e.org.ods_code, family, e.change, e.to, e.modality

    dated = {told(e) for e in events if e.date_from_text and e.date}
    if not dated:
        return events
    return [e for e in events if e.date_from_text or told(e) not in dated]


def own_semicolon_part(slot: Slot, slots: list[Slot], named: list[OrgMention], text: str) -> list[OrgMention]:
    """ "A and B are in tier 1; C is in tier 2 and D in tier 3": when every part of a sentence between semicolons that
    names bodies has a status of its own, a status is about its own part's bodies only (not when the parts are the
    items of a list: "The trusts in special measures are: A; B; C")."""

    def part(position: int) -> int:
        return text.count(";", 0, position)

    own = part(slot.start)
    mine = [m for m in named if part(m.start) == own]
    others = {part(m.start) for m in named} - {own}
    if not mine or not others:
        return named
    with_status = {part(s.start) for s in slots}
    return mine if others <= with_status else named


def side_mention(mention: OrgMention, text: str, main: Organisation | None) -> bool:
    """A body named beside the story's main organisation ("Neighbouring X remains in segment 4"): not what "the
    trust" names next. (A story about that body, whose main organisation it is, still refers to it.)"""
    if main is None or mention.org.ods_code == main.ods_code:
        return False
    return SIDE_BEFORE.search(text, max(0, mention.start - 25), mention.start) is not None


def normalise(slot: Slot) -> None:
    """Make from/to follow the output conventions of each framework."""
    if slot.framework in INTENSIVE:
        if slot.change == "exit":
            slot.from_, slot.to = "in", "out"
        elif slot.change in ("enter", "move"):
            slot.change = "enter"
            slot.from_, slot.to = "out", "in"
        elif slot.change == "remain":
            slot.from_, slot.to = "in", "in"  # staying in is from in to in, as gold writes a stay
        else:
            slot.from_, slot.to = None, "in"
    elif slot.change == "exit":
        slot.from_, slot.to = slot.to, None
    elif slot.change == "remain" or (slot.change == "move" and slot.from_ == slot.to):
        slot.change, slot.from_ = "remain", slot.to  # "moved" from good to good: it stayed
    elif slot.framework == "cqc_rating" and slot.change in ("enter", "state"):
        slot.change = "move" if slot.change == "enter" else "state"


def _modality(slot: Slot, when: Anchor, published: str | None) -> str:
    """The slot's modality, except that a denied time frame already past ("did not leave special measures
    until 2019", written later) is a change that happened then."""
    denied = any(r.startswith("time_frame.") for r in slot.rules) and any(r.startswith("negated.") for r in slot.rules)
    past = bool(when.from_text and when.value and published and when.value < published[: len(when.value)])
    return "actual" if denied and past and slot.modality == "proposed" else slot.modality


def other_bodies_clauses(mentions: list[OrgMention], text: str) -> list[int]:
    """Where relative clauses about a body start ("..., joining B, which entered in 2020"): a date in one
    belongs to that body's clause, not to a status named before the body."""
    starts = []
    for mention in mentions:
        if mention.org.type not in NON_SUBJECT_TYPES and mention.kind != "place":
            clause = RELATIVE_AFTER.match(text, mention.end)
            if clause:
                starts.append(mention.start)
    return starts


def apply_previous(kept: list[Slot], previous_values: list[Slot], named: list[OrgMention], text: str) -> None:
    """Earlier statuses ("previously rated good") become the from of a change of the same body: not when
    another body is named between the two ("A was placed in segment 3, while B was in segment 4"), unless the
    earlier status opens the sentence before its body ("Formerly rated inadequate, X has been upgraded to ...")."""
    for slot in kept:
        for prev in previous_values:
            low, high = min(slot.end, prev.end), max(slot.start, prev.start)
            between = [m for m in named if low <= m.start and m.end <= high]
            fronted = (
                prev.end <= slot.start
                and len(between) == 1
                and not any(m.end <= prev.start for m in named)
                and FRONTED_GAP.fullmatch(text, prev.end, between[0].start) is not None
            )
            if between and not fronted:
                continue
            if prev.framework == slot.framework and open_change(slot.change, slot.from_) and prev.to != slot.to:
                slot.from_, slot.change = prev.to, "move"
                slot.rules.extend(prev.rules[-1:])


def relative_change(slot: Slot) -> bool:
    """A change told by a relative clause after its status ("in special measures, which it entered in 2015")."""
    return any(rule.startswith("ellipsis.relative_") for rule in slot.rules)


def earlier_than(value: str | None, published: str | None) -> bool:
    """A date before the publication day (any date, when the document has none)."""
    return bool(value) and (not published or value < published[: len(value)])


def group_framework(framework: str) -> str:
    """Tiers as one family: a group's tier kind may be read from a paragraph naming other kinds."""
    return "tier" if framework.endswith("_tier") else framework


def dated_ahead(value: str | None, published: str | None) -> bool:
    """Whether a date falls after the report's day (compared at the date's own precision)."""
    return bool(value and published and value > published[: len(value)])


def count_size(count: str, numbers: dict[str, int]) -> int | None:
    """The number a count phrase gives ("three more trusts": 3), or None."""
    for word in re.findall(r"[\w-]+", count.lower()):
        if word.isdigit():
            return int(word)
        if word in numbers:
            return numbers[word]
    return None


def open_change(change: str, from_: Any) -> bool:
    """A change whose earlier status is unknown, so a "previously ..." can supply it."""
    return change in ("enter", "state") or (change == "move" and from_ is None)


def nearest_slot(mention: OrgMention, slots: list[Slot]) -> Slot:
    following = [s for s in slots if s.start >= mention.end]
    if following:
        return following[0]
    return min(slots, key=lambda s: abs(s.start - mention.end))


def _bucket(starts: list[int], items: list, position) -> list[list]:
    """Items grouped by the sentence (given by its start offset) they fall in."""
    buckets: list[list] = [[] for _ in starts]
    for item in items:
        index = bisect_right(starts, position(item)) - 1
        if index >= 0:
            buckets[index].append(item)
    return buckets


def _is_line(text: str, start: int, end: int) -> bool:
    """A sentence that is a whole line without a full stop: a headline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return line == text[start:end].strip() and not line.endswith((".", "!", "?"))


def _paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` begins."""
    return text.rfind("\n\n", 0, offset) + 1


def _inside_quote(text: str) -> bool:
    """Whether ``text`` (a paragraph up to a point) ends inside a quotation."""
    opened = max((m.start() for m in QUOTE_OPENING.finditer(text)), default=-1)
    closed = max((m.start() for m in QUOTE_CLOSING.finditer(text)), default=-1)
    if opened > closed:
        return True
    return text.count('"') % 2 == 1


def _paragraph(text: str, offset: int) -> str:
    """The line (paragraph or list item) the sentence starting at ``offset`` belongs to."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _evidence(original: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The sentence as it stands in the original text, without surrounding space and bullets."""
    raw = original[start:end]
    stripped = raw.lstrip(" \t\n" + BULLETS)
    lead = len(raw) - len(stripped)
    stripped = stripped.rstrip(" \t\n" + BULLETS)
    return stripped, (start + lead, start + lead + len(stripped))

"""Stage 6, reference: what "the trust", "it", "we", "the two bodies" and a lede's "a trust" refer to.

The reader keeps a ``Salience`` record while it goes through a document: the last trust, the last
ICB or CCG, the last subject, the organisations last named together, the article's main
organisation and the publisher. A referring phrase resolves to the most salient organisation of a
compatible type. Each resolution returns the id of the lexicon entry that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import NUMBER_WORDS
from .gazetteer import COMMISSIONER_TYPES, NON_SUBJECT_TYPES, TRUST_TYPES, Organisation
from .mentions import INDEPENDENT_BRANDS
from .rules import Lexicon

ICB_TYPES = COMMISSIONER_TYPES
LEDE_SENTENCES = 4
OWN_TRUST = re.compile(r"\b(the|The|our|Our) Trust\b")  # case-sensitive: how a trust writes of itself
NEAREST_PRONOUN = re.compile(r"\b(we|our|us|it)\b", re.IGNORECASE)  # the pronoun nearest a status says who
PRONOUN_REACH = 80
# "An NHS trust that runs three Kent hospitals should be placed ...": what a body runs is counted, not the subject
RUNS_CLAUSE = re.compile(
    r"\b(that|which|who)\s+(also\s+)?(runs?|ran|manages?|operates?|covers?|serves?)\s+([\w'’-]+\s+){0,4}?"
    r"(hospitals|sites|services|areas|counties|towns)\b",
    re.IGNORECASE,
)
DEFINITE_OPENING = re.compile(
    r"\W*(The|the)\s+(?!(neighbouring|neighbour|other|nearby|rival|sister|partner|second|new|former|local|same)\b)"
)
INDEFINITE_TRUST = re.compile(
    r"\b(a|an|A|An)\s+([\w-]+\s+){0,3}?(trust|hospital trust|foundation trust|ambulance service)(['’]s)?(?![\w-])"
)


# "A Priory mental health hospital": a description of an independent provider's hospital
INDEPENDENT_DESCRIBED = re.compile(rf"\b{INDEPENDENT_BRANDS}\b")
# "a mental health hospital run by the Priory Group": an independent provider's, no NHS trust
INDEPENDENT_RUN_BY = re.compile(
    rf"\s*(run|owned|operated|managed)\s+by\s+(the\s+)?({INDEPENDENT_BRANDS}|a\s+private)\b"
)
# an indefinite body told as any such body: a restrictive relative clause of a condition ("a trust that misses its
# targets", not "a trust that was warned" or "a trust that runs three hospitals"), an example, a rule's condition,
# what people deserve or need ("deserve a trust rated good")
GENERIC_INDEFINITE = re.compile(
    r"\b(for example|for instance|such as|e\.g\.|any|every|each)\b"
    r"|\b(trust|hospital|provider|ccg|board)\s+(that|which|who)\s+(fails|falls|misses|breaches|meets|exceeds|reaches|"
    r"drops|slips|remains|stays|enters|exits|leaves|needs|requires|cannot|can|could|would|will|may|might|does)\b"
    r"|\b(deserves?|deserved|needs?|needed|wants?|wanted)\s+an?\s"
    r"|\b(usually|normally|typically|generally|automatically)\b"
    r"|\bwhen(ever)?\s+(the\s+)?[\w-]+\s+(rates|judges|places|puts|finds)\s+an?\s"
    r"|\bonly\s+(once|if|when|after)\b|\bunder the (new |draft )?(rules|framework|guidance|proposals|regime)\b",
    re.IGNORECASE,
)
# an indefinite body the story says it does not name, or sets apart from the one it does
UNNAMED_BODY = re.compile(r"\b(neighbouring|other|unnamed|anonymous)\b", re.IGNORECASE)
NOT_NAMED = re.compile(
    r"\b(not (been )?named|cannot be named|can't be named|would not name|declined to name)\b", re.IGNORECASE
)
# a present tense right after "the trust" ("The trust is in segment 3", "The trust remains ...")
PRESENT_AFTER = re.compile(r"\s+((now|still|currently)\s+)?(is|remains|sits|stays|has been|continues)\b", re.IGNORECASE)


@dataclass
class Salience:
    """Who the document has been talking about."""

    publisher: Organisation | None = None
    main_org: Organisation | None = None
    last_trust: Organisation | None = None
    last_icb: Organisation | None = None
    last_subject: Organisation | None = None
    last_group: list[Organisation] = field(default_factory=list)
    sentence_index: int = 0
    sole_provider: bool = False  # the main organisation is the only provider the document names
    main_in_lede: bool = True  # the main organisation is named in the lede, so a lede's description may be it
    lede_providers: int = 1  # how many providers the lede names ("Kent hospitals" may be several of them)
    last_named_count: int = 0  # how many bodies the last sentence naming any named ("we" is which of them?)
    last_subject_site: bool = False  # the last subject was named by its hospital ("King's Mill Hospital ... It")
    # the last sentence named a body helping another ("X will act as its partner"): whether "the trust" or "it" is
    # then the helper or the helped is unclear
    helper_named: bool = False
    # the last trust is the story's own again because a paragraph opened with "The trust" after a neighbour's
    returned_to_topic: bool = False
    first_provider: Organisation | None = None  # the provider the story names first
    first_opens_story: bool = False  # ... and it is named in the story's first sentence
    # a sentence naming nobody quotes "the trust's chief executive": its "we" is a trust's, not an ICB's ...
    trust_speaking: bool = False
    # ... and which trust is unsaid when the last one named is a neighbour of the story's own
    speaker_unclear: bool = False
    # a sentence after the one naming the last trust went on about it ("X was rated inadequate. It was placed in
    # special measures"): the story has turned to it, so a later paragraph's "The trust" may still be it
    trust_continued: bool = False
    trust_named_at: int = -1  # the sentence that last named a trust (so that "went on about it" is a later one)
    # the last trust the previous sentence named in any role ("patients are treated at X"), for "The trust, which ..."
    mentioned_trust: Organisation | None = None

    def remember(self, org: Organisation) -> None:
        self.returned_to_topic = self.trust_speaking = self.speaker_unclear = False
        if org.type not in ICB_TYPES | NON_SUBJECT_TYPES:
            self.trust_continued = False
            self.trust_named_at = self.sentence_index
        if org.type in ICB_TYPES:
            self.last_icb = org
        elif org.type not in NON_SUBJECT_TYPES:
            self.last_trust = org
        if org.type not in NON_SUBJECT_TYPES:
            self.last_subject = org

    @property
    def in_lede(self) -> bool:
        return self.sentence_index < LEDE_SENTENCES


class Resolver:
    """Resolves referring phrases against a ``Salience`` record."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.aggregate = lexicon["aggregate.count"]

    def anaphor(self, before: str, salience: Salience) -> tuple[Organisation | None, str]:
        """The organisation 'the trust', 'the ICB', 'it' or 'we' (ending ``before``) refers to, and the rule
        that decided; no organisation with a rule when the phrase refers to something else ("the service")."""
        org, rule = self.resolve(before, salience)
        last = salience.last_trust
        if org is not None and last is not None and org.ods_code == last.ods_code:
            salience.trust_continued |= salience.sentence_index > salience.trust_named_at
        return org, rule

    def resolve(self, before: str, salience: Salience) -> tuple[Organisation | None, str]:
        """``anaphor``'s answer, without noting that the story went on about the body."""
        counted = self.counted(before)
        if counted and RUNS_CLAUSE.search(before):
            counted = self.counted(RUNS_CLAUSE.sub(lambda m: " " * len(m.group()), before))
        if counted and not self.lexicon["anaphora.trust_with_parts"].search(before):
            # "Despite 10 out of our 14 services being rated good, we have been given ...": a count in a clause
            # before the pronoun's own is not what the pronoun stands for
            clause = before[before.rfind(",") + 1 :]
            # ("Whilst some services were rated good, the trust as a whole was rated inadequate": "the trust" too)
            refers = self.lexicon["anaphora.pronoun"].search(clause) or self.lexicon["anaphora.trust"].search(clause)
            if self.counted(clause) or not refers:
                return None, ""
            before = clause
        publisher = salience.publisher
        if self.lexicon["anaphora.icb"].search(before):
            org = salience.last_icb or (publisher if publisher and publisher.type in ICB_TYPES else None)
            main = salience.main_org
            if org is None and salience.in_lede and main is not None and main.type in ICB_TYPES:
                org = main  # a lede may say "the clinical commissioning group" before naming it
            return org, "anaphora.icb"
        responsible = self.lexicon["anaphora.indefinite"].search(before) if "responsible" in before else None
        if responsible and responsible.group().lower().startswith("the "):
            # "The organisation responsible for healthcare in Shropshire has been placed ...": the lede's commissioner
            described = self.description_of_main(before, salience)
            return (salience.main_org, described) if described else (None, "anaphora.indefinite")
        found = self.lexicon["anaphora.trust"].search(before)
        if salience.helper_named and (found or self.lexicon["anaphora.pronoun"].search(before)):
            return None, "anaphora.helper_unclear"
        if salience.speaker_unclear and (found or self.lexicon["anaphora.pronoun"].search(before)):
            return None, "anaphora.speaker_unclear"
        own = self.publisher_itself(before, found, salience)
        if own is not None:
            return own, "anaphora.publisher_itself"
        if found:
            if INDEFINITE_TRUST.search(before, 0, found.start()):
                # "an ambulance trust's leaders were criticised as the trust's rating was downgraded": the body the
                # sentence has just introduced, not the last one named (the lede's main one, if it fits)
                described = self.description_of_main(before, salience)
                return (salience.main_org, described) if described else (None, "anaphora.trust")
            org = self.trust_referred(salience)
            mentioned = salience.mentioned_trust
            if (
                mentioned is not None
                and (org is None or mentioned.ods_code != org.ods_code)
                and self.lexicon["anaphora.identified_opening"].match(before)
            ):
                # "Patients are often treated at X. The trust, which specialises in ..., was placed in segment 1": a
                # relative clause saying which trust is meant points at the trust just named
                return mentioned, "anaphora.identified_opening"
            main = salience.main_org
            if (
                org is not None
                and main is not None
                and org.close_date
                and main.ods_code in org.successors
                and PRESENT_AFTER.match(before, found.end())
            ):
                # "Burton Hospitals had been placed in special measures in 2013. ... The trust is in segment 3": what
                # a body is now is its successor's, the story's own (a closed predecessor is nothing now)
                org = main
            if org is not None and self.lexicon["anaphora.service"].search(found.group()) and not self.is_service(org):
                return None, "anaphora.service"  # "The CQC rated the service as outstanding": one of its services
            if org is not None and "ambulance" in found.group().lower() and "ambulance" not in org.name.lower():
                return None, "anaphora.service"  # "the county's ambulance service" after a trust that runs one
            if org is not None and salience.returned_to_topic:
                return org, "anaphora.paragraph_topic"
            return (org, "anaphora.trust") if org is not None else (None, "")
        described = self.description_of_main(before, salience)
        if described:
            return salience.main_org, described
        if self.lexicon["anaphora.pronoun"].search(before):
            if self.lexicon["anaphora.regulator_it"].search(before):
                return None, ""  # "NHS Improvement ... said it could extend the scheme": the regulator
            pronouns = NEAREST_PRONOUN.findall(before[-PRONOUN_REACH:])
            if publisher is None and salience.last_named_count > 1 and pronouns and pronouns[-1].lower() != "it":
                # "X's chief executive will join Y. 'When we received our inadequate rating ...'": whose "we" is
                # unsaid when the last sentence named two bodies and no publisher speaks
                return None, "anaphora.pronoun"
            if salience.trust_speaking and pronouns and pronouns[-1].lower() != "it":
                return self.trust_referred(salience), "anaphora.trust_speaking"
            org = salience.last_subject or (
                publisher if publisher and publisher.type not in NON_SUBJECT_TYPES else None
            )
            if org is None and salience.in_lede and salience.main_in_lede and salience.main_org is not None:
                owned = self.lexicon["anaphora.indefinite_owned"].search(before)
                if owned and self.same_kind(owned.group(), salience.main_org):
                    return salience.main_org, "anaphora.indefinite_owned"
            return org, "anaphora.pronoun"
        return None, ""

    def counted(self, text: str) -> bool:
        """A count in ``text`` that is a subject ("two trusts"), not a group something belongs to ("a hospital
        long viewed as among the most challenged trusts", "one of the worst trusts")."""
        membership, partitive = self.lexicon["membership.one_of"], self.lexicon["membership.partitive"]
        return any(
            not membership.search(text, 0, m.start()) and not partitive.match(m.group())
            for m in self.aggregate.finditer(text)
        )

    def description_of_main(self, before: str, salience: Salience) -> str | None:
        """The rule by which a lede's "a trust" or a headline's bare "Trust remains ..." describes the story's main
        organisation (of that kind, named within the lede), or None."""
        main = salience.main_org
        if main is None or not salience.main_in_lede:
            return None
        indefinite = self.lexicon["anaphora.indefinite"].search(before) if salience.in_lede else None
        if indefinite and (UNNAMED_BODY.search(indefinite.group()) or NOT_NAMED.search(before, indefinite.end())):
            return None  # "a neighbouring trust, which cannot be named ...", "a trust - not named by the regulator -"
        if indefinite and GENERIC_INDEFINITE.search(before[max(0, indefinite.start() - 40) :]):
            return None  # "a trust that misses them could remain", "For example, a trust in segment 1": any such trust
        run_by = INDEPENDENT_RUN_BY.match(before, indefinite.end()) if indefinite else None
        if indefinite and (INDEPENDENT_DESCRIBED.search(indefinite.group()) or run_by):
            return None  # "A Priory mental health hospital ...": an independent provider's, not the story's NHS body
        if indefinite and self.lexicon["anaphora.indefinite_in_phrase"].search(before, 0, indefinite.start()):
            return None  # "experience of working in a trust in special measures": any such trust, no subject
        if indefinite and self.same_kind(indefinite.group(), main):
            if indefinite.group().lower().endswith("hospitals") and salience.lede_providers > 1:
                return None  # "Kent hospitals ...", the lede naming two trusts: which of them is unsaid
            return "anaphora.indefinite"
        # (a headline, or the first sentence after it opening with a definite description: "The UK's biggest
        # ambulance service is to become the first ...")
        first_line = salience.sentence_index == 0 or (salience.sentence_index == 1 and DEFINITE_OPENING.match(before))
        headline = self.lexicon["anaphora.headline"].match(before) if first_line else None
        if headline and self.same_kind(headline.group(), main):
            return "anaphora.headline"
        return None

    def return_to_topic(self, text: str, salience: Salience) -> bool:
        """At a paragraph's first sentence ``text`` opening with "The trust" when the last trust named is a
        neighbour, make the story's own trust the last trust again; True when it did."""
        topic, last = self.topic_trust(salience), salience.last_trust
        if topic is None or last is None or last.ods_code == topic.ods_code or salience.trust_continued:
            return False
        if not self.lexicon["anaphora.paragraph_topic"].match(text):
            return False
        salience.remember(topic)
        salience.returned_to_topic = True
        return True

    def note_speaker(self, text: str, names_anyone: bool, salience: Salience) -> None:
        """A sentence naming nobody that quotes "the trust's chief executive" (or "its chair"): what "we" says
        is that trust's; which trust is unclear when the last one named is not the story's own."""
        if names_anyone or not self.lexicon["anaphora.trust_speaker"].search(text):
            return
        salience.trust_speaking = True
        topic, last = self.topic_trust(salience), salience.last_trust
        salience.speaker_unclear = topic is not None and last is not None and last.ods_code != topic.ods_code

    def publisher_itself(self, before: str, found: re.Match[str] | None, salience: Salience) -> Organisation | None:
        """On a trust's own page, "the Trust" (capitalised, as trusts write of themselves) and "we"/"our" are the
        trust, whichever neighbour the page named last."""
        publisher = salience.publisher
        if publisher is None or publisher.type not in TRUST_TYPES:
            return None
        if found is not None:
            return publisher if OWN_TRUST.search(found.group()) else None
        pronouns = NEAREST_PRONOUN.findall(before[-PRONOUN_REACH:])
        if pronouns and pronouns[-1].lower() != "it" and self.lexicon["anaphora.pronoun"].search(before):
            return publisher
        return None

    @staticmethod
    def topic_trust(salience: Salience) -> Organisation | None:
        """The trust a story is about: the first provider it names, when its first sentence names it or no other
        provider is named more often (one naming a neighbour's three hospitals may count the neighbour more)."""
        first, main = salience.first_provider, salience.main_org
        if first is None:
            return None
        if salience.first_opens_story:
            return first  # the story opens with it, however often it names a neighbour later
        if main is not None and main.ods_code != first.ods_code and main.type not in ICB_TYPES:
            return None
        return first

    @staticmethod
    def trust_referred(salience: Salience) -> Organisation | None:
        """The provider "the trust" refers to: the last one named, else the publisher, else (in a headline or
        lede, which may say "the ambulance service" before naming it) the article's main organisation."""
        if salience.last_trust:
            return salience.last_trust
        publisher = salience.publisher
        if publisher and publisher.type not in ICB_TYPES | NON_SUBJECT_TYPES:
            return publisher
        main = salience.main_org
        # (beyond the lede too when it is the only provider the story names: "The CQC rated the services
        # provided by X ... The trust had previously been rated outstanding")
        known = salience.in_lede or salience.sole_provider
        return main if known and main is not None and main.type not in ICB_TYPES else None

    @staticmethod
    def is_service(org: Organisation | None) -> bool:
        """An organisation that is itself a service ("East of England Ambulance Service NHS Trust")."""
        return org is not None and "service" in org.name.lower()

    def same_kind(self, phrase: str, org: Organisation) -> bool:
        """A description ("a hospital trust", "a clinical commissioning group") fits a body of its kind only."""
        commissioner = self.lexicon["anaphora.commissioner"].search(phrase) is not None
        return commissioner == (org.type in ICB_TYPES)

    def refers(self, before: str) -> bool:
        """True when ``before`` ends with a referring phrase ("the trust", "it", "the ICB")."""
        return self.lexicon["anaphora.at_end"].search(before[-60:]) is not None

    def group(self, before: str, salience: Salience, numbers: dict[str, int]) -> list[Organisation]:
        """'the four organisations', 'both trusts', 'these systems' naming the last group of that size."""
        group = salience.last_group
        found = self.lexicon["anaphora.group"].search(before)
        if not group or not found:
            return []
        count = (found.group("count") or "").lower()
        size = 2 if found.group("det").lower() == "both" else numbers.get(count, NUMBER_WORDS.get(count))
        if size is None and count.isdigit():
            size = int(count)
        return list(group) if size is None or size == len(group) else []

"""Reference (extract.reference): what "the trust", "it", "the two bodies" refer to."""

from __future__ import annotations

from nhswatch.extract.gazetteer import Organisation
from nhswatch.extract.reference import Resolver, Salience
from nhswatch.extract.rules import load_rules

RESOLVER = Resolver(load_rules()[2])
NUMBERS = load_rules()[1]
TRUST = Organisation("RPA", "Medway NHS Foundation Trust", "trust")
OTHER_TRUST = Organisation("R1H", "Barts Health NHS Trust", "trust")
ICB = Organisation("QKS", "NHS Kent and Medway Integrated Care Board", "icb")


def test_the_trust_is_the_last_trust():
    salience = Salience()
    salience.remember(TRUST)
    salience.remember(ICB)
    assert RESOLVER.anaphor("Last year the trust was ", salience) == (TRUST, "anaphora.trust")


def test_the_icb_is_the_last_icb():
    salience = Salience()
    salience.remember(ICB)
    salience.remember(TRUST)
    assert RESOLVER.anaphor("The ICB has been ", salience)[0] == ICB


def test_we_on_a_trust_newsroom_is_the_publisher():
    assert RESOLVER.anaphor("We have been ", Salience(publisher=TRUST))[0] == TRUST


def test_a_count_refers_to_no_one():
    salience = Salience()
    salience.remember(TRUST)
    assert RESOLVER.anaphor("Three trusts were ", salience)[0] is None


def test_the_two_bodies_are_the_last_pair():
    salience = Salience(last_group=[TRUST, ICB])
    assert RESOLVER.group("The two bodies ", salience, NUMBERS) == [TRUST, ICB]


def test_a_number_that_does_not_fit_the_group_refers_to_no_one():
    salience = Salience(last_group=[TRUST, OTHER_TRUST])
    assert RESOLVER.group("The four trusts ", salience, NUMBERS) == []


def test_an_indefinite_trust_in_the_lede_is_the_main_organisation():
    salience = Salience(main_org=TRUST)
    assert RESOLVER.anaphor("A scandal-hit hospital trust has been ", salience)[0] == TRUST


def test_the_commissioning_group_in_the_lede_is_the_main_ccg():
    ccg = Organisation("05A", "NHS Coventry and Rugby CCG", "ccg")
    salience = Salience(main_org=ccg)
    assert RESOLVER.anaphor("Services improved after the clinical commissioning group was ", salience)[0] == ccg

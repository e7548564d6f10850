"""Quotations and their speakers, on short texts written for the test."""

from __future__ import annotations


def quotes(facts):
    return [(q.speaker.name if q.speaker else None, q.speaker_text, q.text) for q in facts.quotes]


def test_said_after_the_quote_names_the_speaker(facts_of):
    facts = facts_of("“We will not give up the harbour,” said Anna Lindqvist.")
    assert quotes(facts) == [("Anna Lindqvist", "Anna Lindqvist", "We will not give up the harbour")]


def test_speaker_before_a_colon(facts_of):
    facts = facts_of('Swedish Foreign Minister Anna Lindqvist said: "The talks must go on without delay."')
    assert quotes(facts) == [("Anna Lindqvist", "Anna Lindqvist", "The talks must go on without delay.")]


def test_quote_split_by_its_attribution_keeps_its_speaker(facts_of):
    facts = facts_of(
        "“The harbour stays open,” Lindqvist said on Monday. “Nobody will close it while I am here.”"
    )
    assert [q[0] for q in quotes(facts)] == ["Lindqvist", "Lindqvist"]


def test_he_said_after_a_quote_is_the_person_last_reported_speaking_not_a_name_in_the_quote(facts_of):
    facts = facts_of(
        "Kremlin spokesman Piotr Varga told reporters that the meeting was useful.\n\n"
        "“There was nothing of this kind under Walter Denholm, and now there is a real chance to talk,” he said."
    )
    assert [q[0] for q in quotes(facts)] == ["Piotr Varga"]


def test_quote_running_over_two_paragraphs(facts_of):
    facts = facts_of(
        "“We have done what we promised and the harbour is open again for every ship,\n\n"
        "“and nobody in this city will be able to close it again,” said Anna Lindqvist."
    )
    assert [q[0] for q in quotes(facts)] == ["Anna Lindqvist", "Anna Lindqvist"]


def test_unnamed_speaker_keeps_its_description_and_no_entity(facts_of):
    facts = facts_of("“The ceasefire will not hold for long,” a senior official said.")
    assert quotes(facts) == [(None, "a senior official", "The ceasefire will not hold for long")]


def test_quote_without_attribution_and_scare_quotes_are_left_out(facts_of):
    facts = facts_of(
        "The plan was called “a disaster for everyone involved” in the press. "
        'Anna Lindqvist called the talks "useful".'
    )
    assert quotes(facts) == []


def test_cited_person_is_the_speaker_of_what_an_agency_reports(facts_of):
    facts = facts_of(
        "“The two leaders can meet within days if they wish,” news agency Reuters reported, "
        "citing Piotr Varga's interview with the newspaper."
    )
    assert [q[0] for q in quotes(facts)] == ["Piotr Varga"]

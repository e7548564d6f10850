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
    # One quotation interrupted by its attribution is one statement, written as the article
    # writes it: both parts and the attribution between them.
    assert quotes(facts) == [
        (
            "Lindqvist",
            "Lindqvist",
            "The harbour stays open,” Lindqvist said on Monday. “Nobody will close it while I am here.",
        )
    ]


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
    [(speaker, _, text)] = quotes(facts)
    assert speaker == "Anna Lindqvist"
    assert text.startswith("We have done what we promised") and text.endswith("close it again")


def test_unnamed_speaker_keeps_its_description_and_no_entity(facts_of):
    facts = facts_of("“The ceasefire will not hold for long,” a senior official said.")
    assert quotes(facts) == [(None, "a senior official", "The ceasefire will not hold for long")]


def test_quote_without_attribution_and_scare_quotes_are_left_out(facts_of):
    facts = facts_of(
        "The plan was called “a disaster for everyone involved” in the press. "
        'The so-called "reform" of the harbour began in May.'
    )
    assert quotes(facts) == []


def test_quoted_words_in_what_someone_is_reported_calling_something_are_theirs(facts_of):
    facts = facts_of("Anna Lindqvist called the plan “reckless” and “a gift to smugglers”.")
    # Both phrases are one statement: one thing she is reported saying.
    assert quotes(facts) == [("Anna Lindqvist", "Anna Lindqvist", "reckless” and “a gift to smugglers")]


def test_a_dash_and_a_name_closing_the_paragraph_sign_the_quotation(facts_of):
    facts = facts_of(
        "Readers wrote to us after the debate.\n"
        "“He did not answer a single question about the harbour.” ― Karel Vondrak\n"
        "“I will vote for the first time this year.” ― Anna Lindqvist"
    )
    assert [(q[0], q[2][:12]) for q in quotes(facts)] == [
        ("Karel Vondrak", "He did not a"),
        ("Anna Lindqvist", "I will vote "),
    ]


def test_question_ending_the_quotation_still_finds_its_speaker(facts_of):
    facts = facts_of("“Does anybody know what the harbour plan is?” Karel Vondrak asked. “Neither do I.”")
    assert quotes(facts) == [
        (
            "Karel Vondrak",
            "Karel Vondrak",
            "Does anybody know what the harbour plan is?” Karel Vondrak asked. “Neither do I.",
        )
    ]


def test_speaker_introduced_with_a_colon_in_the_paragraph_before(facts_of):
    facts = facts_of(
        "The mayor, Karel Vondrak, wrote on Monday:\n\n“The harbour will stay open for every ship.”"
    )
    assert [q[0] for q in quotes(facts)] == ["Karel Vondrak"]


def test_cited_person_is_the_speaker_of_what_an_agency_reports(facts_of):
    facts = facts_of(
        "“The two leaders can meet within days if they wish,” news agency Reuters reported, "
        "citing Piotr Varga's interview with the newspaper."
    )
    assert [q[0] for q in quotes(facts)] == ["Piotr Varga"]


def test_a_quote_knows_the_names_it_speaks_of_but_not_its_speaker(facts_of):
    facts = facts_of(
        "“Franz Weber must resign and Austria must act,” Anna Lindqvist said on Monday.",
        published="1997-04-15",
    )
    (quote,) = facts.quotes
    assert [e.name for e in quote.mentions] == ["Franz Weber", "Austria"]
    assert quote.date == "1997-04-14"


def test_the_outlet_a_quote_was_said_to(facts_of):
    facts = facts_of("“We are ready to talk at any time,” Anna Lindqvist told the French newspaper Le Monde.")
    (quote,) = facts.quotes
    assert (quote.speaker.name, quote.outlet.name if quote.outlet else None) == ("Anna Lindqvist", "Le Monde")
    # "told reporters" is no outlet.
    (quote,) = facts_of("“We are ready to talk at any time,” Anna Lindqvist told reporters.").quotes
    assert quote.outlet is None


def test_reporting_chain_from_the_relaying_outlet_back_to_the_interview(facts_of):
    facts = facts_of(
        "In an interview with the French newspaper Le Monde, Anna Lindqvist said the harbour would stay open.\n"
        "“Nobody will close the harbour while I am here,” news agency Reuters reported, citing "
        "Lindqvist’s interview to the newspaper."
    )
    (quote,) = facts.quotes
    assert quote.speaker.name == "Anna Lindqvist"
    assert quote.relayed_by.name == "Reuters"
    assert quote.outlet.name == "Le Monde"


def test_a_programme_title_in_quotation_marks_is_no_statement(facts_of):
    facts = facts_of("On “The Morning Show with Ann Berg,” Anna Lindqvist said the talks had failed.")
    assert facts.quotes == ()


def test_a_curly_opening_closed_by_a_straight_mark(facts_of):
    facts = facts_of('“The harbour stays open to every ship," Anna Lindqvist said in a statement.')
    assert quotes(facts) == [("Anna Lindqvist", "Anna Lindqvist", "The harbour stays open to every ship")]


def test_a_quoted_transcript_gives_each_line_to_the_speaker_it_names(facts_of):
    facts = facts_of(
        "Vice presidential candidate Karel Vondrak was asked about the harbour on Sunday.\n\n"
        '"VONDRAK: Well, look, the harbour will stay open as long as we are in charge.\n\n'
        '"HOST: And the ships, sir?"'
    )
    assert [(q[0], q[2]) for q in quotes(facts)] == [
        ("Karel Vondrak", "Well, look, the harbour will stay open as long as we are in charge."),
        (None, "And the ships, sir?"),
    ]

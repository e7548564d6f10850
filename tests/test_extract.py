"""Extraction patterns, each on short sentences written for the test."""

from __future__ import annotations


def events(facts, kind="meeting"):
    return {
        (tuple(p.name for p in e.participants), e.date, e.place.name if e.place else None, e.status)
        for e in facts.events
        if e.type == kind
    }


def test_verb_meeting_with_date_and_place(facts_of):
    facts = facts_of(
        "French President Pierre Delacroix met German Chancellor Anton Brenner in Bonn on Monday.",
        published="1997-04-15",
    )
    assert events(facts) == {(("Anton Brenner", "Pierre Delacroix"), "1997-04-14", "Bonn", "occurred")}


def test_modal_meeting_is_planned_and_date_is_future(facts_of):
    facts = facts_of("Pierre Delacroix will meet Anton Brenner on Monday.", published="1997-04-15")
    assert events(facts) == {(("Anton Brenner", "Pierre Delacroix"), "1997-04-21", None, "planned")}


def test_agreed_to_meet_is_planned(facts_of):
    facts = facts_of("Pierre Delacroix and Anton Brenner agreed to meet in Paris.")
    assert {e.status for e in facts.events} == {"planned"}


def test_negated_meeting_did_not_occur(facts_of):
    facts = facts_of("Pierre Delacroix did not meet Anton Brenner during the visit.")
    assert {e.status for e in facts.events} == {"not_occurred"}


def test_refused_meeting_did_not_occur(facts_of):
    facts = facts_of("Pierre Delacroix refused to meet Anton Brenner.")
    assert {e.status for e in facts.events} == {"not_occurred"}


def test_conditional_meeting_is_not_reported_as_held(facts_of):
    facts = facts_of("If Pierre Delacroix meets Anton Brenner, the dispute may end.")
    assert "occurred" not in {e.status for e in facts.events}


def test_question_is_not_reported_as_held(facts_of):
    facts = facts_of("Did Pierre Delacroix meet Anton Brenner in Bonn?")
    assert "occurred" not in {e.status for e in facts.events}


def test_nominal_meeting_between_with_planning_noun(facts_of):
    facts = facts_of("Preparations are under way for a summit between Pierre Delacroix and Anton Brenner.")
    assert events(facts) == {(("Anton Brenner", "Pierre Delacroix"), None, None, "planned")}


def test_held_talks_with(facts_of):
    facts = facts_of("Pierre Delacroix held talks with Anton Brenner in Bonn on March 3.")
    assert events(facts) == {(("Anton Brenner", "Pierre Delacroix"), "--03-03", "Bonn", "occurred")}


def test_surname_resolves_to_full_name(facts_of):
    facts = facts_of("Pierre Delacroix arrived in Germany. Delacroix met Anton Brenner on Friday.")
    assert {p.name for e in facts.events for p in e.participants} == {
        "Pierre Delacroix",
        "Anton Brenner",
    }


def test_a_surname_the_tagger_left_untagged_is_the_full_name_that_bears_it(nlp):
    from kg.extract import text_for_nlp
    from kg.extract.entities import index_entities

    doc = nlp(text_for_nlp("Tomas Revik, director of the institute, spoke first. Later Revik left."))
    # The tagger's slip, made certain: the bare surname untagged.
    doc.ents = [e for e in doc.ents if e.text != "Revik"]
    index = index_entities(doc)
    surname = [t for t in doc if t.text == "Revik"][-1]
    assert index.entity_at(surname) is not None and index.entity_at(surname).name == "Tomas Revik"


def test_one_participant_is_no_fact(facts_of):
    assert facts_of("Pierre Delacroix met reporters in Bonn.").events == ()


def test_phone_call(facts_of):
    facts = facts_of(
        "Pierre Delacroix and Anton Brenner held a telephone conversation on Sunday.",
        published="1997-04-15",
    )
    assert events(facts, "call") == {(("Anton Brenner", "Pierre Delacroix"), "1997-04-13", None, "occurred")}
    assert events(facts, "meeting") == set()


def test_spoke_by_telephone_with_a_partner_hung_on_the_telephone(facts_of):
    facts = facts_of("Piotr Varga spoke by telephone with Franz Weber on Friday.", published="2024-05-20")
    assert events(facts, "call") == {(("Franz Weber", "Piotr Varga"), "2024-05-17", None, "occurred")}


def test_phoned_verb(facts_of):
    facts = facts_of("Pierre Delacroix phoned Anton Brenner on Sunday.", published="1997-04-15")
    assert events(facts, "call") == {(("Anton Brenner", "Pierre Delacroix"), "1997-04-13", None, "occurred")}


def test_anaphoric_meeting_adds_date_and_reports_it_held(facts_of):
    facts = facts_of(
        "Pierre Delacroix invited Anton Brenner to the Elysee Palace for talks. "
        "During the meeting on May 2, they discussed trade."
    )
    assert events(facts) == {(("Anton Brenner", "Pierre Delacroix"), "--05-02", "Elysee Palace", "occurred")}


def test_interview_with_outlet(facts_of):
    facts = facts_of(
        "Foreign minister Anna Lindqvist said in an interview with the Daily Courier newspaper that talks would resume."
    )
    assert {(i.outlet.name, i.person.name) for i in facts.interviews} == {("Daily Courier", "Anna Lindqvist")}


def test_told_known_outlet_is_an_interview(facts_of):
    facts = facts_of("Anna Lindqvist told Reuters that the talks had failed.")
    assert {(i.outlet.name, i.person.name) for i in facts.interviews} == {("Reuters", "Anna Lindqvist")}


def test_told_reporters_is_no_interview(facts_of):
    assert facts_of("Anna Lindqvist told reporters that the talks had failed.").interviews == ()


def test_outlet_reporting_is_no_interview(facts_of):
    assert facts_of("Reuters reported that Anna Lindqvist had resigned.").interviews == ()


def test_premodifier_role_with_country(facts_of):
    facts = facts_of("Swedish Foreign Minister Anna Lindqvist arrived on Monday.")
    assert {(r.person.name, r.title, r.org.name) for r in facts.roles} == {
        ("Anna Lindqvist", "foreign minister", "Sweden")
    }


def test_spokesman_is_spokesperson(facts_of):
    facts = facts_of("Pentagon spokesman Mark Tollbridge declined to comment.")
    assert {(r.person.name, r.title, r.org.name) for r in facts.roles} == {
        ("Mark Tollbridge", "spokesperson", "Pentagon")
    }


def test_appositive_role_with_of_phrase(facts_of):
    facts = facts_of("Anna Lindqvist, the Swedish secretary of state, arrived on Monday.")
    assert ("Anna Lindqvist", "secretary of state", "Sweden") in {
        (r.person.name, r.title, r.org.name) for r in facts.roles
    }


def test_title_without_organisation_is_no_role(facts_of):
    assert facts_of("President Anna Lindqvist arrived on Monday.").roles == ()


def test_evidence_span_points_at_the_sentence(facts_of):
    text = "Nothing happened at first.\n\nPierre Delacroix met Anton Brenner in Bonn."
    facts = facts_of(text)
    [event] = facts.events
    [evidence] = event.evidence
    assert (
        text[evidence.start : evidence.end]
        == evidence.sentence
        == "Pierre Delacroix met Anton Brenner in Bonn."
    )


def test_prepared_to_meet_is_planned(facts_of):
    facts = facts_of("Pierre Delacroix said Wednesday he was prepared to meet Anton Brenner.")
    assert {e.status for e in facts.events} == {"planned"}


def test_arriving_for_talks_is_planned_until_the_article_says_they_were_held(facts_of):
    facts = facts_of("Pierre Delacroix arrived in Bonn on Tuesday for talks with Anton Brenner.")
    assert {e.status for e in facts.events} == {"planned"}
    facts = facts_of(
        "Pierre Delacroix flew into Bonn for talks with Anton Brenner. Brenner praised the army. "
        "After their meeting, Delacroix went on to Paris."
    )
    assert {e.status for e in facts.events} == {"occurred"}


def test_said_after_talks_with_names_both_sides(facts_of):
    facts = facts_of('"We agree," Pierre Delacroix said after talks with Anton Brenner in Bonn.')
    assert events(facts) == {(("Anton Brenner", "Pierre Delacroix"), None, "Bonn", "occurred")}


def test_one_visitor_meeting_several_hosts_is_several_meetings(facts_of):
    facts = facts_of(
        "In Bonn, Pierre Delacroix will also meet President Roman Halder, Chancellor Anton Brenner and Foreign Minister Ulrich Brandtner."
    )
    pairs = {tuple(p.name for p in e.participants) for e in facts.events}
    assert pairs == {
        ("Pierre Delacroix", "Roman Halder"),
        ("Anton Brenner", "Pierre Delacroix"),
        ("Pierre Delacroix", "Ulrich Brandtner"),
    }


def test_a_meeting_between_several_parties_stays_one(facts_of):
    facts = facts_of(
        "A meeting between Pierre Delacroix, Anton Brenner and Peter Ashcombe took place in Paris on Monday."
    )
    assert [len(e.participants) for e in facts.events] == [3]


def test_pronoun_takes_the_person_named_before_it_in_its_sentence(facts_of):
    facts = facts_of(
        "Pierre Delacroix left early. The talks came before Anton Brenner's trip to Paris, where he will meet Peter Ashcombe."
    )
    assert {tuple(p.name for p in e.participants) for e in facts.events} == {
        ("Anton Brenner", "Peter Ashcombe")
    }


def test_pronoun_with_several_candidates_before_it_gives_no_fact(facts_of):
    facts = facts_of(
        "Pierre Delacroix and Anton Brenner arrived. Diplomats said Peter Ashcombe and Felipe Morante would join. He later met Walter Denholm."
    )
    assert facts.events == ()


def test_definite_description_names_the_person_introduced_with_that_title(facts_of):
    facts = facts_of(
        "Polish President Karel Vondrak arrived in Vienna on Monday. "
        "Austrian Chancellor Franz Weber said he would receive the Polish leader on Tuesday.",
        published="1997-04-15",
    )
    assert events(facts) == {(("Franz Weber", "Karel Vondrak"), "1997-04-15", None, "planned")}


def test_description_that_fits_two_people_is_left_alone(facts_of):
    facts = facts_of(
        "Ruritanian President Karel Vondrak and Ruritanian President-elect Ivo Maly spoke. "
        "Foreign Minister Franz Weber met the president on Monday."
    )
    # "the president" fits only Vondrak ("president-elect" is another title); with a second
    # Ruritanian president in the article, nothing would be linked.
    assert {tuple(p.name for p in e.participants) for e in facts.events} <= {("Franz Weber", "Karel Vondrak")}
    facts = facts_of(
        "President Karel Vondrak and President Ivo Maly spoke. Foreign Minister Franz Weber met the president."
    )
    assert facts.events == ()


def test_relative_clause_subject_is_its_antecedent(facts_of):
    facts = facts_of("Karel Vondrak, who met Monday with Franz Weber, flew home.", published="1997-04-15")
    assert events(facts) == {(("Franz Weber", "Karel Vondrak"), "1997-04-14", None, "occurred")}


def test_talks_after_a_gerund_take_the_tense_of_the_reporting_verb(facts_of):
    facts = facts_of("Karel Vondrak told reporters before heading into talks with Franz Weber.")
    assert {e.status for e in facts.events} == {"occurred"}


def test_undated_encounter_right_after_the_lead_is_on_the_lead_day(facts_of):
    lead = "Ruritania's president arrived in Vienna on Tuesday for a two-day visit. "
    facts = facts_of(
        lead + "Karel Vondrak went straight into talks with Franz Weber.", published="1997-04-15"
    )
    assert events(facts) == {(("Franz Weber", "Karel Vondrak"), "1997-04-15", None, "occurred")}
    # A past perfect reaches back before the lead's day: no date is invented.
    facts = facts_of(lead + "Karel Vondrak had held talks with Franz Weber.", published="1997-04-15")
    assert {e.date for e in facts.events} == {None}
    # A lead that does not name the publication day dates nothing.
    facts = facts_of(
        "Ruritania's president arrived in Vienna. Karel Vondrak went straight into talks with Franz Weber.",
        published="1997-04-15",
    )
    assert {e.date for e in facts.events} == {None}


def test_pronoun_after_an_unnamed_subject_is_not_given_to_the_named_object(facts_of):
    facts = facts_of(
        "The foreign minister said he was satisfied with talks with Karel Vondrak. "
        "He will meet Franz Weber on Saturday."
    )
    assert not any(
        "Karel Vondrak" in {p.name for p in e.participants} and e.status == "planned" for e in facts.events
    )


def test_meeting_included_in_planned_talks_is_planned(facts_of):
    facts = facts_of(
        "Karel Vondrak arrived on Tuesday for talks with Austrian leaders, including a meeting with "
        "Chancellor Franz Weber, who opposes the plan.",
        published="1997-04-08",
    )
    assert events(facts) == {(("Franz Weber", "Karel Vondrak"), None, None, "planned")}


def test_place_named_as_the_town_of(facts_of):
    facts = facts_of(
        "Karel Vondrak spoke after a meeting with Franz Weber in the southern town of Zlotnik on Monday.",
        published="1997-04-15",
    )
    assert {e.place.name for e in facts.events if e.place} == {"Zlotnik"}


def test_visitor_meets_a_host_official_in_the_country_visited(facts_of):
    facts = facts_of(
        "Karel Vondrak is on a three-day official visit to Thailand. "
        "He said he was satisfied with talks with Thai Prime Minister Somchai Wongsawat on Thursday.",
        published="1997-04-18",
    )
    assert events(facts) == {(("Karel Vondrak", "Somchai Wongsawat"), "1997-04-17", "Thailand", "occurred")}


def test_hoped_to_visit_a_person_is_a_planned_meeting(facts_of):
    facts = facts_of("Karel Vondrak said he hoped to visit Franz Weber soon.")
    assert events(facts) == {(("Franz Weber", "Karel Vondrak"), None, None, "planned")}


def test_title_words_before_the_country_stay_out_of_the_organisation(facts_of):
    facts = facts_of("Top US envoy Walter Denholm met former Austrian chancellor Franz Weber.")
    assert {(r.person.name, r.title, r.org.name) for r in facts.roles} == {
        ("Walter Denholm", "envoy", "United States"),
        ("Franz Weber", "former chancellor", "Austria"),
    }


def interviews(facts):
    return {(i.outlet.name, i.person.name) for i in facts.interviews}


def test_known_outlet_carried_on_by_a_connector_is_one_title(facts_of):
    facts = facts_of("Anna Lindqvist told the weekly Rundschau am Sonntag that the talks had failed.")
    assert interviews(facts) == {("Rundschau am Sonntag", "Anna Lindqvist")}


def test_outlet_run_into_the_reported_clause_by_the_tagger(facts_of):
    facts = facts_of(
        "Sweden's deputy defence minister, Anna Lindqvist, told AFP Stockholm itself would send troops."
    )
    assert interviews(facts) == {("AFP", "Anna Lindqvist")}


def test_lead_description_is_the_person_the_next_sentence_names(facts_of):
    facts = facts_of(
        "Sweden is seeking closer ties with Thailand, the Swedish foreign minister said here Friday.\n\n"
        "Anna Lindqvist told reporters that trade would grow.\n\n"
        "The foreign minister said she met Thai Prime Minister Somchai Wongsawat on Thursday.",
        published="1997-04-18",
    )
    assert ("Anna Lindqvist", "foreign minister", "Sweden") in {
        (r.person.name, r.title, r.org.name) for r in facts.roles
    }
    assert {tuple(p.name for p in e.participants) for e in facts.events} == {
        ("Anna Lindqvist", "Somchai Wongsawat")
    }
    # A second sentence whose subject already has a title of its own is someone else.
    facts = facts_of(
        "Sweden is seeking closer ties with Thailand, the Swedish foreign minister said here Friday.\n\n"
        "Thai Prime Minister Somchai Wongsawat told reporters that trade would grow."
    )
    assert ("Somchai Wongsawat", "foreign minister", "Sweden") not in {
        (r.person.name, r.title, r.org.name) for r in facts.roles
    }


def test_trailing_he_said_is_not_a_person_named_in_the_reported_words(facts_of):
    facts = facts_of(
        "Karel Vondrak arrived in Vienna on Monday.\n\n"
        '"Anna Lindqvist and Franz Weber have been ready to talk," he told reporters after a meeting '
        "with Walter Denholm."
    )
    assert {tuple(p.name for p in e.participants) for e in facts.events} == {
        ("Karel Vondrak", "Walter Denholm")
    }


def test_he_said_is_not_a_woman_and_she_is_not_a_king(facts_of):
    facts = facts_of("Mrs Lindqvist arrived in Vienna on Monday. He said he met Franz Weber.")
    assert not facts.events
    facts = facts_of("King Otto arrived in Vienna on Monday. She met Franz Weber on Tuesday.")
    assert not facts.events
    facts = facts_of("Mrs Lindqvist arrived in Vienna on Monday. She met Franz Weber on Tuesday.")
    assert {tuple(p.name for p in e.participants) for e in facts.events} == {("Franz Weber", "Lindqvist")}


def test_day_on_the_scheduling_verb_dates_the_meeting(facts_of):
    facts = facts_of(
        "Karel Vondrak held talks Friday in Vienna and on Saturday was scheduled to meet Franz Weber.",
        published="1997-04-18",
    )
    assert (("Franz Weber", "Karel Vondrak"), "1997-04-19", None, "planned") in events(facts)
    # A deciding verb's day is the decision's, not the meeting's.
    facts = facts_of("Karel Vondrak agreed on Friday to meet Franz Weber.", published="1997-04-18")
    assert {e.date for e in facts.events} == {None}


def test_alternative_days_give_only_what_they_share(facts_of):
    facts = facts_of(
        "Karel Vondrak could meet Franz Weber probably on Monday or Tuesday.", published="1997-04-19"
    )
    assert {e.date for e in facts.events} == {"1997-04"}


def test_journey_destination_is_where_its_talks_are(facts_of):
    facts = facts_of(
        "Swedish Prime Minister Karel Vondrak flew into southern Moldova for talks with his Moldovan "
        "counterpart Franz Weber."
    )
    assert {e.place.name for e in facts.events if e.place} == {"southern Moldova"}


def test_a_capital_speaks_for_its_country(facts_of):
    facts = facts_of("Swedish officials held a meeting with Moscow's envoys in Geneva on Tuesday.")
    assert {frozenset(p.name for p in e.participants) for e in facts.events} == {
        frozenset({"Sweden", "Russia"})
    }
    facts = facts_of("Karel Vondrak met Chinese Premier Li Wei in the Chinese capital on Monday.")
    assert {e.place.name for e in facts.events if e.place} == {"Beijing"}


def test_king_tagged_as_organisation_is_a_person_with_a_possessive_country(facts_of):
    facts = facts_of("Norway's exiled King Haakon met Karel Vondrak in London.")
    assert ("Haakon", "king", "Norway") in {(r.person.name, r.title, r.org.name) for r in facts.roles}
    facts = facts_of("Sweden's deputy defence minister, Anna Lindqvist, met Karel Vondrak.")
    assert ("Anna Lindqvist", "deputy defence minister", "Sweden") in {
        (r.person.name, r.title, r.org.name) for r in facts.roles
    }

"""Extraction checks that need code. Every other extraction test is a line of
tests/cases/*.jsonl (tests/test_cases.py)."""

from __future__ import annotations


def test_a_surname_the_tagger_left_untagged_is_the_full_name_that_bears_it(nlp):
    from kg.nlp.entities import index_entities
    from kg.nlp.extract import text_for_nlp

    doc = nlp(text_for_nlp("Tomas Revik, director of the institute, spoke first. Later Revik left."))
    # The tagger's slip, made certain: the bare surname untagged.
    doc.ents = [e for e in doc.ents if e.text != "Revik"]
    index = index_entities(doc)
    surname = [t for t in doc if t.text == "Revik"][-1]
    assert index.entity_at(surname) is not None and index.entity_at(surname).name == "Tomas Revik"


def _tagged(nlp, text: str, labels: dict[str, str]):
    """The parse of `text` with the tagger's names replaced by `labels` (words -> label)."""
    from spacy.tokens import Span

    from kg.nlp.extract import text_for_nlp

    doc = nlp(text_for_nlp(text))
    ents = []
    for words, label in labels.items():
        size = len(words.split())
        ents += [
            Span(doc, t.i, t.i + size, label=label)
            for t in doc
            if doc[t.i : t.i + size].text == words
            and not any(t.i < e.end and e.start < t.i + size for e in ents)
        ]
    doc.ents = ents
    return doc


def test_a_surname_tagged_a_place_where_a_person_stands_is_the_person(nlp):
    from kg.model import Entity
    from kg.nlp.entities import index_entities

    # The tagger's slips, made certain: the full name an organisation, the surname a place.
    text = (
        "The Ruritanian chancellor, Karel Vondrak, will travel on Monday. Vondrak said the talks would go on."
    )
    doc = _tagged(nlp, text, {"Karel Vondrak": "ORG", "Vondrak": "GPE"})
    index = index_entities(doc)
    assert {index.entity_at(t) for t in doc if t.text == "Vondrak"} == {Entity("Karel Vondrak", "person")}
    # The family name written first ("Chen" for "Chen Wulong"), likewise.
    text = "Chen Wulong arrived on Monday. Chen noted that reform was needed."
    doc = _tagged(nlp, text, {"Chen Wulong": "ORG", "Chen": "ORG"})
    assert index_entities(doc).entity_at(doc[6]) == Entity("Chen Wulong", "person")


def test_a_surname_tagged_a_place_elsewhere_stays_a_place(nlp):
    from kg.nlp.entities import index_entities

    text = "Karel Vondrak arrived on Monday. The talks in Vondrak would go on."
    doc = _tagged(nlp, text, {"Karel Vondrak": "ORG", "Vondrak": "GPE"})
    entity = index_entities(doc).entity_at(doc[9])
    assert entity is not None and entity.type != "person"


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


def test_receiving_a_share_of_the_vote_is_no_hosting(nlp):
    from spacy.tokens import Doc

    from kg.nlp.facts.meetings import find_meeting

    # The parser's reading of a poll, made certain: the second candidate an object of
    # "received" with the share in apposition ("Varga received 38 percent support,
    # Lindqvist 3 percent").
    doc = Doc(
        nlp.vocab,
        words=["Varga", "received", "38", "percent", "support", ",", "Lindqvist", "3", "percent", "."],
        lemmas=["Varga", "receive", "38", "percent", "support", ",", "Lindqvist", "3", "percent", "."],
        heads=[1, 1, 3, 4, 1, 1, 1, 8, 6, 1],
        deps=["nsubj", "ROOT", "nummod", "compound", "dobj", "punct", "dobj", "nummod", "appos", "punct"],
        pos=["PROPN", "VERB", "NUM", "NOUN", "NOUN", "PUNCT", "PROPN", "NUM", "NOUN", "PUNCT"],
        ents=["B-PERSON", "O", "B-PERCENT", "I-PERCENT", "O", "O", "B-PERSON", "B-PERCENT", "I-PERCENT", "O"],
    )
    assert find_meeting(doc[1]) is None
    # The same verb with a guest and no share is an encounter.
    guest = Doc(
        nlp.vocab,
        words=["Varga", "received", "Lindqvist", "."],
        lemmas=["Varga", "receive", "Lindqvist", "."],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT"],
        ents=["B-PERSON", "O", "B-PERSON", "O"],
    )
    assert find_meeting(guest[1]) is not None


def test_a_name_the_tagger_ran_into_a_bodys_name_is_the_persons(nlp):
    from kg.model import Entity
    from kg.nlp.entities import index_entities

    # The tagger's slips, made certain: body, title and name as one organisation.
    text = "In his meeting with Vesterland Governor Zhao Lindqvist on Sunday, he praised the plan."
    doc = _tagged(nlp, text, {"Vesterland Governor Zhao Lindqvist": "ORG"})
    index = index_entities(doc)
    assert index.entity_at(doc[6]) == Entity("Zhao Lindqvist", "person")
    assert index.entity_at(doc[4]) is not None and index.entity_at(doc[4]).name == "Vesterland"
    # Body and name, where the name is a given name and surname.
    text = "He added the new Speaker of the House of Delegates Nancy Berg had stressed the need for reform."
    doc = _tagged(nlp, text, {"the House of Delegates Nancy Berg": "ORG"})
    index = index_entities(doc)
    assert index.entity_at(doc[11]) == Entity("Nancy Berg", "person")
    assert index.entity_at(doc[8]) is not None and index.entity_at(doc[8]).name == "House of Delegates"


def test_a_bodys_name_runs_on_over_the_country_it_ends_in(nlp):
    from kg.nlp.entities import index_entities

    # The tagger's slip, made certain: the party's name cut before its country.
    text = "He held talks with Tomas Revik, general secretary of the Central Committee of the Workers Party of Poland."
    doc = _tagged(
        nlp, text, {"Tomas Revik": "PERSON", "Central Committee of the Workers Party": "ORG", "Poland": "GPE"}
    )
    body = index_entities(doc).entity_at(doc[12])
    assert body is not None and body.name == "Central Committee of the Workers Party of Poland"


def test_a_meeting_with_parties_of_its_own_is_no_occasion_of_the_talks(nlp):
    from spacy.tokens import Doc

    from kg.nlp.frames import occasion_frame

    # The parser's slip, made certain: "during their meeting" hung from the talks' verb in
    # "Ruiz will hold talks on steps made during their meeting with Weber in June" (it is the
    # steps' time). A meeting with parties of its own is another encounter, not an occasion
    # of the talks: its month is not theirs. One with none ("during a meeting in June") is.
    their = ("their meeting with Weber", ["poss", "pobj", "prep", "pobj"], ["PRON", "NOUN", "ADP", "PROPN"])
    plain = ("a meeting", ["det", "pobj"], ["DET", "NOUN"])
    for (phrase, deps, pos), framed in ((their, False), (plain, True)):
        words = ["Ruiz", "will", "hold", "talks", "during", *phrase.split(), "in", "June", "."]
        meeting = words.index("meeting")
        heads = [2, 2, 2, 2, 2, *[meeting, 4, meeting, meeting + 1][: len(deps)], meeting, len(words) - 3, 2]
        doc = Doc(
            nlp.vocab,
            words=words,
            lemmas=[w if w != "talks" else "talk" for w in words],
            heads=heads,
            deps=["nsubj", "aux", "ROOT", "dobj", "prep", *deps, "prep", "pobj", "punct"],
            pos=["PROPN", "AUX", "VERB", "NOUN", "ADP", *pos, "ADP", "PROPN", "PUNCT"],
            ents=["B-PERSON"] + ["O"] * (len(words) - 3) + ["B-DATE", "O"],
        )
        assert (occasion_frame(doc[:], {2, 3}) is not None) is framed


def test_a_card_of_links_is_blanked_glued_headline_or_none():
    from kg.nlp.extract import text_for_nlp

    # The card's headlines run on from the repeated name, or none: "MORE" glued to it.
    for card in ("Ana Maria RuizHarbour bill stalls MORE", "Ana Maria RuizMORE"):
        text = f"“We will not close it,” Sen. Ana Ruiz {card} (D-N.M.) said."
        parsed = text_for_nlp(text)
        assert len(parsed) == len(text)
        assert parsed.split() == [
            "“We",
            "will",
            "not",
            "close",
            "it,”",
            "Sen.",
            "Ana",
            "Ruiz",
            "(D-N.M.)",
            "said.",
        ]


def test_two_surnames_the_tagger_took_for_a_firm_are_the_person_whose_name_they_end():
    from collections import Counter

    from kg.nlp.entities import _end_of_a_persons_name

    votes = {
        "maya ruizmoore lind": Counter(PERSON=1),
        "ruizmoore lind": Counter(ORG=8, PERSON=1),
        "tomas lind": Counter(PERSON=2),
    }
    _end_of_a_persons_name(votes)
    assert votes["ruizmoore lind"]["PERSON"] > votes["ruizmoore lind"]["ORG"]
    # Not a name that opens with a given name ("Anna Lind" is whole), nor one that ends
    # two people's names.
    votes = {
        "maria anna lind": Counter(PERSON=1),
        "anna lind": Counter(ORG=2),
        "jan harbour trust": Counter(PERSON=1),
        "kim harbour trust": Counter(PERSON=1),
        "harbour trust": Counter(ORG=3),
    }
    _end_of_a_persons_name(votes)
    assert votes["anna lind"]["PERSON"] == 0 and votes["harbour trust"]["PERSON"] == 0


def _call_between(nlp, first: str, label: str, portfolio: bool = False, dep: str = "nmod"):
    """ "Lind heard a phone call between <first> and Latvian Prime Minister Piotr Varga." with
    the parser's slip made certain: the first name hung, with its "and", as a modifier (`dep`)
    of the title words of the last (and "Latvian" as its conjunct). With `portfolio`, the
    title is "Trade and Harbour Minister" instead, its first word the modifier."""
    from spacy.tokens import Doc

    words = ["Lind", "heard", "a", "phone", "call", "between", first, "and", "Latvian"]
    words += ["Harbour", "Minister"] if portfolio else ["Prime", "Minister"]
    words += ["Piotr", "Varga", "."]
    heads = [1, 1, 4, 4, 1, 4, 10, 6, 6, 10, 12, 12, 5, 1]
    deps = ["nsubj", "ROOT", "det", "compound", "dobj", "prep", dep, "cc", "conj", "compound"]
    deps += ["compound", "compound", "pobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN", "CCONJ", "ADJ", "PROPN"]
    pos += ["PROPN", "PROPN", "PROPN", "PUNCT"]
    ents = ["B-PERSON", "O", "O", "O", "O", "O", f"B-{label}", "O", "B-NORP", "O", "O", "B-PERSON"]
    ents += ["I-PERSON", "O"]
    lemmas = [w.lower() if w in ("heard", "phone", "call") else w for w in words]
    lemmas[1] = "hear"
    return Doc(nlp.vocab, words=words, lemmas=lemmas, heads=heads, deps=deps, pos=pos, ents=ents)


def test_a_name_hung_on_the_title_of_the_next_is_a_party_of_its_own(nlp):
    from spacy.tokens import Doc

    from kg.model import Entity
    from kg.nlp.entities import index_entities
    from kg.nlp.facts.parties import noun_participants

    varga = Entity("Piotr Varga", "person")
    for dep in ("nmod", "compound"):  # the parser's label for the slip varies
        doc = _call_between(nlp, "Brandt", "PERSON", dep=dep)
        found, _ = noun_participants(doc[4], index_entities(doc), "call")
        assert set(found) == {varga, Entity("Brandt", "person")}, (dep, found)
    # Tagged an organisation, the bare surname counts where the story makes it a person's.
    doc = _call_between(nlp, "Brandt", "ORG")
    words = ["Karel", "Brandt", "spoke", ".", *[t.text for t in doc]]
    heads = [1, 2, 2, 2, *[t.head.i + 4 for t in doc]]
    story = Doc(
        nlp.vocab,
        words=words,
        lemmas=["Karel", "Brandt", "speak", ".", *[t.lemma_ for t in doc]],
        heads=heads,
        deps=["compound", "nsubj", "ROOT", "punct", *[t.dep_ for t in doc]],
        pos=["PROPN", "PROPN", "VERB", "PUNCT", *[t.pos_ for t in doc]],
        ents=[
            "B-PERSON",
            "I-PERSON",
            "O",
            "O",
            *[t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") for t in doc],
        ],
        sent_starts=[True, False, False, False, True, *[False] * (len(doc) - 1)],
    )
    found, _ = noun_participants(story[8], index_entities(story), "call")
    assert set(found) == {varga, Entity("Karel Brandt", "person")}, found
    # A portfolio's word before the title is no party ("Trade and Harbour Minister Varga").
    doc = _call_between(nlp, "Trade", "ORG", portfolio=True)
    found, _ = noun_participants(doc[4], index_entities(doc), "call")
    assert found == [varga], found


def test_a_name_in_apposition_to_a_title_hung_on_the_next_is_a_party(nlp):
    from spacy.tokens import Doc

    from kg.model import Entity
    from kg.nlp.entities import index_entities
    from kg.nlp.facts.parties import verb_participants

    # The parser's slip, made certain: in "President Karel Brandt and Latvian leader Piotr
    # Varga met", the first title a modifier of the second, its name in apposition to it.
    words = ["President", "Karel", "Brandt", "and", "Latvian", "leader", "Piotr", "Varga", "met", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        lemmas=["President", "Karel", "Brandt", "and", "Latvian", "leader", "Piotr", "Varga", "meet", "."],
        heads=[5, 2, 0, 2, 5, 7, 7, 8, 8, 8],
        deps=["nmod", "compound", "appos", "cc", "amod", "compound", "compound", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "PROPN", "PROPN", "CCONJ", "ADJ", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"],
        ents=["O", "B-PERSON", "I-PERSON", "O", "B-NORP", "O", "B-PERSON", "I-PERSON", "O", "O"],
    )
    found = verb_participants(doc[8], index_entities(doc))
    assert set(found) == {Entity("Karel Brandt", "person"), Entity("Piotr Varga", "person")}, found


def test_the_outlets_interviewer_the_parser_made_the_subject_is_the_one_told(nlp):
    from spacy.tokens import Doc

    from kg.nlp.entities import index_entities
    from kg.nlp.facts.interviews import extract_interviews

    # The parser's slip, made certain: "Weber, told Norvale Radio's Ana Ruiz." with the
    # interviewer the subject of "told". The one speaking is Weber, not the interviewer.
    words = ["Weber", ",", "told", "Norvale", "Radio", "'s", "Ana", "Ruiz", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        lemmas=["Weber", ",", "tell", "Norvale", "Radio", "'s", "Ana", "Ruiz", "."],
        heads=[2, 2, 2, 4, 7, 4, 7, 2, 2],
        deps=["dep", "punct", "ROOT", "compound", "poss", "case", "compound", "nsubj", "punct"],
        pos=["PROPN", "PUNCT", "VERB", "PROPN", "PROPN", "PART", "PROPN", "PROPN", "PUNCT"],
        ents=["B-PERSON", "O", "O", "B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O"],
    )
    found = extract_interviews(doc, index_entities(doc), "t", None)
    assert [(i.outlet.name, i.person.name) for i in found] == [("Norvale Radio", "Weber")]

"""Name mentions read from the tagger's spans: what a span keeps of the words it ran over."""

from collections import Counter

from spacy.tokens import Span

from kg.nlp.names.spans import name_spans
from kg.nlp.names.untagged import untagged_full_names


def test_page_furniture_is_no_part_of_the_name_after_it(nlp) -> None:
    doc = nlp("Related Story Japan rail fares rise for the third year running")
    names = [span.text for span in name_spans(doc)]
    assert "Japan" in names
    assert not any("Related" in name or "Story" in name for name in names)


def test_a_photo_credit_after_copyright_is_no_name(nlp) -> None:
    doc = nlp("Image copyright Getty Images Image caption Mr Brandt leaves Zelin City")
    assert not any("Getty" in span.text for span in name_spans(doc))


def test_a_weekday_before_a_name_is_no_part_of_it(nlp) -> None:
    doc = nlp(
        '"It follows two other delays at the port," said Monday Greg Tanner, the vice president of the HTA.'
    )
    names = [span.text for span in name_spans(doc)]
    assert "Greg Tanner" in names
    assert not any("Monday" in name for name in names)


def test_a_capitalised_furniture_word_is_a_names_own(nlp) -> None:
    doc = nlp("Karel Brandt, who heads the Norland Copyright Office, met Ana Ruiz on Monday.")
    names = [span.text for span in name_spans(doc)]
    assert any("Copyright Office" in name for name in names)
    assert "Office" not in names


def test_page_furniture_opens_no_untagged_name(nlp) -> None:
    doc = nlp("Related Story Hiroki Sato leads the party race as rivals plan a slimmed-down vote")
    doc.ents = []  # the tagger left the line's name untagged, as on a crawled page
    names = [span.text for span in untagged_full_names(doc, {"sato": Counter({"PERSON": 2})})]
    assert names == ["Hiroki Sato"]


def test_a_countrys_name_before_a_title_is_no_part_of_the_name_after_it(nlp) -> None:
    doc = nlp("Zelin government set to fall to Norway PM Brandt's coalition")
    names = [(span.text, span.label_) for span in name_spans(doc)]
    assert ("Norway", "GPE") in names
    assert ("Brandt", "PERSON") in names


def test_an_honorific_of_two_words_before_a_name_tagged_a_body_marks_a_person(nlp) -> None:
    doc = nlp('"The port stays open," Tan Sri Brandt said on Monday.')
    start = next(t.i for t in doc if t.text == "Tan")
    doc.ents = [Span(doc, start, start + 3, label="ORG")]  # the tagger's reading, set by hand
    names = [(span.text, span.label_) for span in name_spans(doc)]
    assert names == [("Brandt", "PERSON")]

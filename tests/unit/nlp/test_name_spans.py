"""Name mentions read from the tagger's spans: what a span keeps of the words it ran over."""

from kg.nlp.names.spans import name_spans


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

"""The outlets gazetteer gives an outlet's name as the outlet writes it."""

from kg.nlp import gazetteer


def test_an_outlet_named_with_the_keeps_it() -> None:
    # Taken from the list itself, so the test names no outlet of its own.
    listed = [line.strip() for line in gazetteer._lines("outlets.txt") if line.startswith("The ")]
    assert listed
    for name in listed:
        assert gazetteer.outlet_name(name[4:]) == name


def test_a_name_the_list_gives_without_the_is_unchanged() -> None:
    assert gazetteer.outlet_name("Harbour Courier of Tromvik") == "Harbour Courier of Tromvik"

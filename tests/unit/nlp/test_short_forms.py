"""Which full name a short form stands for, from the story's names alone (no parse)."""

from collections import Counter

from kg.nlp.short_forms import organisations_named_short, people_named


def _votes(**names: int) -> dict[str, Counter[str]]:
    return {key.replace("_", " "): Counter({"PERSON": times}) for key, times in names.items()}


def test_a_surname_and_a_spelling_with_initials_are_the_fullest_name() -> None:
    votes = {**_votes(anna_lindqvist=2, lindqvist=3), "anna k. lindqvist": Counter({"PERSON": 1})}
    people = people_named(votes, inside_sentence=set(votes))
    assert people.full == {"anna lindqvist", "anna k. lindqvist"}
    assert people.by_short["lindqvist"] == {"anna k. lindqvist"}
    assert people.by_short["anna lindqvist"] == {"anna k. lindqvist"}


def test_a_shared_surname_goes_to_the_person_named_far_more_often() -> None:
    votes = _votes(ana_ruiz=5, tomas_ruiz=1, ruiz=4)
    people = people_named(votes, inside_sentence=set(votes))
    assert people.shared_surnames["ruiz"] == {"ana ruiz", "tomas ruiz"}
    assert people.by_short["ruiz"] == {"ana ruiz"}
    even = _votes(ana_ruiz=2, tomas_ruiz=2, ruiz=4)
    assert people_named(even, inside_sentence=set(even)).by_short["ruiz"] == {"ana ruiz", "tomas ruiz"}


def test_an_organisation_is_named_by_its_acronym_and_its_last_words() -> None:
    names = ["Harbour Fishing Council", "Fishing Council", "HFC"]
    canonical = {name.lower(): name.lower() for name in names}
    organisations = set(canonical)
    organisations_named_short(canonical, organisations, set(), longer=names[:2], names=names)
    assert canonical == {
        "harbour fishing council": "harbour fishing council",
        "fishing council": "harbour fishing council",
        "hfc": "harbour fishing council",
    }


def test_a_building_named_for_a_person_is_no_full_name_of_theirs() -> None:
    # "at Varga Tower in which Varga says": context adds person votes to the building's name;
    # the tagger's building reading, as strong, keeps it from being Varga's full name.
    votes = {**_votes(varga=12), "varga tower": Counter({"FAC": 2, "PERSON": 2})}
    people = people_named(votes, inside_sentence=set(votes))
    assert "varga tower" not in people.full
    assert "varga" not in people.by_short
    # A person's name the tagger once took for a building stays a person's full name.
    votes = {**_votes(lindqvist=3), "mara lindqvist": Counter({"FAC": 1, "PERSON": 1})}
    assert "mara lindqvist" in people_named(votes, inside_sentence=set(votes)).full


def test_a_name_as_often_a_buildings_as_a_persons_lends_no_first_word():
    from collections import Counter

    from kg.nlp.short_forms import people_named

    # "Revik said ... at Revik Tower": the tower's name (tagged a building as often as a
    # person) is not "Revik" written family name first.
    votes = {"revik": Counter(PERSON=9, ORG=4), "revik tower": Counter(FAC=2, PERSON=2)}
    assert people_named(votes, set(votes)).by_short.get("revik", set()) == set()
    # "Li" for Li Wei, a clear person, still.
    votes = {"li": Counter(PERSON=3), "li wei": Counter(PERSON=2)}
    assert people_named(votes, set(votes)).by_short["li"] == {"li wei"}


class _InOrder(set):
    """A set read in the order it was written: the order a hash seed may give any set."""

    def __init__(self, items: list[str]) -> None:
        super().__init__(items)
        self.order = items

    def __iter__(self):
        return iter(self.order)


def test_a_short_form_is_read_the_same_whatever_order_the_names_come_in() -> None:
    # "the Herald", "the Velonia Herald" and "the Daily Velonia Herald": one outlet, its
    # fullest name, whichever name is read first (Python's hash seed orders a set per run).
    names = ["Herald", "Velonia Herald", "Daily Velonia Herald"]
    for order in (names, names[::-1]):
        canonical = {name.lower(): name.lower() for name in names}
        outlets = _InOrder([name.lower() for name in order])
        organisations_named_short(canonical, outlets, set(outlets), longer=names[1:], names=names)
        assert set(canonical.values()) == {"daily velonia herald"}


def test_a_body_under_a_persons_name_is_no_fuller_name_of_it() -> None:
    # "White House counsel Ana Ruiz ... the Revik White House" or "Revik's White House":
    # the person's name before the body's tells whose time it was; "White House" is itself.
    for longer in ("Revik Grand House", "Revik's Grand House"):
        names = ["Grand House", longer, "Harbour Grand Council", "Grand Council"]
        canonical = {name.lower(): name.lower() for name in names}
        people = {"karel revik", "revik"}
        organisations_named_short(canonical, set(canonical), set(), longer=names, names=names, people=people)
        assert canonical["grand house"] == "grand house"
        # Not a person's: the longer name is the body's own.
        assert canonical["grand council"] == "harbour grand council"


def test_a_function_word_run_into_a_surname_in_a_heading_is_no_namesake() -> None:
    # "CRITICS FIRE BACK AT BRANDT" in an upper-case heading, where the story names Karel
    # Brandt: "at brandt", not written inside a sentence (entities.py counts a name whose
    # first word is in capitals as not), makes no second Brandt.
    votes = _votes(karel_brandt=1, at_brandt=1, brandt=12)
    people = people_named(votes, inside_sentence={"karel brandt", "brandt"})
    assert "at brandt" not in people.full
    assert people.by_short["brandt"] == {"karel brandt"}
    assert people.by_short["at brandt"] == {"karel brandt"}

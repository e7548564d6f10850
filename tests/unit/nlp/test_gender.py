"""Given names and the gender they tell: one owner for both questions."""

from kg.model import Entity
from kg.nlp.gender import FEMALE_NAMES, MALE_NAMES, gender_of_given, gender_of_name, is_given_name


def test_the_name_lists_share_no_name() -> None:
    assert not FEMALE_NAMES & MALE_NAMES


def test_a_given_name_is_one_with_or_without_its_accents() -> None:
    assert is_given_name("Tomas") and is_given_name("Tomás")
    assert gender_of_given("Tomás") == gender_of_given("tomas") == "male"
    assert gender_of_name(Entity("Tomás Revik", "person")) == "male"
    assert gender_of_name(Entity("Anna Lindqvist", "person")) == "female"


def test_a_word_that_is_no_given_name() -> None:
    assert not is_given_name("Harbour")
    assert gender_of_given("Harbour") is None
    assert gender_of_name(Entity("Revik", "person")) is None

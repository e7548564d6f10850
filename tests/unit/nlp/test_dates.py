"""Dates at the precision the text supports, resolved against the publication date."""

from datetime import date

import pytest

from kg.nlp.dates import ended_before, normalise_after, normalise_date

TUESDAY = date(1997, 4, 15)


@pytest.mark.parametrize(
    ("text", "published", "tense", "expected"),
    [
        ("March 18", None, None, "--03-18"),  # no year is ever invented
        ("March 18", TUESDAY, "past", "1997-03-18"),
        ("Dec. 13", None, "past", "--12-13"),
        ("Dec. 13", date(1998, 1, 5), "past", "1997-12-13"),  # a past December seen in January
        ("January 3", date(1997, 12, 20), "future", "1998-01-03"),
        ("March 18, 2006", None, None, "2006-03-18"),
        ("18 March 2006", None, None, "2006-03-18"),
        ("April 1997", None, None, "1997-04"),
        ("1994", None, None, "1994"),
        ("Monday", TUESDAY, "past", "1997-04-14"),  # "met Monday" in a Tuesday story: yesterday
        ("Monday", TUESDAY, "future", "1997-04-21"),  # "will meet Monday": next Monday
        ("Tuesday", TUESDAY, "past", "1997-04-15"),
        ("Monday", None, "past", None),
        ("last month", TUESDAY, None, "1997-03"),
        ("next month", date(1997, 12, 2), None, "1998-01"),
        ("yesterday", TUESDAY, None, "1997-04-14"),
        ("the next two weeks", TUESDAY, None, None),
        ("recently", TUESDAY, None, None),
        ("April 10-12", TUESDAY, "past", "1997-04-10"),
        ("February 30", None, None, None),
        ("later this year", TUESDAY, "future", "1997"),  # the year, no finer
        ("later this month", TUESDAY, "future", "1997-04"),
        ("nearly a month ago", date(1997, 4, 24), None, "1997-03"),  # a month, never a day
        ("two months ago", TUESDAY, None, "1997-02"),
        ("a year ago", TUESDAY, None, "1996"),
        ("nearly 20 years ago", TUESDAY, None, None),  # 19 or 20 years: no year
        ("nearly a week ago", TUESDAY, None, None),  # no day
        ("late last month", TUESDAY, None, "1997-03"),
        ("early next year", TUESDAY, None, "1998"),
        ("this past weekend", TUESDAY, None, "1997-04"),
        ("last Tuesday", TUESDAY, None, "1997-04-08"),  # told on a Tuesday: a week back
        ("next Tuesday", TUESDAY, None, "1997-04-22"),
        ("Thursday of last week", TUESDAY, None, "1997-04-10"),
        ("in early summer 1995", TUESDAY, None, "1995"),  # a season of a named year: the year
        ("the spring of 1978", None, None, "1978"),
        ("late 1996", TUESDAY, None, "1996"),
        ("mid-1994", None, None, "1994"),
        ("by the end of 1996", TUESDAY, None, "1996"),  # a part of a named year: the year
        ("last summer", TUESDAY, None, "1996"),  # the latest summer ended before April 1997
        ("in the summer", TUESDAY, "past", "1996"),  # told as past in April: last year's
        ("in the summer", TUESDAY, "future", "1997"),
        ("in the summer", TUESDAY, None, None),  # no tense: either
        ("this spring", TUESDAY, None, "1997"),
        ("next autumn", TUESDAY, None, "1997"),
        ("last winter", TUESDAY, None, None),  # a winter runs across two years
        ("the summit of 1996", TUESDAY, None, None),
    ],
)
def test_normalise_date(text, published, tense, expected):
    assert normalise_date(text, published, tense) == expected


@pytest.mark.parametrize(
    ("text", "told", "expected"),
    [
        ("September that year", "1976-12", "1976-09"),
        ("in the same year", "2001-05-03", "2001"),
        ("four months later", "2023-03", "2023"),  # the year of the month reached, no finer
        ("ten months later", "2023-03", "2024"),
        ("four months later", "2023", None),  # months after a year: either of two years
        ("two years later", "2019-05-03", "2021"),
        ("that year", "--03-18", None),  # no year told, none invented
        ("last week", "1976-12", None),
    ],
)
def test_normalise_after(text, told, expected):
    assert normalise_after(text, told) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last week", True),
        ("last month", True),
        ("a year ago", True),
        ("in 1985", True),
        ("earlier this week", False),  # up to the story's day
        ("this month", False),
        ("next week", False),
        ("Sunday", False),  # a day: a trip begun then may still go on
        ("recently", False),
    ],
)
def test_ended_before(text: str, expected: bool) -> None:
    assert ended_before(text, TUESDAY) is expected

"""Normalising date expressions against the publication date, never inventing a year.

Precision is no finer than the text supports: "March 18" with no publication date is
`--03-18`; "last month" is a year-month; "recently" is nothing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from kg.nlp.lexicon import words

Tense = Literal["past", "future"] | None

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
MONTHS_AND_DAYS = set(MONTHS) | set(WEEKDAYS)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*[-–]\s*\d+)?(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I),
]
_MONTH_OF_NAMED_YEAR = re.compile(
    rf"^(?:in\s+|on\s+)?(?:(?:early|late|mid)-?\s*)?{_MONTH}(?:\s+{_DAY})?,?\s+(?:of\s+)?"
    r"(?P<which>last|this|next)\s+year$",
    re.I,
)
_YEAR_ONLY = re.compile(rf"^(?:in\s+|the\s+year\s+)?{_YEAR}$", re.I)
# "in early summer 2017", "late 2000", "mid-2016", "the spring of 1978": a part of a named year
# (a qualifier, a season or both) is in that year, and no finer.
_PART_OF_YEAR = re.compile(
    rf"^(?:(?:in|by|during)\s+)?(?:the\s+)?(?:(?P<qualifier>[a-z]+)-?\s*)?(?:(?P<season>(?!of\b)[a-z]+)\s+)?(?:of\s+)?{_YEAR}$",
    re.I,
)
_MONTH_ONLY = re.compile(rf"^(?:early\s+|late\s+|mid-?\s*)?(?:in\s+)?{_MONTH}$", re.I)


def _part_of_year(match: re.Match[str]) -> bool:
    """Whether the words before a named year are a season, a period qualifier or both, in
    that order ("early summer", "late", "spring of"); a season or a qualifier alone also."""
    qualifier, season = match.group("qualifier"), match.group("season")
    if qualifier is not None and season is None and qualifier.lower() in SEASONS:
        qualifier, season = None, qualifier
    if qualifier is None and season is None:
        return False
    return (qualifier is None or qualifier.lower() in PERIOD_QUALIFIERS) and (
        season is None or season.lower() in SEASONS
    )


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _tidy(text: str) -> str:
    """A date's words as the patterns read them: single spaces, no commas or stops around."""
    return " ".join(text.split()).strip(" ,.")


def normalise_date(text: str, published: date | None, tense: Tense = None) -> str | None:
    """An ISO 8601 value (2006-11-14, 2006-11, 2006, --03-18) for `text`, or None."""
    raw = _tidy(text)
    lower = raw.lower()
    named = _MONTH_OF_NAMED_YEAR.match(raw)
    if named is not None:
        # "February last year", "in March of next year": the year is told against the story's.
        if published is None:
            return None
        year = published.year + {"last": -1, "this": 0, "next": 1}[named.group("which").lower()]
        month = MONTHS[named.group("month").lower()]
        if named.group("day"):
            return _iso(year, month, int(named.group("day")))
        return f"{year}-{month:02d}"
    for pattern in _PATTERNS:
        match = pattern.search(raw)
        if match:
            return _month_day(match, published, tense)
    match = _YEAR_ONLY.match(raw)
    if match:
        return match.group("year")
    match = _PART_OF_YEAR.match(raw)
    if match and _part_of_year(match):
        return match.group("year")
    match = _MONTH_ONLY.match(raw)
    if match:
        return _month_only(MONTHS[match.group("month").lower()], published, tense)
    part = _PART_OF.match(raw)
    if part is not None and part.group("part").lower() in PERIOD_PARTS:
        # "the start of July", "the end of the month": in that month, no finer.
        rest = part.group("rest").lower()
        if rest in ("the month", "the year"):
            return normalise_date(f"this {rest[4:]}", published, tense)
        if rest in MONTHS:
            return _month_only(MONTHS[rest], published, tense)
        if _YEAR_ONLY.match(rest):
            # "the end of 2017", "the first half of 2016": in that year
            return rest
    if published is None:
        return None
    return _relative(lower, published, tense)


# "(at) the start of July", "by the end of the month", "the first week of June"
_PART_OF = re.compile(r"^(?:(?:at|by|in)\s+)?(?:the\s+)?(?:\w+\s+)?(?P<part>\w+)\s+of\s+(?P<rest>.+)$", re.I)
_THAT_YEAR = re.compile(rf"^(?:in\s+)?(?:{_MONTH}\s+)?(?:of\s+)?(?:that|the\s+same)\s+year$", re.I)
_LATER = re.compile(r"^(?P<count>\w+)\s+(?P<unit>months?|years?)\s+later$", re.I)
_HAS_YEAR = re.compile(rf"\b{_YEAR}\b")


def has_year(text: str) -> bool:
    """Does a date's text name its year ("December 1976", "in 2023")?"""
    return _HAS_YEAR.search(text) is not None


def counts_from_earlier(text: str) -> bool:
    """Is the date told against an earlier one ("that year", "four months later")?"""
    raw = _tidy(text)
    return _THAT_YEAR.match(raw) is not None or _LATER.match(raw) is not None


def normalise_after(text: str, told: str) -> str | None:
    """A date told against the one the story gave before it (`told`, an ISO value with its
    year): "in September that year" after "December 1976" is 1976-09; "four months later"
    after "March 2023" is 2023, the year of the month reached (no finer: the count runs
    from a month, not a day)."""
    if told.startswith("-"):
        return None
    raw = _tidy(text)
    year = int(told[:4])
    match = _THAT_YEAR.match(raw)
    if match:
        month = match.group("month")
        return f"{year}-{MONTHS[month.lower()]:02d}" if month else str(year)
    match = _LATER.match(raw)
    if match is None:
        return None
    word = match.group("count").lower()
    count = _count(word)
    if count is None:
        return None
    if match.group("unit").lower().startswith("year"):
        return str(year + count)
    if len(told) < 7:
        return None  # months after a year: either of two years
    return str(year + (int(told[5:7]) - 1 + count) // 12)


def _month_day(match: re.Match[str], published: date | None, tense: Tense) -> str | None:
    month = MONTHS[match.group("month").lower()]
    day = int(match.group("day")) if "day" in match.groupdict() and match.group("day") else None
    year_text = match.groupdict().get("year")
    if day is None:  # "March 2006"
        return f"{year_text}-{month:02d}" if year_text else None
    if not 1 <= day <= 31:
        return None
    if year_text:
        return _iso(int(year_text), month, day)
    if published is None:
        try:
            date(2000, month, day)  # a leap year: any real month-day passes
        except ValueError:
            return None
        return f"--{month:02d}-{day:02d}"
    year = published.year
    candidate = _safe_date(year, month, day)
    if candidate is None:
        return None
    # A past event after the story, or a coming one before it, is in the neighbouring year,
    # but only when the gap is large: wire stories name dates a few days either side.
    if tense == "past" and (candidate - published).days > 31:
        year -= 1
    elif tense == "future" and (published - candidate).days > 31:
        year += 1
    return _iso(year, month, day)


def _month_only(month: int, published: date | None, tense: Tense) -> str | None:
    if published is None:
        return None
    year = published.year
    if tense == "past" and month > published.month + 1:
        year -= 1
    elif tense == "future" and month < published.month - 1:
        year += 1
    return f"{year}-{month:02d}"


def _relative(lower: str, published: date, tense: Tense) -> str | None:
    words = lower.replace("-", " ").split()
    if not words:
        return None
    # "late this afternoon", "earlier today", "early this morning": still the story's day.
    today = words[1:] if len(words) > 1 and words[0] in PERIOD_QUALIFIERS else words
    if today in (
        ["today"],
        ["tonight"],
        ["this", "morning"],
        ["this", "afternoon"],
        ["this", "evening"],
    ):
        return published.isoformat()
    if words in (["yesterday"], ["last", "night"]) or words[:1] == ["yesterday"]:
        return (published - timedelta(days=1)).isoformat()
    if words[:1] == ["tomorrow"]:
        return (published + timedelta(days=1)).isoformat()
    if (
        len(words) >= 4
        and words[-4] in PERIOD_PARTS
        and words[-3:-1] in (["of", "last"], ["of", "next"], ["of", "this"])
    ):
        words = words[-2:]  # "the third week of this month": that month
    if len(words) == 3 and words[0] in PERIOD_QUALIFIERS and words[-1] in ("month", "year"):
        words = words[1:]  # "late last month", "later next year": that month or year still
    if words[:2] == ["this", "past"] and len(words) == 3:
        words = ["last", words[2]]  # "this past weekend"
    if words[-1] in ("month", "year") and len(words) == 2 and words[0] in ("last", "next", "this"):
        step = {"last": -1, "next": 1, "this": 0}[words[0]]
        if words[-1] == "year":
            return str(published.year + step)
        month_index = published.year * 12 + published.month - 1 + step
        return f"{month_index // 12}-{month_index % 12 + 1:02d}"
    if len(words) == 2 and words[0] in ("last", "next", "this") and words[1] in MONTHS:
        # "last July": the latest July before the story's month; "next March" the first one
        # after it; "this June" the story's year's.
        month = MONTHS[words[1]]
        year = published.year
        if words[0] == "last" and month >= published.month:
            year -= 1
        elif words[0] == "next" and month <= published.month:
            year += 1
        return f"{year}-{month:02d}"
    if words[:2] in (["earlier", "this"], ["later", "this"]) and words[2:] in (["month"], ["year"]):
        # "later this year": the story's year, as precise as the words are.
        return str(published.year) if words[-1] == "year" else published.strftime("%Y-%m")
    ago = _ago(words, published)
    if ago is not None:
        return ago
    season = _season(words, published, tense)
    if season is not None:
        return season
    # A week or a weekend is finer than a month but has no ISO day: the month it lies in,
    # or the year where it runs across two months.
    period = _week_or_weekend(words, published, tense)
    if period is not None:
        return period
    day_in_week = _day_in_week(words, published)
    if day_in_week is not None:
        return day_in_week
    # "later Wednesday", "early Monday", "late on Friday": the day, whatever the hour.
    while len(words) > 1 and words[0] in _TIME_OF_DAY_WORDS:
        words = words[1:]
    # "Monday", "on Monday", "last Monday", "next Monday", "Monday night"
    weekday_words = [w for w in words if w.strip(".") in WEEKDAYS]
    if len(weekday_words) == 1 and len(words) <= 3:
        others = {w for w in words if w not in weekday_words}
        if not others <= {
            "on",
            "last",
            "next",
            "this",
            "coming",
            "morning",
            "afternoon",
            "evening",
            "night",
        }:
            return None
        weekday = WEEKDAYS[weekday_words[0].strip(".")]
        direction = tense
        if "last" in others:
            direction = "past"
        elif "next" in others or "coming" in others:
            direction = "future"
        day = _weekday(published, weekday, direction)
        if day == published and ("last" in others or "next" in others):
            # "last Thursday" in a Thursday story is a week back, "next Thursday" a week on.
            day += timedelta(days=-7 if "last" in others else 7)
        return day.isoformat()
    return None


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "couple": 2,
}
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_UNIT_MONTHS = {"month", "months", "year", "years"}
# "nearly a month ago": still that month.
ROUGH_COUNTS = words("rough-counts")
# "the end of this month", "the third week of next month": in that period.
PERIOD_PARTS = words("period-parts")
# "late last month", "later next year": a part of the period, which is as precise as the period.
PERIOD_QUALIFIERS = words("period-qualifiers")
# "in early summer 2017", "the spring of 1978": a season of a named year is in that year.
SEASONS = words("seasons")
# "later Wednesday", "earlier in the day": the qualifiers that place a time within a day.
HOUR_QUALIFIERS = PERIOD_QUALIFIERS - {"mid"}
# ... and "on": "later Wednesday", "late on Friday" are the day, whatever the hour.
_TIME_OF_DAY_WORDS = HOUR_QUALIFIERS | {"on"}


# "three-day", "a two-week", "week-long": how long something lasts, not when.
_SPAN_OF_DAYS = re.compile(r"^(?:an?\s+|the\s+)?(?:\S+\s*-\s*)?(?:day|week|month)s?(?:\s*-\s*long)?$", re.I)


def is_span_of_days(text: str) -> bool:
    """ "three-day", "week-long": a DATE the tagger reads in "a three-day meeting" says how long
    it lasted (more than a day), not when. Bare "day" or "week" is not one."""
    return bool(_SPAN_OF_DAYS.match(text)) and "-" in text


def day_count(count: str, unit: str) -> int | None:
    """How many days "a day", "the day", "two days", "3 days" count (the two words before
    "after"/"before"); None for anything else ("a week", "hours")."""
    if unit not in ("day", "days"):
        return None
    if count == "the":
        return 1
    return _count(count)


def _count(word: str) -> int | None:
    """ "3" -> 3, "two" -> 2; None for a word that is no number."""
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def shift_day(day: str, days: int) -> str | None:
    """The ISO day `days` on from `day` (back where negative); None unless `day` is a day."""
    if len(day) != 10 or day.startswith("-"):
        return None
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _ago(words: list[str], published: date) -> str | None:
    """ "a week ago", "two days ago", "10 days ago": that day. "(nearly) a month ago", "two
    months ago": that month, no finer, since a month back says no day; "a year ago": that
    year, only where the count is exact ("nearly 20 years ago" may be 19)."""
    if len(words) < 3 or words[-1] != "ago" or words[-2] not in (*_UNIT_DAYS, *_UNIT_MONTHS):
        return None
    count_words = [w for w in words[:-2] if w not in ("a", "of")] or ["a"]
    hedged = count_words[0] in ROUGH_COUNTS
    if hedged and words[-2] in _UNIT_MONTHS and words[-2] not in ("year", "years"):
        count_words = count_words[1:] or ["a"]
    count = _count(count_words[0]) if len(count_words) == 1 else None
    if count is None:
        return None
    if words[-2] in ("year", "years"):
        return str(published.year - count)
    if words[-2] in _UNIT_MONTHS:
        # A month back is about 30 days: "about a month ago" in a story of 20 May is
        # April.
        return (published - timedelta(days=30 * count)).strftime("%Y-%m")
    return (published - timedelta(days=count * _UNIT_DAYS[words[-2]])).isoformat()


# The months of a season that lies inside one year (a northern year: news of the genre). Winter
# runs across two years' ends: no year is sure for it.
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _season(words: list[str], published: date, tense: Tense) -> str | None:
    """ "in the summer", "this spring", "later this fall", "last summer", "next spring": a
    season with no year named is in a year the story's date tells, and no finer. "this" is
    the story's year; "last" the latest one ended before the story's month, "next" the first
    one begun after it; bare ("in the summer") the latest begun by the story's month where
    told as past, the first not yet ended where told as to come, none with no tense."""
    words = [w for w in words if w not in ("in", "during", "over", "the", "of")]
    if words and words[0] in PERIOD_QUALIFIERS:
        words = words[1:]
    if not words or words[-1] not in _SEASON_MONTHS or len(words) > 2:
        return None
    first, last = _SEASON_MONTHS[words[-1]]
    which = words[0] if len(words) == 2 else None
    year, month = published.year, published.month
    if which == "this":
        return str(year)
    if which == "last":
        return str(year if last < month else year - 1)
    if which == "next":
        return str(year if first > month else year + 1)
    if which is not None:
        return None
    if tense == "past":
        return str(year if first <= month else year - 1)
    if tense == "future":
        return str(year if last >= month else year + 1)
    return None


def _week_or_weekend(words: list[str], published: date, tense: Tense) -> str | None:
    """ "last weekend", "over the weekend", "earlier this week", "next week": the month
    that whole stretch lies in; where it runs across two months, the year; across two
    years, None."""
    span = _week_span(words, published, tense)
    if span is None:
        return None
    start, end = span
    if start.year != end.year:
        return None
    if start.month != end.month:
        return str(start.year)  # 31 May to 1 June: only the year is sure
    return start.strftime("%Y-%m")


def _week_span(words: list[str], published: date, tense: Tense) -> tuple[date, date] | None:
    """The first and last day of the week or weekend the words name."""
    words = [w for w in words if w not in ("over", "the", "during", "on", "at")]
    if not words or words[-1] not in ("week", "weekend"):
        return None
    which = [w for w in words[:-1] if w not in ("earlier", "later", "early", "late")]
    monday = published - timedelta(days=published.weekday())
    if which == ["last"]:
        step = -1
    elif which == ["next"] or (which == ["this"] and words[-1] == "weekend" and tense == "future"):
        step = 1 if which == ["next"] else 0
    elif which == ["this"] or (not which and words[-1] == "week"):
        step = 0
    elif not which:  # "over the weekend": the one just past (or under way), or the coming one when planned
        step = 0 if tense == "future" or (words[-1] == "weekend" and published.weekday() >= 5) else -1
    else:
        return None
    if words[-1] == "weekend":
        start = monday + timedelta(days=7 * step + 5)
        if step == 0 and tense != "future" and start > published:
            start -= timedelta(days=7)  # "this weekend" told as past: the one just gone
        end = start + timedelta(days=1)
    else:
        start = monday + timedelta(days=7 * step)
        end = start + timedelta(days=6)
        if step == 0 and words[0] == "earlier":
            end = published  # "earlier this week": up to the story
    return start, end


def ended_before(text: str, published: date) -> bool:
    """Does the period a date names end before the story's day: "last week", "last month",
    "a year ago", "in 1985"? Not a day ("on Sunday"): a trip begun then may still go on."""
    lower = _tidy(text).lower()
    span = _week_span(lower.replace("-", " ").split(), published, "past")
    if span is not None:
        return span[1] < published
    value = normalise_date(text, published, "past")
    if value is None or value[0] == "-" or len(value) == 10:
        return False
    return value < published.isoformat()[: len(value)]


def _day_in_week(words: list[str], published: date) -> str | None:
    """ "Tuesday of last week", "on Tuesday next week": that day of that week."""
    words = [w for w in words if w not in ("on", "of")]
    if len(words) != 3 or words[0] not in WEEKDAYS or words[2] != "week":
        return None
    step = {"last": -1, "this": 0, "next": 1}.get(words[1])
    if step is None:
        return None
    monday = published - timedelta(days=published.weekday())
    return (monday + timedelta(days=7 * step + WEEKDAYS[words[0]])).isoformat()


def _weekday(published: date, weekday: int, direction: Tense) -> date:
    """The nearest such weekday: on or before the story for the past, on or after for the
    future; with no tense, the nearest on or before (wire stories report what happened)."""
    if direction == "future":
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    candidate = _safe_date(year, month, day)
    return candidate.isoformat() if candidate else None

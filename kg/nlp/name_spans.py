"""Where a name mention begins and ends: the tagger's spans repaired. A title, nationality
or lower-case word run into a person's name is cut off ("President Revik" is "Revik"); a
name the tagger cut at a particle, a quoted nickname or an untagged word runs on ("Anna von
der" + "Brinck"); one span holding two names is two ("the Harbour Courier's Anna Lind");
and full names the tagger left untagged are found ("King Oskar", "Karim Aziz Haddon")."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from kg.nlp import gazetteer
from kg.nlp.cached import doc_ents, ent_text_labels, tokens_with_pos, tokens_with_text
from kg.nlp.captions import PHOTO_CREDIT_WORDS
from kg.nlp.dates import MONTHS_AND_DAYS, WEEKDAYS
from kg.nlp.gender import is_given_name
from kg.nlp.lexicon import words
from kg.nlp.outlets import MASTHEAD_WORDS, connected_title_end, known_outlet_ends
from kg.nlp.pipeline import dictionary_parts
from kg.nlp.titles import HONORIFICS, PORTFOLIO_NOUNS, is_title_word

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


# Words that mark a name as an organisation's, whatever its verb.
ORG_WORDS = words("organisation-words")


# Common nouns for a person ("billionaire", "activist"): capitalised before a name ("Rapper
# Anna Lind", at a sentence's start or in a headline) they describe the person, they are
# no part of the name.
_DESCRIBING_NOUNS = words("person-nouns") | words("person-role-nouns")


def _describes_person(token: Token) -> bool:
    """ "Billionaire" in "Billionaire Thomas Revik": a common noun for a person, not also a
    given name ("Hunter"), before a name that opens with a given name (not "Marine" in
    "Marine Le Marin", a given name the lists lack)."""
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    return (
        token.lower_ in _DESCRIBING_NOUNS
        and not is_given_name(token.text)
        and after is not None
        and is_given_name(after.text)
    )


def _verb_of_the_name(token: Token, end: int) -> bool:
    """ "Addressing" in "Addressing Anna Lind earlier, Ruiz said", "Telling" in a headline's
    "Booed After Telling Anna Lind To Stop": a capitalised participle whose object is the
    name after it, no part of that name."""
    return (
        token.tag_ == "VBG"
        and token.pos_ == "VERB"
        and any(t.head == token and t.dep_ == "dobj" for t in token.doc[token.i + 1 : end])
    )


def _inverted_speech_verb(token: Token, end: int) -> bool:
    """ "Said" in "Said Ana Ruiz: ..." tagged one name: a verb opening the sentence whose
    subject is the name after it (not "Said" as a given name, which the parser compounds
    into the name)."""
    subjects = (t for t in token.doc[token.i + 1 : end] if t.dep_ == "nsubj")
    return token.pos_ == "VERB" and any(t.head == token for t in subjects)


def _common_word_opening(token: Token) -> bool:
    """ "Initially" in "Initially Ruiz said", "Further" in "Further Ruiz stated": a
    sentence's capitalised first word, no given name ("Anders" and "Karen" stay), that the
    dictionary knows as an adverb or a verb's "-ed" or "-ing" form is no part of the name
    after it. (Not a noun or a bare verb: "Wu", "Park", "Ban" and "Win" open names.)"""
    if not _opens_sentence(token) or is_given_name(token.text):
        return False
    lower = token.lower_
    inflected = lower.endswith(("ed", "ing")) and "verb" in dictionary_parts(lower)
    return inflected or "adv" in dictionary_parts(lower)


def _ends_page_furniture(doc: Doc, end: int) -> bool:
    """Do the two words before `end` make a page's furniture ("Related Story")?"""
    return end >= 2 and doc[end - 2 : end].text.lower() in PAGE_FURNITURE


def _opens_sentence(token: Token) -> bool:
    """Is the token its sentence's first word (past a paragraph break's blank token)?"""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    return bool(token.is_sent_start or (before is not None and before.is_space and before.is_sent_start))


def _plural_title(token: Token) -> bool:
    """ "Senators" in "Senators Ana Ruiz and Karel Brandt", "Congresswomen": a title's plural,
    the title of the names it heads, no part of the first."""
    lower = token.lower_
    return token.text[:1].isupper() and (
        (lower.endswith("s") and lower[:-1] in gazetteer.TITLE_HEADS)
        or (lower.endswith("men") and lower[:-3] + "man" in gazetteer.TITLE_HEADS)
    )


def is_given_named(span: Span) -> bool:
    """ "Anna Marit Lindqvist" tagged an organisation: two or three capitalised proper nouns
    (a hyphenated surname counts as one), the first a common given name, with no
    organisation word, acronym, outlet or country among them, name a person. Not where the
    story tags that first word a place more often than a person ("Harbourtown Energy"
    after "in Harbourtown")."""
    words_ = span.text.split()
    first = span[0]
    return (
        2 <= len(words_) <= 3
        and len(first) > 2
        and is_given_name(first.text)
        # "Harbour Rovers": a plural is a team's or a firm's name.
        and all((t.pos_ == "PROPN" and t.tag_ != "NNPS" and t.is_title) or t.text == "-" for t in span)
        and not any(t.lower_ in ORG_WORDS for t in span)
        and not any(gazetteer.country_of(t.text) for t in [span, *span])
        and not gazetteer.is_known_outlet(span.text)
        and _times_tagged(first, ("GPE", "LOC")) <= _times_tagged(first, ("PERSON",))
    )


def _times_tagged(token: Token, labels: tuple[str, ...]) -> int:
    """How often the tagger gives the story's mentions of this word alone one of `labels`."""
    counts = ent_text_labels(token.doc)  # counted once per story, not at every call
    return sum(counts[token.text, label] for label in labels)


def _absorbed_name(ent: Span) -> tuple[int, int, int] | None:
    """(end of the body's name, start and end of the person's) where a non-person span runs
    a body's name on into a person's name: after a capitalised title word ("Vesterland
    Governor Anna Lind"), or after the body's last word, where the name is a given name and
    surname or one the story tags a person alone ("the Harbour Committee Ole Lind" with
    "Lind said" later), or after the country of a title ("Prime Minister of Velonia Ana
    Ruiz"). The name may run on over untagged capitalised words after the span."""
    if ent.label_ not in ("ORG", "GPE", "FAC", "LOC") or len(ent) < 3:
        return None
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and doc[end].is_title:
        end += 1
    for k in range(ent.start + 1, ent.end):
        name = doc[k:end]
        if not (
            2 <= len(name) <= 3
            and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in name)
            and not any(t.lower_ in ORG_WORDS or t.lower_ in MONTHS_AND_DAYS for t in name)
            and not any(is_title_word(t) or gazetteer.country_of(t.text) for t in name)
        ):
            continue
        before = doc[k - 1]
        if before.lower_ in gazetteer.TITLE_HEADS and not before.is_lower and k - 1 > ent.start:
            return k - 1, k, end
        if (before.lower_ in ORG_WORDS or before.tag_ == "NNPS" or _body_in_complement(before, end)) and (
            is_given_named(name) or _times_tagged(name[-1], ("PERSON",)) > 0
        ):
            return k, k, end
        if _country_name(doc, before.i) and _after_title_preposition(doc, before.i):
            # "Prime Minister of Velonia Ana Ruiz" tagged one body: after a title's country
            # the capitalised words are the holder's name.
            return k, k, end
    return None


# Words between a title's "of" and the word a name run on from it starts at: "President of
# the French Republic", "Commissioner for Harbour Owners' Rights".
_COMPLEMENT_GLUE = {"the", "and", "'", "’", "'s", "’s"}


def _after_title_preposition(doc: Doc, i: int) -> bool:
    """Does the word at `i` stand in the "of" (or "for") phrase of a capitalised title before
    it: "President of Belarus", "Director General of the Velgaz company", "Commissioner for
    Harbour Owners' Rights"? Or of a title word written small: "the leader of Belarus", "the
    governor of Vesterland"."""
    k = i - 1
    while k > 0 and i - k <= 6 and (doc[k].text[:1].isupper() or doc[k].lower_ in _COMPLEMENT_GLUE):
        k -= 1
    return (
        k > 0
        and doc[k].lower_ in ("of", "for")
        and (doc[k - 1].text[:1].isupper() or is_title_word(doc[k - 1]))
    )


def _country_name(doc: Doc, i: int) -> bool:
    """Is the word at `i` a country's name, or the end of one ("Saudi" + "Arabia")? Not an
    adjective ("the Syrian Arab Republic", "the Kyrgyz Republic": the body's name goes on)."""
    return any(gazetteer.country_of(doc[k : i + 1].text) == doc[k : i + 1].text for k in (i, i - 1) if k >= 0)


def _body_in_complement(token: Token, end: int) -> bool:
    """ "President of Belarus Mara Lind", "General Director of Velgaz Karel Vondrak" tagged one
    person: a title's "of" phrase names the country or body, the person's name follows it.
    The first word of such a span is the body's where it is a country, a body's word, an
    acronym, a plural, or a word the story tags a place or a body rather than a person; the
    name keeps two words at least."""
    doc = token.doc
    if end - token.i < 3 or not _after_title_preposition(doc, token.i):
        return False
    return bool(
        _country_name(doc, token.i)
        or token.lower_ in ORG_WORDS
        or token.tag_ == "NNPS"
        or (token.is_upper and token.is_alpha and len(token) > 1)
        or _times_tagged(token, ("GPE", "LOC", "ORG", "NORP")) > _times_tagged(token, ("PERSON",))
    )


def _possessor_end(ent: Span) -> int | None:
    """Where the possessive "'s" stands in a non-person span that ends in a person's given
    name and surname after it ("the Harbour Courier's Anna Lind"); None elsewhere."""
    if ent.label_ not in ("ORG", "GPE", "FAC", "NORP"):
        return None
    for token in ent[1:-2]:
        if token.tag_ == "POS":
            rest = ent.doc[token.i + 1 : ent.end]
            owner = ent.doc[ent.start : token.i]
            return token.i if is_given_named(rest) or _staff_of_outlet(owner, rest) else None
    return None


def _staff_of_outlet(owner: Span, rest: Span) -> bool:
    """ "the Harbour Broadcasting Network's Ilse Varga": two or three capitalised proper nouns
    after an outlet's name (a known one, or one its last word says is an outlet's) are a
    person of its staff, whatever their given name."""
    return (
        2 <= len(rest) <= 3
        and all(t.pos_ == "PROPN" and t.is_title for t in rest)
        and (
            gazetteer.is_known_outlet(owner.text)
            or owner[-1].lower_ in gazetteer.OUTLET_NOUNS
            or owner[-1].lower_ in MASTHEAD_WORDS
        )
    )


def name_spans(doc: Doc) -> list[Span]:
    """Named mentions; a person's name loses a title the tagger took into it
    ("President Revik" is "Revik")."""
    spans = []
    covered_until = 0  # a name carried on over the next span the tagger made of its rest
    released: set[int] = set()  # a name's first word the tagger ran into the body before it
    acronyms = {t.lower_ for t in tokens_with_text(doc, str.isupper) if t.is_alpha and 3 <= len(t) <= 8}
    for ent in _apart_at_dashes(doc_ents(doc)):
        if ent.label_ not in NAME_LABELS or ent.start < covered_until:
            continue
        kept, acronym = _within_brackets(ent)
        if kept is None:
            continue
        if acronym is not None:
            spans.append(acronym)
        ent = kept
        credit_end = _page_furniture_end(ent)
        if credit_end is not None:
            # "Related Story Velonia", "Image copyright Norpress Image": a page's furniture or
            # a photo's credit run into the name after it.
            if credit_end >= ent.end:
                continue
            ent = Span(doc, credit_end, ent.end, label=ent.label_)
        if ent[0].is_lower and ent.label_ != "PERSON":
            # "to meet Piotr Varga" tagged as one organisation: no name starts with a
            # lower-case word.
            start = next((t.i for t in ent if not t.is_lower), ent.end)
            if start == ent.end:
                continue
            ent = Span(doc, start, ent.end, label=ent.label_)
        pronoun = None
        if ent.label_ != "PERSON":
            pronoun = next((t.i for t in ent[1:] if t.pos_ == "PRON" and t.is_lower), None)
        if pronoun is not None:
            # "told the Harbour Post he would ...": the tagger ran the name into the clause
            # after it; no name has a pronoun in it.
            ent = Span(doc, ent.start, pronoun, label=ent.label_)
        if _only_a_title(ent):
            # "Marine Sgt" + "." + "Karel Vondrak", "Navy Cmdr", "Msgr": the title the
            # tagger made a name of, apart from the name after it.
            continue
        first = ent[0]
        if (
            len(ent) >= 3
            and first.is_upper
            and first.is_alpha
            and len(first) > 1
            and first.head.i not in range(ent.start, ent.end)
            and all(t.is_title for t in ent[1:])
        ):
            # "Ambassador to the UN Tomas Revik" tagged as one span: the acronym hangs from
            # "to", the name from the verb; two mentions, not one.
            spans.append(Span(doc, ent.start, ent.start + 1, label="ORG"))
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
        if ent.label_ != "PERSON" and len(ent) > 1 and _first_name_of_next(ent):
            # "Speaker of the Harbour Assembly Jan" tagged one body, "Karel Vondrak" a person:
            # the body's last word is compounded into the name that follows it.
            released.add(ent.end - 1)
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)
        if ent.label_ != "PERSON" and len(ent) > 1 and _before_a_name(doc, ent.end):
            # "the Harbour Union Executive" + "Chairman Karel Vondrak", "the Joint Staff Gen." +
            # "Tom Berg": the title words the tagger ran into a body's name are the title's.
            end = ent.end
            while end - 1 > ent.start and is_title_word(doc[end - 1]) and not doc[end - 1].is_lower:
                end -= 1
            ent = Span(doc, ent.start, end, label=ent.label_)
        absorbed = _absorbed_name(ent)
        if absorbed is not None:
            # "the Vesterland Governor Anna Lind", "the House of Delegates Anna Lind" tagged
            # one body: the body's name, then a person's (the title between is neither's).
            body_end, start, end = absorbed
            spans.append(Span(doc, ent.start, body_end, label=ent.label_))
            ent = Span(doc, start, end, label="PERSON")
        owner = _possessor_end(ent)
        if owner is not None:
            # "the Harbour Courier's Anna Lind" tagged one organisation: the owner's name, then
            # a person's.
            spans.append(Span(doc, ent.start, owner, label=ent.label_))
            ent = Span(doc, owner + 1, ent.end, label="PERSON")
        if ent.label_ == "PERSON":
            start = ent.start
            # Titles, nationality words and lower-case words the tagger ran into the name:
            # "President Revik", "Norlandic King Otto", "to meet Tomas Revik" (a lower-case
            # particle inside a name, "Anna van der Berg", is never first).
            while start < ent.end - 1 and (
                is_title_word(doc[start])
                or _rank_in_title(doc[start])
                or (doc[start].is_lower and not _joined_particle(doc[start]))
                or (doc[start].pos_ == "ADJ" and gazetteer.country_of(doc[start].text) is not None)
                or _describes_person(doc[start])
                or _verb_of_the_name(doc[start], ent.end)
                or _inverted_speech_verb(doc[start], ent.end)
                or _common_word_opening(doc[start])
                or _ends_page_furniture(doc, start + 1)  # "Related Story Ruiz"
                or _plural_title(doc[start])
                or _body_in_complement(doc[start], ent.end)
                or (doc[start].lower_ in WEEKDAYS and ent.end - start >= 3)  # "said Monday Ana Ruiz"
            ):
                start += 1
            body = next((k for k in range(ent.start, start) if _body_in_complement(doc[k], ent.end)), None)
            if body is not None and ent.end - start >= 2:
                # "the leader of Velonia Ana Ruiz" tagged one person: the country or body of
                # the title is a mention of its own (not where one word of the name is left,
                # "Mayor Ana Ruiz of Mar del Norte": a place's name).
                label = "GPE" if _country_name(doc, start - 1) else "ORG"
                spans.append(Span(doc, body, start, label=label))
            end = ent.end
            # "Ana" untagged before "Maria Lopes": a capitalised proper noun compounded
            # into the name, not a title, is its first word. Not the last word of a body's
            # name ("Chief of the General Staff Anton Varga"), which has words of its own.
            while (
                start > 0
                and doc[start - 1].pos_ == "PROPN"
                and (doc[start - 1].ent_type_ == "" or start - 1 in released)
                and doc[start - 1].text[:1].isupper()
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].head.i in range(start, end)
                and not is_title_word(doc[start - 1])
                and not _describes_person(doc[start - 1])
                and not _rank_in_title(doc[start - 1])  # "Sgt. 1st Class Ana Ruiz"
                and doc[start - 1].lower_ not in ORG_WORDS  # "... Holdings Limited Ana Maria Lopes"
                and doc[start - 1].lower_ not in WEEKDAYS  # "said Monday Ana Ruiz"
                # "Initially Ruiz said", "Further Ruiz stated": a sentence's capitalised first
                # word the tagger left out of the name is no part of it unless a given name.
                and not _common_word_opening(doc[start - 1])
                and not _ends_page_furniture(doc, start)  # "Related Story" + "Ruiz"
                and not _body_in_complement(doc[start - 1], end)  # "President of Belarus" + "Mara Lind"
                and not any(c.dep_ == "compound" and c.i < start - 1 for c in doc[start - 1].children)
            ):
                start -= 1
            # "Karel" tagged, "Vondrak" not: an untagged capitalised proper noun that the
            # name's last word modifies belongs to the name.
            while (
                end < len(doc)
                and doc[end].pos_ == "PROPN"
                and doc[end].ent_type_ == ""
                and doc[end].text[:1].isupper()
                and doc[end - 1].head == doc[end]
                and doc[end - 1].dep_ == "compound"
                and not is_title_word(doc[end])  # "Mali President ...": the title is no name
            ):
                end += 1
            end = _past_hyphen(doc, _past_suffix(doc, _name_rest_end(doc, _past_nickname(doc, end))))
            end = _past_editors_bracket(doc, start, end)
            covered_until = end
            if (start, end) != (ent.start, ent.end):
                ent = Span(doc, start, end, label="PERSON")
        elif titled_name(ent):
            # "King Oskar" or "President Varga" tagged an organisation: the title marks a
            # person, and the name is what follows it.
            ent = Span(doc, ent.start + 1, ent.end, label="PERSON")
        elif ent.label_ in ("ORG", "WORK_OF_ART") and gazetteer.is_known_outlet(ent.text):
            end = _place_carried_end(doc, connected_title_end(doc, ent.end))
            covered_until = end
            ent = Span(doc, ent.start, end, label=ent.label_)
        elif ent.label_ == "ORG" and (end := _own_phrase_end(doc, ent, acronyms)) > ent.end:
            covered_until = end
            ent = Span(doc, ent.start, end, label=ent.label_)
        elif ent.label_ == "ORG" and len(ent) > 1:  # (a known outlet took the branch before)
            # "told Norpress Stockholm itself would ...": a known outlet run into the next name,
            # which opens the clause told (not "told Norpress Vesterland Service on Monday",
            # "with Norpress Magazine,": the outlet's own service or title).
            known_end = next(known_outlet_ends(doc, ent.start, ent.end), None)
            if known_end is not None:
                if connected_title_end(doc, known_end) < ent.end and _opens_a_clause(doc, ent.end):
                    ent = Span(doc, ent.start, known_end, label="ORG")
            else:
                # "a professor at Harbour University Vesterland": a body's name carried on by
                # the place it is compounded into.
                end = _place_carried_end(doc, ent.end)
                if end > ent.end and ent[-1].lower_ in ORG_WORDS:
                    covered_until = end
                    ent = Span(doc, ent.start, end, label="ORG")
        spans.append(ent)
    return spans


# A dash between words, as written with spaces around it.
_DASHES = {"-", "–", "—", "―", "--"}


PAGE_FURNITURE = words("page-furniture-words")
# Each word of a photo credit's closing words (PHOTO_CREDIT_WORDS: "photo", "images", "via", an
# agency's name), and the "Image" of "Image caption", which a crawled credit runs into.
_CREDIT_WORDS = {w for entry in PHOTO_CREDIT_WORDS for w in entry.split()} | {"image"}


def _page_furniture_end(ent: Span) -> int | None:
    """Where a page's furniture that a span opens with ends: after "Related Story" or "Image
    caption" in it (and a photo's credit words after those), or over the credit words right
    after "copyright" before it; None where the span has none."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in PAGE_FURNITURE:
        return _past_credit_words(doc, ent.start, ent.end)  # "Image copyright" + credit words + "Image"
    # "Related" + "Story Velonia's ...": the furniture's first word left out of the span.
    return page_furniture_end(doc, max(ent.start - 1, 0), ent.end)


def page_furniture_end(doc: Doc, start: int, end: int) -> int | None:
    """Where the page's furniture among the words from `start` to `end` ends ("Related
    Story", "Image caption" and the photo's credit words after them); None where there is
    none. A furniture word is written small there ("Image copyright"); capitalised it is a
    name's own ("the US Copyright Office", "Closed Caption Partners")."""
    last = None
    for token in doc[start:end]:
        pair = doc[token.i - 1 : token.i + 1].text.lower() if token.i > start else ""
        if (token.lower_ in PAGE_FURNITURE and token.is_lower) or pair in PAGE_FURNITURE:
            last = token.i + 1
    return None if last is None else _past_credit_words(doc, last, end)


def _past_credit_words(doc: Doc, start: int, end: int) -> int:
    while start < end and doc[start].lower_ in _CREDIT_WORDS:
        start += 1
    return start


def _apart_at_dashes(ents: tuple[Span, ...]) -> list[Span]:
    """ "Ana Ruiz - Weber's partner" or "Weak - Weber - weak" tagged one name: a dash set
    apart by a space ends a name (a hyphened surname is written close, "Ruiz-Weber"), so
    each side is a mention of its own, where it has a capitalised proper noun."""
    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        cuts = [t.i for t in ent[1:-1] if t.text in _DASHES and (t.whitespace_ or doc[t.i - 1].whitespace_)]
        start = ent.start
        for cut in [*cuts, ent.end]:
            side = doc[start:cut]
            if not cuts or any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in side):
                out.append(Span(doc, start, cut, label=ent.label_) if cuts else ent)
            start = cut + 1
    return out


def _within_brackets(ent: Span) -> tuple[Span | None, Span | None]:
    """A span the tagger ran on into a bracket it does not close, and a function word it
    ended on: "the Harbour Workers Party (HWP" + ")", "the Harbour Party of" + "Norland".
    The name ends before the bracket, whose acronym (if that is all it holds) is a mention of
    its own; no name ends in "of" or "and" (the ORG repairs below may carry it on, over its
    own phrase). Returns the span left (None if nothing is) and the acronym's span (None
    too then)."""
    doc = ent.doc
    start, end, acronym = ent.start, ent.end, None
    opening = next((t.i for t in ent if t.text == "("), None)
    if opening is not None and not any(t.text == ")" for t in doc[opening : ent.end]):
        end = opening
        inner = doc[opening + 1 : ent.end]
        if len(inner) == 1 and inner[0].is_upper and inner[0].is_alpha:
            acronym = Span(doc, inner.start, inner.end, label=ent.label_)
    while end > start and doc[end - 1].is_lower and doc[end - 1].pos_ in ("ADP", "CCONJ", "DET"):
        end -= 1
    if end <= start:
        return None, None  # nothing of the name is left: its acronym neither
    return (ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)), acronym


def _past_hyphen(doc: Doc, end: int) -> int:
    """Where a person's name ends that the tagger cut at a hyphen: "Kamal Nour El" +
    "-Wardani", "Tarek Ali El-" + "Masrawi" (a wire story's line break left in the word). The
    name runs on over a hyphen written onto its last word and the capitalised word after it,
    in the same sentence."""
    while end < len(doc):
        last = doc[end - 1]
        if last.text == "-" and end >= 2 and _syllable_after_hyphen(doc, end - 1):
            return end + 1  # "Baek Jae-" + "in"
        if last.text.endswith("-") and len(last) > 1:
            after = end  # "El-" + "Masrawi"
        elif doc[end].text == "-" and not last.whitespace_ and end + 1 < len(doc):
            after = end + 1  # "El" + "-" + "Wardani"
        else:
            return end
        word = doc[after]
        if after == end + 1 and _syllable_after_hyphen(doc, end):
            return after + 1
        if not (
            word.text[:1].isupper()
            and word.text.rstrip("-").isalpha()
            and word.sent.start == last.sent.start
            and word.ent_type_ in ("", "PERSON")
            and not gazetteer.country_of(word.text)
        ):
            return end
        end = after + 1
    return end


# "the Brandt-led coalition", "a Varga-era rule": English words written after a name's
# hyphen, which end no name.
HYPHEN_COMBINING_WORDS = words("hyphen-combining-words")


def _syllable_after_hyphen(doc: Doc, hyphen: int) -> bool:
    """ "Baek Jae" + "-" + "in", "Yoon Hae" + "-" + "wol": a given name of two syllables
    joined by a hyphen writes its second one in lower case. A short lower-case word glued
    to the hyphen ends the name, where the name has two words at least, the last a short
    capitalised syllable, and the word is no English word put after a name's hyphen."""
    after = hyphen + 1
    if hyphen < 2 or after >= len(doc):
        return False
    last, word = doc[hyphen - 1], doc[after]
    return (
        doc[hyphen].text == "-"
        and not last.whitespace_
        and not doc[hyphen].whitespace_
        and doc[hyphen - 2].text[:1].isupper()
        and last.text[:1].isupper()
        and last.is_alpha
        and len(last) <= 5
        and word.is_lower
        and word.is_alpha
        and len(word) <= 4
        and word.lower_ not in HYPHEN_COMBINING_WORDS
        and (after + 1 == len(doc) or bool(word.whitespace_) or doc[after + 1].is_punct)
    )


def _opens_a_clause(doc: Doc, end: int) -> bool:
    """A verb right after a name, or after the pronoun that stresses it ("Stockholm itself
    would"): the name is the subject of a clause of its own."""
    after = [t for t in doc[end : end + 2] if t.pos_ != "PRON"][:1]
    return bool(after) and after[0].pos_ in ("AUX", "VERB")


NAME_PARTICLES = words("name-particles")


_ACRONYM_SMALL_WORDS = {"of", "for", "the", "and", "on", "in", "de", "des", "du", "la", "&"}


def initials(name: str) -> str:
    """ "International Monetary Fund" -> "imf"; "Organization of American States" -> "oas"."""
    return "".join(w[0] for w in name.lower().replace("-", " ").split() if w not in _ACRONYM_SMALL_WORDS)


def _own_phrase_end(doc: Doc, ent: Span, acronyms: set[str]) -> int:
    """Where an organisation's name ends that the tagger cut before an "of" or "in" phrase
    of its own: "the Conference of Mayors of Major Alpine Cities", "the Organization for
    Trade and Cooperation in Europe" tagged up to "Mayors", "Cooperation". The name runs on
    over the capitalised words after it where they end in a word for a body ("Cities" is
    not; "Unions" is), or where an acronym of the story (OTCE) spells the longer name and
    not the shorter."""
    if initials(ent.text) in acronyms:
        return ent.end
    end = best = ent.end
    joining: tuple[str, ...] = ("in", "of", "for")  # "and" only inside: "the Council and Union" is two
    while end + 1 < len(doc) and doc[end].lower_ in joining and _capitalised_after(doc, end + 1):
        end += 2 if doc[end + 1].lower_ == "the" else 1
        while (
            end < len(doc) and (doc[end].is_title or doc[end].is_upper) and doc[end].pos_ in ("PROPN", "ADJ")
        ):
            end += 1
        last = doc[end - 1]
        if initials(doc[ent.start : end].text) in acronyms or (
            last.pos_ == "PROPN" and (last.lower_ in ORG_WORDS or last.lower_.removesuffix("s") in ORG_WORDS)
        ):
            best = end
        elif doc[best].lower_ == "of" and gazetteer.country_of(doc[best + 1 : end].text):
            # "the Communist Party" + "of Norland", "of North Vesterland": a body's name that
            # ends in its country.
            best = end
        joining = ("in", "of", "for", "and")
    return best


def _capitalised_after(doc: Doc, i: int) -> bool:
    """Does a capitalised word stand at `i`, or after "the" there ("of the HWP Central
    Committee")?"""
    if i + 1 < len(doc) and doc[i].lower_ == "the":
        i += 1
    return doc[i].is_title or doc[i].is_upper


def _place_carried_end(doc: Doc, end: int) -> int:
    """Where a name ends that a place's name carries on: a known outlet's regional station
    or edition ("Norpress South Vesterland"), a body's seat ("Harbour University
    Vesterland"), where the name is compounded into the place's. Not "told Norpress
    Harbourtown would ...", where the place begins the clause told."""
    k = end
    while (
        k < len(doc)
        and doc[k].text[:1].isupper()
        and doc[k].pos_ == "PROPN"
        and doc[k].ent_type_ in ("", "GPE", "LOC")
    ):
        k += 1
    run = doc[end:k]
    if not run or not any(t.ent_type_ in ("GPE", "LOC") for t in run):
        return end
    last = doc[end - 1]
    if last.dep_ != "compound" or last.head.i not in range(end, k) or run.root.dep_ == "nsubj":
        return end
    return k


def _past_nickname(doc: Doc, end: int) -> int:
    """Where a name ends that the tagger cut inside a quoted nickname: 'Anna C. "Annie' or
    'Anna C. "' tagged, the rest not. The name runs on through the closing mark to the
    family name ('Anna C. "Annie" Lind'), and the tagger's span of that name, if any."""
    k = end + 1 if 0 < end < len(doc) and doc[end - 1].text in ('"', "“") else end
    if not (
        2 <= k < len(doc) - 1
        and doc[k].text in ('"', "”")
        and doc[k - 2].text in ('"', "“")
        and doc[k - 1].text[:1].isupper()
        and doc[k + 1].pos_ == "PROPN"
        and doc[k + 1].text[:1].isupper()
        and doc[k + 1].sent.start == doc[k - 1].sent.start
    ):
        return end
    end = k + 2
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON":
        end += 1
    return end


NAME_SUFFIXES = words("name-suffixes")


def _past_editors_bracket(doc: Doc, start: int, end: int) -> int:
    """Where a name ends that an editor's bracket cuts: "(Velonian President Marek) Dovan",
    a quotation's "Dovan" with the title and given name the editor put before it. The
    bracket opens before the name in its sentence and closes right after it; the
    capitalised proper noun after the bracket is the rest of the name (the bracket's
    closing mark is dropped from the name by entities.clean_name)."""
    if not (
        end + 1 < len(doc)
        and doc[end].text == ")"
        and doc[end + 1].pos_ == "PROPN"
        and doc[end + 1].text[:1].isupper()
        and not doc[end + 1].is_upper  # "(Harbour Union) HWU": an acronym after it
        # The tagger may type the surname left alone after the bracket anything ("Dovan"
        # an organisation); a country's name or a title is no surname.
        and not is_title_word(doc[end + 1])
        and gazetteer.country_of(doc[end + 1].text) is None
        and doc[end + 1].sent.start == doc[start].sent.start
    ):
        return end
    for t in reversed(doc[doc[start].sent.start : start]):
        if t.text == ")":
            return end
        if t.text == "(":
            after = end + 2
            while after < len(doc) and doc[after].ent_iob_ == "I" and doc[after].text[:1].isupper():
                after += 1
            return after
    return end


def _past_suffix(doc: Doc, end: int) -> int:
    """Where a name ends that is followed by its generational suffix set off by a comma
    ("Tomas Revik, Jr., the mayor"): the suffix is the name's; "Revik" alone is his father."""
    if (
        end + 1 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].lower_ in NAME_SUFFIXES
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].sent.start == doc[end - 1].sent.start
    ):
        return end + 2
    return end


def _name_rest_end(doc: Doc, end: int) -> int:
    """Where a person's name ends that the tagger cut at a particle or split in two:
    "Anna von der" + "Brinck", "Paulo Mendes" + "dos Reis", "Luis Carlos" + "Ortega
    Ruiz" (a second person's name straight after the first, in the same sentence)."""
    after = end
    while after < len(doc) and doc[after].is_lower and doc[after].lower_ in NAME_PARTICLES:
        after += 1
    if after >= len(doc) or doc[after].pos_ != "PROPN" or not doc[after].text[:1].isupper():
        return end
    if doc[after].sent.start != doc[end - 1].sent.start:
        return end
    if after > end or (doc[end - 1].is_lower and doc[end - 1].lower_ in NAME_PARTICLES):
        end = after + 1  # the family name after the particles
    elif (
        # "Harbourtown Mayor Anna Lind": a place, then a titled name.
        is_title_word(doc[end - 1])
        or is_title_word(doc[after])
        or (doc[after].ent_type_ not in ("", "PERSON") and not _tagged_surname(doc, end - 1, after))
        or doc[after].lower_ in MONTHS_AND_DAYS
        or gazetteer.country_of(doc[after].text) is not None
    ):
        return end
    else:
        end = after + 1
    # The rest of the tagger's second span, or of the untagged words.
    untagged = doc[after].ent_type_ == ""
    while end < len(doc) and (
        (doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON")
        or (untagged and doc[end].ent_type_ == "" and doc[end].pos_ == "PROPN" and doc[end].is_title)
    ):
        end += 1
    return end


RANK_WORDS = words("rank-words")


def _only_a_title(ent: Span) -> bool:
    """Is a span all title words and rank words ("Staff Sgt", "Air Force 1st"), one of them
    no mere modifier ("Army" alone stays the army), that is a named person's title: right
    before the name or its title, before the name after the title's field ("National
    Security Advisor" + "for Cyber and Emerging Technology Ana Ruiz"), or in apposition
    after the name ("Ana Ruiz, Spokesperson and Chief Advisor to the President")? Not "the
    Pope" alone, where the title names the one who holds it."""
    return (
        all(is_title_word(t) or t.lower_ in RANK_WORDS for t in ent)
        and any(is_title_word(t) and t.lower_ not in gazetteer.TITLE_MODIFIERS for t in ent)
        and (
            _before_a_name(ent.doc, ent.end)
            or _before_a_name(ent.doc, _field_end(ent.doc, ent.end))
            or _after_a_name(ent.doc, ent.start)
        )
    )


def _field_end(doc: Doc, end: int) -> int:
    """Where a title's field ends that opens at `end` with "for" ("for Cyber and Emerging
    Technology", "for European Integration"): after its capitalised words, "and", "of" and
    "the"; `end` itself where no field opens there. (An "of" opens the body the title is
    held at, "Director of the Harbour Office", which the roles read from the title.)"""
    if end >= len(doc) or doc[end].lower_ != "for":
        return end
    k = end + 1
    while k < len(doc) and (
        doc[k].lower_ in ("and", "of", "the") or (doc[k].is_title and doc[k].ent_type_ != "PERSON")
    ):
        k += 1
    return k if k > end + 1 else end


def _after_a_name(doc: Doc, start: int) -> bool:
    """Does a person's name end right before `start`, and a comma ("Ana Ruiz, Spokesperson
    ...")?"""
    return (
        start >= 2
        and doc[start - 1].text == ","
        and doc[start - 2].pos_ == "PROPN"
        and doc[start - 2].text[:1].isupper()
        and not is_title_word(doc[start - 2])
        and doc[start - 2].ent_type_ in ("", "PERSON")
    )


def _rank_in_title(token: Token) -> bool:
    """A rank word inside a title: after a title's word ("Sgt. 1st Class") or before one
    ("Fire Marshal", "Staff Sgt."); not "Marine" before a name ("Marine Le Marin")."""
    if token.lower_ not in RANK_WORDS:
        return False
    doc, i = token.doc, token.i
    if i > 0 and (is_title_word(doc[i - 1]) or doc[i - 1].lower_ in RANK_WORDS):
        return not (doc[i - 1].is_alpha and doc[i - 1].is_lower) or _rank_before_title(doc, i)
    return _rank_before_title(doc, i)


def _rank_before_title(doc: Doc, i: int) -> bool:
    """Do rank words from `i` on run into a title word ("Staff Sgt.", "Fire Marshal")?"""
    while i < len(doc) and doc[i].lower_ in RANK_WORDS:
        i += 1
    return i < len(doc) and is_title_word(doc[i])


def _before_a_name(doc: Doc, end: int) -> bool:
    """Does a person's name, or a title before one, begin at `end`?"""
    return end < len(doc) and (
        (doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "PERSON")
        or (is_title_word(doc[end]) and not doc[end].is_lower)
    )


def _first_name_of_next(ent: Span) -> bool:
    """Is a non-person span's last word the first word of the person's name tagged right
    after it, compounded into that name ("the Harbour Assembly Jan" + "Karel Vondrak")? Not
    a title or a word that names bodies ("Council"), nor the body's own head, which its
    other words modify ("the Harbour Fleet" + "Karel Vondrak")."""
    doc, last = ent.doc, ent[-1]
    return (
        not any(c.i in range(ent.start, ent.end - 1) for c in last.children)
        and ent.end < len(doc)
        and doc[ent.end].ent_iob_ == "B"
        and doc[ent.end].ent_type_ == "PERSON"
        and last.pos_ == "PROPN"
        and last.is_title
        and last.dep_ == "compound"
        and last.head.ent_type_ == "PERSON"
        and last.head.i >= ent.end
        and not is_title_word(last)
        and last.lower_ not in ORG_WORDS
        and not gazetteer.country_of(last.text)
    )


def _joined_particle(token: Token) -> bool:
    """ "al-" in "al-Tamimi": a particle hyphened to the family name is part of it, also
    where the name stands alone."""
    doc = token.doc
    return (
        token.lower_ in NAME_PARTICLES
        and not token.whitespace_
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and not doc[token.i + 1].whitespace_
    )


def _tagged_surname(doc: Doc, last: int, after: int) -> bool:
    """ "Karel Jan" tagged a person and "Vondrak" a place: a word the tagger took alone for
    another kind of name, that the name's words are compounded into, is its last word. Not
    a country, a capital or a known outlet, and not the first word of a longer name."""
    word = doc[after]
    return (
        doc[last].dep_ == "compound"
        and doc[last].head == word
        and word.ent_iob_ == "B"
        and (after + 1 >= len(doc) or doc[after + 1].ent_iob_ != "I")
        and not gazetteer.country_of_capital(word.text)
        and not gazetteer.is_known_outlet(word.text)
    )


def titled_name(ent: Span) -> bool:
    """A non-person span that is a title word followed by one to three capitalised proper
    nouns: "King Oskar", "President Varga" (not "President Hotel Group": a longer name
    or one with common nouns stays what the tagger said)."""
    if ent.label_ not in ("ORG", "NORP", "GPE") or not 2 <= len(ent) <= 4:
        return False
    first = ent[0].lower_
    # "Secretary of Defense Tomas Weber" tagged from the portfolio on: the portfolio ends
    # the title the "of" began, and the name follows it.
    portfolio = first in PORTFOLIO_NOUNS and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "of"
    if first not in gazetteer.TITLE_HEADS and first not in HONORIFICS and not portfolio:
        return False
    rest = ent[1:]
    # (not "an official of Interior Ministry": a body's word is no person's name)
    return all(
        t.pos_ == "PROPN" and t.is_title and t.lower_ not in ORG_WORDS for t in rest
    ) and not gazetteer.is_known_outlet(ent.text)


def untagged_full_names(doc: Doc, votes: dict[str, Counter[str]]) -> list[Span]:
    """ "Karim Aziz Haddon" left untagged while "Haddon" is tagged PERSON elsewhere: a run of
    proper nouns ending in a surname the article uses for a person is that person's name;
    so is a short run right after a title of rank ("King Oskar", "Duchess Ilona")."""
    surnames = {k for k, c in votes.items() if " " not in k and c["PERSON"] > sum(c.values()) / 2}
    found: list[Span] = []
    i = 0  # where the next run may start
    for proper_noun in tokens_with_pos(doc, "PROPN"):
        if proper_noun.i < i:
            continue
        i = proper_noun.i
        if proper_noun.ent_type_ or not proper_noun.text[:1].isupper():
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and not doc[j].ent_type_:
            j += 1
        while i < j and (is_title_word(doc[i]) or doc[i].lower_ in ROYAL_TITLES):
            i += 1
        while j - i >= 2 and (_common_word_opening(doc[i]) or _plural_title(doc[i])):
            i += 1  # "Further Ruiz stated", "Senators Ana Ruiz and ..."
        if j - i >= 3 and _country_name(doc, i) and _after_title_preposition(doc, i):
            # "Deputy Minister of Velonia Ana Ruiz" left untagged: the title's country, then
            # the holder's name.
            found.append(Span(doc, i, i + 1, label="GPE"))
            i += 1
        titled = i > 0 and doc[i - 1].is_title and doc[i - 1].lower_ in ROYAL_TITLES
        # "Vice Premier Cui Renshan" left untagged while "Cui said" is tagged elsewhere: after a
        # title, a short run that opens with a name the story uses for a person alone is that
        # person's whole name, the family name written first.
        family_first = (
            i > 0
            and 2 <= j - i <= 3
            and doc[i].lower_ in surnames
            and is_title_word(doc[i - 1])
            and doc[i - 1].text[:1].isupper()
        )
        fielded = _after_a_title_field(doc, i)
        if fielded:
            # "Minister for Water and Power Ana Ruiz": the field's last words, then the name.
            while i < j and doc[i].lower_ in PORTFOLIO_NOUNS:
                i += 1
        # A title of rank takes a name of one word, a field's title two or more (both: one).
        if (
            (j - i >= 2 and doc[j - 1].lower_ in surnames)
            or family_first
            or (
                (titled or fielded)
                and (1 if titled else 2) <= j - i <= 3
                and not any(t.lower_ in MONTHS_AND_DAYS for t in doc[i:j])
            )
        ):
            # "Prince Tomas and Duchess Ilona" left untagged: a title of rank before
            # capitalised words names a person (royal-titles.txt).
            found.append(doc[i:j])
        i = max(j, i + 1)
    return found


ROYAL_TITLES = words("royal-titles")


def _after_a_title_field(doc: Doc, i: int) -> bool:
    """Capitalised words at `i` that follow a title and its field ("Minister of Foreign
    Affairs", "Minister for Water and"): the field's words (portfolio-nouns.txt) and "and"
    back to "of" or "for" right after a capitalised title noun."""
    k = i - 1
    while k > 1 and (doc[k].lower_ == "and" or (doc[k].lower_ in PORTFOLIO_NOUNS and doc[k].is_title)):
        k -= 1
    return (
        k >= 1
        and doc[k].lower_ in ("of", "for")
        and doc[k - 1].is_title
        and doc[k - 1].lower_ in gazetteer.TITLE_HEADS
    )

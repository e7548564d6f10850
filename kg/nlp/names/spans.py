"""The name mentions of a story: the tagger's spans repaired, one step a question. A page's
furniture, a lower-case word, a pronoun or a bare title run into a span are cut off; a span
holding two names is two ("the Harbour Courier's Anna Lind"); a person's name loses the
words before it that are no part of it (openings.py) and runs on where the tagger cut it
(endings.py); an organisation's name ends where its own words do (organisations.py)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.cached import doc_ents, tokens_with_text
from kg.nlp.names.endings import name_end
from kg.nlp.names.furniture import opening_furniture_end
from kg.nlp.names.openings import carried_back_start, name_start
from kg.nlp.names.organisations import organisation_end
from kg.nlp.names.punctuation import apart_at_dashes, within_brackets
from kg.nlp.names.run_together import (
    absorbed_name,
    body_in_complement,
    country_name,
    first_name_of_next,
    possessor_end,
)
from kg.nlp.names.titled import before_a_name, country_before_title, only_a_title, titled_name_start
from kg.nlp.titles import is_title_word

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def name_spans(doc: Doc) -> list[Span]:
    """Named mentions; a person's name loses a title the tagger took into it
    ("President Revik" is "Revik")."""
    spans: list[Span] = []
    covered_until = 0  # a name carried on over the next span the tagger made of its rest
    released: set[int] = set()  # a name's first word the tagger ran into the body before it
    acronyms = {t.lower_ for t in tokens_with_text(doc, str.isupper) if t.is_alpha and 3 <= len(t) <= 8}
    for ent in apart_at_dashes(doc_ents(doc)):
        if ent.label_ not in NAME_LABELS or ent.start < covered_until:
            continue
        kept, acronym = within_brackets(ent)
        if kept is None:
            continue
        if acronym is not None:
            spans.append(acronym)
        cut = _cut_free(kept)
        if cut is None:
            continue
        ent = _apart_from_others(cut, spans, released)
        if ent.label_ == "PERSON":
            ent = _person_name(ent, spans, released)
        elif (titled := titled_name_start(ent)) is not None:
            # "King Oskar" or "President Varga" tagged an organisation: the title marks a
            # person, and the name is what follows it.
            ent = Span(doc, titled, ent.end, label="PERSON")
        elif ent.label_ == "ORG" and (end := organisation_end(ent, acronyms)) != ent.end:
            ent = Span(doc, ent.start, end, label="ORG")
        spans.append(ent)
        covered_until = ent.end
    return spans


def _cut_free(ent: Span) -> Span | None:
    """The span without the words run into it that no name holds: a page's furniture before
    it, lower-case words opening a body's name, the clause after it from its pronoun on;
    None where nothing is left, or where the span is only a title beside a name."""
    doc = ent.doc
    credit_end = opening_furniture_end(ent)
    if credit_end is not None:
        # "Related Story Velonia", "Image copyright Norpress Image": a page's furniture or
        # a photo's credit run into the name after it.
        if credit_end >= ent.end:
            return None
        ent = Span(doc, credit_end, ent.end, label=ent.label_)
    if ent[0].is_lower and ent.label_ != "PERSON":
        # "to meet Piotr Varga" tagged as one organisation: no name starts with a
        # lower-case word.
        start = next((t.i for t in ent if not t.is_lower), ent.end)
        if start == ent.end:
            return None
        ent = Span(doc, start, ent.end, label=ent.label_)
    pronoun = None
    if ent.label_ != "PERSON":
        pronoun = next((t.i for t in ent[1:] if t.pos_ == "PRON" and t.is_lower), None)
    if pronoun is not None:
        # "told the Harbour Post he would ...": the tagger ran the name into the clause
        # after it; no name has a pronoun in it.
        ent = Span(doc, ent.start, pronoun, label=ent.label_)
    if only_a_title(ent):
        # "Marine Sgt" + "." + "Karel Vondrak", "Navy Cmdr", "Msgr": the title the
        # tagger made a name of, apart from the name after it.
        return None
    return ent


def _apart_from_others(ent: Span, spans: list[Span], released: set[int]) -> Span:
    """The last name of a span that holds two: the earlier ones (an acronym, a body's name,
    an owner's name) are appended to `spans`; a body's last word that opens the person's
    name after it goes to `released`."""
    doc = ent.doc
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
    country_end = country_before_title(ent)
    if country_end is not None:
        # "Velonia PM Ruiz's coalition" tagged one body: the country, then a titled name
        # (titled_name_start), without the possessive.
        spans.append(Span(doc, ent.start, country_end, label="GPE"))
        end = ent.end - 1 if ent[-1].tag_ == "POS" else ent.end
        ent = Span(doc, country_end, end, label=ent.label_)
    if ent.label_ != "PERSON" and len(ent) > 1 and first_name_of_next(ent):
        # "Speaker of the Harbour Assembly Jan" tagged one body, "Karel Vondrak" a person:
        # the body's last word is compounded into the name that follows it.
        released.add(ent.end - 1)
        ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)
    if ent.label_ != "PERSON" and len(ent) > 1 and before_a_name(doc, ent.end):
        # "the Harbour Union Executive" + "Chairman Karel Vondrak", "the Joint Staff Gen." +
        # "Tom Berg": the title words the tagger ran into a body's name are the title's.
        end = ent.end
        while end - 1 > ent.start and is_title_word(doc[end - 1]) and not doc[end - 1].is_lower:
            end -= 1
        ent = Span(doc, ent.start, end, label=ent.label_)
    absorbed = absorbed_name(ent)
    if absorbed is not None:
        # "the Vesterland Governor Anna Lind", "the House of Delegates Anna Lind" tagged
        # one body: the body's name, then a person's (the title between is neither's).
        body_end, start, end = absorbed
        spans.append(Span(doc, ent.start, body_end, label=ent.label_))
        ent = Span(doc, start, end, label="PERSON")
    owner = possessor_end(ent)
    if owner is not None:
        # "the Harbour Courier's Anna Lind" tagged one organisation: the owner's name, then
        # a person's.
        spans.append(Span(doc, ent.start, owner, label=ent.label_))
        ent = Span(doc, owner + 1, ent.end, label="PERSON")
    return ent


def _person_name(ent: Span, spans: list[Span], released: set[int]) -> Span:
    """A person's name from the words before it that are no part of it to where it ends;
    the title's country or body it held is appended to `spans`."""
    doc = ent.doc
    start = name_start(ent)
    body = next((k for k in range(ent.start, start) if body_in_complement(doc[k], ent.end)), None)
    if body is not None and ent.end - start >= 2:
        # "the leader of Velonia Ana Ruiz" tagged one person: the country or body of
        # the title is a mention of its own (not where one word of the name is left,
        # "Mayor Ana Ruiz of Mar del Norte": a place's name).
        label = "GPE" if country_name(doc, start - 1) else "ORG"
        spans.append(Span(doc, body, start, label=label))
    start = carried_back_start(doc, start, ent.end, released)
    end = name_end(doc, start, ent.end)
    if (start, end) != (ent.start, ent.end):
        ent = Span(doc, start, end, label="PERSON")
    return ent

"""Where an organisation's or an outlet's name ends that the tagger cut short or ran on: its
own "of" phrase ("the Conference of Mayors of Major Alpine Cities"), a known outlet's
regional edition ("Norpress South Vesterland"), a body's seat ("Harbour University
Vesterland"), or a known outlet run into the name of the clause after it ("told Norpress
Stockholm itself would ..."); and the initials that spell a name's acronym."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp import gazetteer
from kg.nlp.gazetteer import ORG_WORDS
from kg.nlp.outlets import connected_title_end, known_outlet_ends


def organisation_end(ent: Span, acronyms: set[str]) -> int:
    """Where an organisation's name ends, given the story's acronyms (lower case)."""
    doc = ent.doc
    if gazetteer.is_known_outlet(ent.text):
        return _place_carried_end(doc, connected_title_end(doc, ent.end))
    end = _own_phrase_end(doc, ent, acronyms)
    if end > ent.end or len(ent) == 1:
        return end
    known_end = next(known_outlet_ends(doc, ent.start, ent.end), None)
    if known_end is not None:
        # "told Norpress Stockholm itself would ...": a known outlet run into the next name,
        # which opens the clause told (not "told Norpress Vesterland Service on Monday",
        # "with Norpress Magazine,": the outlet's own service or title).
        if connected_title_end(doc, known_end) < ent.end and _opens_a_clause(doc, ent.end):
            return known_end
        return ent.end
    # "a professor at Harbour University Vesterland": a body's name carried on by the place
    # it is compounded into.
    end = _place_carried_end(doc, ent.end)
    return end if end > ent.end and ent[-1].lower_ in ORG_WORDS else ent.end


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


def _opens_a_clause(doc: Doc, end: int) -> bool:
    """A verb right after a name, or after the pronoun that stresses it ("Stockholm itself
    would"): the name is the subject of a clause of its own."""
    after = [t for t in doc[end : end + 2] if t.pos_ != "PRON"][:1]
    return bool(after) and after[0].pos_ in ("AUX", "VERB")

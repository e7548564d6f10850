"""A place name in an encounter's own place phrase that the tagger left untagged, or tagged
only in part, is still the encounter's place (kg/nlp/anchoring.py)."""

from __future__ import annotations

from kg.ingest.articles import Article
from kg.nlp.extract import extract_facts
from tests.conftest import text_for_nlp


def _places(nlp, text: str, untag: str) -> list[str | None]:
    doc = nlp(text_for_nlp(text))
    # The tagger sees the town in the first sentence, not in the second.
    last = max(e.start for e in doc.ents if e.text == untag)
    doc.ents = [e for e in doc.ents if e.start != last]
    facts = extract_facts(doc, Article(id="t", text=text, published="2024-07-16"))
    return [e.place.name if e.place else None for e in facts.events]


def test_untagged_name_the_story_knows_as_a_place(nlp):
    text = (
        "Protests spread across Zelinow on Monday. Anna Lindqvist also visited President Piotr "
        "Varga in Zelinow at the start of July, marking her first visit to Poland since the war began."
    )
    assert _places(nlp, text, "Zelinow") == ["Zelinow"]

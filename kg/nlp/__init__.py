"""spaCy only, no RDF: from an article's text to its typed facts (kg.model).

pipeline.py builds the spaCy pipeline (fingerprint.py names it and kg's extractor, for
rebuilds); extract.py runs the fact finders of facts/ over a
parse, after the article-wide steps: entities.py (names, pronouns; with names/,
outlets.py, titles.py and short_forms.py), descriptions.py ("the Egyptian leader" -> a
name), groups.py ("the two leaders"), dates.py, factuality.py, anchoring.py, frames.py,
dateline.py, captions.py and visits.py (an event's time, place and status), gender.py, cached.py;
lexicon.py and gazetteer.py read the word lists of kg/resources."""

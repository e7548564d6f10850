"""Where a name mention begins and ends: the tagger's spans repaired (spans.py, the one
entry point) and full names the tagger left untagged found (untagged.py). Each question has
one owner: the words before a person's name that are no part of it (openings.py), how far a
person's name runs on (endings.py), titles beside a name (titled.py), a body's name and a
person's run into one span (run_together.py), an organisation's or outlet's name cut short
or run on (organisations.py), dashes and brackets that end a name (punctuation.py), and a
web page's furniture run into a name (furniture.py)."""

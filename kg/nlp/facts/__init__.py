"""One module per fact type: meetings.py and calls.py (sharing events.py, each clause's
mentions, with parties.py, who takes part in each, and assembly.py, the story-level step
that joins them, with story_frames.py, their dates and places from the story around them,
and participation.py, their parties from it; mention.py is what they pass), interviews.py,
roles.py, quotes.py (with quote_marks.py, where the quotations are; speech_verbs.py and
verbless_attribution.py, what attributes each; surname_speakers.py, which bearer a surname
is; and speakers.py, who a speaker phrase is).
kg.nlp.extract runs them in order."""

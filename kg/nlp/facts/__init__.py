"""One module per fact type: meetings.py and calls.py (sharing events.py), interviews.py,
roles.py, quotes.py. kg.nlp.extract runs them in order."""

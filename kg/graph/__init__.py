"""RDF only, no spaCy: the vocabulary (vocab.py), IRIs and literals (iris.py), the one triple
writer (triples.py), the stores (store/), entity links (resolve.py), the listings' summaries
(summary.py), named queries and their parameters (queries.py, bindings.py), SERVICE checks
(federation.py) and what a store holds (stats.py)."""

"""What kg reads, as Article records or Skip reasons: files, folders, JSONL and HTML
(articles.py), pages and RSS/Atom feeds fetched by URL (web.py). Neither spaCy nor RDF."""

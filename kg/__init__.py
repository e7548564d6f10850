"""kg: news articles to an RDF knowledge graph of meetings, calls, interviews and roles."""

__version__ = "0.1.0"

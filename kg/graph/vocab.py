"""The vocabulary's terms in Python, mirroring ontology/kg.ttl (a test keeps them in step)."""

from __future__ import annotations

KG = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "kg": KG,
    "kgid": ID,
    "schema": SCHEMA,
    "prov": PROV,
    "sem": SEM,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
}
# The same prefixes declared for SPARQL text sent where they are not already known (a
# server store, kg's own updates), on one line: a server's error column past it is the
# user's column plus its length (kg/graph/store/remote.py).
SPARQL_PROLOGUE = "".join(f"PREFIX {name}: <{iri}> " for name, iri in PREFIXES.items())

# Classes
ARTICLE = KG + "Article"
ENTITY = KG + "Entity"
PERSON = KG + "Person"
ORGANIZATION = KG + "Organization"
COUNTRY = KG + "Country"
NEWS_OUTLET = KG + "NewsOutlet"
PLACE = KG + "Place"
EVENT = KG + "Event"
MEETING = KG + "Meeting"
PHONE_CALL = KG + "PhoneCall"
INTERVIEW = KG + "Interview"
ROLE = KG + "Role"
EVIDENCE = KG + "Evidence"
STATEMENT = KG + "Statement"
STATUS = KG + "EventStatus"

# Statuses (individuals of kg:EventStatus)
OCCURRED = KG + "occurred"
PLANNED = KG + "planned"
NOT_OCCURRED = KG + "not_occurred"

# Properties
NAME = RDFS + "label"
SAME_AS = OWL + "sameAs"
TYPE = RDF + "type"
PARTICIPANT = KG + "participant"
DATE = KG + "date"
PLACE_PROP = KG + "place"
STATUS_PROP = KG + "status"
OUTLET = KG + "outlet"
INTERVIEWEE = KG + "interviewee"
ROLE_PERSON = KG + "person"
TITLE = KG + "title"
ROLE_ORG = KG + "organization"
EVIDENCE_PROP = KG + "evidence"
SOURCE_ARTICLE = KG + "article"
START = KG + "start"
END = KG + "end"
SENTENCE = KG + "sentence"
ARTICLE_ID = KG + "articleId"
PUBLISHED = KG + "published"
PUBLISHER = KG + "publisher"
HEADLINE = KG + "headline"
URL = KG + "url"
CONTENT_HASH = KG + "contentHash"
TEXT_HASH = KG + "textHash"
LINKS_PENDING = KG + "linksPending"
ENTITY_TYPE = KG + "entityType"
SPEAKER = KG + "speaker"
SPEAKER_NAME = KG + "speakerName"
TEXT = KG + "text"
SAID_TO = KG + "saidTo"
SAID_ON = KG + "saidOn"
MENTIONS = KG + "mentions"
REPORTED = KG + "reported"
CITES = KG + "cites"
DERIVED_FROM = PROV + "wasDerivedFrom"
# Shortcuts for simple questions: only for what took place.
MET = KG + "met"
SPOKE_BY_PHONE_WITH = KG + "spokeByPhoneWith"
INTERVIEWED = KG + "interviewed"
HOLDS_ROLE = KG + "holdsRole"
SAID = KG + "said"
# What a listing shows of a meeting or call, kept by the writer in the merged view only
# (kg/graph/summary.py): one property read per column instead of joins and grouping per row.
SUMMARY_PARTICIPANTS = KG + "summaryParticipants"
SUMMARY_DATE = KG + "summaryDate"
SUMMARY_PLACE = KG + "summaryPlace"
SUMMARY_STATUS = KG + "summaryStatus"
SUMMARY_SOURCES = KG + "summarySources"
# Of an interview: the outlet's and the person's names, the person's node (the full name's
# where a sameAs link leads there), and its date as a string (SUMMARY_DATE).
SUMMARY_OUTLET = KG + "summaryOutlet"
SUMMARY_PERSON = KG + "summaryPerson"
SUMMARY_INTERVIEWEE = KG + "summaryInterviewee"
# Each article an interview is derived from (prov:wasDerivedFrom, copied): read in one pass
# over this property rather than looked up node by node.
SUMMARY_ARTICLE = KG + "summaryArticle"
# Of an evidence node: the id of the article it cites (kg:article/kg:articleId, copied), so
# a question about one person reads one property a row where it followed two.
SUMMARY_ARTICLE_ID = KG + "summaryArticleId"
SUMMARY_PREDICATES = (
    SUMMARY_PARTICIPANTS,
    SUMMARY_DATE,
    SUMMARY_PLACE,
    SUMMARY_STATUS,
    SUMMARY_SOURCES,
    SUMMARY_OUTLET,
    SUMMARY_PERSON,
    SUMMARY_INTERVIEWEE,
    SUMMARY_ARTICLE,
    SUMMARY_ARTICLE_ID,
)
SUMMARY_PENDING = KG + "summaryPending"
# What `kg stats` shows, kept by the writer in the merged view only (kg/graph/stats.py): each
# counter a node of its own (ID + "count/..."), its number the kg:count; and the mark, inside
# one update, of the nodes whose counts it may change.
COUNT = KG + "count"
COUNT_PENDING = KG + "countPending"

ENTITY_CLASSES = {
    "person": PERSON,
    "organization": ORGANIZATION,
    "country": COUNTRY,
    "outlet": NEWS_OUTLET,
    "place": PLACE,
}
EVENT_CLASSES = {"meeting": MEETING, "call": PHONE_CALL}
# The class of each kind of fact (kg.model.FACT_TYPES).
FACT_CLASSES = {**EVENT_CLASSES, "interview": INTERVIEW, "role": ROLE, "quote": STATEMENT}
STATUSES = {"occurred": OCCURRED, "planned": PLANNED, "not_occurred": NOT_OCCURRED}

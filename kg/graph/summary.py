"""What a listing shows of each meeting, call and interview, kept in the merged view by the
writer.

`meetings`, `calls` and `timeline` show one row per event: its participants' names (a
surname-only node under the full name owl:sameAs links it to, one name a person: the MIN of
its labels), the most precise date, the most precise place, the most cautious status and
the number of sources. Computing that at query time costs about ten index lookups per row
(participant joins, GROUP_CONCAT, OPTIONALs); on a 5-million-triple store that is seconds.
So the writer keeps it on the event node, in the store's default graph only (never in an
article graph, so exports and `kg facts` are unchanged):

    ?event kg:summaryParticipants "A | B" ; kg:summarySources 2 ;
           kg:summaryDate "2025-08-15" ; kg:summaryPlace "Anchorage" ; kg:summaryStatus "occurred" .

each value the very term the aggregating queries gave (the `SUMMARIZE` update below is
their text, restricted to the events to recompute), so the listings' answers are unchanged
but for one thing: the names are sorted (GROUP_CONCAT left them in the engine's hash order).
An interview keeps its outlet's and person's least names, the person's node and its date
(kg:summaryOutlet, kg:summaryPerson, kg:summaryInterviewee, kg:summaryDate) and the articles
it is derived from (kg:summaryArticle); the listings fold an undated interview into the one
dated one over these. An evidence node keeps the id of the article it cites
(kg:summaryArticleId, what kg:article/kg:articleId gives): `person` reads it for each of a
busy person's thousands of rows, one lookup where the path took two.

What can change an event's summary: its own triples (an article stating it is written,
replaced or removed), and the names and types of the entities it reaches (a label or
entity type entering or leaving the view, an owl:sameAs link appearing or going); an
evidence node's: its kg:article, and the kg:articleId of the article it cites. The
update that replaces a graph (kg/graph/store/base.py) therefore marks, in a scratch graph, the
events, evidence nodes and articles of the graph's old and new version and the entities
whose label, type or sameAs triple enters or leaves the view, recomputes the summaries of
the events and evidence nodes they reach, and drops the scratch graph: all in the same
update request, one transaction on Oxigraph. An event or evidence node no graph states any
more loses its summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.graph import vocab as T

# The scratch graph of one update: created and dropped inside it, so no reader sees it.
PENDING = ox.NamedNode(T.ID + "summaries-pending")
_MARK = f"<{T.SUMMARY_PENDING}> true"
_AFFECTED_MARK = f"<{T.SUMMARY_PENDING}> false"
# Evidence nodes and articles, marked apart from the events (their summary is one copied id).
_CITES_MARK = f'<{T.SUMMARY_PENDING}> "cites"'
# Meetings, calls and interviews: the kinds of node that get a summary.
_EVENT_CLASSES = (*T.EVENT_CLASSES.values(), T.INTERVIEW)
_EVENT_TYPES = {ox.NamedNode(c) for c in _EVENT_CLASSES}
# The subjects of these triples are marked too: an evidence node (its kg:article) and an
# article (its kg:articleId), for the evidence nodes' kg:summaryArticleId.
_CITING = (T.SOURCE_ARTICLE, T.ARTICLE_ID)
# The triples of an entity that a summary shows: a change to one re-summarizes its events.
_NAMING = (T.NAME, T.ENTITY_TYPE, T.SAME_AS)
_NAMING_VALUES = " ".join(f"<{p}>" for p in _NAMING)
_CITING_VALUES = " ".join(f"<{p}>" for p in _CITING)
_SUMMARY_VALUES = " ".join(f"<{p}>" for p in T.SUMMARY_PREDICATES)
_SUMMARY_IN = ", ".join(f"<{p}>" for p in T.SUMMARY_PREDICATES)

PROLOGUE = T.SPARQL_PROLOGUE

# The events whose summary must be recomputed: marked ones, and those reaching a marked
# entity as participant, place, outlet or interviewee, directly or through a surname node
# linked to it.
_AFFECTED = f"""
  {{ GRAPH {PENDING} {{ ?e {_MARK} }} }}
  UNION {{ GRAPH {PENDING} {{ ?x {_MARK} }} ?e kg:participant|kg:place|kg:outlet|kg:interviewee ?x }}
  UNION {{ GRAPH {PENDING} {{ ?x {_MARK} }} ?n owl:sameAs ?x . ?e kg:participant|kg:interviewee ?n }}
"""
_ALL = "?e a ?class . VALUES ?class { " + " ".join(f"<{c}>" for c in _EVENT_CLASSES) + " }"

# meetings.rq as it was before the summaries (names sorted), one row per event in EVENTS;
# then each interview's names, person node and date.
_SUMMARIZE = """
INSERT {
  ?e kg:summaryParticipants ?participants ; kg:summarySources ?sources .
  ?e kg:summaryDate ?date . ?e kg:summaryPlace ?place . ?e kg:summaryStatus ?status .
}
WHERE {
  SELECT ?e ?participants
         (STRAFTER(MAX(?dateKey), "|") AS ?date)
         (STRAFTER(MIN(?placeKey), "|") AS ?place)
         (STRAFTER(MIN(?statusKey), "|") AS ?status)
         (COUNT(DISTINCT ?article) AS ?sources)
  WHERE {
    {
      # The names in a fixed order: sorted (GROUP_CONCAT keeps the order rows come in).
      SELECT ?e (GROUP_CONCAT(?name; separator=" | ") AS ?participants)
      WHERE {
        {
          SELECT ?e ?name
          WHERE {
            {
              SELECT ?e ?person (MIN(?label) AS ?name)
              WHERE {
                { SELECT DISTINCT ?e WHERE { EVENTS } }
                { ?e a kg:Meeting } UNION { ?e a kg:PhoneCall }  # VALUES here read every meeting
                ?e kg:participant ?named .
                OPTIONAL { ?named owl:sameAs ?full }
                BIND(COALESCE(?full, ?named) AS ?person)
                ?person rdfs:label ?label .
              }
              GROUP BY ?e ?person
            }
          }
          ORDER BY ?e ?name
        }
      }
      GROUP BY ?e
    }
    ?e prov:wasDerivedFrom ?article .
    OPTIONAL {
      ?e kg:date ?d .
      BIND(CONCAT(IF(STRLEN(STR(?d)) = 10, "4", IF(STRSTARTS(STR(?d), "--"), "2",
                  IF(STRLEN(STR(?d)) = 7, "3", "1"))), "|", STR(?d)) AS ?dateKey)
    }
    OPTIONAL {
      ?e kg:place ?pl . ?pl rdfs:label ?plName .
      OPTIONAL { ?pl kg:entityType ?plType }
      BIND(CONCAT(IF(COALESCE(?plType, "") = "country", "2", "1"), "|", ?plName) AS ?placeKey)
    }
    OPTIONAL {
      ?e kg:status ?s . BIND(STRAFTER(STR(?s), "#") AS ?st)
      BIND(CONCAT(IF(?st = "not_occurred", "0", IF(?st = "planned", "1", "2")), "|", ?st) AS ?statusKey)
    }
  }
  GROUP BY ?e ?participants
} ;
# An interview: what interviews.rq and timeline.rq grouped each node by, before folding.
INSERT {
  ?e kg:summaryOutlet ?outlet ; kg:summaryPerson ?person ; kg:summaryInterviewee ?p .
  ?e kg:summaryDate ?date .
}
WHERE {
  {
    SELECT ?e (MIN(?outletName) AS ?outlet) (MIN(?personName) AS ?person) (SAMPLE(?q) AS ?p)
    WHERE {
      EVENTS
      ?e a kg:Interview ; kg:outlet ?outletNode ; kg:interviewee ?named .
      OPTIONAL { ?named owl:sameAs ?full }
      BIND(COALESCE(?full, ?named) AS ?q)
      ?q rdfs:label ?personName .
      ?outletNode rdfs:label ?outletName .  # as a path (kg:outlet/rdfs:label), read every interview
    }
    GROUP BY ?e
  }
  OPTIONAL { ?e kg:date ?d . BIND(STR(?d) AS ?date) }
} ;
# And each article it is derived from.
INSERT { ?e kg:summaryArticle ?article }
WHERE { EVENTS ?e a kg:Interview ; kg:summaryOutlet ?outlet ; prov:wasDerivedFrom ?article }"""
# An evidence node: the id of the article it cites.
_ARTICLE_IDS = "INSERT { ?e kg:summaryArticleId ?id } WHERE { ?e kg:article/kg:articleId ?id }"


def _forget(events: str) -> str:
    if not events:  # every summary: the few summary properties' triples, read by predicate
        return f"DELETE {{ ?e ?sp ?so }} WHERE {{ ?e ?sp ?so . VALUES ?sp {{ {_SUMMARY_VALUES} }} }}"
    # The listed events' own triples, filtered: with VALUES the engine read every summary
    # triple of the store and joined them to the list (80 ms a write on 1.2M triples).
    return f"DELETE {{ ?e ?sp ?so }} WHERE {{ {events} ?e ?sp ?so . FILTER(?sp IN ({_SUMMARY_IN})) }}"


# Every summary recomputed from the view: for a store written before kg kept them.
SUMMARIZE_ALL = (
    PROLOGUE
    + _forget("")
    + " ;\n"
    + _SUMMARIZE.replace(
        "{ SELECT DISTINCT ?e WHERE { EVENTS } }", "{ SELECT DISTINCT ?e WHERE { " + _ALL + " } }"
    ).replace("EVENTS", "")
    + " ;\n"
    + _ARTICLE_IDS
)
# (kind of node, the summary property every such node with a summary has)
_KINDS = [
    ("{ ?e a kg:Meeting } UNION { ?e a kg:PhoneCall }", T.SUMMARY_SOURCES),
    ("?e a kg:Interview", T.SUMMARY_ARTICLE),
    ("?e kg:article ?a", T.SUMMARY_ARTICLE_ID),
]


def in_replaced(graphs: list[ox.NamedNode], pattern: str) -> str:
    """`pattern` matched in each of `graphs` (as ?g), as they hold before a replacement: what
    the replacement update (kg/graph/store/base.py) and its marks and counts here and in
    kg/graph/stats.py read of the old versions."""
    # One branch a graph, each naming its graph: given as `VALUES ?g { ... } GRAPH ?g { ... }`,
    # Oxigraph read the pattern in every graph of the store and kept the listed ones, so
    # each write took longer as the store grew (on a store of 2,720 articles, replacing 50
    # of them: 0.75 s of CPU a write that way, 0.45 s this way; the same store after).
    return "{ " + " } UNION { ".join(f"GRAPH {g} {{ {pattern} }} BIND({g} AS ?g)" for g in graphs) + " }"


def stated_only_in(graphs: list[ox.NamedNode], triple: str) -> str:
    """The filter that keeps `triple` (a pattern) only where no graph but `graphs` states it:
    the triple leaves the merged view when they are replaced (unless a new version states it)."""
    others = ", ".join(map(str, graphs))
    return f"FILTER NOT EXISTS {{ GRAPH ?other {{ {triple} }} FILTER(?other NOT IN ({others})) }}"


def _naming(quads: Iterable[ox.Quad]) -> list[str]:
    return [f"({q.subject} {q.predicate} {q.object})" for q in quads if q.predicate.value in _NAMING]


def marks_before(graphs: list[ox.NamedNode], quads: list[ox.Quad]) -> list[str]:
    """Operations to run before `graphs` are replaced by `quads` (their new versions, all
    together): mark the events of their old versions, their evidence nodes and articles, and
    the entities whose naming triples leave the view (stated by no other graph and not by a
    new version) or enter it (stated by a new version, not yet in the view)."""
    naming = " ".join(_naming(quads))
    keep = f" MINUS {{ VALUES (?x ?p ?o) {{ {naming} }} }}" if naming else ""
    ops = [
        f"INSERT {{ GRAPH {PENDING} {{ ?e {_MARK} }} }} WHERE {{ {in_replaced(graphs, _ALL)} }}",
        f"INSERT {{ GRAPH {PENDING} {{ ?e {_CITES_MARK} }} }} WHERE {{ {in_replaced(graphs, '?e ?p ?o')} "
        f"VALUES ?p {{ {_CITING_VALUES} }} }}",
        f"INSERT {{ GRAPH {PENDING} {{ ?x {_MARK} }} }} WHERE {{ {in_replaced(graphs, '?x ?p ?o')} "
        f"VALUES ?p {{ {_NAMING_VALUES} }} {stated_only_in(graphs, '?x ?p ?o')}{keep} }}",
    ]
    if naming:
        ops.append(
            f"INSERT {{ GRAPH {PENDING} {{ ?x {_MARK} }} }} WHERE {{ VALUES (?x ?p ?o) {{ {naming} }} "
            "FILTER NOT EXISTS { ?x ?p ?o } }"
        )
    return ops


def new_event_marks(quads: Iterable[ox.Quad]) -> str:
    """N-Triples lines marking the events, evidence nodes and articles `quads` state, for the
    INSERT DATA of the graph."""
    return "".join(
        f"{q.subject} {_MARK} .\n" if q.predicate.value == T.TYPE else f"{q.subject} {_CITES_MARK} .\n"
        for q in quads
        if (q.predicate.value == T.TYPE and q.object in _EVENT_TYPES) or q.predicate.value in _CITING
    )


# Operations to run after the graph is replaced: the affected events listed in the scratch
# graph (so the recomputation starts from them, not from every event), their summaries
# forgotten and recomputed from the view; the marked evidence nodes and those citing a
# marked article, their article ids likewise; then the scratch graph dropped.
_LISTED = f"GRAPH {PENDING} {{ ?e {_AFFECTED_MARK} }}"
# (the old id forgotten and the new one kept in one operation: an update's WHERE is read
# before it deletes or inserts anything)
_CITING_LISTED = (
    f"{{ GRAPH {PENDING} {{ ?e {_CITES_MARK} }} }} "
    f"UNION {{ GRAPH {PENDING} {{ ?a {_CITES_MARK} }} ?e kg:article ?a }}"
)
RECOMPUTE = [
    f"INSERT {{ GRAPH {PENDING} {{ ?e {_AFFECTED_MARK} }} }} WHERE {{ {_AFFECTED} }}",
    _forget(_LISTED),
    _SUMMARIZE.replace("{ SELECT DISTINCT ?e WHERE { EVENTS } }", _LISTED).replace("EVENTS", _LISTED),
    "DELETE { ?e kg:summaryArticleId ?old } INSERT { ?e kg:summaryArticleId ?id } "
    f"WHERE {{ {{ SELECT DISTINCT ?e WHERE {{ {_CITING_LISTED} }} }} "
    "OPTIONAL { ?e kg:summaryArticleId ?old } OPTIONAL { ?e kg:article/kg:articleId ?id } }",
    f"DROP SILENT GRAPH {PENDING}",
]


def present(store: Any) -> bool:
    """Whether the store has its summaries, or nothing to summarize."""
    return all(
        bool(store.query(f"ASK {{ ?e <{prop}> ?v }}")) or not bool(store.query(f"ASK {{ {kind} }}"))
        for kind, prop in _KINDS
    )

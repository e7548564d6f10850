"""Every canned query parses and runs; parameters are bound, never spliced."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.errors import QueryError
from kg.graph import queries as q

ALL = q.list_queries()


def test_the_canned_queries_are_there():
    assert {n.name for n in ALL} >= {
        "meetings",
        "calls",
        "interviews",
        "roles",
        "person",
        "timeline",
        "sources",
    }


@pytest.mark.parametrize("named", ALL, ids=[n.name for n in ALL])
def test_every_query_has_a_header_and_runs(named, seeds_db):
    assert named.question, f"{named.name}.rq needs a comment header saying what it answers"
    required = [p for p, needed in named.params.items() if needed]
    assert set(required) <= set(named.examples), f"{named.name}.rq gives no example for a required parameter"
    params = named.example_bindings()
    table = q.run_query(seeds_db, named.text, params)
    assert table.columns and table.rows, f"{named.name} finds nothing for its own example on the seeds"


# Runs every canned query with its header's example and prints the answers.
_ANSWERS = """
import sys
from kg.graph import queries as q
from kg.graph.store import open_store
db = open_store(sys.argv[1], read_only=True)
for named in q.list_queries():
    print(named.name, q.run_query(db, named.text, named.example_bindings()))
"""


def test_every_query_answers_in_the_same_order_in_every_process(seeds_store):
    # Oxigraph's hash order changes from one process to the next, so a query whose ORDER BY
    # leaves ties, or whose GROUP_CONCAT follows a UNION, answers differently run to run.
    answers = {
        subprocess.run(
            [sys.executable, "-c", _ANSWERS, str(seeds_store)], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(6)
    }
    assert len(answers) == 1


def test_meetings_query_answers(seeds_db):
    table = q.run_query(seeds_db, q.load_query("meetings").text)
    rows = [dict(zip(table.columns, r, strict=True)) for r in table.rows]
    assert {"date": "--08-15", "place": "Alaska", "status": "occurred"}.items() <= next(
        r for r in rows if r["date"] == "--08-15"
    ).items()


def test_person_parameter_is_bound(seeds_db):
    named = q.load_query("person")
    rows = q.run_query(seeds_db, named.text, q.parse_params(["person=Dmitry Peskov"])).rows
    assert rows and all(r[0] == "Dmitry Peskov" for r in rows)


def test_a_hostile_parameter_is_just_a_string(seeds_db):
    named = q.load_query("person")
    before = len(seeds_db)
    rows = q.run_query(seeds_db, named.text, q.parse_params(['person="} ; DROP ALL ; #'])).rows
    assert rows == []
    assert len(seeds_db) == before


def test_missing_required_parameter_is_a_clear_error():
    with pytest.raises(QueryError, match="needs --param person"):
        q.check_params(q.load_query("person"), {})


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(QueryError, match="known queries: .*meetings"):
        q.load_query("nosuchquery")


def test_quotes_query_gives_what_one_person_said_once_each(seeds_db):
    table = q.run_query(seeds_db, q.load_query("quotes").text, q.parse_params(["person=Dmitry Peskov"]))
    column = table.columns.index("text")
    texts = [row[column] for row in table.rows]
    assert any(t.startswith("This meeting must be productive.") for t in texts)
    assert len(texts) == len(set(texts))
    assert not any("Very disappointed" in t for t in texts)  # Trump's words, not Peskov's


def test_quoted_about_gives_every_speaker_who_spoke_of_an_entity(statements_db):
    table = q.run_query(
        statements_db, q.load_query("quoted-about").text, q.parse_params(["entity=Franz Weber"])
    )
    speakers = {row[table.columns.index("speaker")] for row in table.rows}
    assert speakers == {"Anna Lindqvist", "Karel Vondrak"}
    texts = [row[table.columns.index("text")] for row in table.rows]
    assert not any("weather" in t for t in texts)  # names no one


def test_reporting_chain_traces_a_relayed_statement_to_its_interview(statements_db):
    rows = statements_db.select(
        "SELECT ?relay ?source ?to WHERE { ?r kg:reported ?s ; rdfs:label ?relay ; kg:cites/rdfs:label ?source . "
        "?s kg:saidTo/rdfs:label ?to }"
    )
    assert {(r["relay"].value, r["source"].value, r["to"].value) for r in rows} == {
        ("Reuters", "Le Monde", "Le Monde")
    }


def _story_store(tmp_path, text: str):
    """A store built from one invented story."""
    from kg.build.build import build
    from kg.graph.store import open_store

    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    build([story], tmp_path / "store", workers=1)
    return open_store(tmp_path / "store", read_only=True)


def _quotes_of(db, person: str):
    return q.run_query(db, q.load_query("quotes").text, q.parse_params([f"person={person}"]))


def test_a_split_quotation_is_one_row_with_the_sentence_it_begins_in(tmp_path):
    db = _story_store(
        tmp_path,
        "Anna Lindqvist visited the port of Gdansk on Monday.\n\n"
        "“The harbour stays open,” Anna Lindqvist said. “Nobody will close it while I am here.”\n",
    )
    said = _quotes_of(db, "Anna Lindqvist")
    assert [row[-1] for row in said.rows] == ["“The harbour stays open,” Anna Lindqvist said."]
    about = q.run_query(db, q.load_query("quoted-about").text, q.parse_params(["entity=Anna Lindqvist"]))
    assert about.rows == []  # she speaks; the words do not name her


def test_a_quotation_attributed_by_surname_is_found_under_the_full_name(tmp_path):
    """Issue 17, item 6: "Oakridge said" is the story's Maren Oakridge, the same entity the
    graph names, so asking for what she said by her full name finds it."""
    db = _story_store(
        tmp_path,
        "Councillor Maren Oakridge told reporters on Tuesday that the ferry line would open in spring.\n\n"
        "“We have waited long enough for this crossing,” Oakridge said.\n",
    )
    said = _quotes_of(db, "Maren Oakridge")
    assert [(row[0], row[1]) for row in said.rows] == [
        ("Maren Oakridge", "We have waited long enough for this crossing")
    ]
    assert _quotes_of(db, "Oakridge").rows == []


# Two articles tell one meeting, one placing it in the city, the other at the venue; one
# dates an interview, the other does not.
_ONE_EVENT_TWO_WAYS = [
    {
        "id": "one",
        "published": "2024-05-08",
        "text": "On Monday, Anna Lindqvist met Tomas Revik in Washington. "
        "Anna Lindqvist told Reuters on Tuesday that trade would grow.",
    },
    {
        "id": "two",
        "published": "2024-05-08",
        "text": "On Monday, Anna Lindqvist met Tomas Revik at the White House. "
        "Anna Lindqvist told Reuters that trade would grow.",
    },
]


def test_listings_give_one_row_per_event_with_all_its_sources(tmp_path):
    import json

    from kg.build.build import build
    from kg.graph.store import open_store

    source = tmp_path / "two.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in _ONE_EVENT_TWO_WAYS), encoding="utf-8")
    build([source], tmp_path / "store")
    db = open_store(tmp_path / "store", read_only=True)
    meetings = q.run_query(db, q.load_query("meetings").text)
    assert len(meetings.rows) == 1, meetings.rows
    row = dict(zip(meetings.columns, meetings.rows[0], strict=True))
    assert row["sources"] == "2" and row["date"] == "2024-05-06" and row["status"] == "occurred"
    interviews = q.run_query(db, q.load_query("interviews").text)
    assert [r[3:] for r in interviews.rows] == [["2024-05-07", "2"]]
    timeline = q.run_query(db, q.load_query("timeline").text)
    assert [r[1] for r in timeline.rows] == ["meeting", "interview"]

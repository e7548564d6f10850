"""The command line as a user meets it: help with examples, tables, clear errors."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def test_every_command_has_help_with_an_example():
    for command in ("build", "facts", "query", "export", "stats", "validate", "eval", "entities", "articles"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output, command


def test_build_then_facts_query_export(tmp_path: Path):
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["build", str(SEEDS), "--store", store])
    assert result.exit_code == 0, result.output
    assert "meetings" in result.output and "built" in result.output
    # Not a terminal: plain progress lines for a log, the last one at the end.
    assert "2/2 articles" in result.output
    facts = runner.invoke(app, ["facts", "--store", store])
    lines = [json.loads(line) for line in facts.stdout.splitlines()]
    assert {f["type"] for f in lines} >= {"meeting", "call", "interview", "role"}
    as_csv = runner.invoke(app, ["query", "meetings", "--store", store, "--format", "csv"])
    assert as_csv.exit_code == 0 and as_csv.stdout.startswith(
        "meeting,participants,date,place,status,sources"
    )
    as_json = runner.invoke(
        app,
        [
            "query",
            "--sparql",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Meeting }",
            "--store",
            store,
            "--format",
            "json",
        ],
    )
    # Typed: a count is a number (issue 19, item 14).
    assert json.loads(as_json.stdout) == [{"n": 5}]
    out = tmp_path / "kg.graphml"
    assert runner.invoke(app, ["export", "graphml", str(out), "--store", store]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert runner.invoke(app, ["validate", "--store", store]).exit_code == 0
    assert "quads" in runner.invoke(app, ["stats", "--store", store]).output


def test_store_from_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    assert runner.invoke(app, ["build", str(SEEDS / "000_a7d846a07b5e87ea.txt")]).exit_code == 0
    assert (tmp_path / "env-store").is_dir()


def test_missing_store_is_one_clear_line(tmp_path: Path):
    result = runner.invoke(app, ["query", "meetings", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no kg store at" in result.output and "kg build" in result.output
    assert "Traceback" not in result.output


def test_bad_sparql_is_one_clear_line(seeds_store):
    result = runner.invoke(app, ["query", "--sparql", "SELEC nonsense", "--store", str(seeds_store)])
    assert result.exit_code == 1
    assert "SPARQL syntax error" in result.output


def test_nothing_usable_is_an_error(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "no usable article" in result.output and "empty file" in result.output


def test_writing_into_a_missing_folder_is_one_line_before_any_work(tmp_path: Path, seeds_store):
    missing = tmp_path / "no" / "such"
    for args in (
        ["export", "graphml", str(missing / "kg.graphml")],
        ["facts", "-o", str(missing / "facts.jsonl")],
        ["draw", str(missing / "kg.html")],
    ):
        result = runner.invoke(app, [*args, "--store", str(seeds_store)])
        assert result.exit_code == 1, (args, result.output)
        assert "does not exist" in result.output and str(missing) in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


# Square brackets and angle brackets as users write them: rich markup must neither eat nor fail on them.
HOSTILE = ["[/b]", "[draft]", "kg[cluster]", "[bold red]x[/]", "[/]", "<IRI>", "[link=x]y[/link]", "\\[z]"]


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.lists(st.sampled_from([*HOSTILE, "a", " ", "é"]), min_size=1, max_size=5).map("".join))
def test_hostile_text_in_any_message_is_printed_as_written(tmp_path: Path, seeds_store, name):
    # An error naming a path.
    result = runner.invoke(app, ["export", "graphml", str(tmp_path / name / "x" / "kg.graphml")])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert name in result.output.replace("\n", "")
    # A value in a query's table.
    literal = name.replace("\\", "\\\\").replace('"', '\\"')
    result = runner.invoke(
        app,
        ["query", "--sparql", f'SELECT ?x WHERE {{ BIND("{literal}" AS ?x) }}', "--store", str(seeds_store)],
    )
    assert result.exit_code == 0, result.output
    assert name.strip() in result.output


def test_a_skipped_file_is_named_as_it_is(tmp_path: Path):
    (tmp_path / "[draft] notes.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "--store", str(tmp_path / "s")])
    assert "[draft] notes.txt" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_help_shows_angle_brackets_and_extras():
    assert "<IRI>" in runner.invoke(app, ["query", "--help"]).output
    assert "kg[cluster]" in runner.invoke(app, ["build", "--help"]).output.replace("\n", "")


def test_a_failed_build_leaves_no_empty_store_behind(tmp_path: Path, seeds_store):
    missing_input = runner.invoke(app, ["build", str(tmp_path / "nothing"), "--store", str(tmp_path / "a")])
    unknown_model = runner.invoke(
        app, ["build", str(SEEDS), "--store", str(tmp_path / "b"), "--model", "en_core_web_nonexistent"]
    )
    assert missing_input.exit_code == 1 and unknown_model.exit_code == 1
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    # So a later command says there is no store, rather than answering from an empty one.
    later = runner.invoke(app, ["query", "meetings", "--store", str(tmp_path / "b")])
    assert later.exit_code == 1 and "no kg store" in later.output
    # A store that was there before the failed build stays, with all it held (a copy: the
    # session's seeds store stays as the other tests expect it).
    seeds_store = Path(shutil.copytree(seeds_store, tmp_path / "seeds-copy"))
    count = ["query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Meeting }", "--format", "csv"]
    before = runner.invoke(app, [*count, "--store", str(seeds_store)]).stdout
    failed = [
        "build",
        str(SEEDS),
        "--store",
        str(seeds_store),
        "--force",
        "--model",
        "en_core_web_nonexistent",
    ]
    assert runner.invoke(app, failed).exit_code == 1
    assert runner.invoke(app, [*count, "--store", str(seeds_store)]).stdout == before != "n\n0\n"


def test_input_that_would_be_ignored_is_refused_with_a_reason(tmp_path: Path, seeds_store):
    store = ["--store", str(seeds_store)]
    cases = [
        (["query", "meetings", "-p", "x=1", *store], "query 'meetings' takes no parameter x"),
        (["query", "meetings", "--sparql", "SELECT * { ?s ?p ?o }", *store], "not both"),
        (["facts", "--article", "NOPE", *store], "no article 'NOPE' in the store"),
        (
            ["query", "--sparql", "PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }", *store],
            "updates are not allowed here",
        ),
    ]
    for args, said in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert said in result.output, (args, result.output)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not an article format", encoding="utf-8")
    result = runner.invoke(app, ["build", str(empty), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "no usable article" in result.output
    assert not (tmp_path / "s").exists()


def test_version_and_python_dash_m():
    from kg import __version__

    assert runner.invoke(app, ["--version"]).output.strip() == f"kg {__version__}"
    run = subprocess.run(
        [sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0 and run.stdout.strip() == f"kg {__version__}"


def test_a_name_is_matched_as_a_user_types_it_or_refused_with_suggestions(seeds_store):
    def person(name):
        return runner.invoke(
            app, ["query", "person", "-p", f"person={name}", "--format", "csv", "--store", str(seeds_store)]
        )

    exact = person("Vladimir Putin")
    assert exact.exit_code == 0 and exact.stdout.count("\n") > 1
    for typed in ("vladimir putin", "VLADIMIR PÜTIN", "Vladimir  Putin."):
        assert person(typed).stdout == exact.stdout, typed
    unknown = person("Vladimir Poutine")
    assert unknown.exit_code == 1
    assert "no entity named 'Vladimir Poutine'; did you mean 'Vladimir Putin'?" in unknown.output


def test_entities_and_articles_say_what_the_store_holds(seeds_store):
    store = ["--store", str(seeds_store), "--format", "csv"]
    people = runner.invoke(app, ["entities", "--type", "person", "--match", "PUTIN", *store])
    assert people.exit_code == 0, people.output
    assert people.stdout.splitlines() == ["name,type,articles", "Vladimir Putin,person,2"]
    listed = runner.invoke(app, ["articles", *store]).stdout.splitlines()
    assert listed[0] == "article,published,outlet,headline,meetings,calls,interviews,roles,quotes"
    assert len(listed) == 3  # the two seed articles
    assert sum(int(line.split(",")[4]) for line in listed[1:]) == 5  # their five meetings


def test_every_count_of_facts_agrees_and_says_what_it_counts(seeds_store):
    # kg stats counts a fact per article that states it, as kg facts, kg articles and the
    # build's table do, and per node of the merged graph, as the named queries list them.
    store = ["--store", str(seeds_store)]
    counts = json.loads(runner.invoke(app, ["stats", "--format", "json", *store]).stdout)
    facts = [json.loads(line) for line in runner.invoke(app, ["facts", *store]).stdout.splitlines()]
    for kind in ("meeting", "call", "interview", "role", "quote"):
        assert counts["facts"][kind]["in_articles"] == sum(f["type"] == kind for f in facts), kind
    listing = runner.invoke(app, ["articles", "--format", "csv", *store]).stdout
    header, *rows = csv.reader(io.StringIO(listing))
    for kind in ("meeting", "call", "interview", "role", "quote"):
        column = header.index(kind + "s")
        assert counts["facts"][kind]["in_articles"] == sum(int(row[column]) for row in rows), kind
    meetings = runner.invoke(app, ["query", "meetings", "--format", "json", *store]).stdout
    assert counts["facts"]["meeting"]["in_graph"] == len(json.loads(meetings))
    table = runner.invoke(app, ["stats", *store]).stdout
    assert "in articles" in table and "in the graph" in table and "quotes" in table


def test_a_table_shows_a_page_and_says_how_to_get_the_rest(seeds_store, monkeypatch):
    import kg.cli.listing

    monkeypatch.setattr(kg.cli.listing, "TABLE_ROWS", 2)
    store = ["--store", str(seeds_store)]
    first = runner.invoke(app, ["query", "meetings", *store])
    assert first.stdout.count("\u2502 <meeting/") == 2
    assert "rows 1-2 of 5; --offset 2 shows the next 2; --limit 0 shows all" in first.stderr
    last = runner.invoke(app, ["query", "meetings", "--offset", "4", *store])
    assert last.stdout.count("\u2502 <meeting/") == 1 and "rows 5-5 of 5; --limit 0" in last.stderr
    everything = runner.invoke(app, ["query", "meetings", "--limit", "0", *store])
    assert everything.stdout.count("\u2502 <meeting/") == 5 and "5 rows" in everything.stderr
    assert len(json.loads(runner.invoke(app, ["query", "meetings", "-f", "json", *store]).stdout)) == 5


def test_a_table_shows_short_fact_iris_that_params_take_back_and_dates_in_words(seeds_store):
    store = ["--store", str(seeds_store)]
    table = runner.invoke(app, ["query", "timeline", "--limit", "0", *store]).stdout
    assert "15 August (no year given)" in table and "--08-15" not in table
    assert "--08-15" in runner.invoke(app, ["query", "timeline", "-f", "csv", *store]).stdout
    listed = json.loads(runner.invoke(app, ["query", "meetings", "-f", "json", *store]).stdout)
    iri = listed[0]["meeting"]
    short = "<" + iri.removeprefix("https://w3id.org/kg-news/id/") + ">"
    assert short in runner.invoke(app, ["query", "meetings", *store]).stdout
    sources = runner.invoke(app, ["query", "sources", "-p", f"fact={short}", "-f", "json", *store])
    assert sources.exit_code == 0 and {row["fact"] for row in json.loads(sources.stdout)} == {iri}


def test_an_article_with_no_fact_is_listed_with_zeros(tmp_path: Path):
    feed = tmp_path / "quiet.jsonl"
    feed.write_text(json.dumps({"id": "quiet", "text": "The weather in Oslo was fine all week."}) + "\n")
    store = ["--store", str(tmp_path / "s")]
    assert runner.invoke(app, ["build", str(feed), *store]).exit_code == 0
    listed = runner.invoke(app, ["articles", "--format", "json", *store]).stdout
    (row,) = json.loads(listed)
    assert [row[k] for k in ("meetings", "calls", "interviews", "roles", "quotes")] == [0, 0, 0, 0, 0]


def test_json_answers_are_typed(seeds_store):
    sparql = "SELECT (COUNT(*) AS ?n) ?unbound (true AS ?yes) (1.5 AS ?half) WHERE { ?s a kg:Meeting } GROUP BY ?unbound"
    result = runner.invoke(
        app, ["query", "--sparql", sparql, "--format", "json", "--store", str(seeds_store)]
    )
    assert json.loads(result.stdout) == [{"n": 5, "unbound": None, "yes": True, "half": 1.5}]


def test_ctrl_c_during_a_build_says_what_is_stored(tmp_path: Path, monkeypatch):
    import kg.build.build

    def interrupted(paths, store, *, on_start=None, on_article=None, **_options):
        on_start(3)
        on_article(None)
        on_article(None)
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.build.build, "build", interrupted)
    result = runner.invoke(app, ["build", str(SEEDS), "--store", str(tmp_path / "s")])
    assert result.exit_code == 130
    assert "interrupted: 2 articles stored; run again to finish" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["while importing", "while the workers load the model"])
def test_ctrl_c_in_a_terminal_stops_the_build_in_one_line(tmp_path: Path, moment: str):
    # Ctrl-C reaches the whole process group, workers included: they printed a traceback
    # each, and the build waited for their chunks.
    import os
    import signal
    import time

    psutil = pytest.importorskip("psutil")
    feed = tmp_path / "feed.jsonl"
    # Sixty different stories (copies of one story would be built once).
    story = "Anna Lindqvist met Tomas Revik in Oslo on Monday {}. They discussed trade and fishing quotas."
    feed.write_text(
        "".join(
            json.dumps({"id": f"s{i}", "text": " ".join(story.format(i * 100 + k) for k in range(40))}) + "\n"
            for i in range(60)
        ),
        encoding="utf-8",
    )
    build = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(feed), "--workers", "2", "--store", str(tmp_path / "s")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    children: list = []  # psutil processes
    try:
        if moment == "while importing":
            # Into the build's imports (spaCy's), which take about a second of processor time:
            # past the interpreter's start and typer's reading of the command line, each of
            # which can outlast a fixed half second on a busy machine.
            deadline = time.monotonic() + 30
            while sum(psutil.Process(build.pid).cpu_times()[:2]) < 0.3 and time.monotonic() < deadline:
                time.sleep(0.01)
        else:
            deadline = time.monotonic() + 60
            while len(psutil.Process(build.pid).children()) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(1.0)
        children = psutil.Process(build.pid).children(recursive=True) if build.poll() is None else []
        os.killpg(build.pid, signal.SIGINT)
        sent = time.monotonic()
        _, err = build.communicate(timeout=60)
        assert build.returncode == 130, err
        assert time.monotonic() - sent < 5
        assert "interrupted:" in err and "Traceback" not in err, err
        time.sleep(0.5)
        assert not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    finally:
        # A failed step above must not leave the build or its workers running.
        for process in [c for c in children if c.is_running()]:
            process.kill()
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()


# A stand-in for the command line, put in place before `python -m kg` runs (sitecustomize):
# it presses Ctrl-C on itself inside an eval(), as when the signal lands while typer or
# pydantic evaluate string annotations. CPython then ends a `python -m` run by SIGINT, the
# interrupt caught or not, unless kg ends the process itself.
_CTRL_C_IN_AN_EVAL = """
import os, signal, sys, time, types
import kg.processes

def app(**_kwargs):
    if os.environ["KG_TEST_MOMENT"] == "in the command":
        kg.processes.ctrl_c_raises()  # as a command does when it begins
    try:
        eval("kill(pid, SIGINT) or sleep(5)", {"kill": os.kill, "pid": os.getpid(),
             "SIGINT": signal.SIGINT, "sleep": time.sleep})
    except KeyboardInterrupt:
        sys.stderr.write("interrupted: the command's own answer\\n")
        raise SystemExit(130) from None

cli = types.ModuleType("kg.cli")
cli.app = app
sys.modules["kg.cli"] = cli
"""


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        ("while the command line loads", "interrupted: stopped as it started; nothing was changed"),
        ("in the command", "interrupted: the command's own answer"),
    ],
)
def test_ctrl_c_ends_python_m_kg_with_code_130_not_by_the_signal(tmp_path: Path, moment: str, said: str):
    (tmp_path / "sitecustomize.py").write_text(_CTRL_C_IN_AN_EVAL, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    ended = subprocess.run(
        [sys.executable, "-m", "kg", "build", "x.jsonl"],
        env={**env, "KG_TEST_MOMENT": moment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (ended.returncode, ended.stderr) == (130, said + "\n")


def _one_error_line(result) -> str:
    """The one line a failed command printed (no traceback, no raw exception)."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


def test_a_store_another_build_is_writing_is_one_line_saying_so(tmp_path: Path, seeds_store):
    store = tmp_path / "store"
    shutil.copytree(seeds_store, store)
    hold = "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        result = runner.invoke(app, ["build", str(SEEDS), "--store", str(store)])
        assert _one_error_line(result) == (
            f"error: another kg build is writing the store at {store}; wait for it to end, "
            "or build into another --store"
        )
    finally:
        holder.kill()
        holder.wait()


def _damage(store: Path, where: str) -> None:
    if where == "CURRENT":
        (store / "CURRENT").write_text("", encoding="utf-8")
        return
    for table in store.glob("*.sst"):  # the start of every table's first data block: the
        data = bytearray(table.read_bytes())  # store opens, and fails as it is read
        data[:16] = bytes(b ^ 0x5A for b in data[:16])
        table.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["CURRENT", "tables"])
def test_a_damaged_store_is_one_line_saying_to_rebuild_it(tmp_path: Path, seeds_store, where):
    store = tmp_path / "store"
    shutil.copytree(seeds_store, store)
    _damage(store, where)
    for args in (
        ["stats"],
        ["facts"],
        ["query", "meetings"],
        ["export", "nquads", str(tmp_path / "out.nq")],
        ["build", str(SEEDS), "--force"],
    ):
        line = _one_error_line(runner.invoke(app, [*args, "--store", str(store)]))
        assert line.startswith(f"error: the store at {store} is damaged"), (args, line)
        assert line.endswith(": rebuild it with kg build --force into a new folder"), (args, line)


def test_a_store_failing_as_its_rows_are_read_is_one_line(tmp_path: Path, seeds_store, monkeypatch):
    # Rows are read as a command uses them, after the store opened: RocksDB's error then
    # comes out of whatever reads, in any command.
    def damaged(*_args: object) -> None:
        raise RuntimeError(
            f"Corruption: block checksum mismatch: stored = 1, computed = 2 in {seeds_store}/000012.sst"
        )

    monkeypatch.setattr("kg.graph.store.GraphStore.count", damaged)
    monkeypatch.setattr("kg.graph.store.GraphStore.select", damaged)
    monkeypatch.setattr("kg.exports.facts.iter_facts", damaged)
    for args in (["stats"], ["facts"]):
        line = _one_error_line(runner.invoke(app, [*args, "--store", str(seeds_store)]))
        assert line == (
            f"error: the store at {seeds_store} is damaged (000012.sst is broken or missing): "
            "rebuild it with kg build --force into a new folder"
        )


def _counted_rows(out: io.StringIO, seen: list[int], n: int):
    """n rows of one literal each; before each is given, how many lines `out` holds."""
    import pyoxigraph as ox

    for i in range(n):
        seen.append(len(out.getvalue().splitlines()))
        yield [ox.Literal(f"row {i}")]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_csv_tsv_and_json_write_each_row_as_the_engine_yields_it(fmt, monkeypatch):
    # Issue 21: written as they come, not after the answer is read whole.
    from kg.cli.listing import _print_result
    from kg.graph import queries as q

    out, seen = io.StringIO(), []
    monkeypatch.setattr(sys, "stdout", out)
    _print_result(q.Rows(["x"], _counted_rows(out, seen, 5)), fmt)
    # Each row was out before the next was asked for.
    assert len(seen) == 5 and seen == sorted(set(seen))
    if fmt == "json":
        assert json.loads(out.getvalue()) == [{"x": f"row {i}"} for i in range(5)]
    else:
        assert out.getvalue().splitlines() == ["x", *(f"row {i}" for i in range(5))]


def test_a_long_answer_is_written_in_flat_memory(tmp_path: Path, monkeypatch):
    # The rows of a real store's answer, written as CSV and JSON: ten times the rows, about
    # the same peak memory (0.16 MB for 6,000 and 60,000 rows; read whole first, 1.6 and 14.6 MB).
    import tracemalloc

    import pyoxigraph as ox

    from kg.cli.listing import _print_result
    from kg.graph import queries as q
    from kg.graph.store import LocalStore

    raw = ox.Store(str(tmp_path / "s"))
    p = ox.NamedNode("https://example.org/p")
    raw.bulk_extend(
        ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), p, ox.Literal(f"value {i}"), ox.DefaultGraph())
        for i in range(60_000)
    )
    raw.flush()
    del raw
    store = LocalStore(tmp_path / "s", read_only=True)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        monkeypatch.setattr(sys, "stdout", sink)
        for fmt in ("csv", "json"):
            peaks = []
            for n in (6_000, 60_000):
                tracemalloc.start()
                _print_result(q.stream_query(store, f"SELECT ?s ?o WHERE {{ ?s ?p ?o }} LIMIT {n}"), fmt)
                peaks.append(tracemalloc.get_traced_memory()[1])
                tracemalloc.stop()
            assert peaks[1] < peaks[0] + 500_000, (fmt, peaks)


def test_ctrl_c_while_the_command_line_loads_is_one_line_not_a_traceback(monkeypatch, capsys):
    # Loading the commands takes half a second on a busy machine; a Ctrl-C then printed a
    # traceback through the imports.
    import kg.cli
    from kg.__main__ import main

    def interrupted(**_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.cli, "app", interrupted)
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 130
    assert capsys.readouterr().err == "interrupted: stopped as it started; nothing was changed\n"


def test_ctrl_c_that_typer_swallows_still_says_one_line(monkeypatch, capsys):
    # A Ctrl-C landing in typer's own steps (before a command's guard) is turned by typer
    # into exit code 130 with nothing said; the user saw the build end silently.
    import typer

    import kg.__main__
    import kg.cli

    stopped = typer.Typer()

    @stopped.command()
    def build() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.cli, "app", stopped)
    monkeypatch.setattr(sys, "argv", ["kg"])
    with pytest.raises(SystemExit) as exit_:
        kg.__main__.main()
    assert exit_.value.code == 130
    assert capsys.readouterr().err == "interrupted: stopped as it started; nothing was changed\n"

"""kg as a user who runs `pip install kg-….whl` has it: a wheel built from this checkout,
installed in a fresh venv, builds the seeds, answers every named query, validates against its
shapes, exports and serves. The named queries, the exports' queries, shapes, word lists and
pages must travel inside the wheel; nothing may be read from beside the package."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.graph import queries as q

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv holding only the wheel. Its dependencies (spaCy and its model are large) are
    borrowed from the test's own environment by a .pth placed after the venv's own
    site-packages; an editable install of kg there is never activated, since a .pth
    folder's own .pth files are not read."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    # symlinks=True keeps kg/resources/queries -> ../../queries a link, as in the checkout.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("kg", "queries", "ontology"):
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=ignore)
    dist = work / "dist"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        dist,
        source,
        cwd=work,
    )
    (wheel,) = dist.glob("kg-*.whl")

    venv = work / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=work)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=work)
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).strip()
    )
    (site / "zz-borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = _run(python, "-c", "import kg; print(kg.__file__)", cwd=work).strip()
    assert Path(where).is_relative_to(venv), f"kg came from {where}, not from the wheel"
    return venv


def test_an_installed_wheel_builds_queries_validates_and_serves(installed: Path, tmp_path: Path):
    kg = installed / "bin" / "kg"
    env = {**os.environ, "KG_STORE": str(tmp_path / "store")}
    env.pop("PYTHONPATH", None)
    _run(kg, "build", ROOT / "seeds", cwd=tmp_path, env=env)

    for named in q.list_queries():
        params = [f"--param={key}={value}" for key, value in named.examples.items()]
        out = _run(kg, "query", named.name, *params, "--format", "csv", cwd=tmp_path, env=env)
        assert len(out.splitlines()) > 1, f"{named.name} answered nothing from the wheel"

    assert "conforms" in _run(kg, "validate", cwd=tmp_path, env=env).lower()

    # The exports run queries kept as resource files (kg/resources/sparql/).
    assert '"type": "meeting"' in _run(kg, "facts", cwd=tmp_path, env=env)
    _run(kg, "export", "gexf", tmp_path / "seeds.gexf", cwd=tmp_path, env=env)
    assert "<edge " in (tmp_path / "seeds.gexf").read_text(encoding="utf-8")

    server = subprocess.Popen(
        [kg, "serve", "--port", "0"], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        found = re.search(r"http://[\d.]+:\d+", line)
        assert found, line
        with urllib.request.urlopen(found.group() + "/", timeout=30) as page:
            assert b"meetings" in page.read(), "the query page lost its examples"
        query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        request = urllib.request.Request(
            found.group() + "/sparql?" + query, headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert b"true" in answer.read()
    finally:
        server.kill()
        server.wait()

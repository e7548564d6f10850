"""Where a story's text starts after the photo captions it opens with (captions.py)."""

from __future__ import annotations

import pytest

from kg.nlp.captions import _body_start

BODY = "ZELIN (Norpress) - Mayor Ana Ruiz opened the harbour on Tuesday.\n\nShe thanked the workers."


@pytest.mark.parametrize(
    "opening",
    [
        "Mayor Ana Ruiz speaks at the harbour in Zelin, Tuesday, May 7, 2024. (Norpress Photo/Jane Roe)\n\n",
        "Mayor Ana Ruiz at the harbour, May 7, 2024. (Jane Roe/Norpress)\n\n",
        "Mayor Ana Ruiz at the harbour on Tuesday. JANE ROE/Getty Images\n\n",
        # a caption told twice, the second time without its credit
        "Mayor Ana Ruiz speaks at the harbour in Zelin. (Harbour Board via AP)\n\n"
        "Mayor Ana Ruiz speaks at the harbour in Zelin.\n\n",
        "FILE - In this May 2, 2024, file photo, Mayor Ana Ruiz speaks in Zelin. (AP Photo/Jane Roe, File)\n\n",
    ],
)
def test_the_body_starts_after_leading_captions(opening: str) -> None:
    assert _body_start(opening + BODY) == len(opening)


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        # a paragraph that ends in parentheses which are no credit
        "Mayor Ana Ruiz met Senator Karel Vondrak (D-Norland).\n\nThey spoke of the harbour.",
        # a story of one paragraph
        "Mayor Ana Ruiz at the harbour. (Jane Roe/Norpress)",
    ],
)
def test_a_story_without_a_leading_caption_starts_at_once(text: str) -> None:
    assert _body_start(text) == 0

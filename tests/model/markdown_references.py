"""What the reference parsers read as math, and what the scanner blanks as math.

The reference is mdit-py-plugins' dollarmath with pandoc's rule (no space
inside the dollars, no digit around them: ``allow_space=False,
allow_digits=False``), ``$$`` inside a paragraph too (``double_inline``), no
equation labels (Obsidian has none), and GFM tables on (Obsidian splits a
table's cells before it reads math in them).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from vaultkit.model import markdown

md_math = (
    MarkdownIt("commonmark")
    .enable("table")
    .use(
        dollarmath_plugin,
        allow_space=False,
        allow_digits=False,
        double_inline=True,
        allow_labels=False,
    )
)


def _contents(spans: list[str]) -> list[str]:
    """Math as written, without container prefixes or layout: ``>`` and line
    breaks are markdown-it's business, the region is what is compared."""
    return [" ".join(re.sub(r"\n[ \t>]*", " ", span).split()) for span in spans]


def reference_math(body: str) -> list[str]:
    found = []
    for token in md_math.parse(body):
        if token.type == "math_block":
            found.append(token.content)
        found += [c.content for c in token.children or [] if c.type.startswith("math_inline")]
    return _contents(found)


def scanned_math(text: str, body_start: int = 0) -> list[str]:
    found = []
    for start, end in markdown.scan(text, body_start).math:
        width = 2 if text.startswith("$$", start) else 1
        found.append(text[start + width : end].rstrip()[:-width])
    return _contents(found)

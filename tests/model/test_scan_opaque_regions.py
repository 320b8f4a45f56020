"""Math and HTML blocks hide what is in them; tags start where Obsidian starts them.

The table of tags is what Obsidian 1.13.7's metadata cache read from each note
text (observed through the Local REST API, cyanheads/obsidian-mcp-server
#138-#140). Math and HTML regions are held to their references
(mdit-py-plugins' dollarmath, markdown-it-py's html_block) by hypothesis, and
the places where the scanner deliberately differs are pinned here.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from vaultkit.model import markdown
from vaultkit.model.markdown import scan

pytest.importorskip("mdit_py_plugins")
from markdown_references import reference_math, scanned_math  # noqa: E402

OBSERVED = [
    ('(#pa) $#pb$ "#pc" .#pd x\u2014#pe', []),
    ("\t#pf", ["pf"]),
    ("[x #ph]", ["ph"]),
    ("a\u00a0#qi", ["qi"]),
    ("a\u3000#qj", ["qj"]),
    ("m $a #ra b$ n", []),
    ("x $$ #rb $$ y", []),
    ("$$\n#qd\n$$", []),
    ("[Discord #tf](https://x.y)", ["tf"]),
    ("[a #tg][ref]", ["tg"]),
    ("```markdown\n```typescript\nx #tu\n```\nprose #tv\n```\ncode #tw\n```", ["tv"]),
    ("<div>\nhello #tp\n</div>", []),
    ("<p>x #tr</p>", []),
    ("#tl#tm", ["tl", "tm"]),
    ("#tn/#to", ["tn/", "to"]),
    ("x _#uc_ y", ["uc"]),
    ("snake_case_#wc", ["wc"]),
    ("|a|b|\n|-|-|\n|#uo|x|", ["uo"]),
    ("    #sa at top\n\npara\n\n    #sb indented after blank", []),
]


@pytest.mark.parametrize(("text", "tags"), OBSERVED, ids=[repr(t[:24]) for t, _ in OBSERVED])
def test_inline_tags_are_the_ones_obsidian_reads(text: str, tags: list[str]) -> None:
    assert [tag.name for tag in scan(text).tags] == tags


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("foo#bar url.com/#frag [[#Heading]]", []),  # letters and punctuation before "#"
        ("#1984#x", []),  # a number is no tag, so nothing ends where #x starts
        ("__#strong__ *#star*", ["strong"]),  # "*" is punctuation (unobserved: kept so)
        ("snake_#b_ (_#c_)", ["b_", "c"]),  # "e_" opens no emphasis: "_" stays in the tag
        ("#a_", ["a_"]),
    ],
)
def test_tag_boundaries_chosen_where_unobserved(text: str, tags: list[str]) -> None:
    assert [tag.name for tag in scan(text).tags] == tags


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("$[[Not A Link]]$ and [[After]]", ["After"]),
        ("a $$ [[No]] $$ b [[Yes]]", ["Yes"]),
        ("$$\n[[No]] #no\n\n[[Still Math]]\n$$\n[[Yes]]", ["Yes"]),  # blank lines stay math
        ("$a\n\nb$ [[Yes]]", ["Yes"]),  # inline math never crosses a paragraph
        ("<div>\n[[No]]\n</div>\n\n[[Yes]]", ["Yes"]),
        ("<div>\n\n[[Link]]\n\n</div>", ["Link"]),  # blank lines end an HTML block
        ("Para <span>[[Inline]]</span>\n<span>\n[[Lazy]]", ["Inline", "Lazy"]),
        ("Para\n\n<span>\n[[No]]\n\n[[Yes]]", ["Yes"]),
        ("<script>\n[[No]]\n\n[[No]]\n</script>\n[[Yes]]", ["Yes"]),  # ends at </script>
        ("<!-- [[No]] -->\n<% tp.date %>\n[[Yes]]", ["Yes"]),
        ("```\n$$\n```\n[[Yes]]\n```\n$$\n```", ["Yes"]),  # "$" in code opens nothing
        ("- [[$HOME|$HOME]] and [[a$b$c]]", ["$HOME", "a$b$c"]),  # the link opened first
        ("$a [[b$ c]]", []),  # the math opened first
    ],
)
def test_links_inside_math_and_html_blocks_are_not_links(text: str, targets: list[str]) -> None:
    assert [link.target for link in scan(text).links] == targets


@pytest.mark.parametrize(
    "text",
    [
        "it costs $5 and $10 #deal [[Shop]]",
        "a range $5-$10 #deal [[Shop]]",
        "5$ or $ 6 $ #deal [[Shop]]",
        "escaped \\$x #deal [[Shop]] x\\$",
        "`$x` #deal [[Shop]] `$`",
    ],
)
def test_dollars_that_are_not_math_stay_text(text: str) -> None:
    found = scan(text)
    assert (found.math, [t.name for t in found.tags], [x.target for x in found.links]) == (
        [],
        ["deal"],
        ["Shop"],
    )


def test_positions_after_math_and_html_are_those_of_the_note() -> None:
    text = "$$\na\n$$\n<div>\nx\n</div>\n\n$b$ [[L]] #t\n"
    found = scan(text)
    assert [(x.target, x.line, x.column) for x in found.links] == [("L", 8, 5)]
    assert [(t.name, t.line, t.column) for t in found.tags] == [("t", 8, 11)]
    assert [text[s:e] for s, e in found.math] == ["$$\na\n$$", "$b$"]
    assert [text[s:e] for s, e in found.html] == ["<div>\nx\n</div>"]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("para\n\n%% [[A]] %% [[B]]", ["B"]),  # the blanked comment is no indent
        ("<!-- [[A]] --> [[B]]", ["B"]),
        ("    [[A]] at the top\n\n[[B]]", ["B"]),  # 4 spaces on the first line: code
        ("p\n\n\t%% c %% [[A]]", []),  # a real indent stays code
    ],
)
def test_indented_code_needs_an_indent_in_the_note(text: str, targets: list[str]) -> None:
    assert [link.target for link in scan(text).links] == targets


# Deliberate differences from the references, each with its reason.


def test_a_code_span_wins_over_math_that_opens_before_it() -> None:
    # dollarmath reads "$a `b$" as math and leaves "c`" as text; the scanner
    # blanks code spans first, as it does for every other construct.
    text = "$a `b$ c`"
    assert reference_math(text) == ["a `b"]
    assert scanned_math(text) == []


def test_math_at_a_paragraph_start_whatever_the_paragraph_ends_with() -> None:
    # dollarmath looks at src[pos - 1] for "a digit before $": at a paragraph's
    # first character that is the paragraph's *last* one (Python's index -1).
    text = "$x$ costs 5"
    assert reference_math(text) == []
    assert scanned_math(text) == ["x"]


def test_code_right_under_an_html_block_is_text() -> None:
    # markdown-it-py: "<?x?>" is an HTML block and the indented line after it
    # is code. The scanner finds indented code before HTML blocks, so it sees
    # a paragraph line above and reads the link.
    text = "<?x?>\n    [[Code]]"
    assert [t.type for t in MarkdownIt("commonmark").parse(text)] == ["html_block", "code_block"]
    assert [link.target for link in scan(text).links] == ["Code"]


@pytest.mark.parametrize("text", ["> <div>\n> [[Quoted]]", "- <div>\n  [[Item]]"])
def test_html_in_a_quote_or_on_a_list_item_line_stays_text(text: str) -> None:
    assert [t.type for t in MarkdownIt("commonmark").parse(text)].count("html_block") == 1
    assert len(scan(text).links) == 1


# Properties: the scanner against its references on texts made of the pieces
# that matter (quotes and list items left out: see the differences above).

MATH_PIECES = ["$", "$$", "a", "1x", "x1$", " ", "\n", "\n\n", "#t", "\\$", "x\\$", "\n# h ",
               "\n- ", "\n\n|$a|b$|\n|-|-|\n|$c|$\n\n"]  # fmt: skip
HTML_PIECES = ["<div>", "</div>", "<span>", "<span a='b'>", "<p>x</p>", "<script>", "</script>",
               "<?", "?>", "<!X", "a>", "x", " ", "\n", "\n\n", "   ", "\n# h", "\n---", "[[L]]",
               "\n\t"]  # fmt: skip


def texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=20).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts(MATH_PIECES))
def test_math_is_what_dollarmath_reads(text: str) -> None:
    assert scanned_math(text) == reference_math(text)


def html_lines(text: str) -> set[int]:
    where = markdown._Positions(text)
    found: set[int] = set()
    for start, end in scan(text).html:
        found.update(range(where(start)[0], where(max(start, end - 1))[0] + 1))
    return found


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts(HTML_PIECES))
def test_html_blocks_are_what_markdown_it_reads(text: str) -> None:
    reference: set[int] = set()
    tokens = MarkdownIt("commonmark").parse(text)
    # pinned in test_code_right_under_an_html_block_is_text
    types = [token.type for token in tokens]
    assume(("html_block", "code_block") not in set(pairwise(types)))
    for token in tokens:
        if token.type == "html_block" and token.map:
            reference.update(range(token.map[0] + 1, token.map[1] + 1))
    blank = {n for n, line in enumerate(text.split("\n"), 1) if not line.strip()}
    assert html_lines(text) - blank == reference - blank


@settings(max_examples=800, deadline=None)
@given(texts(["$", "$$", "<div>", "<span>", "\n", "\n\n", " ", "_", "|", "x", "#t", "[[L]]"]))
def test_every_link_and_tag_is_where_its_position_says(text: str) -> None:
    lines = text.split("\n")
    found = scan(text)
    for link in found.links:
        assert lines[link.line - 1][link.column - 1 :].startswith(link.raw)
    for tag in found.tags:
        assert lines[tag.line - 1][tag.column - 1 :].startswith("#" + tag.name)


# Speed: the new passes cost nothing on notes without their marker, and their
# work stays linear on hostile input (counted, never timed).


def test_passes_are_skipped_without_their_marker(monkeypatch) -> None:
    def never(*args: object) -> list[tuple[int, int]]:
        raise AssertionError("pass ran without its marker")

    monkeypatch.setattr(markdown, "_math_spans", never)
    monkeypatch.setattr(markdown, "_html_blocks", never)
    found = scan("# Note\ntext <span>a</span> and 5 < 6 [[L]] #t\n- x <b>\n")
    assert [x.target for x in found.links] == ["L"]


class _Counting:
    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def search(self, *args):
        self.calls += 1
        return self.pattern.search(*args)


@pytest.mark.parametrize("line", ["$$ a\n\n", "> $$ a\n>\n"])
def test_unclosed_display_math_is_searched_for_once(monkeypatch, line: str) -> None:
    counting = _Counting(markdown._MATH_BLOCK_END)
    monkeypatch.setattr(markdown, "_MATH_BLOCK_END", counting)
    assert scan(line * 2000).math == []
    assert counting.calls == 1


def test_paragraph_breaks_are_listed_once_for_many_dollars(monkeypatch) -> None:
    calls = []
    real = markdown._paragraph_breaks
    monkeypatch.setattr(markdown, "_paragraph_breaks", lambda t: calls.append(1) or real(t))
    text = "$a\n\nb$ " * 2000
    assert scan(text).math == []
    assert len(calls) == 1

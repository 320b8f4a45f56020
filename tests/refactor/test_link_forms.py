"""Each link form, before and after a move, as exact text."""

from __future__ import annotations

import pytest

from tests.refactor.helpers import load, resolutions, write_vault
from vaultkit.refactor import apply_move, plan_move

# (files, old, new, {path after the move: expected text})
CASES = {
    "wikilink": (
        {"Home.md": "See [[Note]].\n", "A/Note.md": "x\n"},
        "A/Note.md",
        "B/Renamed",
        {"Home.md": "See [[Renamed]].\n", "B/Renamed.md": "x\n"},
    ),
    "heading block display embed": (
        {
            "Home.md": "[[Note#Plan]] [[Note#^b1]] [[Note|shown]] ![[Note#Plan|x]] [[Note.md]]\n",
            "Note.md": "# Plan\ntext ^b1\n",
        },
        "Note.md",
        "New name.md",
        {
            "Home.md": "[[New name#Plan]] [[New name#^b1]] [[New name|shown]] "
            "![[New name#Plan|x]] [[New name.md]]\n"
        },
    ),
    "path wikilink becomes shortest": (
        {"Home.md": "[[A/Note]] [[/A/Note]]\n", "A/Note.md": "x\n"},
        "A/Note.md",
        "B/",
        {"Home.md": "[[Note]] [[/B/Note]]\n"},
    ),
    "markdown links keep style and encoding": (
        {
            "Home.md": '[a](A/My%20Note.md) [b](<A/My Note.md#Part>) [c](A/My%20Note.md "t")\n',
            "Sub/Page.md": "[d](../A/My%20Note.md) [e](/A/My%20Note.md)\n",
            "A/My Note.md": "# Part\n",
        },
        "A/My Note.md",
        "B/C/Other Note.md",
        {
            "Home.md": "[a](B/C/Other%20Note.md) [b](<B/C/Other Note.md#Part>) "
            '[c](B/C/Other%20Note.md "t")\n',
            "Sub/Page.md": "[d](../B/C/Other%20Note.md) [e](/B/C/Other%20Note.md)\n",
        },
    ),
    "property links": (
        {
            "Home.md": '---\nup: "[[Note]]"\nrelated:\n  - "[[Note#Plan]]"\n  - \'[[Other]]\'\n---\n'
            "body\n",
            "Note.md": "# Plan\n",
            "Other.md": "",
        },
        "Note.md",
        "Up.md",
        {
            "Home.md": '---\nup: "[[Up]]"\nrelated:\n  - "[[Up#Plan]]"\n  - \'[[Other]]\'\n---\nbody\n'
        },
    ),
    "property quotes are escaped for YAML": (
        {"Home.md": "---\nup: \"[[Note]]\"\nside: '[[Note|n]]'\n---\n", "Note.md": ""},
        "Note.md",
        "Bob's note",
        {"Home.md": "---\nup: \"[[Bob's note]]\"\nside: '[[Bob''s note|n]]'\n---\n"},
    ),
    "code in a link's text is kept": (
        {"Home.md": "[`code` here](Note.md) [[Note|`x`]]\n", "Note.md": ""},
        "Note.md",
        "New.md",
        {"Home.md": "[`code` here](New.md) [[New|`x`]]\n"},
    ),
    "table keeps its escaped pipe": (
        {"Home.md": "| a | b |\n|---|---|\n| [[Note\\|shown]] | x |\n", "Note.md": ""},
        "Note.md",
        "Done/Task.md",
        {"Home.md": "| a | b |\n|---|---|\n| [[Task\\|shown]] | x |\n"},
    ),
    "code and comments are not touched": (
        {
            "Home.md": "`[[Note]]`\n```\n[[Note]]\n```\n%% [[Note]] %%\n<!-- [[Note]] -->\n[[Note]]\n",
            "Note.md": "",
        },
        "Note.md",
        "Renamed.md",
        {
            "Home.md": "`[[Note]]`\n```\n[[Note]]\n```\n%% [[Note]] %%\n<!-- [[Note]] -->\n"
            "[[Renamed]]\n"
        },
    ),
    "attachment": (
        {"Home.md": "![[pic.png|100]] ![x](pic.png) [[pic.png]]\n", "pic.png": "PNG"},
        "pic.png",
        "Assets/photo.png",
        {"Home.md": "![[photo.png|100]] ![x](photo.png) [[photo.png]]\n"},
    ),
    "moved note's own relative links": (
        {
            "A/Note.md": "[up](../Home.md) [side](Side.md) [[../Home]] [[Side]] [[#Top]]\n# Top\n",
            "A/Side.md": "",
            "Home.md": "",
        },
        "A/Note.md",
        "B/C/Note.md",
        {
            "B/C/Note.md": "[up](../../Home.md) [side](Side.md) [[../../Home]] [[Side]] [[#Top]]\n# Top\n"
        },
    ),
    "a link redirected by the move is written as a path": (
        {"B/Linker.md": "[[Note]]\n", "Archive/Note.md": "", "C/Note.md": ""},
        "Archive/Note.md",
        "B/Note.md",
        {"B/Linker.md": "[[C/Note]]\n"},
    ),
    "the moved note's bare links keep their target": (
        {"A/Note.md": "[[Other]]\n", "A/Other.md": "", "B/Other.md": ""},
        "A/Note.md",
        "B/Note.md",
        {"B/Note.md": "[[A/Other]]\n"},
    ),
    "a name that becomes shared is written as a path": (
        {"Home.md": "[[Note]] [[Idea]]\n", "A/Note.md": "", "B/Idea.md": ""},
        "B/Idea.md",
        "C/Note.md",
        {"Home.md": "[[A/Note]] [[C/Note]]\n"},
    ),
    "case-only rename": (
        {"Home.md": "[[note]] [x](note.md)\n", "note.md": ""},
        "note.md",
        "Note.md",
        {"Home.md": "[[Note]] [x](Note.md)\n"},
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_link_forms(tmp_path, name):
    files, old, new, expected = CASES[name]
    root = write_vault(tmp_path / "v", files)
    before = resolutions(load(root))
    result = apply_move(plan_move(load(root), old, new))
    assert result.ok, result.error
    for path, text in expected.items():
        assert (root / path).read_text(encoding="utf-8") == text
    assert not (root / old).exists() or old.casefold() == result.plan.new.casefold()
    after = resolutions(load(root))
    moved = {p: (result.plan.new if p == old else p) for p in before}
    for path, links in before.items():
        want = [(result.plan.new if r == old else r) for _, r in links]
        assert [r for _, r in after[moved[path]]] == want


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('{"newLinkFormat": "absolute"}', "[[B/Renamed]] [x](B/Renamed.md)\n"),
        ('{"newLinkFormat": "relative"}', "[[../B/Renamed]] [x](../B/Renamed.md)\n"),
        ('{"newLinkFormat": "shortest"}', "[[Renamed]] [x](Renamed.md)\n"),
    ],
)
def test_new_link_format_is_honoured(tmp_path, setting, expected):
    files = {"Sub/Home.md": "[[Note]] [x](Note.md)\n", "A/Note.md": ""}
    root = write_vault(tmp_path / "v", files, app_json=setting)
    assert apply_move(plan_move(load(root), "A/Note.md", "B/Renamed")).ok
    assert (root / "Sub/Home.md").read_text() == expected


def test_crlf_and_bom_are_kept(tmp_path):
    files = {
        "Home.md": b"\xef\xbb\xbf# Home\r\nSee [[Note]] and [x](Note.md)\r\n",
        "A/Note.md": b"[up](../Home.md)\r\n",
    }
    root = write_vault(tmp_path / "v", files)
    assert apply_move(plan_move(load(root), "A/Note.md", "Sub/Deep/Renamed.md")).ok
    assert (root / "Home.md").read_bytes() == (
        b"\xef\xbb\xbf# Home\r\nSee [[Renamed]] and [x](Renamed.md)\r\n"
    )
    assert (root / "Sub/Deep/Renamed.md").read_bytes() == b"[up](../../Home.md)\r\n"


def test_relative_vaults_keep_bare_markdown_links_relative(tmp_path):
    files = {"Note.md": "[up](Home.md) [[Home]]\n", "Home.md": ""}
    root = write_vault(tmp_path / "v", files, app_json='{"newLinkFormat": "relative"}')
    assert apply_move(plan_move(load(root), "Note.md", "Sub/Note.md")).ok
    # a bare name in a Markdown link is a relative path there; a wikilink name still opens Home
    assert (root / "Sub/Note.md").read_text() == "[up](../Home.md) [[Home]]\n"


def test_a_link_that_opened_nothing_may_open_the_new_file(tmp_path):
    root = write_vault(tmp_path / "v", {"Home.md": "[[Idea]]\n", "Draft.md": ""})
    plan = plan_move(load(root), "Draft.md", "Idea")
    assert [(link.source, link.raw) for link in plan.now_resolved] == [("Home.md", "[[Idea]]")]
    assert plan.edits == []
    assert apply_move(plan).ok
    assert load(root).notes["Home.md"].links[0].resolved == "Idea.md"


def test_notes_whose_links_are_unknown_are_reported(tmp_path):
    files = {"Bin.md": b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "Note.md": "", "Home.md": "[[Note]]"}
    root = write_vault(tmp_path / "v", files)
    plan = plan_move(load(root), "Note.md", "New.md")
    assert plan.unchecked == ["Bin.md"]
    assert plan.to_dict()["unchecked"] == ["Bin.md"]


def test_relative_links_say_dot_slash_when_a_vault_path_would_win(tmp_path):
    files = {"A/Home.md": "[[Note]]\n", "Note.md": "", "Sub/X.md": ""}
    root = write_vault(tmp_path / "v", files, app_json='{"newLinkFormat": "relative"}')
    assert apply_move(plan_move(load(root), "Note.md", "A/Sub/X.md")).ok
    # "Sub/X" would open the vault's Sub/X.md; "./Sub/X" opens A/Sub/X.md
    assert (root / "A/Home.md").read_text() == "[[./Sub/X]]\n"
    assert load(root).notes["A/Home.md"].links[0].resolved == "A/Sub/X.md"

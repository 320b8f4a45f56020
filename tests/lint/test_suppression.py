"""Inline suppression comments and the vaultkit-disable property."""

from __future__ import annotations

from tests.lint.helpers import lint


def lines(found):
    return [d.line for d in found]


def test_disable_next_line_for_one_rule(tmp_path):
    note = "%% vaultkit-disable-next-line broken-link %%\n[[A1]]\n[[A2]]\n"
    assert lines(lint(tmp_path, {"N.md": note}, "broken-link")) == [3]


def test_disable_next_line_for_another_rule_does_not_hide(tmp_path):
    note = "%% vaultkit-disable-next-line orphan-note %%\n[[A1]]\n"
    assert lines(lint(tmp_path, {"N.md": note}, "broken-link")) == [2]


def test_html_comment_form_and_codes(tmp_path):
    note = "<!-- vaultkit-disable-next-line VK101 -->\n[[A1]]\n[[A2]] <!-- vaultkit-disable-line -->\n[[A3]]\n"
    assert lines(lint(tmp_path, {"N.md": note}, "broken-link")) == [4]


def test_disable_enable_range(tmp_path):
    note = "[[A1]]\n%% vaultkit-disable broken-link %%\n[[A2]]\n[[A3]]\n%% vaultkit-enable broken-link %%\n[[A4]]\n"
    assert lines(lint(tmp_path, {"N.md": note}, "broken-link")) == [1, 6]


def test_disable_all_then_enable_one(tmp_path):
    note = "%% vaultkit-disable %%\n[[A1]] ![[x.png]]\n%% vaultkit-enable broken-embed %%\n[[A2]] ![[y.png]]\n%% vaultkit-enable %%\n[[A3]]\n"
    found = lint(tmp_path, {"N.md": note}, lint_section={"select": ["broken-link", "broken-embed"]})
    assert [(d.line, d.rule) for d in found] == [(4, "broken-embed"), (6, "broken-link")]


def test_multi_line_comment_next_line_counts_from_its_end(tmp_path):
    note = "%%\nvaultkit-disable-next-line\n%%\n[[A1]]\n[[A2]]\n"
    assert lines(lint(tmp_path, {"N.md": note}, "broken-link")) == [5]


def test_frontmatter_property_disables_rules_for_the_note(tmp_path):
    files = {
        "All.md": "---\nvaultkit-disable: true\n---\n[[A1]]",
        "Some.md": "---\nvaultkit-disable: [broken-link]\n---\n[[A2]] ![[z.png]]",
        "None.md": "[[A3]]",
    }
    found = lint(tmp_path, files, lint_section={"select": ["broken-link", "broken-embed"]})
    assert [(d.path, d.rule) for d in found] == [
        ("None.md", "broken-link"),
        ("Some.md", "broken-embed"),
    ]


def test_whole_note_rules_are_silenced_by_a_disable_anywhere(tmp_path):
    files = {
        "Home.md": "# Home\n\nStart here.\n\n%% vaultkit-disable orphan-note %%\n",
        "Other.md": "x",
    }
    assert [d.path for d in lint(tmp_path, files, "orphan-note")] == ["Other.md"]


def test_suppression_comments_are_not_links_or_tags(tmp_path):
    note = "%% vaultkit-disable-next-line broken-link #not-a-tag [[Not a link]] %%\nplain\n"
    found = lint(tmp_path, {"N.md": note}, lint_section={"select": ["broken-link", "invalid-tag"]})
    assert found == []


def test_unknown_rule_in_a_comment_suppresses_nothing(tmp_path):
    note = "%% vaultkit-disable-next-line brokn-link %%\n[[A1]]\n"
    assert lines(lint(tmp_path, {"N.md": note}, "broken-link")) == [2]

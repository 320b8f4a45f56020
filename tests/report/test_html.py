"""The HTML report: self-contained, escaped, the right nodes drawn, findings grouped."""

from __future__ import annotations

import re
import sys

import networkx as nx
import pytest

from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.report.html import (
    MAX_ROWS,
    build_report,
    lint_findings,
    obsidian_url,
    pick_nodes,
)

EVIL = '"><img src=x onerror=alert(1)><script>alert(2)</script>'


def test_page_is_self_contained(small_vault):
    page = build_report(small_vault, [])
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page
    # The only URL that is not obsidian:// is the SVG namespace name, never fetched.
    urls = set(re.findall(r"(?:https?|ftp)://[^\s\"'<>]+", page))
    assert urls == {"http://www.w3.org/2000/svg"}
    assert not re.search(r"\bsrc=|@import|url\(", page)


def test_summary_hubs_tags_and_orphans(small_vault):
    page = build_report(small_vault, [])
    assert '<div class="n">6</div><div class="l">notes</div>' in page
    assert "#hub" in page and "#project/work" in page
    assert ">Lonely</a>" in page  # an orphan, listed with a link
    assert "obsidian://open?vault=My%20Vault&amp;file=Lonely.md" in page
    assert "No findings. The vault is clean." in page


def test_hostile_names_are_escaped(make_vault):
    vault = make_vault(
        {f"{EVIL.replace('/', '_')}.md": "#tag", "Home.md": "[[" + EVIL.replace("/", "_") + "]]"}
    )
    page = build_report(vault, [Diagnostic(path=EVIL, line=1, column=1, message=EVIL, rule=EVIL)])
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x" in page


def test_circles_match_the_picked_notes(small_vault):
    page = build_report(small_vault, [])
    assert page.count("<circle") == 6
    limited = build_report(small_vault, [], max_graph_nodes=5)
    nodes, caption = pick_nodes(_note_graph(small_vault), 5)
    assert limited.count("<circle") == len(nodes) == 4  # the linked group; Lonely and Self left out
    assert "the largest linked group: 4 of 6 notes" in limited


def _note_graph(vault):
    from vaultkit.report.stats import note_graph

    return note_graph(vault)


def test_pick_nodes_rules():
    graph = nx.DiGraph()
    graph.add_edges_from([(f"a{i}", f"a{i + 1}") for i in range(9)])  # a chain of 10
    graph.add_edges_from([("b0", "b1"), ("b1", "b2")])  # a group of 3
    graph.add_nodes_from(["c0", "c1"])  # two notes with no links
    assert len(pick_nodes(graph, 100)[0]) == 15
    nodes, caption = pick_nodes(graph, 14)
    assert len(nodes) == 13 and "2 largest linked groups" in caption
    nodes, caption = pick_nodes(graph, 12)
    assert set(nodes) == {f"a{i}" for i in range(10)}
    nodes, caption = pick_nodes(graph, 4)  # the largest group itself is too big: its hubs
    assert len(nodes) == 4 and all(n.startswith("a") for n in nodes) and "most linked" in caption
    lonely = nx.DiGraph()
    lonely.add_nodes_from(range(10))
    assert len(pick_nodes(lonely, 3)[0]) == 3


def test_obsidian_url_encodes_everything():
    url = obsidian_url("My Vault", "Folder/A & B #1?.md")
    assert url == "obsidian://open?vault=My%20Vault&file=Folder%2FA%20%26%20B%20%231%3F.md"


def test_findings_grouped_by_rule_errors_first(small_vault):
    findings = [
        Diagnostic("Home.md", 2, 1, "w", rule="orphan-note", code="VK201", severity="warning")
    ] * 3
    findings += [
        Diagnostic("Lonely.md", 1, 1, "e", rule="broken-link", code="VK101", severity="error")
    ]
    findings += [
        Diagnostic(f"N{i}.md", 1, 1, "x", rule="missing-tags", code="VK301", severity="info")
        for i in range(MAX_ROWS + 5)
    ]
    page = build_report(small_vault, findings)
    order = [page.index(rule) for rule in ("broken-link", "orphan-note", "missing-tags")]
    assert order == sorted(order)
    assert "and 5 more" in page
    assert "obsidian://open?vault=My%20Vault&amp;file=Lonely.md" in page


def test_report_without_lint(monkeypatch, small_vault):
    monkeypatch.setitem(sys.modules, "vaultkit.lint", None)
    findings, note = lint_findings(small_vault)
    assert findings is None and "not available" in note
    page = build_report(small_vault, findings, note)
    assert "not available" in page and "lint findings" not in page


def test_report_with_real_lint(small_vault):
    findings, note = lint_findings(small_vault)
    assert note is None
    assert any(f.rule == "broken-link" and f.path == "Areas/Health.md" for f in findings)
    page = build_report(small_vault, findings, note)
    assert "broken-link" in page


def test_real_vault_report(real_vault):
    from vaultkit import Vault

    vault = Vault.load(real_vault("kepano-obsidian"))
    page = build_report(vault, None, "skipped")
    assert page.count("<circle") == len(pick_nodes(_note_graph(vault))[0]) == len(vault.notes)


@pytest.mark.parametrize("limit", [1, 50])
def test_big_vault_is_bounded(make_vault, limit):
    files = {f"N{i}.md": f"[[N{(i + 1) % 400}]] [[N{(i * 13) % 400}]]" for i in range(400)}
    page = build_report(make_vault(files), [], max_graph_nodes=limit)
    assert page.count("<circle") == limit


def test_empty_vault_still_gets_a_page(make_vault):
    page = build_report(make_vault({"image.png": "x"}), [])
    assert page.count("<circle") == 0
    assert "No note links to another note yet." in page and "No tags." in page

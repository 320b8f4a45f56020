"""``compute_stats`` on a vault whose answers are known by hand, and PageRank without scipy."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.report.stats import compute_stats, pagerank


def test_small_vault_figures(small_vault):
    stats = compute_stats(small_vault, top=3)
    assert stats.notes == 6
    assert stats.attachments == 1
    assert stats.links == {"wikilink": 7, "embed": 1, "markdown": 1, "property": 0, "total": 9}
    assert stats.unresolved_links == 1
    # Self links only to itself: still an orphan, and a dead end.
    assert stats.orphans == ["Lonely.md", "Self.md"]
    assert stats.dead_ends == ["Areas/Health.md", "Lonely.md", "Self.md"]
    assert stats.tag_count == 4
    assert stats.hubs_by_links == [("Projects/Beta.md", 2), ("Areas/Health.md", 1), ("Home.md", 1)]
    assert stats.components == 3
    assert stats.largest_component == 4
    assert stats.largest_component_share == pytest.approx(4 / 6)
    # Beta hands all its rank to Home, its only link: the two lead PageRank.
    assert [p for p, _ in stats.hubs_by_pagerank][:2] == ["Home.md", "Projects/Beta.md"]


def test_top_limits_lists(small_vault):
    stats = compute_stats(small_vault, top=1)
    assert (
        len(stats.top_tags) == 1
        and len(stats.hubs_by_links) == 1
        and len(stats.hubs_by_pagerank) == 1
    )


def test_json_contract(small_vault):
    data = json.loads(json.dumps(compute_stats(small_vault).to_dict()))
    assert set(data) >= {
        "vault",
        "notes",
        "attachments",
        "links",
        "unresolved_links",
        "orphans",
        "dead_ends",
        "tag_count",
        "top_tags",
        "hubs_by_links",
        "hubs_by_pagerank",
        "components",
        "largest_component",
        "largest_component_share",
    }
    assert data["hubs_by_links"][0] == {"note": "Projects/Beta.md", "backlinks": 2}
    assert set(data["top_tags"][0]) == {"tag", "notes"}
    assert set(data["hubs_by_pagerank"][0]) == {"note", "pagerank"}


def test_empty_vault(make_vault):
    stats = compute_stats(make_vault({}))
    assert (stats.notes, stats.components, stats.largest_component_share) == (0, 0, 0.0)
    assert stats.hubs_by_pagerank == []


graphs = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40)


@settings(max_examples=100, deadline=None)
@given(graphs, st.integers(1, 13))
def test_pagerank_agrees_with_networkx(edges, extra_nodes):
    pytest.importorskip("scipy", reason="networkx.pagerank needs scipy to compare against")
    graph = nx.DiGraph()
    graph.add_nodes_from(range(extra_nodes))
    graph.add_edges_from((u, v) for u, v in edges if u != v)
    ours = pagerank(graph, tol=1e-10, max_iter=1000)
    theirs = nx.pagerank(graph, tol=1e-10, max_iter=1000)
    assert ours.keys() == theirs.keys()
    for node in ours:
        assert ours[node] == pytest.approx(theirs[node], abs=1e-6)
    assert sum(ours.values()) == pytest.approx(1.0)


def test_stats_layout_and_report_work_without_numpy_or_scipy(tmp_path):
    """numpy and scipy are not vaultkit dependencies: block them and run it all."""
    vault = tmp_path / "V"
    vault.mkdir()
    for i in range(30):
        (vault / f"N{i}.md").write_text(f"[[N{(i + 1) % 30}]] [[N{(i * 7) % 30}]] #t{i % 3}\n")
    code = (
        "import sys\n"
        "sys.modules['numpy'] = None\n"
        "sys.modules['scipy'] = None\n"
        "from vaultkit import Vault\n"
        "from vaultkit.report.stats import compute_stats\n"
        "from vaultkit.report.html import build_report\n"
        f"v = Vault.load({str(vault)!r})\n"
        "s = compute_stats(v)\n"
        "page = build_report(v, [])\n"
        "print(s.notes, s.components, page.count('<circle'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["30", "1", "30"]


def test_real_vault_stats(real_vault):
    from vaultkit import Vault

    vault = Vault.load(real_vault("kepano-obsidian"))
    stats = compute_stats(vault)
    assert stats.notes == len(vault.notes)
    assert stats.links["total"] == sum(1 for _ in vault.links())
    assert 0 < stats.largest_component_share <= 1
    assert set(stats.orphans) <= set(vault.notes)
    # An orphan has no backlink from another note, by the model's own account.
    assert all(not vault.backlinks(p) for p in stats.orphans)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 9)), max_size=25))
def test_stats_agree_with_the_model(tmp_path_factory, links):
    """Orphans, dead ends and components as the model's own backlinks/outlinks define them."""
    from tests.report.conftest import write_files
    from vaultkit import Vault

    bodies = {f"N{i}.md": "" for i in range(8)}
    for source, target in links:  # targets 8 and 9 do not exist: unresolved links
        bodies[f"N{source}.md"] += f"[[N{target}]]\n"
    vault = Vault.load(write_files(tmp_path_factory.mktemp("v"), bodies))
    stats = compute_stats(vault)
    expected_orphans = sorted(p for p in vault.notes if not vault.backlinks(p))
    expected_dead = sorted(
        p for p in vault.notes if not {link.resolved for link in vault.outlinks(p)} - {None, p}
    )
    assert stats.orphans == expected_orphans
    assert stats.dead_ends == expected_dead
    assert stats.unresolved_links == sum(1 for s, t in links if t >= 8)
    assert stats.links["total"] == len(links)
    undirected = nx.Graph()
    undirected.add_nodes_from(vault.notes)
    undirected.add_edges_from(
        (s, t) for s, t in ((f"N{a}.md", f"N{b}.md") for a, b in links if b < 8)
    )
    assert stats.components == nx.number_connected_components(undirected)

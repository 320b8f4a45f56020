"""Exported graphs open in their tools: read back with networkx, DOT/Mermaid syntax-checked."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.report.syntax import dot_label, parse_dot, parse_mermaid
from vaultkit.errors import VaultError
from vaultkit.report.export import FORMATS, GraphFilter, export_graph, vault_graph

NOTES = {
    "Home.md",
    "Projects/Alpha.md",
    "Projects/Beta.md",
    "Areas/Health.md",
    "Lonely.md",
    "Self.md",
}


def read_back(text: str, fmt: str) -> nx.DiGraph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    data = json.loads(text)
    return nx.node_link_graph(data, directed=True, multigraph=False, edges="links")


def test_notes_only_by_default(small_vault):
    graph = vault_graph(small_vault)
    assert set(graph) == NOTES
    assert "diagram.png" not in graph


def test_node_and_edge_attributes(small_vault):
    graph = vault_graph(small_vault, GraphFilter(include_attachments=True))
    home = graph.nodes["Home.md"]
    assert home == {
        "label": "Home",
        "kind": "note",
        "folder": "",
        "tags": "hub",
        "in_degree": 1,
        "out_degree": 4,
    }
    assert graph.nodes["diagram.png"]["kind"] == "attachment"
    assert graph.nodes["Projects/Alpha.md"]["folder"] == "Projects"
    # Alpha writes two links to Beta: one wikilink, one Markdown link.
    assert graph.edges["Projects/Alpha.md", "Projects/Beta.md"] == {
        "links": 2,
        "kinds": "markdown wikilink",
    }
    assert graph.edges["Home.md", "diagram.png"]["kinds"] == "embed"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_round_trip_through_networkx(small_vault, fmt):
    graph = vault_graph(small_vault, GraphFilter(include_attachments=True))
    back = read_back(export_graph(graph, fmt), fmt)
    assert set(back) == set(graph)
    assert set(back.edges()) == set(graph.edges())
    assert back.is_directed()
    for node, data in graph.nodes(data=True):
        got = back.nodes[node]
        for key in ("kind", "folder", "tags", "in_degree", "out_degree"):
            assert str(got[key]) == str(data[key]), (fmt, node, key)
    edge = back.edges["Projects/Alpha.md", "Projects/Beta.md"]
    assert int(edge["links"]) == 2 and edge["kinds"] == "markdown wikilink"


def test_json_is_d3_node_link(small_vault):
    data = json.loads(export_graph(vault_graph(small_vault), "json"))
    assert {"nodes", "links"} <= set(data)
    assert {"source", "target", "links", "kinds"} <= set(data["links"][0])


def test_dot_and_mermaid_parse(small_vault):
    graph = vault_graph(small_vault, GraphFilter(include_attachments=True))
    nodes, edges = parse_dot(export_graph(graph, "dot"))
    assert {a["path"] for a in nodes.values()} == set(graph)
    assert len(edges) == graph.number_of_edges()
    labels, m_edges = parse_mermaid(export_graph(graph, "mermaid"))
    assert sorted(labels.values()) == sorted(d["label"] for _, d in graph.nodes(data=True))
    assert (2 in {count for _, _, count in m_edges}) is True  # Alpha -> Beta carries "|2|"


def test_tag_filter_is_nested(small_vault):
    graph = vault_graph(small_vault, GraphFilter(tags=("#project",)))
    assert set(graph) == {"Projects/Alpha.md", "Projects/Beta.md"}
    assert set(vault_graph(small_vault, GraphFilter(tags=("project/work",)))) == {
        "Projects/Alpha.md"
    }


def test_tag_filter_keeps_attachments_of_tagged_notes(small_vault):
    graph = vault_graph(small_vault, GraphFilter(tags=("hub",), include_attachments=True))
    assert set(graph) == {"Home.md", "diagram.png"}


def test_folder_filter(small_vault):
    graph = vault_graph(small_vault, GraphFilter(folders=("Projects/", "Areas")))
    assert set(graph) == {"Projects/Alpha.md", "Projects/Beta.md", "Areas/Health.md"}
    assert graph.number_of_edges() == 1  # only Alpha -> Beta is inside the selection


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (0, {"Areas/Health.md"}),
        (1, {"Areas/Health.md", "Home.md"}),
        (2, {"Areas/Health.md", "Home.md", "Projects/Alpha.md", "Projects/Beta.md"}),
    ],
)
def test_ego_graph_follows_links_both_ways(small_vault, depth, expected):
    graph = vault_graph(small_vault, GraphFilter(from_note="Health", depth=depth))
    assert set(graph) == expected


def test_ego_centre_resolves_like_a_link(small_vault):
    by_name = vault_graph(small_vault, GraphFilter(from_note="Beta", depth=1))
    by_path = vault_graph(small_vault, GraphFilter(from_note="Projects/Beta", depth=1))
    assert set(by_name) == set(by_path) == {"Projects/Beta.md", "Home.md", "Projects/Alpha.md"}


def test_unknown_centre_is_a_user_error(small_vault):
    with pytest.raises(VaultError, match="no note named 'Nope'"):
        vault_graph(small_vault, GraphFilter(from_note="Nope"))


def test_centre_outside_filters_is_a_user_error(small_vault):
    with pytest.raises(VaultError, match="left out by the other filters"):
        vault_graph(small_vault, GraphFilter(from_note="Home", folders=("Projects",)))


def test_unknown_format_is_a_user_error(small_vault):
    with pytest.raises(VaultError, match="unknown graph format"):
        export_graph(vault_graph(small_vault), "png")


HOSTILE = [
    'He said "hi"',
    "<script>alert(1)</script>",
    "back\\slash\\",
    "C# & F#; notes",
    "emoji 🌲 café",
    "[[brackets]] |pipe|",
    "`tick` {brace}",
    "-> arrow; digraph",
]


def test_hostile_note_names_survive_every_format(make_vault):
    files = {f"{name}.md": "" for name in HOSTILE}
    files["Index.md"] = " ".join(
        f"[[{name.replace('[', '').replace(']', '').replace('|', '')}]]" for name in HOSTILE
    )
    vault = make_vault(files)
    graph = vault_graph(vault)
    assert len(graph) == len(HOSTILE) + 1
    for fmt in ("graphml", "gexf", "json"):
        assert set(read_back(export_graph(graph, fmt), fmt)) == set(graph), fmt
    nodes, _ = parse_dot(export_graph(graph, "dot"))
    assert {dot_label(a["label"]) for a in nodes.values()} == {
        d["label"] for _, d in graph.nodes(data=True)
    }
    labels, _ = parse_mermaid(export_graph(graph, "mermaid"))
    assert set(labels.values()) == {d["label"] for _, d in graph.nodes(data=True)}


# Names as a file system allows them: anything but "/" and NUL (control characters included).
names = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(names, min_size=1, max_size=6, unique=True), st.data())
def test_writers_never_produce_unreadable_files(labels, data):
    """Whatever the names, every format parses; printable names come back unchanged."""
    graph = nx.DiGraph(name="vault")
    for i, label in enumerate(labels):
        graph.add_node(f"F{i}/{label}.md", label=label, kind="note", folder=f"F{i}", tags=label)
    nodes = list(graph)
    for _ in range(data.draw(st.integers(0, 8))):
        graph.add_edge(
            data.draw(st.sampled_from(nodes)),
            data.draw(st.sampled_from(nodes)),
            links=1,
            kinds="wikilink",
        )
    printable = all(ch.isprintable() for label in labels for ch in label)
    for fmt in ("graphml", "gexf", "json"):
        back = read_back(export_graph(graph, fmt), fmt)
        assert len(back) == len(graph) and back.number_of_edges() == graph.number_of_edges()
        if printable:
            assert set(back) == set(graph)
    dot_nodes, dot_edges = parse_dot(export_graph(graph, "dot"))
    assert len(dot_nodes) == len(graph) and len(dot_edges) == graph.number_of_edges()
    mermaid_labels, _ = parse_mermaid(export_graph(graph, "mermaid"))
    if printable:
        assert sorted(mermaid_labels.values()) == sorted(labels)
        assert sorted(dot_label(a["label"]) for a in dot_nodes.values()) == sorted(labels)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
def test_graphviz_reads_the_dot_file(make_vault):
    vault = make_vault({f"{name}.md": "[[Index]]" for name in HOSTILE} | {"Index.md": ""})
    text = export_graph(vault_graph(vault), "dot")
    done = subprocess.run(
        ["dot", "-Tplain"], input=text, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    plain = done.stdout.splitlines()
    assert sum(line.startswith("node ") for line in plain) == len(HOSTILE) + 1
    assert sum(line.startswith("edge ") for line in plain) == len(HOSTILE)


def test_real_vault_exports_every_note(real_vault):
    from vaultkit import Vault

    vault = Vault.load(real_vault("kepano-obsidian"))
    graph = vault_graph(vault)
    assert len(graph) == len(vault.notes)
    for fmt in FORMATS[:3]:
        assert len(read_back(export_graph(graph, fmt), fmt)) == len(vault.notes)
    parse_dot(export_graph(graph, "dot"))
    parse_mermaid(export_graph(graph, "mermaid"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_vault_exports_an_empty_graph(make_vault, fmt):
    text = export_graph(vault_graph(make_vault({})), fmt)
    if fmt in ("graphml", "gexf", "json"):
        assert len(read_back(text, fmt)) == 0
    elif fmt == "dot":
        assert parse_dot(text) == ({}, [])
    else:
        assert parse_mermaid(text) == ({}, [])


def test_mistyped_folder_or_tag_is_a_user_error(small_vault):
    with pytest.raises(VaultError, match="no folder 'projects'"):
        vault_graph(small_vault, GraphFilter(folders=("projects",)))
    with pytest.raises(VaultError, match="no note is tagged #nope"):
        vault_graph(small_vault, GraphFilter(tags=("nope",)))
    # One tag that matches is enough: the other may simply be unused.
    assert set(vault_graph(small_vault, GraphFilter(tags=("nope", "area")))) == {"Areas/Health.md"}

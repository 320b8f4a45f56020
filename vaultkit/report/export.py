"""Export the vault's link graph for other tools: GraphML, GEXF, node-link JSON, DOT, Mermaid.

The exported graph is a plain ``networkx.DiGraph`` whose attributes are
strings and integers only, because GraphML and GEXF cannot store lists:

- node: ``label`` (note name), ``kind`` (``note``/``attachment``), ``folder``
  (top-level folder, ``""`` at the root), ``tags`` (space-separated tag keys),
  ``in_degree`` / ``out_degree`` (distinct linking/linked files in the
  exported graph);
- edge: ``links`` (how many links the source writes to the target) and
  ``kinds`` (space-separated link kinds, e.g. ``embed wikilink``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vaultkit.errors import VaultError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from vaultkit.model.vault import Vault

FORMATS = ("graphml", "gexf", "json", "dot", "mermaid")

# XML 1.0 forbids most control characters; a hostile file name must not make
# the whole GraphML/GEXF file unreadable, so they become U+FFFD there.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class GraphFilter:
    """Which part of the vault to export."""

    tags: tuple[str, ...] = ()
    """Keep notes carrying any of these tags (nested: ``a`` also keeps ``a/b``)."""
    folders: tuple[str, ...] = ()
    """Keep files inside any of these vault folders."""
    include_attachments: bool = False
    """Also export images, PDFs, canvases... (default: notes only)."""
    from_note: str | None = None
    """Centre of an ego graph, written like a link target (``Note`` or ``Folder/Note``)."""
    depth: int = 1
    """Ego-graph radius in links, either direction."""


def top_folder(path: str) -> str:
    """The first folder of a vault path (``""`` for a file at the root)."""
    return path.split("/", 1)[0] if "/" in path else ""


def file_label(path: str) -> str:
    """The name a person knows the file by: the note name, or the attachment's file name."""
    base = path.rsplit("/", 1)[-1]
    return base[:-3] if base.lower().endswith(".md") else base


def vault_graph(vault: Vault, graph_filter: GraphFilter | None = None) -> nx.DiGraph:
    """The filtered link graph with export-friendly attributes (see the module docstring)."""
    flt = graph_filter or GraphFilter()
    base = vault.graph
    _check_folders(base, flt.folders)
    keep = [
        n
        for n, kind in base.nodes(data="kind")
        if _kind_allowed(kind, flt) and _in_folders(n, flt.folders)
    ]
    if flt.tags:
        keep = _with_tags(vault, base, keep, flt.tags)
    kept = set(keep)
    # Plain edge lists, not subgraph views: views cost seconds on big vaults.
    edges = [(u, v, d) for u in keep for v, d in base.adj[u].items() if v in kept]
    if flt.from_note is not None:
        kept = _ego_nodes(vault, kept, edges, flt)
        edges = [(u, v, d) for u, v, d in edges if u in kept and v in kept]
    return _export_copy(vault, base, sorted(kept), edges)


def _kind_allowed(kind: str | None, flt: GraphFilter) -> bool:
    return kind == "note" or (flt.include_attachments and kind == "attachment")


def _in_folders(path: str, folders: tuple[str, ...]) -> bool:
    if not folders:
        return True
    for folder in folders:
        folder = folder.strip("/")
        if not folder or path.startswith(folder + "/"):
            return True
    return False


def _check_folders(graph: nx.DiGraph, folders: tuple[str, ...]) -> None:
    """A mistyped folder is an error, not an empty export that looks like a bug."""
    for folder in folders:
        if folder.strip("/") and not any(_in_folders(n, (folder,)) for n in graph):
            raise VaultError(f"no folder {folder!r} in the vault (folders are case-sensitive)")


def _with_tags(vault: Vault, base: nx.DiGraph, keep: list[str], tags: tuple[str, ...]) -> list[str]:
    """Notes carrying a tag, plus (when exported) the attachments they link to."""
    tagged: set[str] = set()
    for tag in tags:
        tagged |= set(vault.notes_with_tag(tag.lstrip("#"), nested=True))
    if not tagged:
        shown = ", ".join("#" + t.lstrip("#") for t in tags)
        raise VaultError(f"no note is tagged {shown} (nested tags included)")
    kept = set(keep)
    notes = tagged & kept
    attachments = {
        t
        for n in notes
        for t in base.successors(n)
        if t in kept and base.nodes[t].get("kind") == "attachment"
    }
    return sorted(notes | attachments)


def resolve_note(vault: Vault, target: str) -> str:
    """The vault path ``target`` names, as a link ``[[target]]`` would resolve, or VaultError."""
    if target in vault.notes or target in getattr(vault, "attachments", {}):
        return target
    path = vault.resolve(target)
    if path is None:
        raise VaultError(
            f"no note named {target!r} in the vault (write it as you would link to it)"
        )
    return path


def _ego_nodes(
    vault: Vault, nodes: set[str], edges: list[tuple[str, str, Any]], flt: GraphFilter
) -> set[str]:
    import networkx as nx

    if flt.depth < 0:
        raise VaultError(f"--depth must be 0 or more, not {flt.depth}")
    centre = resolve_note(vault, flt.from_note or "")
    if centre not in nodes:
        raise VaultError(f"{centre} is left out by the other filters (--tag/--folder/attachments)")
    # Links count in both directions: "what is near this note" includes backlinks.
    undirected = nx.Graph()
    undirected.add_nodes_from(nodes)
    undirected.add_edges_from((u, v) for u, v, _ in edges)
    return set(nx.single_source_shortest_path_length(undirected, centre, cutoff=flt.depth))


def _export_copy(
    vault: Vault, base: nx.DiGraph, nodes: list[str], edges: list[tuple[str, str, Any]]
) -> nx.DiGraph:
    import networkx as nx

    out = nx.DiGraph(name=f"vault {vault.root.name}")
    for node in nodes:
        note = vault.notes.get(node)
        out.add_node(
            node,
            label=file_label(node),
            kind=base.nodes[node].get("kind", "note"),
            folder=top_folder(node),
            tags=" ".join(sorted(note.tag_names)) if note is not None else "",
        )
    for source, target, data in sorted(edges, key=lambda e: (e[0], e[1])):
        links = data.get("links", [])
        kinds = sorted({link.kind for link in links})
        out.add_edge(source, target, links=len(links) or 1, kinds=" ".join(kinds))
    for node in out:
        out.nodes[node]["in_degree"] = out.in_degree(node)
        out.nodes[node]["out_degree"] = out.out_degree(node)
    return out


def export_graph(graph: nx.DiGraph, fmt: str) -> str:
    """The graph as text in one of ``FORMATS``."""
    writers: dict[str, Callable[[nx.DiGraph], str]] = {
        "graphml": to_graphml,
        "gexf": to_gexf,
        "json": to_node_link_json,
        "dot": to_dot,
        "mermaid": to_mermaid,
    }
    if fmt not in writers:
        raise VaultError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](graph)


def _xml_safe(graph: nx.DiGraph) -> nx.DiGraph:
    import networkx as nx

    def clean(value: Any) -> Any:
        return _XML_INVALID.sub("\ufffd", value) if isinstance(value, str) else value

    mapping = {n: clean(n) for n in graph if clean(n) != n}
    safe = nx.relabel_nodes(graph, mapping, copy=True) if mapping else graph.copy()
    for _, data in safe.nodes(data=True):
        data.update({k: clean(v) for k, v in data.items()})
    safe.graph = {k: clean(v) for k, v in safe.graph.items()}
    return safe


def to_graphml(graph: nx.DiGraph) -> str:
    """GraphML for yEd, Gephi, Cytoscape (``networkx.read_graphml`` reads it back)."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(_xml_safe(graph))) + "\n"


def to_gexf(graph: nx.DiGraph) -> str:
    """GEXF 1.2 for Gephi (``networkx.read_gexf`` reads it back)."""
    import networkx as nx

    return "\n".join(nx.generate_gexf(_xml_safe(graph))) + "\n"


def to_node_link_json(graph: nx.DiGraph) -> str:
    """Node-link JSON as d3 expects it: ``{"nodes": [{"id": ...}], "links": [...]}``."""
    import networkx as nx

    try:
        data = nx.node_link_data(graph, edges="links")
    except TypeError:  # networkx < 3.4 has no ``edges=`` and already says "links"
        data = nx.node_link_data(graph)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _dot_string(text: str) -> str:
    """A DOT quoted string that Graphviz reads back as written.

    Graphviz's scanner reads ``\\"`` as a quote and ``\\\\`` as a pair, so
    doubling backslashes and escaping quotes keeps a trailing backslash from
    eating the closing quote; ``\\\\`` shows as one backslash in a label.
    Control characters (a newline in a hostile file name) become spaces.
    """
    text = _CONTROL.sub(" ", text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _dot_attrs(attrs: dict[str, Any]) -> str:
    parts = []
    for key, value in attrs.items():
        rendered = str(value) if isinstance(value, int) else _dot_string(str(value))
        parts.append(f"{key}={rendered}")
    return ", ".join(parts)


def to_dot(graph: nx.DiGraph) -> str:
    """Graphviz DOT: nodes ``n0, n1...`` with the vault path in ``path``, the name in ``label``."""
    ids = _short_ids(graph)
    lines = [f"digraph {_dot_string(str(graph.graph.get('name', 'vault')))} {{"]
    lines.append("  rankdir=LR;")
    lines.append('  node [shape=box, style="rounded"];')
    for node, data in graph.nodes(data=True):
        attrs = {"label": data.get("label", node), "path": node}
        attrs.update({k: v for k, v in data.items() if k != "label"})
        lines.append(f"  {ids[node]} [{_dot_attrs(attrs)}];")
    for source, target, data in graph.edges(data=True):
        lines.append(f"  {ids[source]} -> {ids[target]} [{_dot_attrs(data)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# Mermaid reads "#name;" as an entity and treats quotes, brackets and
# backticks as syntax, so every one of them is written as an entity code.
_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "\\": "#92;",
}


def mermaid_label(text: str) -> str:
    """``text`` safe inside a Mermaid ``["..."]`` node label."""
    text = _CONTROL.sub(" ", text)
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in text)


def to_mermaid(graph: nx.DiGraph) -> str:
    """A Mermaid ``graph LR`` flowchart to paste into a note inside a ```` ```mermaid ```` block."""
    ids = _short_ids(graph)
    lines = ["graph LR"]
    for node, data in graph.nodes(data=True):
        lines.append(f'  {ids[node]}["{mermaid_label(str(data.get("label", node)))}"]')
    for source, target, data in graph.edges(data=True):
        count = data.get("links", 1)
        arrow = f"-->|{count}|" if count > 1 else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    return "\n".join(lines) + "\n"


def _short_ids(nodes: Iterable[str]) -> dict[str, str]:
    """Stable ids (``n0``, ``n1``...) for syntaxes where a path would need escaping."""
    return {node: f"n{i}" for i, node in enumerate(nodes)}

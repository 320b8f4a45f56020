"""Vault statistics: size, links, orphans, dead ends, tags, hubs, components.

Graph figures are computed on the note graph (attachments left out): an
image cannot link anywhere, so counting it would make every embed a
"component" of its own. Self-links never count: a note does not stop being
an orphan by linking to itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from vaultkit.model.vault import Vault

LINK_KINDS = ("wikilink", "embed", "markdown", "property")


@dataclass
class VaultStats:
    """The numbers ``vaultkit stats`` prints; ``to_dict()`` is the JSON contract."""

    vault: str
    notes: int
    attachments: int
    links: dict[str, int]
    """Links written in notes, by kind, plus ``total``."""
    unresolved_links: int
    orphans: list[str]
    """Notes no other note links to (sorted paths)."""
    dead_ends: list[str]
    """Notes with no resolved link to another file."""
    tag_count: int
    top_tags: list[tuple[str, int]]
    """``(tag, notes carrying it)``, most used first."""
    hubs_by_links: list[tuple[str, int]]
    """``(note, notes linking to it)``, highest first."""
    hubs_by_pagerank: list[tuple[str, float]]
    components: int
    """Weakly connected components of the note graph (isolated notes count)."""
    largest_component: int
    largest_component_share: float
    """Share of notes in the largest component, 0..1."""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["top_tags"] = [{"tag": t, "notes": n} for t, n in self.top_tags]
        data["hubs_by_links"] = [{"note": p, "backlinks": n} for p, n in self.hubs_by_links]
        data["hubs_by_pagerank"] = [
            {"note": p, "pagerank": round(r, 6)} for p, r in self.hubs_by_pagerank
        ]
        data["largest_component_share"] = round(self.largest_component_share, 4)
        data.update(data.pop("extra"))
        return data


def note_graph(vault: Vault) -> nx.DiGraph:
    """The links between notes only, without self-loops."""
    import networkx as nx

    graph = vault.graph
    notes = {n for n, kind in graph.nodes(data="kind") if kind == "note"}
    # Built edge by edge: a subgraph view's copy() costs seconds on big vaults.
    sub = nx.DiGraph()
    sub.add_nodes_from(n for n in graph if n in notes)
    sub.add_edges_from((u, v) for u, v in graph.edges() if u != v and u in notes and v in notes)
    return sub


def compute_stats(vault: Vault, top: int = 10, graph: nx.DiGraph | None = None) -> VaultStats:
    """Every figure of ``vaultkit stats`` for a loaded vault.

    ``graph`` is the vault's ``note_graph`` when the caller has built it already.
    """
    graph = note_graph(vault) if graph is None else graph
    by_kind = Counter(link.kind for link in vault.links())
    links = {kind: by_kind.get(kind, 0) for kind in LINK_KINDS}
    links["total"] = sum(by_kind.values())
    sizes = component_sizes(graph)
    largest = sizes[0] if sizes else 0
    tags = sorted(((t, len(paths)) for t, paths in vault.tags.items()), key=lambda x: (-x[1], x[0]))
    in_degree = sorted(((n, d) for n, d in graph.in_degree() if d), key=lambda x: (-x[1], x[0]))
    ranks = pagerank(graph)
    return VaultStats(
        vault=str(vault.root),
        notes=len(vault.notes),
        attachments=len(getattr(vault, "attachments", {})),
        links=links,
        unresolved_links=len(vault.unresolved),
        orphans=sorted(n for n in graph if graph.in_degree(n) == 0),
        dead_ends=dead_ends(vault),
        tag_count=len(tags),
        top_tags=tags[:top],
        hubs_by_links=in_degree[:top],
        hubs_by_pagerank=sorted(ranks.items(), key=lambda x: (-x[1], x[0]))[:top],
        components=len(sizes),
        largest_component=largest,
        largest_component_share=largest / graph.number_of_nodes() if graph else 0.0,
    )


def dead_ends(vault: Vault) -> list[str]:
    """Notes with no resolved link to another file (note or attachment)."""
    graph = vault.graph
    return sorted(
        n
        for n, kind in graph.nodes(data="kind")
        if kind == "note" and not any(t != n for t in graph.successors(n))
    )


def component_sizes(graph: nx.DiGraph) -> list[int]:
    """Sizes of the weakly connected components, largest first."""
    import networkx as nx

    return sorted((len(c) for c in nx.weakly_connected_components(graph)), reverse=True)


def pagerank(
    graph: nx.DiGraph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6
) -> dict[str, float]:
    """PageRank by power iteration in pure Python.

    Why not ``networkx.pagerank``: since networkx 3.0 it needs scipy, which
    vaultkit does not depend on. Same definition as networkx (uniform
    teleport, dangling notes spread their rank evenly, each edge weight 1),
    so the results agree to ``tol``.
    """
    nodes = list(graph)
    count = len(nodes)
    if count == 0:
        return {}
    rank = dict.fromkeys(nodes, 1.0 / count)
    out_degree = {n: graph.out_degree(n) for n in nodes}
    dangling = [n for n in nodes if out_degree[n] == 0]
    predecessors = {n: list(graph.predecessors(n)) for n in nodes}
    for _ in range(max_iter):
        spread = alpha * sum(rank[n] for n in dangling) / count + (1.0 - alpha) / count
        new = {
            n: spread + alpha * sum(rank[p] / out_degree[p] for p in predecessors[n]) for n in nodes
        }
        error = sum(abs(new[n] - rank[n]) for n in nodes)
        rank = new
        if error < count * tol:
            break
    return rank

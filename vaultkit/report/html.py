"""The HTML report: one self-contained page showing a vault's shape and health.

No network, no CDN, no script: inline CSS and an inline SVG whose layout is
computed here (``vaultkit.report.layout``). A Content-Security-Policy in the
page forbids loading anything, so even a note title that slipped through
escaping could not fetch or run code. Every name and tag goes through
Jinja's autoescape.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from vaultkit.report.export import file_label, top_folder
from vaultkit.report.layout import force_layout
from vaultkit.report.page import PAGE
from vaultkit.report.stats import VaultStats, compute_stats, note_graph, pagerank

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from vaultkit.model.vault import Vault

MAX_GRAPH_NODES = 300
"""Above this many notes the picture shows the largest linked groups, or the top hubs."""
CLOUD_TAGS = 40
"""Most-used tags shown in the tag cloud."""
MAX_ROWS = 200
"""Rows listed per lint rule and for orphans; the rest are counted, not listed."""
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#17becf",
)
OTHER_COLOUR = "#9aa0a6"
WIDTH, HEIGHT, MARGIN = 1000, 640, 24
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

Progress = Callable[[str], None]


def obsidian_url(vault_name: str, path: str) -> str:
    """``obsidian://open?vault=NAME&file=PATH`` with both parts percent-encoded."""
    return f"obsidian://open?vault={quote(vault_name, safe='')}&file={quote(path, safe='')}"


def lint_findings(vault: Vault) -> tuple[list[Any] | None, str | None]:
    """The vault's lint diagnostics, or ``(None, why)`` when lint cannot run.

    The report is still worth having without lint (not installed in this
    build, or a broken lint config), so that is a note on the page, not a failure.
    """
    from vaultkit.errors import VaultError

    try:
        from vaultkit.lint import lint_vault
    except ImportError:
        return None, "lint is not available in this vaultkit build"
    try:
        result = lint_vault(vault)
    except VaultError as exc:
        return None, f"lint did not run: {exc}"
    diagnostics = getattr(result, "diagnostics", result)
    return list(diagnostics), None


@dataclass
class GraphPicture:
    """The part of the note graph drawn in the report and where each node goes."""

    nodes: list[str]
    edges: list[tuple[str, str]]
    positions: dict[str, tuple[float, float]]
    caption: str


def pick_nodes(graph: nx.DiGraph, limit: int = MAX_GRAPH_NODES) -> tuple[list[str], str]:
    """Which notes to draw, and a caption saying which.

    All notes when they fit. Otherwise the biggest linked groups that fit
    together (notes without any link say nothing in a picture; the orphan
    list names them); if even the largest group is too big, its most
    linked notes. A browser draws a few hundred SVG nodes instantly; tens of
    thousands would make the page crawl and the picture unreadable anyway.
    """
    import networkx as nx

    total = graph.number_of_nodes()
    if total <= limit:
        return sorted(graph), f"all {total} notes"
    groups = sorted(
        (c for c in nx.weakly_connected_components(graph) if len(c) > 1),
        key=lambda c: (-len(c), min(c)),
    )
    if not groups:
        return sorted(graph)[:limit], f"{limit} of {total} notes (no note links to another)"
    if len(groups[0]) > limit:
        hubs = sorted(groups[0], key=lambda n: (-graph.degree(n), n))[:limit]
        caption = f"the {limit} most linked notes of the largest group ({total} notes in all)"
        return sorted(hubs), caption
    chosen: list[str] = []
    taken = 0
    for group in groups:
        if len(chosen) + len(group) <= limit:
            chosen.extend(group)
            taken += 1
    what = "the largest linked group" if taken == 1 else f"the {taken} largest linked groups"
    return sorted(chosen), f"{what}: {len(chosen)} of {total} notes"


def graph_picture(graph: nx.DiGraph, limit: int = MAX_GRAPH_NODES) -> GraphPicture:
    nodes, caption = pick_nodes(graph, limit)
    sub = graph.subgraph(nodes)
    edges = sorted(sub.edges())
    return GraphPicture(nodes, edges, force_layout(nodes, edges), caption)


def folder_colours(paths: Iterable[str]) -> dict[str, str]:
    """A colour per top-level folder, the biggest folders first; the rest share grey."""
    counts = Counter(top_folder(p) for p in paths)
    ranked = sorted(counts, key=lambda f: (-counts[f], f))
    return {folder: PALETTE[i] for i, folder in enumerate(ranked[: len(PALETTE)])}


def _display(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _svg_nodes(
    picture: GraphPicture, graph: nx.DiGraph, colours: dict[str, str], vault_name: str
) -> list[dict[str, Any]]:
    labelled = set(sorted(picture.nodes, key=lambda n: (-graph.degree(n), n))[:12])
    # Area follows links relative to the biggest hub drawn; the bigger the
    # crowd, the smaller the largest circle, so a busy picture stays legible.
    most = max((graph.degree(n) for n in picture.nodes), default=0) or 1
    grow = max(5.0, min(10.0, 90.0 / math.sqrt(max(len(picture.nodes), 1))))
    result = []
    for node in picture.nodes:
        x, y = _to_canvas(picture.positions[node])
        degree = graph.degree(node)
        result.append(
            {
                "x": x,
                "y": y,
                "r": round(2.5 + grow * math.sqrt(degree / most), 1),
                "colour": colours.get(top_folder(node), OTHER_COLOUR),
                "title": f"{_display(file_label(node))}\n{_display(node)}\n"
                f"{graph.in_degree(node)} in, {graph.out_degree(node)} out",
                "label": _display(file_label(node)) if node in labelled and degree else "",
                "url": obsidian_url(vault_name, node),
            }
        )
    # Big nodes last so they sit on top of the small ones around them.
    return sorted(result, key=lambda n: n["r"])


def _to_canvas(point: tuple[float, float]) -> tuple[float, float]:
    x, y = point
    return (
        round(MARGIN + x * (WIDTH - 2 * MARGIN), 1),
        round(MARGIN + y * (HEIGHT - 2 * MARGIN), 1),
    )


def _edge_path(picture: GraphPicture) -> str:
    """Every edge in one ``<path>``: one DOM node instead of thousands of ``<line>``."""
    parts = []
    for source, target in picture.edges:
        (x1, y1), (x2, y2) = (
            _to_canvas(picture.positions[source]),
            _to_canvas(picture.positions[target]),
        )
        parts.append(f"M{x1} {y1}L{x2} {y2}")
    return "".join(parts)


def _tag_cloud(stats: VaultStats) -> list[dict[str, Any]]:
    shown = stats.top_tags[:CLOUD_TAGS]
    if not shown:
        return []
    low, high = math.log(shown[-1][1]), math.log(shown[0][1])
    cloud = []
    for tag, count in sorted(shown, key=lambda t: t[0]):
        scale = (math.log(count) - low) / (high - low) if high > low else 0.5
        cloud.append({"tag": _display(tag), "count": count, "size": round(0.8 + 0.8 * scale, 2)})
    return cloud


def _group_findings(findings: list[Any], vault_name: str) -> list[dict[str, Any]]:
    """Findings per rule, errors first, then the most frequent rules."""
    groups: dict[str, list[Any]] = {}
    for finding in findings:
        groups.setdefault(finding.rule or finding.code or "lint", []).append(finding)
    order = {"error": 0, "warning": 1, "info": 2}
    result = []
    for rule, items in groups.items():
        items.sort(key=lambda d: (d.path, d.line, d.column))
        severity = min((d.severity for d in items), key=lambda s: order.get(s, 3))
        rows = [
            {
                "path": _display(d.path),
                "url": obsidian_url(vault_name, d.path),
                "where": f"{d.line}:{d.column}",
                "message": _display(d.message),
                "severity": d.severity,
            }
            for d in items[:MAX_ROWS]
        ]
        code = items[0].code
        result.append(
            {
                "rule": rule,
                "code": code,
                "severity": severity,
                "count": len(items),
                "rows": rows,
                "more": len(items) - len(rows),
            }
        )
    result.sort(key=lambda g: (order.get(g["severity"], 3), -g["count"], g["rule"]))
    return result


def build_report(
    vault: Vault,
    findings: list[Any] | None = None,
    lint_note: str | None = None,
    *,
    top: int = 15,
    max_graph_nodes: int = MAX_GRAPH_NODES,
    generated: str | None = None,
    progress: Progress | None = None,
) -> str:
    """The report page as a string. ``findings`` are lint diagnostics (None: lint not run)."""
    step = progress or (lambda _label: None)
    step("stats")
    graph = note_graph(vault)
    stats = compute_stats(vault, top=max(top, CLOUD_TAGS), graph=graph)
    step("layout")
    picture = graph_picture(graph, max_graph_nodes)
    colours = folder_colours(vault.notes)
    vault_name = vault.root.name
    step("render")
    severities = Counter(f.severity for f in findings or [])
    context = {
        "vault_name": _display(vault_name),
        "generated": generated,
        "stats": stats,
        "link_share": f"{stats.largest_component_share:.0%}",
        "severities": severities,
        "findings": None if findings is None else _group_findings(findings, vault_name),
        "finding_count": len(findings or []),
        "lint_note": lint_note,
        "hubs": _hub_rows(stats, graph, vault_name, top),
        "tags": _tag_cloud(stats),
        "orphans": [
            {
                "name": _display(file_label(p)),
                "path": _display(p),
                "url": obsidian_url(vault_name, p),
            }
            for p in stats.orphans[:MAX_ROWS]
        ],
        "more_orphans": max(0, len(stats.orphans) - MAX_ROWS),
        "picture": picture,
        "svg_nodes": _svg_nodes(picture, graph, colours, vault_name),
        "edge_path": _edge_path(picture),
        "legend": _legend(colours, picture.nodes),
        "width": WIDTH,
        "height": HEIGHT,
    }
    return _template().render(**context)


def _hub_rows(
    stats: VaultStats, graph: nx.DiGraph, vault_name: str, top: int
) -> list[dict[str, Any]]:
    ranks = pagerank(graph)
    rows = []
    for path, backlinks in stats.hubs_by_links[:top]:
        rows.append(
            {
                "name": _display(file_label(path)),
                "path": _display(path),
                "url": obsidian_url(vault_name, path),
                "backlinks": backlinks,
                "outlinks": graph.out_degree(path),
                "rank": f"{ranks[path]:.4f}" if path in ranks else "",
            }
        )
    return rows


def _legend(colours: dict[str, str], shown: list[str]) -> list[dict[str, Any]]:
    counts = Counter(top_folder(p) for p in shown)
    items = [
        {"folder": _display(f) or "(vault root)", "colour": c, "count": counts.get(f, 0)}
        for f, c in colours.items()
        if counts.get(f)
    ]
    others = sum(n for f, n in counts.items() if f not in colours)
    if others:
        items.append({"folder": "other folders", "colour": OTHER_COLOUR, "count": others})
    return items


def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
    )
    return env.from_string(PAGE)

# ruff: noqa: E501 - HTML reads better with one element per line
"""The report page template (Jinja, autoescaped): inline CSS and SVG, no script."""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ vault_name }} · vaultkit report</title>
<style>
:root { --bg:#f7f7f5; --card:#fff; --ink:#1f2328; --muted:#656d76; --line:#d8dee4;
  --accent:#6e56cf; --err:#cf222e; --warn:#9a6700; --info:#0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg:#161618; --card:#202124; --ink:#e6e6e6; --muted:#9aa0a6; --line:#3a3d42;
    --accent:#a48bff; --err:#ff7b72; --warn:#d29922; --info:#58a6ff; } }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width:1100px; margin:0 auto; padding:24px 20px 48px; }
header h1 { margin:0; font-size:28px; }
header p { margin:4px 0 0; color:var(--muted); }
h2 { font-size:18px; margin:0 0 12px; }
section { background:var(--card); border:1px solid var(--line); border-radius:10px;
  padding:18px 20px; margin-top:20px; }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(150px, 1fr)); gap:12px; margin-top:20px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:12px 14px; }
.card .n { font-size:26px; font-weight:650; }
.card .l { color:var(--muted); font-size:13px; }
.card.bad .n { color:var(--err); }
.card.warn .n { color:var(--warn); }
.two { display:grid; grid-template-columns:1fr 1fr; gap:20px; }
.two > section { margin-top:20px; }
@media (max-width: 800px) { .two { grid-template-columns:1fr; } }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--muted); font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
a { color:var(--accent); text-decoration:none; }
a:hover { text-decoration:underline; }
.muted { color:var(--muted); }
.path { color:var(--muted); font-size:12px; word-break:break-all; }
.graph svg { width:100%; height:auto; display:block; border-radius:8px; background:var(--bg); }
.graph .edges { stroke:var(--muted); stroke-opacity:.35; stroke-width:.8; fill:none; }
.graph circle { stroke:var(--card); stroke-width:1; }
.graph a:hover circle { stroke:var(--ink); stroke-width:2; }
.graph text { font-size:12px; fill:var(--ink); paint-order:stroke; stroke:var(--bg); stroke-width:3px;
  pointer-events:none; }
.legend { display:flex; flex-wrap:wrap; gap:6px 16px; margin-top:10px; font-size:13px; }
.swatch { display:inline-block; width:11px; height:11px; border-radius:50%; margin-right:5px; vertical-align:-1px; }
.cloud { line-height:2.1; }
.cloud span { margin-right:12px; white-space:nowrap; }
.cloud small { color:var(--muted); }
details { border-top:1px solid var(--line); padding:8px 0; }
details:first-of-type { border-top:none; }
summary { cursor:pointer; font-weight:600; }
.badge { display:inline-block; font-size:12px; font-weight:600; padding:1px 8px; border-radius:10px;
  margin-right:6px; color:#fff; }
.badge.error { background:var(--err); } .badge.warning { background:var(--warn); }
.badge.info { background:var(--info); }
.count { color:var(--muted); font-weight:400; }
ul.orphans { columns:3 220px; margin:0; padding-left:18px; }
footer { color:var(--muted); font-size:13px; margin-top:24px; text-align:center; }
</style>
</head>
<body>
<main>
<header>
  <h1>{{ vault_name }}</h1>
  <p>vaultkit report{% if generated %} · {{ generated }}{% endif %}</p>
</header>

<div class="cards">
  <div class="card"><div class="n">{{ stats.notes }}</div><div class="l">notes</div></div>
  <div class="card"><div class="n">{{ stats.attachments }}</div><div class="l">attachments</div></div>
  <div class="card"><div class="n">{{ stats.links.total }}</div><div class="l">links</div></div>
  <div class="card{% if stats.unresolved_links %} warn{% endif %}"><div class="n">{{ stats.unresolved_links }}</div><div class="l">unresolved links</div></div>
  <div class="card"><div class="n">{{ stats.orphans|length }}</div><div class="l">orphans</div></div>
  <div class="card"><div class="n">{{ stats.dead_ends|length }}</div><div class="l">dead ends</div></div>
  <div class="card"><div class="n">{{ stats.tag_count }}</div><div class="l">tags</div></div>
  <div class="card"><div class="n">{{ link_share }}</div><div class="l">of notes in the largest linked group ({{ stats.components }} groups)</div></div>
  {% if findings is not none %}
  <div class="card{% if severities.error %} bad{% elif finding_count %} warn{% endif %}"><div class="n">{{ finding_count }}</div><div class="l">lint findings{% if severities.error %} · {{ severities.error }} errors{% endif %}</div></div>
  {% endif %}
</div>

<section class="graph">
  <h2>Graph <span class="count">· {{ picture.caption }}, {{ picture.edges|length }} links between them</span></h2>
  <svg viewBox="0 0 {{ width }} {{ height }}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Link graph of {{ vault_name }}">
    <path class="edges" d="{{ edge_path }}"/>
    {% for n in svg_nodes %}
    <a href="{{ n.url }}"><circle cx="{{ n.x }}" cy="{{ n.y }}" r="{{ n.r }}" fill="{{ n.colour }}"><title>{{ n.title }}</title></circle></a>
    {% endfor %}
    {% for n in svg_nodes if n.label %}
    <text x="{{ n.x + n.r + 3 }}" y="{{ n.y + 4 }}">{{ n.label|truncate(32, true, '…') }}</text>
    {% endfor %}
  </svg>
  <div class="legend">
    {% for item in legend %}<span><span class="swatch" style="background:{{ item.colour }}"></span>{{ item.folder }} <span class="muted">{{ item.count }}</span></span>{% endfor %}
  </div>
  <p class="muted">Node size: links in and out. Hover a node for its name; click to open it in Obsidian.</p>
</section>

<div class="two">
<section>
  <h2>Top hubs</h2>
  {% if hubs %}
  <table>
    <tr><th>Note</th><th class="num">Backlinks</th><th class="num">Links out</th><th class="num">PageRank</th></tr>
    {% for h in hubs %}
    <tr><td><a href="{{ h.url }}" title="{{ h.path }}">{{ h.name }}</a></td><td class="num">{{ h.backlinks }}</td><td class="num">{{ h.outlinks }}</td><td class="num">{{ h.rank }}</td></tr>
    {% endfor %}
  </table>
  {% else %}<p class="muted">No note links to another note yet.</p>{% endif %}
</section>
<section>
  <h2>Tags <span class="count">· {{ stats.tag_count }}{% if stats.tag_count > tags|length %}, the {{ tags|length }} most used{% endif %}</span></h2>
  {% if tags %}
  <div class="cloud">
    {% for t in tags %}<span style="font-size:{{ t.size }}em">#{{ t.tag }} <small>{{ t.count }}</small></span> {% endfor %}
  </div>
  {% else %}<p class="muted">No tags.</p>{% endif %}
</section>
</div>

<section>
  <h2>Lint findings{% if findings is not none %} <span class="count">· {{ finding_count }}</span>{% endif %}</h2>
  {% if findings is none %}
  <p class="muted">{{ lint_note or "lint was not run" }}</p>
  {% elif not findings %}
  <p>No findings. The vault is clean.</p>
  {% else %}
  {% for g in findings %}
  <details{% if loop.first %} open{% endif %}>
    <summary><span class="badge {{ g.severity }}">{{ g.severity }}</span>{{ g.rule }}{% if g.code %} <span class="count">{{ g.code }}</span>{% endif %} <span class="count">· {{ g.count }}</span></summary>
    <table>
      {% for r in g.rows %}
      <tr><td><a href="{{ r.url }}">{{ r.path }}</a><span class="muted">:{{ r.where }}</span></td><td>{{ r.message }}</td></tr>
      {% endfor %}
    </table>
    {% if g.more %}<p class="muted">and {{ g.more }} more; run <code>vaultkit lint</code> for all of them.</p>{% endif %}
  </details>
  {% endfor %}
  {% endif %}
</section>

<section>
  <h2>Orphans <span class="count">· {{ stats.orphans|length }} notes no other note links to</span></h2>
  {% if orphans %}
  <ul class="orphans">
    {% for o in orphans %}<li><a href="{{ o.url }}" title="{{ o.path }}">{{ o.name }}</a></li>{% endfor %}
  </ul>
  {% if more_orphans %}<p class="muted">and {{ more_orphans }} more.</p>{% endif %}
  {% else %}<p>None: every note is linked from another.</p>{% endif %}
</section>

<footer>Made by vaultkit · {{ stats.notes }} notes · open links need Obsidian installed</footer>
</main>
</body>
</html>
"""

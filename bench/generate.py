"""Write a deterministic synthetic Obsidian vault, and the truth about it.

    python bench/generate.py --notes 10000 --seed 1 bench/out/vault-10000

The vault has N Markdown notes in PARA folders (1-Projects, 2-Areas,
3-Resources, 4-Archives), daily notes and templates, attachments (png, pdf,
canvas) and ``.obsidian/`` settings. Notes average ~2.7 KB, the size of real
notes, and carry every syntax a parser can get wrong: frontmatter with
property links, headings, lists, tables with ``[[X\\|y]]``, callouts, code
fences and inline code holding ``[[not links]]`` and ``#nottags``,
``%% comments %%`` holding links, every link form, nested tags, broken links,
duplicate names in different folders and names in NFC and NFD.

Every link is made by a function that knows what it resolves to, so the
generator writes ``OUT.expected.json`` beside the vault folder (not inside,
where it would be one more attachment): counts a correct parser must
reproduce. Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = 1
EXPECTED_FILE = "expected.json"

WORDS = (
    "the a of to and in is that for it on with as was be by this are from or at which an "
    "service latency error budget alert page runbook deploy rollback canary cluster node pod "
    "queue retry timeout request response cache database index replica shard backup restore "
    "metric trace log span dashboard threshold capacity load traffic region zone failover "
    "team review design decision risk owner customer impact incident outage mitigation "
    "follow-up action item learning growth mentor feedback goal quarter plan roadmap scope "
    "we should could would will need must may might probably clearly quickly carefully "
    "because although when while after before until since unless however therefore also "
    "improve reduce measure automate document share test verify monitor investigate"
).split()
NAME_WORDS = (
    "Alerting Budget Capacity Canary Chaos Cluster Database Deploy Drill Escalation Failover "
    "Gateway Incident Kafka Kubernetes Latency Mentoring Migration Network Observability "
    "Oncall Outage Pager Pipeline Platform Postmortem Queue Readiness Redis Release Reliability "
    "Retry Review Rollback Runbook Scaling Security Service Storage Terraform Tracing Upgrade "
    "Vendor Workflow Interview Promotion Feedback Roadmap Strategy Hiring Budgeting Reading"
).split()
NAME_TAILS = (
    "Notes Plan Checklist Review Ideas Summary Guide Log Proposal Questions Design Retro "
    "Metrics Lessons Overview Playbook Sketch Draft Map Report"
).split()
UNICODE_NAMES = (
    "Café Résumé",
    "Übersicht Ärzte",
    "Naïve Bayes Notes",
    "Señor Año Plan",
    "Crème Brûlée Deploy",
    "Zürich Failover",
    "Ångström Metrics",
    "日本語 メモ",
    "Ελληνικά Σημειώσεις",
    "Kraków Retro",
)
TAGS = (
    "sre oncall incident postmortem project reading idea todo kubernetes learning "
    "area/health area/career career/growth status/active status/done type/meeting "
    "type/reference observability/metrics observability/logs café"
).split()
HEADINGS = (
    "Overview",
    "Context",
    "Decisions",
    "Next steps",
    "Open questions",
    "References",
    "Timeline",
    "Impact",
    "Action items",
    "Notes",
)
SUBHEADINGS = ("Details", "Why", "Risks", "Examples", "Owners", "Follow-up")
LANGS = ("python", "bash", "yaml", "go", "")
CALLOUTS = ("note", "tip", "warning", "info", "todo", "example", "quote")
SIZE_TARGET = 2400  # bytes per note on average, as measured on real vaults


@dataclass
class Plan:
    """What the generator decided a note will be, before writing it."""

    path: str  # vault-relative, in the form written on disk (NFD stays NFD)
    name: str
    folder: str
    daily: bool = False
    headings: list[tuple[str, str | None]] = field(default_factory=list)  # (h2, h3 or None)
    blocks: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    duplicate: bool = False  # another note in another folder has the same name
    broken_yaml: bool = False


@dataclass
class Truth:
    """Counts a correct parser must reproduce, gathered while writing."""

    links: Counter = field(default_factory=Counter)  # kind -> count
    unresolved: int = 0
    unresolved_targets: set[str] = field(default_factory=set)
    missing_heading: int = 0
    missing_block: int = 0
    tags: set[str] = field(default_factory=set)
    linked: set[str] = field(default_factory=set)  # notes with a link from another note
    note_bytes: int = 0


class Generator:
    """Plans the vault, then writes each note from its plan."""

    def __init__(self, notes: int, seed: int) -> None:
        self.n = notes
        self.rng = random.Random(seed)
        self.truth = Truth()
        self.plans: list[Plan] = []
        self.by_name: dict[str, list[Plan]] = {}
        self.attachments: dict[str, bytes] = {}
        self.images: list[str] = []
        self.pdfs: list[str] = []
        self.canvases: list[str] = []
        self.missing_counter = 0
        self.linkable: list[Plan] = []
        self.hubs: list[Plan] = []

    # -- planning -------------------------------------------------------

    def plan(self) -> None:
        rng = self.rng
        n_daily = max(3, self.n // 10)
        templates = ["Templates/Daily.md", "Templates/Project.md", "Templates/Meeting.md"]
        rest = self.n - n_daily - len(templates)
        used: set[str] = set()
        for t in templates:
            self._add(Plan(path=t, name=t[10:-3], folder="Templates"), used)
        start = date(2022, 1, 1)
        for i in range(n_daily):
            day = (start + timedelta(days=i)).isoformat()
            self._add(Plan(path=f"Daily/{day}.md", name=day, folder="Daily", daily=True), used)
        shares = (("1-Projects", 0.22), ("2-Areas", 0.42), ("3-Resources", 0.87), ("4-Archives", 2))
        folders = self._folders()
        for i in range(rest):
            frac = i / max(rest, 1)
            top = next(top for top, upto in shares if frac < upto)
            folder = rng.choice(folders[top])
            name = self._unique_name(used, i)
            self._add(Plan(path=f"{folder}/{name}.md", name=name, folder=folder), used)
        self._make_duplicates(folders)
        for plan in self.plans:
            self._plan_insides(plan)
        self._plan_attachments()
        # About 10% of notes are orphans: no other note links to them.
        self.linkable = [p for p in self.plans if rng.random() > 0.1 and not p.broken_yaml]
        self.hubs = rng.sample(self.linkable, k=max(2, len(self.linkable) // 10))

    def _folders(self) -> dict[str, list[str]]:
        """Sub-folders under each PARA folder, about 150 notes per folder level."""
        per = max(2, self.n // 150)
        out: dict[str, list[str]] = {}
        for top in ("1-Projects", "2-Areas", "3-Resources", "4-Archives"):
            words = list(NAME_WORDS)
            self.rng.shuffle(words)
            out[top] = [f"{top}/{i + 1:02d} {words[i % len(words)]}" for i in range(per)]
        out["3-Resources"] += [f"{f}/Deep Dive" for f in out["3-Resources"][:3]]
        return out

    def _unique_name(self, used: set[str], i: int) -> str:
        rng = self.rng
        if i % 97 == 5 and i // 97 < len(UNICODE_NAMES):
            name = UNICODE_NAMES[i // 97]
            # Every other unicode note is stored decomposed (NFD), as macOS writes it.
            return unicodedata.normalize("NFD" if (i // 97) % 2 else "NFC", name)
        while True:
            name = f"{rng.choice(NAME_WORDS)} {rng.choice(NAME_TAILS)}"
            if rng.random() < 0.6:
                name += f" {rng.randint(1, 9999)}"
            if rng.random() < 0.01:
                name = name.replace(" ", "'s ", 1)
            if name.casefold() not in used:
                return name

    def _add(self, plan: Plan, used: set[str]) -> None:
        used.add(plan.name.casefold())
        self.plans.append(plan)
        self.by_name.setdefault(plan.name.casefold(), []).append(plan)

    def _make_duplicates(self, folders: dict[str, list[str]]) -> None:
        """About 1% of names appear twice, in folders with different parent names."""
        candidates = [p for p in self.plans if p.folder.startswith(("1-", "2-"))]
        for plan in self.rng.sample(candidates, k=max(1, len(candidates) // 50)):
            if plan.duplicate:
                continue
            twin_folder = next(
                f
                for f in folders["3-Resources"]
                if f.rsplit("/", 1)[-1] != plan.folder.rsplit("/", 1)[-1]
            )
            twin = Plan(path=f"{twin_folder}/{plan.name}.md", name=plan.name, folder=twin_folder)
            plan.duplicate = twin.duplicate = True
            # Replace the last resources note, so the note count stays N.
            victim = next(
                p for p in reversed(self.plans) if p.folder.startswith("3-") and not p.duplicate
            )
            self.plans[self.plans.index(victim)] = twin
            self.by_name[victim.name.casefold()].remove(victim)
            self.by_name[plan.name.casefold()].append(twin)

    def _plan_insides(self, plan: Plan) -> None:
        rng = self.rng
        if plan.daily or plan.folder == "Templates":
            plan.headings = [("Log", None), ("Tasks", None)]
            return
        picks = rng.sample(HEADINGS, k=rng.randint(2, 5))
        plan.headings = [
            (h, rng.choice(SUBHEADINGS) if rng.random() < 0.5 else None) for h in picks
        ]
        plan.blocks = [f"b{rng.randrange(16**6):06x}" for _ in range(rng.randint(0, 2))]
        if rng.random() < 0.3:
            plan.aliases = [f"{plan.name} alias", plan.name.split(" ")[0].lower() + "-ref"]
        plan.broken_yaml = rng.random() < 0.003

    def _plan_attachments(self) -> None:
        rng = self.rng
        for i in range(max(2, self.n // 25)):
            name = (
                f"Screenshot 2024-{i % 12 + 1:02d}-{i % 28 + 1:02d} at {i:04d}.png"
                if i % 3 == 0
                else f"diagram-{i:04d}.png"
            )
            self.images.append(f"Attachments/{name}")
            self.attachments[f"Attachments/{name}"] = _png(rng.randint(1, 64))
        for i in range(max(1, self.n // 100)):
            self.pdfs.append(f"Attachments/paper-{i:04d}.pdf")
            self.attachments[self.pdfs[-1]] = _pdf(i)
        for i in range(max(1, self.n // 1000)):
            path = f"3-Resources/Boards/Board {i + 1}.canvas"
            self.canvases.append(path)
            self.attachments[path] = json.dumps({"nodes": [], "edges": []}).encode()

    # -- links ----------------------------------------------------------

    def _target(self, source: Plan) -> Plan:
        """A link target: half the links go to a few hub notes, as in real vaults."""
        pool = self.hubs if self.rng.random() < 0.5 else self.linkable
        while True:
            plan = self.rng.choice(pool)
            if plan is not source:
                return plan

    def _count(self, kind: str, source: Plan, target: Plan | None, key: str = "") -> None:
        self.truth.links[kind] += 1
        if target is None:
            self.truth.unresolved += 1
            self.truth.unresolved_targets.add(key.casefold())
        elif target is not source:
            self.truth.linked.add(target.path)

    def _linkname(self, target: Plan) -> str:
        """How a wikilink names the target: by name, or by path when the name is shared."""
        if not target.duplicate:
            return target.name
        parent = target.folder.rsplit("/", 1)[-1]
        return (
            f"{parent}/{target.name}"
            if self.rng.random() < 0.5
            else f"{target.folder}/{target.name}"
        )

    def link(self, source: Plan, table: bool = False) -> str:
        """One counted link in some form; ~2% are broken."""
        rng = self.rng
        if rng.random() < 0.02:
            return self._broken_link(source)
        form = rng.choices(
            (
                "plain",
                "alias",
                "heading",
                "chain",
                "block",
                "self",
                "case",
                "path",
                "embed",
                "image",
                "image-size",
                "pdf",
                "canvas",
                "md20",
                "mdangle",
                "mdrel",
                "mdimage",
                "missing-heading",
            ),
            (30, 12, 8, 3, 3, 2, 2, 3, 2, 3, 2, 1, 0.5, 4, 2, 2, 1, 0.5),
        )[0]
        bar = "\\|" if table else "|"
        target = self._target(source)
        name = self._linkname(target)
        if form == "plain":
            self._count("wikilink", source, target)
            return f"[[{name}]]"
        if form == "alias":
            self._count("wikilink", source, target)
            return f"[[{name}{bar}{rng.choice(WORDS)} {rng.choice(WORDS)}]]"
        if form == "heading":
            self._count("wikilink", source, target)
            return f"[[{name}#{target.headings[0][0]}]]"
        if form == "chain":
            h2, h3 = next(((a, b) for a, b in target.headings if b), target.headings[0])
            self._count("wikilink", source, target)
            return f"[[{name}#{h2}#{h3}]]" if h3 else f"[[{name}#{h2}]]"
        if form == "block":
            if not target.blocks:
                self._count("wikilink", source, target)
                return f"[[{name}]]"
            self._count("wikilink", source, target)
            return f"[[{name}#^{rng.choice(target.blocks)}{bar}see block]]"
        if form == "self":
            self._count("wikilink", source, source)
            return f"[[#{source.headings[-1][0]}]]"
        if form == "case":
            self._count("wikilink", source, target)
            return f"[[{name.lower() if not target.duplicate else name}]]"
        if form == "path":
            self._count("wikilink", source, target)
            return f"[[{target.path[:-3]}]]"
        if form == "embed":
            self._count("embed", source, target)
            return f"![[{name}#{target.headings[0][0]}]]" if rng.random() < 0.4 else f"![[{name}]]"
        if form in ("image", "image-size"):
            self._count("embed", source, source)
            image = rng.choice(self.images).rsplit("/", 1)[-1]
            size = rng.choice(("300", "200x100", "640"))
            return f"![[{image}{bar}{size}]]" if form == "image-size" else f"![[{image}]]"
        if form == "pdf":
            self._count("embed", source, source)
            return f"![[{rng.choice(self.pdfs).rsplit('/', 1)[-1]}#page={rng.randint(1, 9)}]]"
        if form == "canvas":
            self._count("wikilink", source, source)
            return f"[[{rng.choice(self.canvases).rsplit('/', 1)[-1]}]]"
        if form == "md20":
            self._count("markdown", source, target)
            return f"[{rng.choice(WORDS)}]({target.path.replace(' ', '%20')})"
        if form == "mdangle":
            self._count("markdown", source, target)
            return f"[{rng.choice(WORDS)} note](<{target.path}>)"
        if form == "mdrel":
            self._count("markdown", source, target)
            rel = os.path.relpath(target.path, source.folder).replace(os.sep, "/")
            return f"[{rng.choice(WORDS)}]({rel.replace(' ', '%20')})"
        if form == "mdimage":
            self._count("markdown", source, source)
            return f"![diagram]({rng.choice(self.images).replace(' ', '%20')})"
        # missing-heading: the file resolves, the heading does not exist
        self._count("wikilink", source, target)
        self.truth.missing_heading += 1
        return f"[[{name}#No Such Heading {rng.randint(1, 99)}]]"

    def _broken_link(self, source: Plan) -> str:
        rng = self.rng
        self.missing_counter += 1
        missing = f"Missing {rng.choice(NAME_WORDS)} {self.missing_counter}"
        form = rng.choice(("plain", "alias", "heading", "markdown", "image"))
        if form == "markdown":
            self._count("markdown", source, None, missing)
            return f"[gone]({missing.replace(' ', '%20')}.md)"
        if form == "image":
            image = f"missing-{self.missing_counter}.png"
            self._count("embed", source, None, image)
            return f"![[{image}]]"
        self._count("wikilink", source, None, missing)
        if form == "alias":
            return f"[[{missing}|gone]]"
        if form == "heading":
            return f"[[{missing}#Overview]]"
        return f"[[{missing}]]"

    # -- writing --------------------------------------------------------

    def sentence(self, source: Plan, links: float = 0.2) -> str:
        rng = self.rng
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
        words[0] = words[0].capitalize()
        if rng.random() < links:
            words.insert(rng.randrange(1, len(words)), self.link(source))
        roll = rng.random()
        if roll < 0.08:
            tag = rng.choice(TAGS)
            self.truth.tags.add(tag.casefold())
            tag = tag.upper() if rng.random() < 0.1 else tag  # tags ignore case
            words.insert(rng.randrange(1, len(words)), f"#{tag}")
        elif roll < 0.1:
            words.insert(rng.randrange(1, len(words)), f"`[[{rng.choice(NAME_WORDS)} in code]]`")
        elif roll < 0.12:
            words.insert(rng.randrange(1, len(words)), "`#nottag`")
        elif roll < 0.13:
            words.insert(
                rng.randrange(1, len(words)), f"#{rng.randint(1, 2030)}"
            )  # numbers are not tags
        elif roll < 0.15:
            words.insert(rng.randrange(1, len(words)), f"**{rng.choice(WORDS)}**")
        return " ".join(words) + rng.choice((".", ".", ".", "?", "!"))

    def paragraph(self, source: Plan) -> str:
        return " ".join(self.sentence(source) for _ in range(self.rng.randint(2, 5)))

    def block(self, source: Plan) -> str:
        """One Markdown block of a random kind."""
        rng = self.rng
        kind = rng.choices(
            ("para", "list", "tasks", "table", "callout", "fence", "tilde", "comment", "quote"),
            (40, 15, 6, 4, 5, 4, 2, 3, 3),
        )[0]
        if kind == "list":
            items = [f"- {self.sentence(source, 0.3)}" for _ in range(rng.randint(2, 5))]
            if rng.random() < 0.5:
                items.insert(1, f"    - {self.sentence(source, 0.3)}")
            return "\n".join(items)
        if kind == "tasks":
            return "\n".join(
                f"- [{rng.choice(' x')}] {self.sentence(source, 0.3)}"
                for _ in range(rng.randint(2, 4))
            )
        if kind == "table":
            rows = ["| Item | Link | Note |", "| --- | --- | --- |"]
            for _ in range(rng.randint(2, 4)):
                link = self.link(source, table=True)
                rows.append(f"| {rng.choice(WORDS)} | {link} | {rng.choice(WORDS)} |")
            return "\n".join(rows)
        if kind == "callout":
            lines = [f"> [!{rng.choice(CALLOUTS)}] {rng.choice(WORDS).capitalize()}"]
            lines += [f"> {self.sentence(source, 0.3)}" for _ in range(rng.randint(1, 3))]
            return "\n".join(lines)
        if kind in ("fence", "tilde"):
            fence = "```" if kind == "fence" else "~~~"
            body = [
                f"# [[{rng.choice(NAME_WORDS)} not a link]] #nottag",
                f"value = '{rng.choice(WORDS)}'  # see [[Missing In Code]]",
                "for item in items: print(item)  #also-not-a-tag",
            ]
            return f"{fence}{rng.choice(LANGS)}\n" + "\n".join(rng.sample(body, k=2)) + f"\n{fence}"
        if kind == "comment":
            if rng.random() < 0.5:
                return f"%% a comment about [[Missing Commented {rng.randint(1, 999)}]] #nottag %%"
            return f"%%\nhidden: [[{self._target(source).name}]] and [[Missing Hidden Note]]\n%%"
        if kind == "quote":
            return f"> {self.sentence(source, 0.4)}"
        return self.paragraph(source)

    def frontmatter(self, plan: Plan) -> str:
        rng = self.rng
        if plan.broken_yaml:
            return "---\ntitle: [unclosed\nstatus: : bad\n---\n"
        lines = ["---"]
        tags = rng.sample(TAGS, k=rng.randint(0, 3))
        if tags:
            self.truth.tags.update(t.casefold() for t in tags)
            lines += ["tags:"] + [f"  - {t}" for t in tags]
        if plan.aliases:
            lines += ["aliases:"] + [f"  - {a}" for a in plan.aliases]
        lines.append(f"created: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        lines.append(f"status: {rng.choice(('active', 'done', 'someday'))}")
        if rng.random() < 0.4:
            target = self._target(plan)
            self._count("property", plan, target)
            lines.append(f'related: "[[{self._linkname(target)}]]"')
        if rng.random() < 0.15:
            targets = [self._target(plan) for _ in range(2)]
            for t in targets:
                self._count("property", plan, t)
            lines.append("links:")
            lines += [f'  - "[[{self._linkname(t)}]]"' for t in targets]
        if rng.random() < 0.01:
            self.missing_counter += 1
            missing = f"Missing Property Target {self.missing_counter}"
            self._count("property", plan, None, missing)
            lines.append(f'up: "[[{missing}]]"')
        lines.append("---")
        return "\n".join(lines) + "\n"

    def body(self, plan: Plan) -> str:
        rng = self.rng
        parts = [self.frontmatter(plan)]
        budget = rng.randint(SIZE_TARGET // 4, SIZE_TARGET * 7 // 4)
        if plan.daily:
            parts.append(f"# {plan.name}\n")
        size = len(parts[0])
        blocks = list(plan.blocks)
        for h2, h3 in plan.headings:
            parts.append(f"## {h2}\n")
            parts.append(self.block(plan) + "\n")
            if blocks:
                parts.append(f"{self.paragraph(plan)} ^{blocks.pop()}\n")
            if h3:
                parts.append(f"### {h3}\n")
                parts.append(self.block(plan) + "\n")
            size = sum(len(p) for p in parts)
        while size < budget:
            part = self.block(plan) + "\n"
            parts.append(part)
            size += len(part)
        return "\n".join(parts)

    def write(self, out: Path) -> dict:
        out.mkdir(parents=True, exist_ok=True)
        self._write_settings(out)
        for plan in self.plans:
            text = self.body(plan)
            data = text.encode("utf-8")
            if plan.path.endswith("5.md") and plan.folder.startswith("4-"):
                data = data.replace(b"\n", b"\r\n")  # some notes come from Windows
            self.truth.note_bytes += len(data)
            path = out / plan.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for rel, data in self.attachments.items():
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return self._expected()

    def _write_settings(self, out: Path) -> None:
        settings = {
            "app.json": {"attachmentFolderPath": "Attachments", "alwaysUpdateLinks": True},
            "daily-notes.json": {
                "folder": "Daily",
                "format": "YYYY-MM-DD",
                "template": "Templates/Daily",
            },
            "templates.json": {"folder": "Templates"},
        }
        (out / ".obsidian").mkdir(parents=True, exist_ok=True)
        for name, value in settings.items():
            (out / ".obsidian" / name).write_text(json.dumps(value, indent=2) + "\n")

    def _expected(self) -> dict:
        t = self.truth
        notes = {p.path for p in self.plans}
        return {
            "generator_version": GENERATOR_VERSION,
            "notes": len(self.plans),
            "attachments": len(self.attachments),
            "note_bytes": t.note_bytes,
            "links": dict(sorted(t.links.items())),
            "links_total": sum(t.links.values()),
            "unresolved_links": t.unresolved,
            "unresolved_targets": len(t.unresolved_targets),
            "links_missing_heading": t.missing_heading,
            "tags": len(t.tags),
            "notes_without_backlinks": len(notes - t.linked),
            "yaml_problems": sum(p.broken_yaml for p in self.plans),
            "duplicate_names": sum(p.duplicate for p in self.plans),
            "nfd_names": sum(p.name != unicodedata.normalize("NFC", p.name) for p in self.plans),
        }


def _png(seed: int) -> bytes:
    """A tiny valid PNG (1x1 pixel); the seed varies the bytes so files differ."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixel = zlib.compress(bytes([0, seed % 256, (seed * 7) % 256, (seed * 13) % 256]))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixel) + chunk(b"IEND", b"")


def _pdf(i: int) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + f"% paper {i}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def generate(out: Path, notes: int, seed: int = 1) -> dict:
    """Write the vault into ``out`` (replacing it) and return the expected counts."""
    if notes < 20:
        raise ValueError("--notes must be at least 20")
    if out.exists():
        shutil.rmtree(out)
    gen = Generator(notes, seed)
    gen.plan()
    expected = gen.write(out)
    expected["seed"] = seed
    (out.parent / f"{out.name}.{EXPECTED_FILE}").write_text(json.dumps(expected, indent=2) + "\n")
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the vault into (replaced)")
    parser.add_argument("--notes", type=int, default=1000, help="number of Markdown notes")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    expected = generate(args.out, args.notes, args.seed)
    json.dump(expected, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

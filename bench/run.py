"""Time whole vaultkit processes on synthetic vaults and print a Markdown table.

    python bench/run.py --notes 1000,10000 --runs 5

Vaults are generated once into ``bench/out/`` (gitignored) by
``bench/generate.py`` and reused while the generator and seed are unchanged.
Each scenario runs in a fresh child process: one warm-up run, then the median
wall time of ``--runs`` runs and the largest peak RSS (``os.wait4`` gives the
child's own ``ru_maxrss``). Every figure is also given as a multiple of the
floor, a Python process that only reads every file's bytes, measured in the
same run, so results from a busy or slower machine stay comparable.

A scenario whose command does not exist yet prints ``n/a``; one that fails
prints ``error`` and its message is listed under the table. obsidiantools,
when installed (``pip install -e .[bench]``), runs once per vault with a
timeout: it is slow.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (bench/ is not a package)

CACHE_DIR = ".vaultkit/cache"
SHARED_VAULTS = HERE.parent.parent / "shared" / "vaults"

# Targets from issue 6, seconds (whole process, median) and MB of peak RSS.
TARGETS: dict[str, dict[int, float]] = {
    "lint, cold": {1000: 0.5, 10000: 2, 50000: 10},
    "lint, cached, nothing changed": {1000: 0.25, 10000: 0.4, 50000: 1.5},
    "lint, cached, one note changed": {1000: 0.3, 10000: 0.5, 50000: 2},
    "vaultkit --version": {0: 0.15},
}
RSS_TARGETS = {10000: 300, 50000: 1200}

FLOOR = """
import os, sys
def walk(folder):
    for entry in os.scandir(folder):
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            walk(entry.path)
        else:
            with open(entry.path, "rb") as handle:
                handle.read()
walk(sys.argv[1])
"""

LOAD = """
import sys
from vaultkit import Vault
vault = Vault.load(sys.argv[1], cache=len(sys.argv) > 2)
print(len(vault.notes), len(vault.unresolved), vault.stats)
"""

# Run once, untimed: what the model found, to compare with expected.json.
CHECK = """
import json, sys
from collections import Counter
from vaultkit import Vault
vault = Vault.load(sys.argv[1])
links = list(vault.links())
unresolved = vault.unresolved
linked = {l.resolved for l in links if l.resolved and l.resolved != l.source}
print(json.dumps({
    "notes": len(vault.notes),
    "attachments": len(vault.attachments),
    "links": dict(sorted(Counter(l.kind for l in links).items())),
    "links_total": len(links),
    "unresolved_links": len(unresolved),
    "unresolved_targets": len({l.target.casefold().removesuffix(".md") for l in unresolved}),
    "tags": len(vault.tags),
    "notes_without_backlinks": len(set(vault.notes) - linked),
    "yaml_problems": sum(n.yaml_error is not None for n in vault.notes.values()),
}))
"""

# Vault.load alone, without interpreter start-up and imports: what PEER's
# "seconds" measures for obsidiantools' connect().
LOAD_IN_PROCESS = """
import json, sys, time
from vaultkit import Vault
start = time.perf_counter()
Vault.load(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

PEER = """
import json, sys, time, io, contextlib
from pathlib import Path
import obsidiantools.api as otools
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    vault = otools.Vault(Path(sys.argv[1])).connect()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "notes": len(vault.md_file_index),
                  "unresolved_targets": len(vault.nonexistent_notes)}))
"""


@dataclass
class Result:
    """One scenario on one vault: median seconds and peak RSS, or why not."""

    seconds: float | None = None
    cpu: float | None = None
    """Median user+system CPU seconds of the child: steadier than wall time on a busy machine."""
    rss_mb: float | None = None
    status: str = "ok"  # ok | n/a | error | timeout
    message: str = ""
    runs: list[float] = field(default_factory=list)


def vaultkit_exe() -> str:
    """The real console script beside this Python (a pyenv shim adds ~50 ms)."""
    beside = Path(sys.executable).parent / "vaultkit"
    return str(beside) if beside.exists() else (shutil.which("vaultkit") or "vaultkit")


# Linux keeps a process's peak RSS across fork and exec: a child started by
# this runner once it holds a generated 50,000-note vault reports at least
# the runner's own ~80 MB. Children are therefore started by this small
# helper, launched before the runner grows; a child's figure is its own.
SPAWNER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    with open(job["out"], "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(job["cmd"], cwd=job["cwd"], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = start + job["timeout"]
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps([seconds, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime]),
          flush=True)
"""


class Spawner:
    """Runs children from a process that stays small (see SPAWNER)."""

    def __init__(self) -> None:
        # A user's Python writes .pyc files; with PYTHONDONTWRITEBYTECODE set
        # (as in some sandboxes) every run would compile vaultkit's modules
        # again: ~0.15 s more per command, measured on `vaultkit lint`.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.proc = subprocess.Popen(
            [sys.executable, "-S", "-c", SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def run(self, cmd: list[str], cwd: Path | None, timeout: float, out: str) -> list:
        job = {"cmd": cmd, "cwd": str(cwd) if cwd else None, "timeout": timeout, "out": out}
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin
        self.proc.stdin.close()  # the helper's loop ends at end of input
        self.proc.wait()


_spawner: Spawner | None = None


def spawner() -> Spawner:
    """The helper, started on first use: call it early, while this process is small."""
    global _spawner
    if _spawner is None or _spawner.proc.poll() is not None:
        _spawner = Spawner()
    return _spawner


def run_once(
    cmd: list[str], cwd: Path | None = None, timeout: float = 600
) -> tuple[float, float, int, str, float]:
    """Wall seconds, peak RSS in MB, exit code, output and CPU seconds of one child."""
    with tempfile.NamedTemporaryFile() as out:
        seconds, rss_kb, code, cpu = spawner().run(cmd, cwd, timeout, out.name)
        text = Path(out.name).read_bytes().decode("utf-8", "replace")
    if seconds >= timeout and code == -9:
        return timeout, 0.0, -9, "timeout", 0.0
    return seconds, rss_kb / 1024, code, text, cpu  # ru_maxrss is in kilobytes on Linux


def measure(
    cmd: list[str],
    runs: int,
    before: Callable[[], None] | None = None,
    cwd: Path | None = None,
    ok_codes: tuple[int, ...] = (0, 1),
    settle: Path | None = None,
) -> Result:
    """Warm up once, then the median of ``runs`` runs; ``before`` runs untimed each time.

    ``settle``: a vault whose detached cache writers (started by the run
    before) must finish first, or a "cold" run could find their cache.
    """
    times, peaks, cpus = [], [], []
    for i in range(runs + 1):
        if settle is not None:
            wait_for_writers(settle)
        if before:
            before()
        seconds, rss, code, text, cpu = run_once(cmd, cwd=cwd)
        if code not in ok_codes:
            if "No such command" in text:
                return Result(status="n/a", message=f"{' '.join(cmd[1:3])}: command not there yet")
            last = text.strip().splitlines()[-1:] or [f"exit {code}"]
            return Result(status="error", message=f"{' '.join(cmd[:3])}...: exit {code}: {last[0]}")
        if i:  # the first run warms the OS caches and .pyc files
            times.append(seconds)
            peaks.append(rss)
            cpus.append(cpu)
    return Result(
        seconds=statistics.median(times),
        cpu=statistics.median(cpus),
        rss_mb=max(peaks),
        runs=times,
    )


class Edits:
    """Change notes before a run the way an editor would, and restore them after."""

    def __init__(self, vault: Path, count: int) -> None:
        notes = sorted(p for p in (vault / "3-Resources").rglob("*.md"))
        step = max(1, len(notes) // count)
        self.paths = notes[::step][:count]
        self.original = {p: p.read_bytes() for p in self.paths}
        self.counter = 0

    def __call__(self) -> None:
        self.counter += 1
        for path in self.paths:
            path.write_bytes(self.original[path] + f"\nEdited for run {self.counter}.\n".encode())

    def restore(self) -> None:
        for path, data in self.original.items():
            path.write_bytes(data)

    def relative(self, vault: Path) -> list[str]:
        return [p.relative_to(vault).as_posix() for p in self.paths]


def ensure_vault(out: Path, notes: int, seed: int) -> tuple[Path, dict]:
    """Reuse a generated vault when generator version, size and seed match."""
    vault = out / f"vault-{notes}"
    expected_file = out / f"vault-{notes}.{generate.EXPECTED_FILE}"
    if expected_file.exists():
        expected = json.loads(expected_file.read_text())
        if (expected.get("generator_version"), expected.get("seed"), expected.get("notes")) == (
            generate.GENERATOR_VERSION,
            seed,
            notes,
        ) and vault.is_dir():
            return vault, expected
    print(f"generating {notes} notes into {vault} ...", file=sys.stderr)
    return vault, generate.generate(vault, notes, seed)


def wait_for_writers(vault: Path) -> None:
    from vaultkit.model.processes import wait_for_detached

    wait_for_detached(vault / CACHE_DIR / "detached.lock")


def drop_cache(vault: Path) -> Callable[[], None]:
    def before() -> None:
        shutil.rmtree(vault / CACHE_DIR, ignore_errors=True)

    return before


def vault_scenarios(vault: Path, runs: int) -> dict[str, Result]:
    """Every per-vault scenario, in table order."""
    exe, py = vaultkit_exe(), sys.executable
    results: dict[str, Result] = {}
    results["floor: read every file"] = measure([py, "-c", FLOOR, str(vault)], runs, settle=vault)
    results["Vault.load (Python)"] = measure(
        [py, "-c", LOAD, str(vault)], runs, ok_codes=(0,), settle=vault
    )
    # The parse cache on its own, whatever the lint command does with it.
    load_cached = [py, "-c", LOAD, str(vault), "cache"]
    wait_for_writers(vault)
    shutil.rmtree(vault / CACHE_DIR, ignore_errors=True)
    results["Vault.load, cache=True, nothing changed"] = measure(
        load_cached, runs, ok_codes=(0,), settle=vault
    )
    one = Edits(vault, 1)
    try:
        results["Vault.load, cache=True, one note changed"] = measure(
            load_cached, runs, before=one, ok_codes=(0,), settle=vault
        )
    finally:
        one.restore()
    lint = [exe, "lint", str(vault)]
    results["lint, cold"] = measure(lint, runs, before=drop_cache(vault), settle=vault)
    results["lint, cached, nothing changed"] = measure(lint, runs, settle=vault)
    one = Edits(vault, 1)
    try:
        results["lint, cached, one note changed"] = measure(lint, runs, before=one, settle=vault)
    finally:
        one.restore()
    ten = Edits(vault, 10)
    try:
        # pre-commit runs the hook from the repository root with the staged files.
        cmd = [exe, "lint", *ten.relative(vault)]
        results["lint, 10 files (pre-commit)"] = measure(
            cmd, runs, before=ten, cwd=vault, settle=vault
        )
    finally:
        ten.restore()
    wait_for_writers(vault)
    shutil.rmtree(vault / CACHE_DIR, ignore_errors=True)
    return results


def check_incremental(vault: Path) -> str:
    """Do incremental runs give a ``--no-cache`` run's findings? One line for the report.

    Untimed: lint once to leave the state, give one note, then ten, a broken
    link and a broken heading link, and compare each cached (incremental)
    run's JSON with a whole run's.
    """
    exe = vaultkit_exe()
    lint = [exe, "lint", str(vault), "--format", "json"]
    wait_for_writers(vault)
    run_once(lint)
    verdicts = []
    for count in (1, 10):
        edits = Edits(vault, count)
        try:
            for path in edits.paths:  # new findings, so the replayed ones alone would differ
                broken = b"\n[[Missing from the bench]] and [[#No such heading]]\n"
                path.write_bytes(edits.original[path] + broken)
            wait_for_writers(vault)
            _, _, _, incremental, _ = run_once(lint)
            wait_for_writers(vault)
            _, _, _, whole, _ = run_once([*lint, "--no-cache"])
        finally:
            edits.restore()
        try:
            same = json.loads(incremental) == json.loads(whole)
            found = len(json.loads(whole))
        except ValueError:
            same, found = False, "?"
        mark = "identical ✓" if same else "DIFFERENT ✗"
        verdicts.append(f"{count} changed: {mark} ({found} findings)")
    wait_for_writers(vault)
    return "; ".join(verdicts)


def startup_scenarios(runs: int) -> dict[str, Result]:
    exe = vaultkit_exe()
    results = {"vaultkit --version": measure([exe, "--version"], runs, ok_codes=(0,))}
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "vault"

        def fresh() -> None:  # each run scaffolds into a new, empty folder
            shutil.rmtree(target, ignore_errors=True)

        cmd = [exe, "scaffold", "senior-sre", str(target)]
        results["vaultkit scaffold senior-sre"] = measure(cmd, runs, before=fresh, ok_codes=(0,))
    return results


def check_model(vault: Path) -> dict | str:
    """What Vault.load found (untimed), or why it could not run."""
    proc = subprocess.run(
        [sys.executable, "-c", CHECK, str(vault)], capture_output=True, text=True, timeout=900
    )
    if proc.returncode:
        lines = proc.stderr.strip().splitlines()
        return lines[-1] if lines else f"exit {proc.returncode}"
    return json.loads(proc.stdout)


def load_in_process(vault: Path, runs: int) -> float | None:
    """Median seconds of ``Vault.load`` inside its process (start-up and imports excluded)."""
    times = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", LOAD_IN_PROCESS, str(vault)], capture_output=True, text=True
        )
        if proc.returncode:
            return None
        times.append(json.loads(proc.stdout)["seconds"])
    return statistics.median(times)


def run_peer(vault: Path, timeout: float) -> dict | str:
    """obsidiantools Vault(path).connect(), once, in a child with a timeout."""
    try:
        import obsidiantools  # noqa: F401
    except ImportError:
        return "not installed (pip install -e .[bench])"
    seconds, rss, code, text, cpu = run_once(
        [sys.executable, "-c", PEER, str(vault)], timeout=timeout
    )
    if code == -9:
        return f"timed out after {timeout:.0f} s"
    if code:
        return f"exit {code}: {text.strip().splitlines()[-1:]}"
    result = json.loads(text.strip().splitlines()[-1])
    result["process_seconds"], result["rss_mb"], result["cpu"] = seconds, rss, cpu
    return result


# -- printing -------------------------------------------------------------


def cell(
    result: Result, floor: float | None, target: float | None, rss_target: float | None
) -> str:
    if result.status != "ok" or result.seconds is None:
        return result.status
    text = f"{result.seconds:.3f} s"
    if floor:
        text += f" ({result.seconds / floor:.1f}× floor)"
    text += f", cpu {result.cpu:.2f} s, {result.rss_mb:.0f} MB"
    misses = []
    if target is not None and result.seconds > target:
        misses.append(f"target {target:g} s")
    if rss_target is not None and result.rss_mb > rss_target:
        misses.append(f"RSS target {rss_target:g} MB")
    return text + (f" **over {', '.join(misses)}**" if misses else " ✓" if target else "")


def print_vault_table(sizes: list[int], table: dict[int, dict[str, Result]]) -> list[str]:
    names = list(next(iter(table.values())))
    print("| scenario | " + " | ".join(f"{n:,} notes" for n in sizes) + " |")
    print("|---" * (len(sizes) + 1) + "|")
    messages = []
    for name in names:
        cells = []
        for n in sizes:
            result = table[n][name]
            floor = (
                table[n]["floor: read every file"].seconds if not name.startswith("floor") else None
            )
            rss_target = RSS_TARGETS.get(n) if name.startswith("lint") else None
            cells.append(cell(result, floor, TARGETS.get(name, {}).get(n), rss_target))
            if result.status == "error":
                messages.append(f"- {n:,} notes, {name}: {result.message}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return messages


def print_checks(sizes: list[int], expected: dict[int, dict], found: dict[int, dict | str]) -> None:
    print("\n### Correctness: Vault.load against the generator's ground truth\n")
    keys = [
        "notes",
        "attachments",
        "links_total",
        "unresolved_links",
        "unresolved_targets",
        "tags",
        "notes_without_backlinks",
        "yaml_problems",
    ]
    print("| count | " + " | ".join(f"{n:,}: expected / vaultkit" for n in sizes) + " |")
    print("|---" * (len(sizes) + 1) + "|")
    for key in keys:
        cells = []
        for n in sizes:
            got = found[n]
            value = got.get(key, "-") if isinstance(got, dict) else "error"
            mark = "" if value == expected[n].get(key) else " ✗"
            cells.append(f"{expected[n].get(key)} / {value}{mark}")
        print(f"| {key} | " + " | ".join(cells) + " |")
    for n in sizes:
        if isinstance(found[n], str):
            print(f"\n{n:,} notes: Vault.load failed: {found[n]}")
        else:
            print(
                f"\n{n:,} notes, links by kind: expected {expected[n]['links']}, vaultkit {found[n]['links']}"
            )


def print_peers(rows: list[tuple[str, dict | str, Result, dict | str, float | None]]) -> None:
    print("\n### Peer: obsidiantools `Vault(path).connect()` against vaultkit `Vault.load`\n")
    print(
        "obsidiantools runs once per vault; vaultkit is the median above. Both whole "
        "processes, no cache. Ratios are vaultkit/obsidiantools, on wall time and on CPU time; "
        "'in process' compares the library calls alone (`connect()` and `Vault.load`, "
        "start-up and imports excluded; vaultkit median of the same runs count).\n"
    )
    print(
        "| vault | obsidiantools | vaultkit | ratio, wall | ratio, cpu | in process "
        "| unresolved targets: truth / vaultkit / obsidiantools |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, peer, ours, truth, inside in rows:
        if isinstance(peer, str):
            print(f"| {name} | {peer} | - | - | - | - | - |")
            continue
        inner = "-"
        if inside:
            inner = (
                f"{peer['seconds']:.2f} s / {inside:.3f} s ({peer['seconds'] / inside:.0f}× faster)"
            )
        mine = f"{ours.seconds:.3f} s, cpu {ours.cpu:.2f} s" if ours.seconds else ours.status
        ratio = cpu_ratio = "-"
        if ours.seconds and ours.cpu:
            ratio = f"{ours.seconds / peer['process_seconds']:.3f} ({peer['process_seconds'] / ours.seconds:.0f}× faster)"
            cpu_ratio = f"{ours.cpu / peer['cpu']:.3f} ({peer['cpu'] / ours.cpu:.0f}× faster)"
        counts = " / ".join(
            str(truth.get(k, "?")) if isinstance(truth, dict) else "?"
            for k in ("expected", "vaultkit")
        )
        print(
            f"| {name} ({peer['notes']:,} notes) | {peer['process_seconds']:.2f} s, "
            f"cpu {peer['cpu']:.2f} s, {peer['rss_mb']:.0f} MB "
            f"| {mine} | {ratio} | {cpu_ratio} | {inner} "
            f"| {counts} / {peer['unresolved_targets']} |"
        )


def peer_rows(
    sizes: list[int],
    args: argparse.Namespace,
    table: dict[int, dict[str, Result]],
    expected: dict[int, dict],
    found: dict[int, dict | str],
) -> list[tuple[str, dict | str, Result, dict, float | None]]:
    """obsidiantools on the synthetic vaults up to 1,000 notes and on ../shared/vaults/*."""
    rows = []
    for n in [n for n in sizes if n <= 1000] or [min(sizes)]:
        print(f"obsidiantools on {n:,} notes ...", file=sys.stderr)
        ours = found[n].get("unresolved_targets", "?") if isinstance(found[n], dict) else "error"
        counts = {"expected": expected[n]["unresolved_targets"], "vaultkit": ours}
        peer = run_peer(args.out / f"vault-{n}", args.peer_timeout)
        inside = load_in_process(args.out / f"vault-{n}", args.runs)
        rows.append((f"synthetic {n:,}", peer, table[n]["Vault.load (Python)"], counts, inside))
    if SHARED_VAULTS.is_dir():
        for vault in sorted(p for p in SHARED_VAULTS.iterdir() if p.is_dir()):
            print(f"obsidiantools on {vault.name} ...", file=sys.stderr)
            ours = measure([sys.executable, "-c", LOAD, str(vault)], args.runs, ok_codes=(0,))
            model = check_model(vault)
            counts = {
                "expected": "?",
                "vaultkit": model.get("unresolved_targets", "?")
                if isinstance(model, dict)
                else "error",
            }
            peer = run_peer(vault, args.peer_timeout)
            rows.append((vault.name, peer, ours, counts, load_in_process(vault, args.runs)))
    return rows


def describe_machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", default="1000,10000", help="comma-separated vault sizes")
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per scenario (after one warm-up)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out", type=Path, default=HERE / "out", help="where generated vaults are kept"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip obsidiantools")
    parser.add_argument("--peer-timeout", type=float, default=600)
    args = parser.parse_args(argv)
    spawner()  # now, while this process is small: see SPAWNER
    sizes = [int(s.replace("_", "")) for s in args.notes.split(",") if s.strip()]

    expected, table, found, agreement = {}, {}, {}, {}
    for n in sizes:
        vault, expected[n] = ensure_vault(args.out, n, args.seed)
        print(f"timing {n:,} notes ...", file=sys.stderr)
        table[n] = vault_scenarios(vault, args.runs)
        found[n] = check_model(vault)
        agreement[n] = check_incremental(vault)
    startup = startup_scenarios(args.runs)

    print(f"## vaultkit benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Machine: {describe_machine()}; load average at the end {load}. "
        f"Median of {args.runs} runs after a warm-up; whole processes; "
        "cpu = the child's user+system time.\n"
    )
    messages = print_vault_table(sizes, table)
    print("\n| start-up | time |\n|---|---|")
    for name, result in startup.items():
        print(f"| {name} | {cell(result, None, TARGETS.get(name, {}).get(0), None)} |")
        if result.status == "error":
            messages.append(f"- {name}: {result.message}")
    if messages:
        print("\n" + "\n".join(messages))
    print_checks(sizes, expected, found)
    print("\n### Correctness: incremental lint against a `--no-cache` run\n")
    for n in sizes:
        print(f"- {n:,} notes: {agreement[n]}")

    if not args.no_peer:
        print_peers(peer_rows(sizes, args, table, expected, found))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Draw the benchmark plots of docs/benchmarks.md from the tables in that file.

    .venv/bin/python bench/plots.py        # writes docs/img/bench/*.svg

The plots are read off the published tables, so a plot never shows a number the text does not;
rerun after updating a table. Charts are the dashboard's own SVG bars (no plotting dependency).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from server.dashboard.charts import latency_bars  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
OUT = ROOT / "docs" / "img" / "bench"


def table_after(markdown: str, marker: str) -> list[dict[str, str]]:
    """Rows (header -> cell) of the first markdown table after the line containing ``marker``."""
    lines = markdown[markdown.index(marker):].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    header, body = rows[0], rows[2:]
    return [dict(zip(header, r, strict=True)) for r in body]


def number(cell: str) -> float | None:
    match = re.search(r"[\d.]+", cell.replace(",", ""))
    return float(match.group()) if match else None


def ms(cell: str) -> float | None:
    value = number(cell)
    return None if value is None else value * (1000 if cell.strip().endswith(" s") else 1)


def main() -> int:
    md = DOC.read_text()
    OUT.mkdir(parents=True, exist_ok=True)
    api = table_after(md, "Before and after this session's two changes")
    rows = {f"{r['endpoint'].split()[0].strip('`')} c={r['connections']}": r for r in api}
    (OUT / "api_throughput.svg").write_text(latency_bars(
        {k: {"before": number(r["before req/s"]), "after": number(r["after req/s"])} for k, r in rows.items()},
        "API throughput before and after, requests per second", keys=("before", "after"), unit="req/s"))
    (OUT / "api_p99.svg").write_text(latency_bars(
        {k: {"before": number(r["before p99 ms"]), "after": number(r["after p99 ms"])} for k, r in rows.items()},
        "API p99 latency before and after", keys=("before", "after")))
    now = table_after(md, "2026-11-28 14:40 UTC:")
    current = {f"{r['endpoint'].split()[0].strip('`')} c={r['connections']}": r for r in now}
    (OUT / "api_latency_current.svg").write_text(latency_bars(
        {k: {"p50": number(r["p50 ms"]), "p99": number(r["p99 ms"])} for k, r in current.items()},
        "API latency by open connections, 2 sync workers on 2 vCPUs (goal: GET p99 < 50 ms)",
        keys=("p50", "p99")))
    (OUT / "api_throughput_current.svg").write_text(latency_bars(
        {k: {"req/s": number(r["req/s"])} for k, r in current.items()},
        "API throughput by open connections, requests per second", keys=("req/s",), unit="req/s"))
    cpu = {r["model"].split(" (")[0]: r for r in table_after(md, "`.venv/bin/python bench/generation_speed.py --repeats 3`")}
    gpu = {r["model"].split(" (")[0]: r for r in table_after(md, "- Speed (`bench/generation_speed.py --repeats 3`")}
    (OUT / "generation_speed.svg").write_text(latency_bars(
        {m: {"CPU b1": ms(cpu[m]["b1 / item (2 thr)"]), "CPU b8": ms(cpu[m]["b8 / item (2 thr)"]),
             "H200 b1": ms(g["b1 / item"]), "H200 b8": ms(g["b8 / item"])} for m, g in gpu.items() if m in cpu},
        "Generation time per item, CPU (2 vCPUs) and H200, batch 1 and 8",
        keys=("CPU b1", "CPU b8", "H200 b1", "H200 b8")))
    for path in sorted(OUT.glob("*.svg")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

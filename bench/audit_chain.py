"""Audit chain benchmarks: export and verify 1,000,000 events, and concurrent append throughput.

Usage: .venv/bin/python bench/audit_chain.py [--events 1000000] [--writers 4] [--appends 500]

Runs against a scratch PostgreSQL database (created and dropped; server from
BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres). Prints a markdown
table; with --out, also writes the numbers as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "bench_audit"


def django_env(url: str, data_dir: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "DATA_DIR": data_dir, "DEBUG": "false", "SECRET_KEY": "bench",
            "SECURE_SSL_REDIRECT": "false", "DJANGO_SETTINGS_MODULE": "server.settings", "PYTHONPATH": str(ROOT)}


def manage(env: dict[str, str], *args: str) -> tuple[float, int, str]:
    """Run a manage.py command; returns (seconds, peak RSS in MiB of the child, stdout)."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode); "
            "print(p.stdout + p.stderr)")
    out = subprocess.run([sys.executable, "-c", code, sys.executable, str(ROOT / "manage.py"), *args], env=env,
                         capture_output=True, text=True, check=True).stdout
    first, _, rest = out.partition("\n")
    seconds, rss_kib, rc = first.split()
    if rc != "0":
        raise RuntimeError(rest)
    return float(seconds), int(rss_kib) // 1024, rest


def fill(url: str, count: int) -> float:
    """Write a valid chain of ``count`` events with COPY (hashes computed the way the service does)."""
    from server.audit.services import GENESIS_HASH, canonical_payload

    start = time.perf_counter()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    prev = GENESIS_HASH
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        columns = ("seq, created_at, event_type, actor_type, actor_id, actor_name, api_key_prefix, request_id, "
                   "object_type, object_id, data, prev_hash, hash")
        with cur.copy(f"COPY audit_auditevent ({columns}) FROM STDIN") as copy:
            for seq in range(1, count + 1):
                created = base + timedelta(milliseconds=seq)
                data = {"model": "shapes-diffusion", "decision": "allow", "n": seq, "score": seq / 7}
                fields = {"seq": seq, "created_at": created.isoformat(timespec="microseconds"),
                          "event_type": "safety.prompt_scanned", "actor_type": "system", "actor_id": "",
                          "actor_name": "worker", "api_key_prefix": "", "request_id": f"r{seq}",
                          "object_type": "generation", "object_id": f"g{seq // 9}", "data": data, "prev_hash": prev}
                digest = hashlib.sha256(canonical_payload(fields)).hexdigest()
                copy.write_row((seq, created, "safety.prompt_scanned", "system", "", "worker", "", f"r{seq}",
                                "generation", f"g{seq // 9}", json.dumps(data), prev, digest))
                prev = digest
        conn.commit()
    return time.perf_counter() - start


APPENDER = """
import django, sys, time
django.setup()
from server.audit.services import Actor, audit_record
n, start_at = int(sys.argv[1]), float(sys.argv[2]); actor = Actor.system("bench")
audit_record("system.keys_created", actor=actor, data={"warm": True})  # connect before the clock starts
time.sleep(max(0.0, start_at - time.time()))
for i in range(n):
    audit_record("system.keys_created", actor=actor, data={"i": i})
print(time.time())
"""


def timed(func, *args, **kwargs) -> float:
    start = time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000, help="a smaller export, to show memory stays flat")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--appends", type=int, default=500, help="events per writer")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = server.rsplit("/", 1)[0] + f"/{DB_NAME}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    results: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            env = django_env(url, data_dir)
            os.environ.update(env)
            sys.path.insert(0, str(ROOT))
            import django

            django.setup()
            from server.audit.exports import write_bundle
            from server.audit.services import verify_chain
            from server.generations.runtime import signing_identity
            manage(env, "migrate", "--noinput", "-v0")

            # Concurrent appends first, on an empty chain.
            start_at = time.time() + 20  # every writer connected and waiting when the clock starts
            procs = [subprocess.Popen([sys.executable, "-c", APPENDER, str(args.appends), str(start_at)], env=env,
                                      stdout=subprocess.PIPE, text=True) for _ in range(args.writers)]
            ends = [float(proc.communicate()[0].strip().splitlines()[-1]) for proc in procs]
            elapsed = max(ends) - start_at
            total = args.writers * args.appends
            results["append_events"] = total
            results["append_events_per_s"] = round(total / elapsed)
            _, _, out = manage(env, "audit_verify")
            results["append_chain_ok"] = "OK" in out
            with psycopg.connect(url, autocommit=True) as conn:  # start the big chain from scratch
                conn.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
                conn.execute("DELETE FROM audit_auditevent")
                conn.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")

            for label, count in (("small", args.small), ("large", args.events)):
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
                    conn.execute("DELETE FROM audit_auditevent")
                    conn.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
                results[f"{label}_fill_s"] = round(fill(url, count), 1)
                for fmt in ("jsonl", "csv"):
                    seconds = timed(write_bundle, Path(f"{data_dir}/{label}-{fmt}"), since=None, until=None,
                                    fmt=fmt, identity=signing_identity())
                    results[f"{label}_export_{fmt}_s"] = round(seconds, 1)
                    results[f"{label}_export_{fmt}_events_per_s"] = round(count / seconds)
                    # memory: the same export as a separate process (peak RSS includes the interpreter and libs)
                    _, rss, _ = manage(env, "audit_export", "--out", f"{data_dir}/{label}-{fmt}-rss", "--format", fmt)
                    results[f"{label}_export_{fmt}_peak_rss_mib"] = rss
                seconds = timed(verify_chain)
                results[f"{label}_verify_s"] = round(seconds, 1)
                results[f"{label}_verify_events_per_s"] = round(count / seconds)
                _, rss, _ = manage(env, "audit_verify")
                results[f"{label}_verify_peak_rss_mib"] = rss
                results[f"{label}_events"] = count
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    print(f"| measure | {args.small:,} events | {args.events:,} events |")
    print("|---|---:|---:|")
    for key, name in (("export_jsonl_s", "export JSONL, s"), ("export_jsonl_events_per_s", "export JSONL, events/s"),
                      ("export_jsonl_peak_rss_mib", "export JSONL, peak RSS of the command, MiB"), ("export_csv_s", "export CSV, s"),
                      ("export_csv_events_per_s", "export CSV, events/s"),
                      ("export_csv_peak_rss_mib", "export CSV, peak RSS of the command, MiB"), ("verify_s", "audit_verify, s"),
                      ("verify_events_per_s", "audit_verify, events/s"),
                      ("verify_peak_rss_mib", "audit_verify, peak RSS of the command, MiB")):
        print(f"| {name} | {results[f'small_{key}']:,} | {results[f'large_{key}']:,} |")
    print(f"\nConcurrent appends: {args.writers} writer processes x {args.appends} events: "
          f"{results['append_events_per_s']:,} events/s, chain intact: {results['append_chain_ok']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

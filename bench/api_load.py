"""API throughput and latency under load (issue 8): POST /api/v1/generations and GET /api/v1/generations/{id}.

    .venv/bin/python bench/api_load.py [--workers 2] [--duration 20] [--concurrency 8,32,64]
                                       [--worker-class sync|gthread] [--warmup 2]

Creates its own PostgreSQL database (default ``bench_api``, dropped afterwards), migrates it,
creates an API key with unlimited per-key limits (API_RATE_LIMIT_PER_MINUTE / API_DAILY_QUOTA /
API_MAX_CONCURRENT = 0), starts gunicorn (sync workers, CONN_MAX_AGE=60) on 127.0.0.1 and drives
it with ``wrk`` (a Python keep-alive load generator when wrk is missing or ``--python`` is given).
No worker runs: submitted jobs just queue in Redis db 14, which is flushed afterwards.
Each row is preceded by an unmeasured warm-up; the database is vacuumed and checkpointed
between the POST rows and the GET rows. Prints a markdown table. Loopback traffic only.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
BODY = {"model": "shapes-diffusion", "prompt": "a red circle", "params": {"steps": 2}}
MACHINE = "x86_64, 2 vCPUs, 24 GB, no GPU; PostgreSQL + Redis on the same host; load generator on the same host"


def machine_line() -> str:
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    return f"{MACHINE} ({platform.python_version()}, {os.cpu_count()} CPUs seen, load at start {load:.1f})"


def psql(sql: str, pg: str, db: str = "postgres") -> None:
    subprocess.run(["psql", f"{pg}/{db}", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def service_env(db_url: str, data_dir: str, broker: str, extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": db_url, "DEBUG": "false", "SECRET_KEY": "bench-" + "x" * 50,
        "SECURE_SSL_REDIRECT": "false", "DATA_DIR": data_dir, "CELERY_BROKER_URL": broker,
        "CONN_MAX_AGE": "60", "API_RATE_LIMIT_PER_MINUTE": "0", "API_DAILY_QUOTA": "0",
        "API_MAX_CONCURRENT": "0", "DJANGO_SETTINGS_MODULE": "server.settings",
    })
    env.update(extra or {})
    return env


def create_key(env: dict, user: str = "bench", scopes: str = "generate") -> str:
    out = subprocess.run([PY, "manage.py", "createapikey", "--user", user, "--scopes", scopes],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1].strip()


def start_gunicorn(env: dict, port: int, workers: int, log: Path, worker_class: str = "sync",
                   threads: int = 1) -> subprocess.Popen:
    extra = ["--threads", str(threads), "--keep-alive", "5"] if worker_class == "gthread" else []
    proc = subprocess.Popen([GUNICORN, "server.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                             "--worker-class", worker_class, *extra, "--access-logfile", "/dev/null",
                             "--log-level", "warning"],
                            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log.read_text()[-2000:]}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not become healthy in 60 s")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def submit(port: int, key: str, body: dict = BODY) -> dict:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", "/api/v1/generations", json.dumps(body),
              {"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    r = c.getresponse()
    data = json.loads(r.read())
    if r.status != 202:
        raise RuntimeError(f"submit answered {r.status}: {data}")
    return data


# --- wrk -----------------------------------------------------------------------------------

def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, method: str, key: str, conc: int, duration: int, tmp: Path, threads: int) -> dict:
    lua = tmp / f"{method}.lua"
    body = json.dumps(BODY).replace("\\", "\\\\").replace('"', '\\"')
    lua.write_text(
        f'wrk.method = "{method}"\n'
        f'wrk.headers["Authorization"] = "Bearer {key}"\n'
        + (f'wrk.headers["Content-Type"] = "application/json"\nwrk.body = "{body}"\n' if method == "POST" else "")
        + 'done = function(summary, latency, requests)\n'
          '  io.write(string.format("PCT %f %f %f\\n", latency:percentile(50), latency:percentile(99), latency.max))\n'
          'end\n')
    out = subprocess.run(["wrk", "-t", str(min(threads, conc)), "-c", str(conc), "-d", f"{duration}s",
                          "--timeout", "10s", "-s", str(lua), url], capture_output=True, text=True,
                         timeout=duration + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errs = re.search(r"Socket errors: (.*)", out)
    p50, p99, pmax = (float(x) / 1000.0 for x in re.search(r"PCT ([\d.]+) ([\d.]+) ([\d.]+)", out).groups())
    return {"rps": rps, "requests": total, "bad": int(non2xx.group(1)) if non2xx else 0,
            "p50": p50, "p99": p99, "max": pmax, "socket_errors": errs.group(1) if errs else ""}


# --- Python fallback (threads, keep-alive) ---------------------------------------------------

def run_python(port: int, path: str, method: str, key: str, conc: int, duration: int) -> dict:
    lat: list[list[float]] = [[] for _ in range(conc)]
    bad = [0] * conc
    stop_at = time.perf_counter() + duration
    payload = json.dumps(BODY) if method == "POST" else None
    headers = {"Authorization": f"Bearer {key}"}
    if payload:
        headers["Content-Type"] = "application/json"

    def client(i: int) -> None:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while True:
            t0 = time.perf_counter()
            if t0 >= stop_at:
                break
            try:
                c.request(method, path, payload, headers)
                r = c.getresponse()
                r.read()
                if r.status >= 300:
                    bad[i] += 1
            except OSError:
                bad[i] += 1
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            lat[i].append((time.perf_counter() - t0) * 1000)

    start = time.perf_counter()
    ts = [threading.Thread(target=client, args=(i,)) for i in range(conc)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.perf_counter() - start
    allv = sorted(v for lst in lat for v in lst)
    q = statistics.quantiles(allv, n=100) if len(allv) > 1 else [allv[0]] * 99
    return {"rps": len(allv) / wall, "requests": len(allv), "bad": sum(bad), "p50": q[49], "p99": q[98],
            "max": allv[-1], "socket_errors": ""}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    ap.add_argument("--worker-class", default="sync", choices=["sync", "gthread"],
                    help="gunicorn worker class: sync closes each connection, gthread keeps it alive")
    ap.add_argument("--worker-threads", type=int, default=4, help="threads per gthread worker")
    ap.add_argument("--duration", type=int, default=20, help="seconds per measurement")
    ap.add_argument("--warmup", type=int, default=2, help="unmeasured seconds before each row")
    ap.add_argument("--concurrency", default="8,32,64", help="comma-separated open connections")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--db", default="bench_api")
    ap.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    ap.add_argument("--broker", default="redis://127.0.0.1:6379/14")
    ap.add_argument("--python", action="store_true", help="use the Python load generator instead of wrk")
    ap.add_argument("--keep", action="store_true", help="keep the database and temp dir")
    args = ap.parse_args()
    if args.db in {"test_postgres", "me", "full", "postgres"}:
        sys.exit("refusing to use that database")
    levels = [int(x) for x in args.concurrency.split(",")]
    use_wrk = not args.python and shutil.which("wrk") is not None
    argv = " ".join(["bench/api_load.py"] + sys.argv[1:])
    machine = machine_line()

    tmp = Path(tempfile.mkdtemp(prefix="bench_api_"))
    db_url = f"{args.pg}/{args.db}"
    env = service_env(db_url, str(tmp / "data"), args.broker)
    psql(f'DROP DATABASE IF EXISTS "{args.db}"', args.pg)
    psql(f'CREATE DATABASE "{args.db}"', args.pg)
    proc = None
    rows = []
    try:
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        key = create_key(env)
        port = free_port()
        proc = start_gunicorn(env, port, args.workers, tmp / "gunicorn.log", args.worker_class,
                              args.worker_threads)
        base = f"http://127.0.0.1:{port}"
        for _ in range(20):  # warm every worker's DB connection and imports
            gid = submit(port, key)["id"]
        get_path = f"/api/v1/generations/{gid}"
        def measure(method: str, path: str, conc: int, duration: int) -> dict:
            if use_wrk:
                return run_wrk(base + path, method, key, conc, duration, tmp, args.threads)
            return run_python(port, path, method, key, conc, duration)

        for method, path in (("POST", "/api/v1/generations"), ("GET", get_path)):
            if method == "GET":
                # Thousands of inserts just landed: let PostgreSQL's autovacuum and checkpoint
                # run now rather than inside the GET rows (they put 250 ms stalls into c=1).
                psql("VACUUM ANALYZE", args.pg, db=args.db)
                psql("CHECKPOINT", args.pg, db=args.db)
            for conc in levels:
                measure(method, path, conc, args.warmup)  # discarded: connections, caches
                r = measure(method, path, conc, args.duration)
                label = "POST /api/v1/generations" if method == "POST" else "GET /api/v1/generations/{id}"
                rows.append((label, conc, r))
                print(f"# {label} c={conc}: {r}", file=sys.stderr, flush=True)
        loadavg = os.getloadavg()[0]
    finally:
        stop(proc)
        try:
            import redis  # noqa: PLC0415  (available in the venv: Celery's Redis transport)
            redis.Redis.from_url(args.broker).flushdb()
        except Exception as exc:  # noqa: BLE001
            subprocess.run(["redis-cli", "-n", args.broker.rsplit("/", 1)[-1], "flushdb"], check=False)
            print(f"# redis flush via redis-cli ({exc})", file=sys.stderr)
        if not args.keep:
            psql(f'DROP DATABASE IF EXISTS "{args.db}"', args.pg)
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"Machine: {machine}; load at end {loadavg:.1f}  ")
    workers = (f"{args.workers} gthread workers × {args.worker_threads} threads (keep-alive)"
               if args.worker_class == "gthread" else f"{args.workers} sync workers")
    print(f"Command: `.venv/bin/python {argv}` — gunicorn {workers}, CONN_MAX_AGE=60, "
          f"{'wrk -t' + str(args.threads) if use_wrk else 'Python keep-alive threads'}, {args.duration} s per row after {args.warmup} s unmeasured, "
          f"no worker running (jobs queue in Redis)\n")
    print("| endpoint | connections | req/s | p50 ms | p99 ms | max ms | requests | non-2xx |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, conc, r in rows:
        print(f"| `{label}` | {conc} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['max']:.0f} | "
              f"{r['requests']} | {r['bad']} |")
    best_post = max(r["rps"] for label, _, r in rows if label.startswith("POST"))
    get_p99 = {conc: r["p99"] for label, conc, r in rows if label.startswith("GET")}
    print(f"\nGoals: 800 submits/s → best {best_post:.0f}/s ({'met' if best_post >= 800 else 'not met'}); "
          f"GET p99 < 50 ms → " + ", ".join(f"c={c}: {v:.1f} ms" for c, v in get_p99.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""End-to-end generation latency, per-stage breakdown and worker scaling (issue 8).

    .venv/bin/python bench/end_to_end.py [--clients 1,8,32] [--jobs-1 3] [--scale-jobs 48]

Creates its own PostgreSQL database (default ``bench_e2e``, dropped afterwards), service keys
and an API key with unlimited limits, starts gunicorn (2 sync workers) and a real Celery worker
(``--pool solo``, all generation queues) against Redis db 14 (flushed afterwards), then:

1. for one model per family, submits jobs from 1 / 8 / 32 concurrent clients and measures the
   time from submit to ``succeeded`` (client-observed, polling GET every --poll s, and the
   server's ``finished_at - created_at``);
2. reports the median per-stage ``timings`` and the share of safety + provenance
   (prompt_scan + output_scan + watermark + sign) in the total;
3. times the direct backend call for the same requests in the bench process (worker idle) and
   reports the service overhead: end-to-end time / direct call;
4. measures shapes-gan throughput with 1 and 2 worker processes.

Prints markdown tables. Loopback traffic only; every loop is bounded (--job-timeout).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_load import PY, ROOT, create_key, free_port, machine_line, psql, service_env, start_gunicorn, stop  # noqa: E402

CELERY = str(ROOT / ".venv" / "bin" / "celery")
QUEUES = "gen.diffusion,gen.gan,gen.vae,gen.autoregressive,default"
MODELS = [("shapes-diffusion", "a red circle", {}), ("shapes-gan", "a red circle", {}),
          ("shapes-vae", "a red circle", {}), ("tiny-lm", "Write a short sentence about the sea.", {})]
STAGES = ["prompt_scan", "load_model", "generate", "output_scan", "watermark", "sign", "store"]
SAFETY_PROV = ["prompt_scan", "output_scan", "watermark", "sign"]
TERMINAL = {"succeeded", "failed", "blocked", "in_review", "rejected"}


class Client:
    def __init__(self, port: int, key: str):
        self.port, self.key = port, key
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        headers = {"Authorization": f"Bearer {self.key}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in range(3):
            try:
                self.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
                r = self.conn.getresponse()
                return r.status, json.loads(r.read() or b"{}")
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError

    def run_job(self, model: str, prompt: str, params: dict, poll: float, timeout: float,
                seed: int | None = None) -> dict:
        t0 = time.perf_counter()
        body = {"model": model, "prompt": prompt, "params": params}
        if seed is not None:
            body["seed"] = seed
        status, data = self.call("POST", "/api/v1/generations", body)
        if status != 202:
            return {"status": f"submit-{status}", "error": data}
        gid = data["id"]
        deadline = t0 + timeout
        while time.perf_counter() < deadline:
            time.sleep(poll)
            status, data = self.call("GET", f"/api/v1/generations/{gid}")
            if data.get("status") in TERMINAL:
                break
        latency = (time.perf_counter() - t0) * 1000
        out = {"status": data.get("status", "timeout"), "client_ms": latency, "timings": data.get("timings") or {},
               "error": data.get("error")}
        if data.get("finished_at") and data.get("created_at"):
            f = datetime.fromisoformat(data["finished_at"].replace("Z", "+00:00"))
            c = datetime.fromisoformat(data["created_at"].replace("Z", "+00:00"))
            out["server_ms"] = (f - c).total_seconds() * 1000
        if data.get("started_at") and data.get("created_at"):
            s = datetime.fromisoformat(data["started_at"].replace("Z", "+00:00"))
            c = datetime.fromisoformat(data["created_at"].replace("Z", "+00:00"))
            out["wait_ms"] = (s - c).total_seconds() * 1000
        return out


def start_workers(env: dict, n: int, tmp: Path, pool: str = "solo") -> list[subprocess.Popen]:
    """``pool`` "solo" (one job at a time) or "threads:N" (N concurrent jobs; dynamic batching)."""
    kind, _, conc = pool.partition(":")
    procs = []
    for i in range(n):
        log = tmp / f"worker{i}.log"
        procs.append(subprocess.Popen(
            [CELERY, "-A", "server", "worker", "-Q", QUEUES, "--pool", kind, "--concurrency", conc or "1",
             "--loglevel", "WARNING", "--hostname", f"bench{i}@%h", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True))
    return procs


def run_batch(port: int, key: str, model: str, prompt: str, params: dict, clients: int, jobs_per_client: int,
              poll: float, timeout: float) -> tuple[list[dict], float]:
    results: list[dict] = []
    lock = threading.Lock()

    def worker() -> None:
        c = Client(port, key)
        for i in range(jobs_per_client):
            # One client: seeds 1..n, the very requests direct_ms() times; concurrent clients: random seeds.
            r = c.run_job(model, prompt, params, poll, timeout, seed=i + 1 if clients == 1 else None)
            with lock:
                results.append(r)

    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker) for _ in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return results, time.perf_counter() - t0


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))]


def warm(port: int, key: str, poll: float, timeout: float) -> None:
    c = Client(port, key)
    for model, prompt, params in MODELS:  # loads every model and scanner once in the worker
        r = c.run_job(model, prompt, params, poll, timeout)
        print(f"# warm {model}: {r['status']} {r.get('client_ms', 0):.0f} ms {r.get('error') or ''}",
              file=sys.stderr, flush=True)


def direct_ms(model: str, prompt: str, params: dict, n: int) -> float:
    """Median ms of the direct call for one request in this process (the worker sits idle meanwhile):
    ``generate_with_quality``, i.e. the model plus the quality check and regeneration the registry asks
    for, exactly the generation work the worker does for the same request."""
    from generation import GenerationRequest, get_backend, load_registry  # noqa: PLC0415
    from generation.quality import generate_with_quality  # noqa: PLC0415

    backend = get_backend(load_registry()[model])
    backend.load()
    import torch  # noqa: PLC0415

    torch.set_num_threads(int(os.environ.get("TORCH_NUM_THREADS", "1")))  # what the worker uses
    generate_with_quality(backend, [GenerationRequest(prompt, params, seed=0)])  # warm-up
    times = []
    for i in range(max(3, n)):
        t0 = time.perf_counter()
        generate_with_quality(backend, [GenerationRequest(prompt, params, seed=i + 1)])
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", default="1,8,32", help="concurrent clients, comma-separated")
    ap.add_argument("--jobs-1", type=int, default=3, help="jobs per model with 1 client (sequential)")
    ap.add_argument("--max-jobs", type=int, default=32, help="jobs per model at >1 clients: one per client, capped")
    ap.add_argument("--models", default=",".join(m for m, _, _ in MODELS))
    ap.add_argument("--scale-jobs", type=int, default=48, help="jobs for the 1-vs-2-worker run")
    ap.add_argument("--scale-model", default="shapes-gan", help="model of the 1-vs-2-worker run")
    ap.add_argument("--scale-clients", type=int, default=8)
    ap.add_argument("--poll", type=float, default=0.05, help="GET poll interval, seconds")
    ap.add_argument("--job-timeout", type=float, default=300)
    ap.add_argument("--budget", type=float, default=1200, help="skip remaining measurements after this many s")
    ap.add_argument("--db", default="bench_e2e")
    ap.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    ap.add_argument("--broker", default="redis://127.0.0.1:6379/14")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--pool", default="solo", help='worker pool: "solo" or "threads:8" (dynamic batching)')
    args = ap.parse_args()
    if args.db in {"test_postgres", "me", "full", "postgres"}:
        sys.exit("refusing to use that database")
    levels = [int(x) for x in args.clients.split(",")]
    models = [m for m in MODELS if m[0] in args.models.split(",")]
    argv = " ".join(["bench/end_to_end.py"] + sys.argv[1:])
    machine = machine_line()
    began = time.perf_counter()

    def poll_for(clients: int) -> float:  # keep polling well under the web tier's capacity
        return max(args.poll, 0.02 * clients)

    tmp = Path(tempfile.mkdtemp(prefix="bench_e2e_"))
    env = service_env(f"{args.pg}/{args.db}", str(tmp / "data"), args.broker)
    psql(f'DROP DATABASE IF EXISTS "{args.db}"', args.pg)
    psql(f'CREATE DATABASE "{args.db}"', args.pg)
    web, workers = None, []
    lat_rows, stage_rows, scale_rows, skipped, direct_rows = [], [], [], [], []
    try:
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([PY, "manage.py", "bootstrap", "--user", "bench-admin"], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # service signing keys under the temp DATA_DIR
        key = create_key(env)
        port = free_port()
        web = start_gunicorn(env, port, 2, tmp / "gunicorn.log")
        workers = start_workers(env, 1, tmp, args.pool)
        warm(port, key, args.poll, args.job_timeout)

        all_timings: dict[str, list[dict]] = {m: [] for m, _, _ in models}
        for clients in levels:
            for model, prompt, params in models:
                if time.perf_counter() - began > args.budget:
                    skipped.append(f"{model} at {clients} clients (time budget)")
                    continue
                per = args.jobs_1 if clients == 1 else max(1, args.max_jobs // clients)
                res, wall = run_batch(port, key, model, prompt, params, clients, per, poll_for(clients),
                                      args.job_timeout)
                ok = [r for r in res if r["status"] == "succeeded"]
                bad = [r["status"] for r in res if r["status"] != "succeeded"]
                if bad:
                    errs = {json.dumps(r.get("error"))[:160] for r in res if r["status"] != "succeeded"}
                    print(f"# {model} c={clients}: not succeeded {bad[:5]} {sorted(errs)[:3]}", file=sys.stderr)
                cl = [r["client_ms"] for r in ok]
                sv = [r["server_ms"] for r in ok if "server_ms" in r]
                wt = [r["wait_ms"] for r in ok if "wait_ms" in r]
                lat_rows.append((model, clients, len(res), len(ok), statistics.median(cl) if cl else float("nan"),
                                 pct(cl, 95), statistics.median(sv) if sv else float("nan"),
                                 statistics.median(wt) if wt else float("nan"), len([r for r in res if r["status"] in TERMINAL]) / wall))
                all_timings[model] += [r["timings"] for r in ok if clients == 1]
                print(f"# {model} c={clients}: {lat_rows[-1]}", file=sys.stderr, flush=True)

        for model, _, _ in models:
            ts = all_timings[model]
            if not ts:
                continue
            med = {s: statistics.median([t.get(s, 0.0) for t in ts]) for s in STAGES}
            total = statistics.median([sum(t.get(s, 0.0) for s in STAGES) for t in ts])
            sp = statistics.median([sum(t.get(s, 0.0) for s in SAFETY_PROV) for t in ts])
            stage_rows.append((model, len(ts), med, total, sp))

        # Service overhead: the same request through API + worker vs a direct backend call, same run.
        for model, prompt, params in models:
            one = [r for r in lat_rows if r[0] == model and r[1] == 1]
            if one and args.jobs_1:
                direct_rows.append((model, direct_ms(model, prompt, params, args.jobs_1), one[0][6], one[0][4]))
                print(f"# direct {model}: {direct_rows[-1]}", file=sys.stderr, flush=True)

        # Scaling: shapes-gan throughput with 1 and 2 worker processes.
        for n in (1, 2):
            if time.perf_counter() - began > args.budget:
                skipped.append(f"scaling with {n} worker(s) (time budget)")
                continue
            if n == 2:
                workers += start_workers(env, 1, tmp, args.pool)
                time.sleep(3)
                warm_c = Client(port, key)
                for _ in range(4):  # let the new worker load its models
                    warm_c.run_job(args.scale_model, "a red circle", {}, args.poll, args.job_timeout)
            per = max(1, args.scale_jobs // args.scale_clients)
            res, wall = run_batch(port, key, args.scale_model, "a red circle", {}, args.scale_clients, per,
                                  poll_for(args.scale_clients), args.job_timeout)
            ok = [r for r in res if r["status"] == "succeeded"]
            done = [r for r in res if r["status"] in TERMINAL]  # blocked jobs ran the whole pipeline up to the block
            scale_rows.append((n, len(res), len(ok), wall, len(done) / wall,
                               statistics.median([r["client_ms"] for r in ok]) if ok else float("nan")))
            print(f"# scaling workers={n}: {scale_rows[-1]}", file=sys.stderr, flush=True)
        loadavg = os.getloadavg()[0]
    finally:
        for w in workers:
            stop(w)
        stop(web)
        try:
            import redis  # noqa: PLC0415
            redis.Redis.from_url(args.broker).flushdb()
        except Exception:  # noqa: BLE001
            subprocess.run(["redis-cli", "-n", args.broker.rsplit("/", 1)[-1], "flushdb"], check=False)
        if not args.keep:
            psql(f'DROP DATABASE IF EXISTS "{args.db}"', args.pg)
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"Machine: {machine}; load at end {loadavg:.1f}  ")
    print(f"Command: `.venv/bin/python {argv}` — gunicorn 2 sync workers, Celery `--pool {args.pool}` worker(s) on "
          f"all generation queues, Redis broker, poll every max({args.poll * 1000:.0f} ms, 20 ms × clients)\n")
    print("Submit → `succeeded` (client-observed; server = finished_at − created_at; wait = queued time):\n")
    print("| model | clients | jobs | succeeded | client p50 ms | client p95 ms | server p50 ms | queue wait p50 ms | jobs/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for m, c, n, ok, p50, p95, sv, wt, tput in lat_rows:
        print(f"| {m} | {c} | {n} | {ok} | {p50:.0f} | {p95:.0f} | {sv:.0f} | {wt:.0f} | {tput:.2f} |")
    print("\nPer-stage median `timings` (ms, 1 client, warm worker):\n")
    print("| model | n | " + " | ".join(STAGES) + " | total | safety+provenance | share |")
    print("|---|---:|" + "---:|" * (len(STAGES) + 3))
    for m, n, med, total, sp in stage_rows:
        print(f"| {m} | {n} | " + " | ".join(f"{med[s]:.1f}" for s in STAGES)
              + f" | {total:.1f} | {sp:.1f} | {100 * sp / total:.1f}% |")
    if direct_rows:
        print("\nService overhead (1 client): submit-to-succeeded vs the direct backend call for the same request:\n")
        print("| model | direct generate p50 ms | server p50 ms | client p50 ms | server / direct | client / direct |")
        print("|---|---:|---:|---:|---:|---:|")
        for m, d, sv, cl in direct_rows:
            print(f"| {m} | {d:.0f} | {sv:.0f} | {cl:.0f} | {sv / d:.2f} | {cl / d:.2f} |")
    print(f"\n{args.scale_model} throughput, 1 vs 2 worker processes "
          f"({args.scale_clients} clients, {args.scale_jobs} jobs):\n")
    print("| worker processes | jobs | succeeded | wall s | finished jobs/s | client p50 ms (succeeded) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, jobs, ok, wall, tput, p50 in scale_rows:
        print(f"| {n} | {jobs} | {ok} | {wall:.1f} | {tput:.2f} | {p50:.0f} |")
    if len(scale_rows) == 2:
        print(f"\nScaling 1 → 2 workers: {scale_rows[1][4] / scale_rows[0][4]:.2f}×")
    if skipped:
        print("\nSkipped: " + "; ".join(skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())

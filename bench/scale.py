"""A province on one portal, measured (`make bench-scale`): the uncached pages, search, the API list and the
sitemap at 1,000 and at 40,000 published reports, against a static file, in one run.

The data is bench/province.py's: 5,000 bodies × 8 years of copies of the demo's 2024 report, written in bulk
with the workflow's derived rows (public windows, search rows). Seeding 40,000 takes long (the search rows of
40,000 reports in three languages), so the PostgreSQL cluster holding the two databases is kept in
BENCH_SCALE_DIR (default /tmp/portal-bench-scale) and reused by the next run; a run that finds a database
incomplete goes on seeding where it stopped. Delete the folder to seed afresh.

Everything else is as `make bench` runs the site (bench/servers.py): gunicorn with portal/gunicorn.py and the
production settings, Redis, WhiteNoise; "uncached" is PAGE_CACHE=0, so every request renders its page (a
report's body comes from its stored rendering, made on the first request after publication, which the warm-up
request here makes). wrk with 2 threads and 16 connections for BENCH_SECONDS (default 5) per measure, on the
same cores as the server: the ratios to the static file, measured in the same run, are what to compare.

Writes bench/scale.json (one object per measure and size) and the "At scale" section of bench/RESULTS.md.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers  # noqa: E402
from bench.serving import HAND_RECORDED, RESULTS, machine, peak_memory_mib, wrk  # noqa: E402

# BENCH_SCALE_SIZES="200,400" for a quick trial of the benchmark itself.
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SCALE_SIZES", "1000,40000").split(","))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CLUSTER = Path(os.environ.get("BENCH_SCALE_DIR", "/tmp/portal-bench-scale"))
PORT = os.environ.get("BENCH_SCALE_PORT", "54339")
JSON = Path(__file__).resolve().parent / "scale.json"
SECTION = "## At scale"
STATIC_COPY = "bench/scale-report-page.html"
REPORT = "/reports/2024/p0001/"  # 沈阳市人民政府 (see province.plan)
RARE = "营口市第3县审计局"  # one body's name: its 8 reports
SEARCHES = {
    "zh-hans": {"common": "政府信息公开", "two terms": "行政复议 主动公开", "rare": RARE, "none": "量子计算机"},
    "zh-hant": {
        "common": "政府信息公開",
        "two terms": "行政復議 主動公開",
        "rare": "營口市第3縣審計局",
        "none": "量子計算機",
    },
    "en": {"common": "information", "two terms": "annual report", "rare": RARE, "none": "quantum computing"},
}
PREFIX = {"zh-hans": "", "zh-hant": "/zh-hant", "en": "/en"}


def measures():
    """(name, path) of every measure but the static file, as scale.json names them."""
    yield "report uncached", REPORT
    yield "column uncached", "/reports/"
    yield "column uncached filtered", "/reports/?year=2020&page=2"
    for lang, queries in SEARCHES.items():
        for kind, query in queries.items():
            yield f"search {kind} {lang}", f"{PREFIX[lang]}/search/?q={urllib.parse.quote(query)}"
    yield "api list", "/api/v1/reports/"
    yield "sitemap", "/sitemap.xml"


class Cluster:
    """The kept PostgreSQL cluster (scripts/pg-test-server in BENCH_SCALE_DIR), stopped after the run unless
    it was running before."""

    def __init__(self):
        self.env = {**os.environ, "PG_TEST_DIR": str(CLUSTER), "PG_TEST_PORT": PORT}
        script = str(servers.ROOT / "scripts" / "pg-test-server")
        self.started = subprocess.run([script, "status"], env=self.env).returncode != 0
        subprocess.run([script, "start"], env=self.env, check=True)

    def url(self, database):
        return f"postgres://postgres@/{database}?host={CLUSTER}&port={PORT}"

    def databases(self):
        return set(self._psql("SELECT datname FROM pg_database").split())

    def create(self, database, template=None):
        self._psql(f'CREATE DATABASE "{database}"' + (f' TEMPLATE "{template}"' if template else ""))

    def _psql(self, sql):
        psql = servers.postgres_bin() / "psql"
        command = [str(psql), "-h", str(CLUSTER), "-p", PORT, "-U", "postgres", "-d", "postgres", "-Atc", sql]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def stop(self):
        if self.started:
            subprocess.run([str(servers.ROOT / "scripts" / "pg-test-server"), "stop"], env=self.env)


def seed(cluster, size, env):
    """Database `reports_<size>` with the demo and `size` province reports; made from the next smaller one."""
    name, have = f"reports_{size}", cluster.databases()
    env = {**env, "DATABASE_URL": cluster.url(name)}
    if name not in have:
        smaller = [f"reports_{s}" for s in SIZES if s < size and f"reports_{s}" in have]
        cluster.create(name, template=smaller[-1] if smaller else None)
        if not smaller:
            servers.manage(env, "migrate", "--noinput")
            servers.manage(env, "load_demo")
    servers.manage(env, "migrate", "--noinput")  # a kept database made by older code
    print(f"Seeding {name} (reused where already seeded) …", flush=True)
    subprocess.run(
        [str(servers.PYTHON), "manage.py", "shell", "-c", f"import bench.province as p; p.grow({size})"],
        cwd=servers.ROOT,
        env=env,
        check=True,
    )
    return env


def rss_mib(pid):
    return int(re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())[1]) / 1024


def measure(env, size, static_root, first):
    """Every measure at one size; the report page's bytes become the static file on the first size."""
    results = []
    if first:
        probe = servers.Gunicorn({**env, "PAGE_CACHE": "0"}, workers=1)
        try:
            page = urllib.request.urlopen(probe.url + REPORT).read()
        finally:
            probe.stop()
        (static_root / STATIC_COPY).parent.mkdir(parents=True, exist_ok=True)
        (static_root / STATIC_COPY).write_bytes(page)
    host = servers.Gunicorn({**env, "PAGE_CACHE": "0"})
    try:
        paths = [("static", "/static/" + STATIC_COPY), *measures()]
        for _name, path in paths:
            urllib.request.urlopen(host.url + path, timeout=60).read()  # warm: templates, rendered bodies
        for name, path in paths:
            print(f"  {size:,} reports: {name} …", flush=True)
            run = wrk(host.url + path, SECONDS)
            results.append(
                {"name": name, "reports": size, "rps": run["rps"], "p50_ms": run["p50"], "p99_ms": run["p99"]}
            )
            results[-1]["errors"] = run["errors"]
        pids = host.worker_pids()
        rss = [rss_mib(pid) for pid in pids]
        peak = [peak_memory_mib(pid) for pid in pids]
    finally:
        host.stop()
    static = results[0]["rps"]
    for result in results:
        result["ratio_to_static"] = round(result["rps"] / static, 3)
    results.append(
        {
            "name": "worker memory",
            "reports": size,
            "rps": None,
            "p50_ms": None,
            "p99_ms": None,
            "ratio_to_static": None,
            "rss_mib": round(sum(rss) / len(rss), 1),
            "peak_rss_mib": round(max(peak), 1),
        }
    )
    return results


def main():
    missing = servers.missing_binaries() + ([] if shutil.which("wrk") else ["wrk"])
    if missing:
        sys.exit(f"bench/scale.py needs {', '.join(missing)}: make bench-packages")
    load_before = "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    static_root = Path(tempfile.mkdtemp(prefix="portal-bench-static-"))
    cluster = Cluster()
    redis = None
    try:
        redis = servers.Redis()
        base = servers.production_env(CACHE_URL=redis.url, STATIC_ROOT=static_root, GUNICORN_MAX_REQUESTS=0)
        envs = {size: seed(cluster, size, base) for size in SIZES}
        servers.manage(envs[SIZES[0]], "collectstatic", "--noinput")
        results = []
        for number, size in enumerate(SIZES):
            results += measure(envs[size], size, static_root, first=number == 0)
    finally:
        if redis:
            redis.stop()
        cluster.stop()
        shutil.rmtree(static_root, ignore_errors=True)
    write(results, load_before)


def goals(results):
    by = {(r["name"], r["reports"]): r for r in results}
    big, small = SIZES[-1], SIZES[0]
    searches = [r for r in results if r["reports"] == big and r["name"].startswith("search ")]
    report, column = by[("report uncached", big)], by[("column uncached", big)]
    filtered = by[("column uncached filtered", big)]
    memory = by[("worker memory", big)]["rss_mib"] / by[("worker memory", small)]["rss_mib"]
    return {
        f"every search p50 ≤ 100 ms at {big:,} (slowest {max(r['p50_ms'] for r in searches):.1f} ms)": max(
            r["p50_ms"] for r in searches
        )
        <= 100,
        f"uncached report ≥ 0.25 × static ({report['ratio_to_static']:.2f})": report["ratio_to_static"] >= 0.25,
        f"uncached column ≤ uncached report in cost (throughput {column['rps']:.0f} and "
        f"{filtered['rps']:.0f} filtered, report {report['rps']:.0f} req/s)": min(column["rps"], filtered["rps"])
        >= report["rps"],
        f"worker RSS at {big:,} within 10 % of {small:,} ({memory:.2f} ×)": memory <= 1.10,
    }


def write(results, load_before):
    JSON.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    header = ("measure", *(f"{size:,}: req/s · p50 · p99 ms · × static" for size in SIZES))
    names = list(dict.fromkeys(r["name"] for r in results))
    by = {(r["name"], r["reports"]): r for r in results}
    rows = []
    for name in names:
        cells = []
        for size in SIZES:
            r = by[(name, size)]
            if r["rps"] is None:
                cells.append(f"RSS {r['rss_mib']:.0f} MiB (peak {r['peak_rss_mib']:.0f})")
            else:
                cells.append(f"{r['rps']:.0f} · {r['p50_ms']:.1f} · {r['p99_ms']:.1f} · {r['ratio_to_static']:.2f}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    lines = [
        f"{SECTION} (written by `make bench-scale`, bench/scale.py)",
        "",
        f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {machine()}; load average "
        f"{load_before} before the run. gunicorn (portal/gunicorn.py), production settings, PostgreSQL and Redis "
        f"on this machine, PAGE_CACHE=0 (every page rendered); wrk, 2 threads, 16 connections, {SECONDS} s per "
        f"measure. The province of bench/province.py (up to 5,000 bodies × 8 years), at {SIZES[0]:,} and at "
        f"{SIZES[-1]:,} reports. "
        "Search terms: "
        + "; ".join(f"{lang}: " + ", ".join(f"{k} 「{q}」" for k, q in qs.items()) for lang, qs in SEARCHES.items())
        + ".",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *rows,
        "",
        "Goals:",
        "",
        *(f"- {'met' if ok else 'MISSED'}: {goal}" for goal, ok in goals(results).items()),
        "",
    ]
    text = "\n".join(lines)
    print()
    print(text)
    kept = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else f"# Benchmark results\n\n{HAND_RECORDED})\n"
    if SECTION in kept:
        kept = kept[: kept.index(SECTION)].rstrip("\n") + "\n"
    RESULTS.write_text(kept + "\n" + text, encoding="utf-8")
    print(f"Written to {RESULTS} and {JSON}")


if __name__ == "__main__":
    main()

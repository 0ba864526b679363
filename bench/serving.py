"""The site as production runs it, measured over HTTP with wrk in one run (`make bench`).

gunicorn with portal/gunicorn.py and production settings (debug off, collectstatic, WhiteNoise, PostgreSQL,
the Redis page cache) on 127.0.0.1; wrk on the same machine as the load generator. Measured:

- the seed report page (served from the page cache) against the same bytes as a static file served by the
  same gunicorn + WhiteNoise (goal: ratio ≥ 0.5), and the page rendered without the cache;
- the Traditional and English report pages against the Simplified one (goal: ratio ≥ 0.9);
- the 信息公开年报 column with 1,000 published reports in the database;
- SQL queries per report page for reports of 5 and 200 sections (goal: the same count);
- peak memory per gunicorn worker (VmHWM);
- 60 seconds at 64 connections over a mix of pages, with zero errors (non-2xx or socket errors).

It prints a table and writes bench/RESULTS.md with the date and the machine. Both gunicorn and wrk share
this machine's cores, so the absolute figures are lower than on a server with a separate load generator;
the ratios are what to compare. BENCH_SECONDS (default 10) sets the length of each measured page,
BENCH_SOAK_SECONDS (default 60) that of the long one.
"""

import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = 5
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "60"))
CONNECTIONS = 16
SOAK_CONNECTIONS = 64
REPORT = "/reports/2016/sports-bureau/"
STATIC_COPY = "bench/report-page.html"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HAND_RECORDED = "## Other figures (recorded by hand"


def wrk(url, seconds=SECONDS, connections=CONNECTIONS, script=None, cpu=None):
    """Requests per second, p50 and p99 latency in ms, the error count of one wrk run and, given `cpu` (a
    function returning the server's CPU seconds so far), the server's CPU time it took."""
    cpu_before = cpu() if cpu else 0
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = {}
    for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
        latency[percent] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    kinds = re.findall(r"(connect|read|write|timeout) (\d+)", out)
    socket_errors = sum(int(n) for _kind, n in kinds)
    non_2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])
    requests = int(re.search(r"(\d+) requests in", out)[1])
    return {
        "cpu_s": cpu() - cpu_before if cpu else None,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": latency["50"],
        "p99": latency["99"],
        "errors": socket_errors + non_2xx,
        "error_kinds": ", ".join([f"non-2xx {non_2xx}"] + [f"{kind} {n}" for kind, n in kinds]),
        "requests": requests,
    }


def combined(results):
    """One figure from interleaved rounds: mean throughput, median latencies, all errors."""
    return {
        "rps": statistics.mean(r["rps"] for r in results),
        "p50": statistics.median(r["p50"] for r in results),
        "p99": statistics.median(r["p99"] for r in results),
        "errors": sum(r["errors"] for r in results),
        "requests": sum(r["requests"] for r in results),
        "cpu_s": sum(r["cpu_s"] for r in results),
    }


def cpu_ms(run):
    return run["cpu_s"] * 1000 / run["requests"] if run.get("cpu_s") is not None and run["requests"] else None


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    ram = int(re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())[1]) / 1024 / 1024
    return f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GiB RAM, {platform.system()} {platform.release()}"


def peak_memory_mib(pid):
    return int(re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())[1]) / 1024


LOAD_BEFORE = "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def main():
    missing = servers.missing_binaries() + ([] if shutil.which("wrk") else ["wrk"])
    if missing:
        sys.exit(f"bench/serving.py needs {', '.join(missing)}: make bench-packages")
    static_root = Path(tempfile.mkdtemp(prefix="portal-bench-static-"))
    print("Preparing: migrate, collectstatic, load_demo, 1,000 reports …", flush=True)
    # Workers are not recycled during the run: a recycled worker's start-up (importing Django, ~1 s of CPU)
    # would land on whichever page is measured at that moment.
    with servers.Site(STATIC_ROOT=static_root, GUNICORN_MAX_REQUESTS=0) as site:
        redis, env = site.redis, site.env
        seeded = servers.manage(env, "shell", "-c", "import bench.seed as s; s.run()").stdout
        urls = dict(line.split() for line in seeded.splitlines() if line.startswith(("short ", "long ")))
        queries = json.loads(
            servers.manage(
                env, "shell", "-c", f"import bench.queries as q; q.run({urls['short']!r}, {urls['long']!r})"
            ).stdout.splitlines()[-1]
        )

        # The page's bytes as a static file, in place before the measured gunicorn starts (WhiteNoise
        # indexes STATIC_ROOT at start-up).
        uncached = site.start(servers.Gunicorn({**env, "PAGE_CACHE": "0"}))
        page = urllib.request.urlopen(uncached.url + REPORT).read()
        (static_root / STATIC_COPY).parent.mkdir(parents=True, exist_ok=True)
        (static_root / STATIC_COPY).write_bytes(page)
        host = site.start(servers.Gunicorn(env))

        def server_cpu():
            # What serving costs this machine, whatever else runs on it: gunicorn and Redis (PostgreSQL's
            # share, for pages rendered without the cache, is not counted).
            return host.cpu_seconds() + redis.cpu_seconds()

        assert urllib.request.urlopen(host.url + "/static/" + STATIC_COPY).read() == page

        compared = [
            ("static", host.url + "/static/" + STATIC_COPY),
            ("report zh-hans", host.url + REPORT),
            ("report zh-hant", host.url + "/zh-hant" + REPORT),
            ("report en", host.url + "/en" + REPORT),
        ]
        alone = [
            ("column, 1,000 reports", host.url + "/reports/"),
            ("report zh-hans, no cache", uncached.url + REPORT),
            ("column, no cache", uncached.url + "/reports/"),
        ]
        for _name, url in compared + alone:
            urllib.request.urlopen(url).read()  # warm: templates compiled, page in the cache
        # The pages whose ratios are goals are measured in interleaved rounds, so that whatever else the
        # machine is doing falls on all of them alike.
        rounds = {name: [] for name, _url in compared}
        for number in range(1, ROUNDS + 1):
            print(f"  round {number}/{ROUNDS}: static, report in three languages …", flush=True)
            for name, url in compared:
                rounds[name].append(wrk(url, max(2, SECONDS // ROUNDS), cpu=server_cpu))
        runs = {name: combined(results) for name, results in rounds.items()}
        cpu_of = {host.url: server_cpu, uncached.url: lambda: uncached.cpu_seconds() + redis.cpu_seconds()}
        for name, url in alone:
            print(f"  {name} …", flush=True)
            runs[name] = wrk(url, cpu=cpu_of[url.split("/", 3)[0] + "//" + url.split("/", 3)[2]])
        for path in MIX:  # each page once first, as for the runs above: the soak measures serving, not a cold start
            urllib.request.urlopen(host.url + path).read()
        print(f"  {SOAK_SECONDS} s at {SOAK_CONNECTIONS} connections …", flush=True)
        soak = wrk(host.url, SOAK_SECONDS, SOAK_CONNECTIONS, script=mix_script())
        memory = [peak_memory_mib(pid) for pid in host.worker_pids() + uncached.worker_pids()]
        workers = len(host.worker_pids())

    report(runs, queries, memory, workers, soak, len(page))


MIX = [
    REPORT,
    "/zh-hant" + REPORT,
    "/en" + REPORT,
    "/",
    "/reports/",
    "/reports/?page=2",
    "/reports/2017/education-bureau/",
    "/sitemap/",
    "/static/css/site.css",
]


def mix_script():
    """A wrk script that cycles through readers' pages in all three languages and a stylesheet."""
    path = Path(tempfile.mkstemp(prefix="portal-bench-", suffix=".lua")[1])
    paths = ", ".join(f'"{p}"' for p in MIX)
    path.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
    )
    return str(path)


def report(runs, queries, memory, workers, soak, page_bytes):
    static, simplified = runs["static"], runs["report zh-hans"]

    def ratios(run, base):
        """Throughput ratio, and the same ratio from server CPU per request (robust to a busy machine)."""
        return run["rps"] / base["rps"], cpu_ms(base) / cpu_ms(run)

    rows = []
    for name, run in runs.items():
        ratio, goal = "", ""
        if name in ("report zh-hans", "report zh-hans, no cache"):
            ratio = "{:.2f} / {:.2f} of static".format(*ratios(run, static))
            goal = "≥ 0.5" if name == "report zh-hans" else ""
        elif name in ("report zh-hant", "report en"):
            ratio, goal = "{:.2f} / {:.2f} of zh-hans".format(*ratios(run, simplified)), "≥ 0.9"
        rows.append(
            (
                name,
                f"{run['rps']:.0f}",
                f"{run['p50']:.2f}",
                f"{run['p99']:.2f}",
                str(run["errors"]),
                f"{cpu_ms(run):.2f}",
                ratio,
                goal,
            )
        )
    cached = ratios(simplified, static)
    languages = [ratios(runs[name], simplified) for name in ("report zh-hant", "report en")]
    languages_rps, languages_cpu = min(r[0] for r in languages), min(r[1] for r in languages)
    goals = {
        f"cached report ≥ 0.5 × static (throughput {cached[0]:.2f}, CPU {cached[1]:.2f})": max(cached) >= 0.5,
        f"zh-hant and en ≥ 0.9 × zh-hans (throughput {languages_rps:.2f}, CPU {languages_cpu:.2f})": max(
            languages_rps, languages_cpu
        )
        >= 0.9,
        "same query count for 5 and 200 sections": queries["rendered"]["short"] == queries["rendered"]["long"],
        f"{SOAK_SECONDS} s at {SOAK_CONNECTIONS} connections without errors": soak["errors"] == 0,
    }
    header = ("page", "req/s", "p50 ms", "p99 ms", "errors", "server CPU ms/req", "ratio: req/s / CPU", "goal")
    table = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC by `make bench` (bench/serving.py) "
        f"on {machine()}; load average {LOAD_BEFORE} before the run (other work on the machine shares the cores).",
        "",
        f"gunicorn (portal/gunicorn.py, {workers} sync workers), debug off, collectstatic with WhiteNoise, "
        "**PostgreSQL** (a server of its own on a Unix socket), **Redis** page cache, all on this machine; "
        f"wrk with 2 threads and {CONNECTIONS} connections for {SECONDS} s per page (static and the three report "
        f"pages in {ROUNDS} interleaved rounds of {max(2, SECONDS // ROUNDS)} s), on the same cores as the server. "
        "Ratios are given twice: from throughput, and from the server's CPU time per request (gunicorn master "
        "and workers plus Redis, from /proc): on a machine shared with other work, throughput swings with "
        "whatever else runs, while CPU per request measures what a request costs the server. "
        f'The report page is the seed report 锦州市体育局 2016 ({page_bytes:,} bytes); "static" is the '
        'same bytes served as a static file by the same gunicorn + WhiteNoise. "no cache" is a second gunicorn '
        "with PAGE_CACHE=0, rendering every request. The column has 1,000+ published reports.",
        "",
        *table,
        "",
        f"SQL queries per report page: {queries['rendered']['short']} for 5 sections, "
        f"{queries['rendered']['long']} for 200 sections when rendered; {queries['cached']['short']} and "
        f"{queries['cached']['long']} when served from the page cache.",
        "",
        f"Peak memory per gunicorn worker (VmHWM): {min(memory):.0f}–{max(memory):.0f} MiB "
        f"(mean {sum(memory) / len(memory):.0f} MiB over {len(memory)} workers).",
        "",
        f"{SOAK_SECONDS} s at {SOAK_CONNECTIONS} connections over {len(MIX)} pages in turn (report in three languages, "
        f"home, column, column page 2, another report, site map, a stylesheet): {soak['requests']:,} requests, "
        f"{soak['rps']:.0f} req/s, p50 {soak['p50']:.1f} ms, p99 {soak['p99']:.1f} ms, "
        f"{soak['errors']} errors ({soak['error_kinds']}).",
        "",
        "Goals:",
        "",
        "A ratio goal counts as met when either ratio meets it (see above on the shared machine).",
        "",
        *(f"- {'met' if ok else 'MISSED'}: {goal}" for goal, ok in goals.items()),
        "",
    ]
    text = "\n".join(lines)
    print()
    print(text)
    # The hand-recorded section after HAND_RECORDED (figures no benchmark here measures) is kept as it is.
    kept = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if HAND_RECORDED in kept:
        text += "\n" + kept[kept.index(HAND_RECORDED) :]
    RESULTS.write_text(text, encoding="utf-8")
    print(f"Written to {RESULTS}")


if __name__ == "__main__":
    main()

"""Cost of serving a report page in each language, measured in one run (`make bench`).

The Traditional page must not pay for conversion (it is derived when text is saved) and the English page
must not pay for its fallback logic: each should cost no more than 10% over the Simplified page.
Requests go through the whole Django stack (middleware, URL resolution, templates, database) in-process,
interleaved round by round so that machine noise falls on all three alike; the median is reported.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import inprocess  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "300"))
PAGES = {
    "zh-hans": "/reports/2016/sports-bureau/",
    "zh-hant": "/zh-hant/reports/2016/sports-bureau/",
    "en": "/en/reports/2016/sports-bureau/",
}
GOAL = 1.10


def main():
    client = inprocess.start()
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    for url in PAGES.values():  # warm up: templates compiled, catalogues loaded
        assert client.get(url).status_code == 200, url
    timings = {lang: [] for lang in PAGES}
    for _ in range(ROUNDS):
        for lang, url in PAGES.items():
            start = time.perf_counter()
            client.get(url)
            timings[lang].append(time.perf_counter() - start)
    base = statistics.median(timings["zh-hans"])
    print(f"Report page of the seed report, {ROUNDS} interleaved rounds, median per request")
    print(f"{'language':<10}{'median ms':>12}{'p90 ms':>10}{'ratio':>8}  goal")
    worst = 0
    for lang, values in timings.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        ratio = median / base
        worst = max(worst, ratio)
        print(f"{lang:<10}{median * 1000:>12.2f}{p90 * 1000:>10.2f}{ratio:>8.3f}  ≤ {GOAL:.2f}")
    print("PASS" if worst <= GOAL else f"OVER GOAL: worst ratio {worst:.3f}")


if __name__ == "__main__":
    main()

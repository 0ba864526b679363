"""Which part of a report states the problems and which the next year's plan.

Legacy reports name these parts freely (存在的问题及整改情况, 存在的主要问题及改进措施, 2017年的主要工作打算 …);
legacy_import.py files their clauses as rectification and plan items, and the report page shows those items
inside the same part. Both ask here, always of the Simplified heading.
"""

import re

PROBLEMS = re.compile(r"存在.{0,6}问题|问题及(整改|改进)")
PLAN = re.compile(r"工作(打算|计划|安排|思路|要点)|下一步|明年|\d{4}年.{0,4}(打算|计划)")


def is_problems_heading(heading):
    return bool(PROBLEMS.search(heading or ""))


def is_plan_heading(heading):
    return bool(PLAN.search(heading or "")) and not is_problems_heading(heading)

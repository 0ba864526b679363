"""从下级单位年报汇总 (issue 19): a government's tables 2, 3 and 4 as the sums of its reporting units' published
reports, with where every figure came from.

units.py keeps the list (ReportingUnit) and suggests from Body.parent; summing.py reads each listed unit's public
revision and sums its tables; provenance.py records each unit's contribution beside the register's counts
(RegisterCount, source "rollup") and turns a unit's later correction into a warning for the reviewer.
"""

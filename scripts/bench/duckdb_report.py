"""The DuckDB side of scripts/bench.sh: a subset of `uptrend report` computed in SQL from the same JSON.

Usage: duckdb_report.py DATA_DIR REPORT_JSON

Reads the one snapshot of a `uptrend demo --scale large` data directory with read_json + unnest and
computes, per SLO, the window's good and total and the 1h and 6h burn rates; overall over the 90-day DORA
window, the deployments, deployments per day, median lead time and change fail rate (the definitions
of docs/metrics.md). Then it compares every value with Uptrend's JSON report and prints how many agree.
Prints `duckdb_seconds=S duckdb_cpu_seconds=C compared=N mismatches=M` (wall and CPU seconds, all threads); exits 1 on any mismatch.
"""

import json
import math
import sys
import time

import duckdb

STEP_SECS = 300
DORA_WINDOW_DAYS = 90


def compute(snapshot_path):
    db = duckdb.connect()
    db.execute("SET TimeZone = 'UTC'")
    db.execute(
        "CREATE TABLE snap AS SELECT * FROM read_json(?, format = 'auto', maximum_object_size = 2000000000)",
        [snapshot_path],
    )
    db.execute("CREATE TABLE meta AS SELECT epoch(generated_at::TIMESTAMPTZ)::BIGINT AS as_of FROM snap")
    db.execute(
        """CREATE TABLE slo AS SELECT s.id, s.objective, s.window AS win, s.budgeting, s.timeslice_target,
               epoch(s.sli.start::TIMESTAMPTZ)::BIGINT AS start_secs, s.sli.good AS good, s.sli.total AS total
           FROM (SELECT unnest(slos) AS s FROM snap)"""
    )
    # `end`: the bucket index of the last boundary at or before as_of; the window's first bucket.
    db.execute(
        f"""CREATE TABLE bounds AS SELECT id, objective, budgeting, timeslice_target,
               (as_of - start_secs) // {STEP_SECS} AS end_index,
               CASE win
                 WHEN 'calendar:month' THEN
                   -- The month holding the start of the bucket before `end`, from its first boundary.
                   ceil((epoch(date_trunc('month', to_timestamp(start_secs + ((as_of - start_secs) // {STEP_SECS} - 1) * {STEP_SECS})))
                         - start_secs) / {STEP_SECS})::BIGINT
                 ELSE (as_of - start_secs) // {STEP_SECS}
                      - ceil(CAST(regexp_extract(win, '([0-9]+)d', 1) AS BIGINT) * 86400 / {STEP_SECS})::BIGINT
               END AS window_first
           FROM slo, meta"""
    )
    db.execute(
        """CREATE TABLE buckets AS SELECT id, unnest(range(len(good))) AS i, unnest(good) AS good,
               unnest(total) AS total FROM slo"""
    )
    # One row per bucket with data: events for occurrences, one slice for timeslices (traffic only).
    db.execute(
        """CREATE TABLE units AS SELECT b.id, b.i,
               CASE WHEN s.budgeting = 'timeslices'
                    THEN CASE WHEN b.good::DOUBLE / b.total::DOUBLE >= s.timeslice_target THEN 1 ELSE 0 END
                    ELSE b.good END AS good,
               CASE WHEN s.budgeting = 'timeslices' THEN 1 ELSE b.total END AS total
           FROM buckets b JOIN bounds s USING (id)
           WHERE b.good IS NOT NULL AND b.total IS NOT NULL
             AND (s.budgeting <> 'timeslices' OR b.total > 0)"""
    )
    slos = db.execute(
        """SELECT s.id,
               sum(u.good) FILTER (WHERE u.i >= s.window_first) AS good,
               sum(u.total) FILTER (WHERE u.i >= s.window_first) AS total,
               sum(u.total - u.good) FILTER (WHERE u.i >= s.end_index - 12) AS bad_1h,
               sum(u.total) FILTER (WHERE u.i >= s.end_index - 12) AS total_1h,
               sum(u.total - u.good) FILTER (WHERE u.i >= s.end_index - 72) AS bad_6h,
               sum(u.total) FILTER (WHERE u.i >= s.end_index - 72) AS total_6h,
               s.objective
           FROM bounds s JOIN units u ON u.id = s.id AND u.i < s.end_index
               AND u.i >= least(s.window_first, s.end_index - 72)
           GROUP BY s.id, s.objective ORDER BY s.id"""
    ).fetchall()

    db.execute(
        """CREATE TABLE deps AS SELECT d.id, d.status, coalesce(d.environment, 'production') AS environment,
               epoch(d.finished_at::TIMESTAMPTZ)::BIGINT AS finished, d.changes
           FROM (SELECT unnest(deployments) AS d FROM snap)"""
    )
    db.execute(
        """CREATE TABLE incs AS SELECT epoch(i.started_at::TIMESTAMPTZ)::BIGINT AS started, i.caused_by
           FROM (SELECT unnest(incidents) AS i FROM snap)"""
    )
    window = db.execute(
        f"""WITH win AS (SELECT as_of - {DORA_WINDOW_DAYS} * 86400 AS first, as_of FROM meta),
             prod AS (SELECT d.* FROM deps d, win WHERE d.environment = 'production'
                      AND d.finished >= win.first AND d.finished < win.as_of),
             caused AS (SELECT DISTINCT unnest(caused_by) AS id FROM incs, meta WHERE started < as_of)
           SELECT count(*) AS deployments,
                  count(*) FILTER (WHERE status IN ('failed', 'rolled_back') OR id IN (SELECT id FROM caused))
           FROM prod"""
    ).fetchone()
    lead = db.execute(
        f"""WITH win AS (SELECT as_of - {DORA_WINDOW_DAYS} * 86400 AS first, as_of FROM meta),
             shipped AS (SELECT c.id, epoch(c.committed_at::TIMESTAMPTZ)::BIGINT AS committed, d.finished, d.id AS dep
                         FROM (SELECT unnest(changes) AS c, finished, id FROM deps, meta
                               WHERE status = 'succeeded' AND environment = 'production' AND finished < as_of) d),
             first AS (SELECT id, arg_min(committed, (finished, dep)) AS committed, min(finished) AS finished
                       FROM shipped GROUP BY id)
           SELECT median(finished - committed) FROM first, win
           WHERE finished >= win.first AND finished < win.as_of AND finished - committed >= 0"""
    ).fetchone()[0]
    deployments, failures = window
    dora = {
        "deployments": deployments,
        "deployments_per_day": deployments / DORA_WINDOW_DAYS,
        "change_failure_rate": failures / deployments if deployments else None,
        "lead_time_median_seconds": lead,
    }
    return slos, dora


def burn(bad, total, objective):
    if not total:
        return None
    return (bad / total) / (1 - objective)


def agree(ours, theirs):
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return math.isclose(float(ours), float(theirs), rel_tol=1e-9, abs_tol=1e-12)


def main():
    data_dir, report_path = sys.argv[1], sys.argv[2]
    with open(f"{data_dir}/index.json") as manifest_file:
        manifest = json.load(manifest_file)
    if len(manifest["snapshots"]) != 1:
        sys.exit("the comparison reads one snapshot (uptrend demo --scale large)")
    started, started_cpu = time.perf_counter(), time.process_time()
    slos, dora = compute(f"{data_dir}/{manifest['snapshots'][0]}")
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu

    with open(report_path) as report_file:
        report = json.load(report_file)
    by_id = {slo["id"]: slo for slo in report["slos"]}
    compared, mismatches = 0, []
    for slo_id, good, total, bad_1h, total_1h, bad_6h, total_6h, objective in slos:
        theirs = by_id.get(slo_id)
        if theirs is None:
            mismatches.append(f"{slo_id}: missing from the report")
            continue
        pairs = {
            "good": (good, theirs["good"]),
            "total": (total, theirs["total"]),
            "burn_rates.1h": (burn(bad_1h, total_1h, objective), theirs["burn_rates"]["1h"]),
            "burn_rates.6h": (burn(bad_6h, total_6h, objective), theirs["burn_rates"]["6h"]),
        }
        for name, (ours, reported) in pairs.items():
            compared += 1
            if not agree(ours, reported):
                mismatches.append(f"{slo_id}.{name}: duckdb {ours}, uptrend {reported}")
    overall = report["dora"]["overall"]
    pairs = {
        "deployments": (dora["deployments"], overall["deployments"]),
        "deployments_per_day": (dora["deployments_per_day"], overall["deployments_per_day"]),
        "change_failure_rate": (dora["change_failure_rate"], overall["change_failure_rate"]),
        "lead_time_seconds.median": (dora["lead_time_median_seconds"], overall["lead_time_seconds"]["median"]),
    }
    for name, (ours, reported) in pairs.items():
        compared += 1
        if not agree(ours, reported):
            mismatches.append(f"dora.overall.{name}: duckdb {ours}, uptrend {reported}")
    for mismatch in mismatches[:20]:
        print(f"mismatch {mismatch}")
    print(f"duckdb_seconds={seconds:.2f} duckdb_cpu_seconds={cpu_seconds:.2f} compared={compared} mismatches={len(mismatches)}")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes docs/benchmarks.md from the results of scripts/bench (Google Benchmark JSON, wrk text)."""
import argparse
import datetime
import json
import pathlib
import re


def wrk_figures(path):
    text = pathlib.Path(path).read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", text, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"rps": rps, "p50": pct(50), "p99": pct(99), "non2xx": int(errors.group(1)) if errors else 0}


def main():
    ap = argparse.ArgumentParser()
    for name in ("out", "results", "commit", "cpu", "releases", "seconds", "bytes"):
        ap.add_argument("--" + name, required=True)
    a = ap.parse_args()
    results = pathlib.Path(a.results)
    imp = json.loads((results / "import.json").read_text())
    rows = []
    for b in imp["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        rows.append((b["name"], b.get("items_per_second", 0), b.get("real_time", 0), b.get("time_unit", "")))
    tb = wrk_figures(results / "wrk-tenderbridge.txt")
    ng = wrk_figures(results / "wrk-nginx.txt")
    rep = wrk_figures(results / "wrk-tenderbridge-repeat.txt")
    ratio = tb["rps"] / ng["rps"]
    today = datetime.date.today().isoformat()
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (scripts/bench, scripts/bench-report.py); do not edit by hand.",
        f"Run on {today}, commit {a.commit}, Release build, {a.cpu}, 2 cores shared with the",
        "load generator. On these shared machines runs differ by 10-15 %: compare the figures of one",
        "run with each other (each target has its baseline from the same run), not across runs.",
        "",
        "## Import throughput (OCDS releases into SQLite)",
        "",
        f"Command: `TB_BENCH_RELEASES={a.releases} make bench` (bench/import_benchmark.cc). Input: a",
        f"release package of {int(a.releases):,} releases scaled from the real OCDS files in data/ocds by a",
        "seeded generator (bench/ocds_scale.cc; 2 releases per ocid, so half are updates that go",
        "through the merge). Target: >= 20,000 releases/s.",
        "",
        "| Benchmark | releases/s | wall time |",
        "|---|---:|---:|",
    ]
    for name, ips, t, unit in rows:
        lines.append(f"| `{name}` | {ips:,.0f} | {t:,.0f} {unit} |")
    lines += [
        "",
        "`BM_ImportOcdsIntoSqlite` is the whole path (streaming reader, simdjson, mapping, merge",
        "with the stored notice, fingerprint, SQLite writes with versions and the changes log).",
        "`BM_ReadOcdsOnly` is the reader and mapping alone; `BM_SqliteInsertBaseline` inserts the",
        "same number of pre-serialised notice documents into one indexed SQLite table in batches of",
        "1000 (the floor any importer into this database pays).",
        "",
        "## HTTP: GET /api/v1/notices/{id}",
        "",
        f"Command: `make bench` (wrk -t2 -c64 -d{a.seconds}s --latency on 127.0.0.1). TenderBridge",
        f"(2 worker threads, SQLite, demo data) against nginx (2 workers) serving the same {a.bytes}-byte",
        "JSON body as a static file, measured in the same run. Targets: >= 80 % of nginx's req/s,",
        "p99 <= 5 ms.",
        "",
        "| Server | req/s | p50 ms | p99 ms | non-2xx |",
        "|---|---:|---:|---:|---:|",
        f"| TenderBridge | {tb['rps']:,.0f} | {tb['p50']:.2f} | {tb['p99']:.2f} | {tb['non2xx']} |",
        f"| nginx (baseline) | {ng['rps']:,.0f} | {ng['p50']:.2f} | {ng['p99']:.2f} | {ng['non2xx']} |",
        f"| TenderBridge, repeated after nginx | {rep['rps']:,.0f} | {rep['p50']:.2f} | {rep['p99']:.2f} | {rep['non2xx']} |",
        "",
        f"TenderBridge / nginx = **{ratio:.2f}×** (target >= 0.80); TenderBridge p99 = "
        f"**{tb['p99']:.2f} ms** (target <= 5 ms).",
        "",
    ]
    pathlib.Path(a.out).write_text("\n".join(lines))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Agreement of the C++ meeting checker with meetings_gen.py's `check` (goal A-G2).

For every committed instance in data/meetings/, schedules from the C++ optimiser and from the
tool's greedy, plus corrupted copies of them (double-booked officer, duplicated request,
unavailable slot, consecutive-window violation, wrong table, unknown ids, shuffled order), are
checked by both; the exit status and every report field must be equal. Run by ctest as
scheduling_tool_agreement; by hand:

  python3 tools/crosscheck_scheduling.py --helper BUILD/src/scheduling/scheduling_crosscheck
"""

import argparse
import copy
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "meetings_gen.py")
sys.path.insert(0, HERE)
import meetings_gen  # noqa: E402  (the copied tool, tools/meetings_gen.py)

KEYS = ["feasible", "errors", "error_count", "meetings", "weight", "fairness_sum",
        "suppliers_with_k", "suppliers", "supplier_idle_slots", "priority1_fulfilled",
        "priority1_requests", "pct_of_ub_count", "pct_of_ub_weight", "pct_of_ub_fairness"]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def corruptions(inst, sched, rng):
    """Yield (name, schedule) pairs, each breaking one rule."""
    m = meetings_gen.Model(inst)
    meetings = sched["meetings"]
    by_slot_officer = {(x["slot"], x["officer"]) for x in meetings}
    done = {x["request"] for x in meetings}
    tables = {o["id"]: o["table"] for o in inst["officers"]}
    # double-booked officer: an unscheduled request placed on a busy officer it may meet
    for q, (n, s, elig, _) in enumerate(m.req):
        rid = inst["requests"][n]["id"]
        if rid in done:
            continue
        hit = next(((o, t) for o in elig for t in sorted(m.savail[s] & m.oavail[o])
                    if (t, m.off[o]["id"]) in by_slot_officer), None)
        if hit:
            o, t = hit
            c = copy.deepcopy(sched)
            c["meetings"].append({"request": rid, "officer": m.off[o]["id"], "slot": t,
                                  "table": tables[m.off[o]["id"]]})
            yield "double-booked officer", c
            break
    c = copy.deepcopy(sched)
    c["meetings"].append(dict(meetings[rng.randrange(len(meetings))]))
    yield "duplicated request", c
    # unavailable slot: move a meeting of an officer with a hole to the hole
    for i, x in enumerate(meetings):
        o = m.oidx[x["officer"]]
        holes = sorted(set(range(m.n_slots)) - m.oavail[o])
        if holes:
            c = copy.deepcopy(sched)
            c["meetings"][i]["slot"] = holes[0]
            yield "unavailable slot", c
            break
    # consecutive window: fill a supplier's free slots next to its meetings with its
    # unscheduled requests until the window rule bites (some attempt must hit it)
    c = copy.deepcopy(sched)
    added = 0
    for q, (n, s, elig, _) in enumerate(m.req):
        rid = inst["requests"][n]["id"]
        if rid in done or not elig or added > 60:
            continue
        o = elig[0]
        for t in sorted(m.savail[s] & m.oavail[o]):
            if (t, m.off[o]["id"]) not in by_slot_officer:
                c["meetings"].append({"request": rid, "officer": m.off[o]["id"], "slot": t,
                                      "table": tables[m.off[o]["id"]]})
                by_slot_officer.add((t, m.off[o]["id"]))
                added += 1
                break
    yield "crowded (window and capacity rules)", c
    c = copy.deepcopy(sched)
    i = rng.randrange(len(meetings))
    c["meetings"][i]["table"] = "T9999"
    yield "wrong table", c
    c = copy.deepcopy(sched)
    c["meetings"][0]["officer"] = "O9999"
    c["meetings"][1]["request"] = "R999999"
    c["meetings"][2]["slot"] = 99
    yield "unknown ids", c
    c = copy.deepcopy(sched)
    rng.shuffle(c["meetings"])
    for x in c["meetings"][:40]:
        x["slot"] = rng.randrange(m.n_slots)
    yield "random re-timing", c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helper", required=True, help="scheduling_crosscheck executable")
    ap.add_argument("--data", default=os.path.join(HERE, "..", "data", "meetings"))
    a = ap.parse_args()
    rng = random.Random(7)
    failures = checked = 0
    infeasible_seen = set()
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(a.data)):
            if not name.endswith(".json"):
                continue
            path = os.path.join(a.data, name)
            inst = json.load(open(path))
            ours = os.path.join(tmp, "ours.json")
            rc, _, err = run([a.helper, "solve", path, ours, "0.3", "1"])
            if rc != 0:
                print("FAIL %s: solve exited %d: %s" % (name, rc, err))
                failures += 1
                continue
            schedules = [("optimiser", json.load(open(ours))),
                         ("tool greedy", meetings_gen.greedy(inst, 0))]
            for label, sched in list(schedules):
                schedules += [(label + " / " + n, c) for n, c in corruptions(inst, sched, rng)]
            for label, sched in schedules:
                f = os.path.join(tmp, "s.json")
                json.dump(sched, open(f, "w"))
                rc_tool, out_tool, _ = run([sys.executable, TOOL, "check", path, f])
                rc_ours, out_ours, err = run([a.helper, "check", path, f])
                checked += 1
                if rc_ours not in (0, 1):
                    print("FAIL %s %s: C++ check exited %d: %s" % (name, label, rc_ours, err))
                    failures += 1
                    continue
                tool, cpp = json.loads(out_tool), json.loads(out_ours)
                diff = [k for k in KEYS if tool[k] != cpp[k]]
                if rc_tool != rc_ours or diff:
                    failures += 1
                    print("FAIL %s %s: exit %d/%d, differing %s" % (name, label, rc_tool, rc_ours, diff))
                    for k in diff[:3]:
                        print("  tool %s: %s\n  c++  %s: %s" % (k, tool[k], k, cpp[k]))
                if label in ("optimiser", "tool greedy") and rc_tool != 0:
                    failures += 1
                    print("FAIL %s %s: a produced schedule is infeasible" % (name, label))
                if " / " in label and not tool["feasible"]:
                    infeasible_seen.add(label.split(" / ")[1])
    expected = {"double-booked officer", "duplicated request", "unavailable slot",
                "crowded (window and capacity rules)", "wrong table", "unknown ids"}
    missing = expected - infeasible_seen
    if missing:
        failures += 1
        print("FAIL corruptions never rejected: %s" % sorted(missing))
    print("%d schedules checked by both, %d failures" % (checked, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

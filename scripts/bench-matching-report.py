"""Writes docs/benchmarks-matching.md from matching_eval's JSON lines (scripts/bench-matching)."""
import json
import platform
import subprocess
import sys

results_path, doc, started, finished, seed, load = sys.argv[1:]
rows = [json.loads(line) for line in open(results_path) if line.strip()]
try:
    cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
except Exception:
    cpu = platform.processor()
cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "status", "--porcelain", "src/matching", "bench/matching"],
                       capture_output=True, text=True).stdout.strip()

NAMES = {"naive_bayes": "Naive Bayes (B.2b baseline, re-run)", "fasttext": "fastText 0.9.2, flat per level",
         "code_predictor": "**Code predictor** (liblinear, top-down)"}


def acc(a, ci=True):
    s = "%.3f / %.3f" % (a["top1"], a["top5"])
    if ci:
        s += " <small>(%.3f–%.3f / %.3f–%.3f)</small>" % (a["top1_ci"][0], a["top1_ci"][1], a["top5_ci"][0], a["top5_ci"][1])
    return s


out = []
w = out.append
w("# Code predictor benchmarks")
w("")
w("Written by `scripts/bench-matching` on %s – %s (commit %s%s, %s cores, %s, load average before the run %s, "
  "Release build, seed %s). Do not edit by hand; re-run the script. Method and choices: docs/matching.md; "
  "protocol and goals: ../shared/ALGORITHMS.md B.2b, B.4, B.5." % (
      started, finished, commit or "?", " with uncommitted changes in src/matching or bench/matching" if dirty else "",
      cores, cpu, load, seed))
w("")
w("Command: `scripts/bench-matching` (= `build/h-matchbench/bench/matching/matching_eval --data data --mode final "
  "--seed %s --fasttext --shipped`, run from the repository root)." % seed)
w("")
w("Top-1 / top-5 accuracy with 95 % bootstrap intervals (1,000 resamples over test notices). *All*: every test "
  "notice, the label cut to the level's digits as B.2b does (a segment-only code 43000000 is family \"4300\"); "
  "*distinct pairs*: each distinct (description, label) of the test period once; *given depth*: only notices coded at "
  "least this deep, ranked among real codes of the level. Class hF: micro-averaged hierarchical F of the top-1 path "
  "down to class depth against the code at the depth it was given.")
w("")
for source, title in (("austender", "AusTender (English), B.2b temporal split"), ("secop", "SECOP (Spanish), same split")):
    part = [r for r in rows if r.get("source") == source]
    if not part:
        continue
    r0 = part[0]
    w("## %s" % title)
    w("")
    w("%d training notices, %d test notices (test period from %s). Train time covers the three levels." % (
        r0["train"], r0["test"], r0["test_from"][:10]))
    w("")
    w("| Model | Segment top-1 / top-5 | Family top-1 / top-5 | Segment, distinct pairs | Family, distinct pairs | "
      "Family, given depth | Class hF | Train | Classify test set |")
    w("|---|---|---|---|---|---|---|---|---|")
    for r in part:
        rep = r["report"]
        w("| %s | %s | %s | %s (%d) | %s (%d) | %s (%d) | %.3f | %.1f s | %.2f s |" % (
            NAMES.get(r["model"], r["model"]), acc(rep["segment"]["all"]), acc(rep["family"]["all"]),
            acc(rep["segment"]["distinct_pairs"], False), rep["segment"]["distinct_pairs"]["n"],
            acc(rep["family"]["distinct_pairs"], False), rep["family"]["distinct_pairs"]["n"],
            acc(rep["family"]["given_depth"], False), rep["family"]["given_depth"]["n"],
            rep["class_hf"]["f"], r["train_seconds"], rep["test_seconds"]))
    cp = [r for r in part if r["model"] == "code_predictor"]
    if cp:
        c = cp[0]
        w("")
        w("Code predictor model: %d training examples, %d features, %d weights, %.1f MB serialised." % (
            c["examples"], c["features"], c["weights"], c["model_bytes"] / 1e6))
    w("")

shipped = [r for r in rows if r.get("model") == "shipped"]
if shipped:
    s = shipped[0]
    w("## The shipped model (`tenderbridge train`)")
    w("")
    w("Each source split by time: oldest 70 %% train, next 10 %% validation, newest 20 %% test; a (text, code) pair "
      "already in an earlier part is removed from the later ones (B.4 step 1), so these figures are on notices whose "
      "exact text was not trained on with that code, and are lower than the B.2b figures above. Trained on %d examples "
      "(AusTender, SECOP, UNGM and OCDS training parts) in **%.1f s** (reading the data %.1f s); model %.1f MB." % (
          s["examples"], s["train_seconds"], s["load_seconds"], s["model_bytes"] / 1e6))
    w("")
    w("| Source | Part | Notices | Segment top-1 / top-5 | Family top-1 / top-5 | Class hF |")
    w("|---|---|---|---|---|---|")
    for source, v in s.get("sources", {}).items():
        for part_name in ("validation", "test"):
            rep = v[part_name + "_report"]
            w("| %s | %s | %d | %s | %s | %.3f |" % (source, part_name, rep["notices"], acc(rep["segment"]["all"]),
                                                  acc(rep["family"]["all"]), rep["class_hf"]["f"]))
    w("")
    if "latency_us" in s:
        l = s["latency_us"]
        w("Classify latency (one text at a time, in process, %d texts from the shipped data): p50 **%.0f µs**, "
          "p95 **%.0f µs**, max %.0f µs. Loading the model from bytes: %.2f s." % (
              l["n"], l["p50"], l["p95"], l["max"], s["model_load_seconds"]))
        w("")

w("## Goals")
w("")
aus = {r["model"]: r for r in rows if r.get("source") == "austender"}
if "code_predictor" in aus:
    rep = aus["code_predictor"]["report"]
    seg, fam = rep["segment"]["all"], rep["family"]["all"]
    nb = aus.get("naive_bayes", {}).get("report")

    def verdict(ok):
        return "**met**" if ok else "**not met**"
    w("- B-G1 (segment top-1 ≥ 0.72 and top-5 ≥ 0.94 on the AusTender B.2b split): %s — top-1 %.3f (%s), "
      "top-5 %.3f (%s)%s." % (verdict(seg["top1"] >= 0.72 and seg["top5"] >= 0.94), seg["top1"],
                              "met" if seg["top1"] >= 0.72 else "short by %.3f" % (0.72 - seg["top1"]), seg["top5"],
                              "met" if seg["top5"] >= 0.94 else "short by %.3f" % (0.94 - seg["top5"]),
                              "; Naive Bayes in the same run %.3f / %.3f" % (nb["segment"]["all"]["top1"], nb["segment"]["all"]["top5"]) if nb else ""))
    w("- B-G2 (family top-1 ≥ 0.66 and top-5 ≥ 0.88; class-level hF reported): %s — top-1 %.3f (%s), top-5 %.3f (%s), "
      "class hF %.3f%s." % (verdict(fam["top1"] >= 0.66 and fam["top5"] >= 0.88), fam["top1"],
                            "met" if fam["top1"] >= 0.66 else "short by %.3f" % (0.66 - fam["top1"]), fam["top5"],
                            "met" if fam["top5"] >= 0.88 else "short by %.3f" % (0.88 - fam["top5"]), rep["class_hf"]["f"],
                            "; Naive Bayes %.3f / %.3f, hF %.3f" % (nb["family"]["all"]["top1"], nb["family"]["all"]["top5"], nb["class_hf"]["f"]) if nb else ""))
if shipped:
    s = shipped[0]
    w("- B-G8, classifier part (training ≤ 10 min on 2 cores from the repository's data, deterministic for a seed, "
      "no network, no downloaded weights): %s — %.1f s to read and train (this run shared the machine; load above)." % (
          "**met**" if s["total_seconds"] <= 600 else "**not met**", s["total_seconds"]))
w("- Not measured here: B-G3 … B-G7 (ranker, alerts) and the scoring latency part of B-G8.")
w("")
open(doc, "w").write("\n".join(out) + "\n")
print("bench-matching: wrote %s" % doc, file=sys.stderr)

#!/usr/bin/env python3
"""Recomputes the figures of a bucketproof report.json (the default report, --ids, --profile and
--assignments) with SciPy, from the raw counts the report also holds, and compares each with the
report's. Independent of the Java code: it implements each gate from its textbook definition.

    python3 docs/recompute/recompute_report.py reports/target/site/report.json

Checked per population and hasher: the bucket counts' chi-square statistic, upper and lower tail
and the two-sided p-value; for each rollout the exact binomial acceptance region, its exact size,
the Wilson interval and the two-sided p-value; the flag-independence chi-square and its p-value;
the modulo bias; each gate's verdict from its p-value, level and smallest attainable p-value;
the agreement shares; and the report's false-alarm bound and independent-gates rate (Bonferroni
and 1 - prod(1 - s) over the distinct gates, hashers that agree on every user counted once).
For an assignments report: each flag's rollout (exact binomial), SRM (two arms: SciPy's exact
binomtest; more: chi-square) and bucket uniformity p-values, each pair's independence (chi-square
or Fisher), and Holm's levels and decisions across every gate under --family-alpha (else across
the pairs). Prints one line per kind and exits 1 on any disagreement beyond 1e-9 relative (1e-12 absolute).
"""
import json
import math
import sys
from collections import defaultdict

from scipy import stats

REL = 1e-9
checked = defaultdict(int)
failures = []


def close(a, b):
    if a is None or b is None:
        return a == b
    if math.isnan(a) and math.isnan(b):
        return True
    return abs(a - b) <= max(1e-12, REL * max(abs(a), abs(b)))


def check(kind, what, mine, theirs):
    checked[kind] += 1
    if isinstance(mine, (list, tuple)):
        ok = len(mine) == len(theirs) and all(close(float(a), float(b)) for a, b in zip(mine, theirs))
    else:
        ok = close(float(mine), float(theirs))
    if not ok:
        failures.append(f"{kind}: {what}: recomputed {mine}, report {theirs}")


def wilson(k, n, alpha):
    z = stats.norm.ppf(1 - alpha / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def holm(gates, family_alpha):
    """Each gate's Holm level in the order of p (ties in report order): fa / (m - rank)."""
    order = sorted(range(len(gates)), key=lambda i: gates[i]["pValue"])
    levels = [None] * len(gates)
    for rank, i in enumerate(order):
        levels[i] = family_alpha / (len(gates) - rank)
    rejecting = True
    decisions = [None] * len(gates)
    for i in order:
        rejecting = rejecting and gates[i]["pValue"] <= levels[i]
        decisions[i] = rejecting
    return levels, decisions


def assignments(report):
    """An assignments report: each flag's gates from its counts, each pair's independence, Holm."""
    alpha = report["alpha"]
    gates = []
    for flag in report["flags"]:
        for g in flag["gates"]:
            gates.append(g)
            kind = g["id"]["kind"]
            who = f"{flag['flag']} {g['gate']}"
            if kind == "rollout" and "rollout" in flag["configured"]:
                share = float(flag["configured"]["rollout"]) / 100
                n, k = flag["enabledRows"], flag["enabled"]
                two = min(1.0, 2 * min(stats.binom.cdf(k, n, share), stats.binom.sf(k - 1, n, share)))
                check("rollout two-sided p", who, two, g["pValue"])
            elif kind == "sample_ratio_mismatch" and "weights" in flag["configured"]:
                weights = flag["configured"]["weights"]
                names = list(weights)
                observed = [flag["variants"].get(name, 0) for name in names]
                total = sum(observed)
                shares = [weights[name] / sum(weights.values()) for name in names]
                if len(names) == 2:
                    p = stats.binomtest(observed[0], total, shares[0]).pvalue
                    check("SRM exact binomial p", who, p, g["pValue"])
                elif min(total * sh for sh in shares) >= 5:
                    p = stats.chisquare(observed, [total * sh for sh in shares]).pvalue
                    check("SRM chi-square p", who, p, g["pValue"])
            elif kind == "uniformity" and flag["bucketCounts"]:
                counts = flag["bucketCounts"]
                n = sum(counts)
                if n / len(counts) >= 5:
                    st = stats.chisquare(counts).statistic
                    two = min(1.0, 2 * min(stats.chi2.sf(st, len(counts) - 1), stats.chi2.cdf(st, len(counts) - 1)))
                    check("uniformity two-sided p", who, two, g["pValue"])
    for pair in report["pairs"]:
        g = pair.get("gate")
        if g is None:
            continue
        gates.append(g)
        table = [[pair["both"], pair["onlyA"]], [pair["onlyB"], pair["neither"]]]
        if stats.contingency.expected_freq(table).min() >= 5:
            p = stats.chi2_contingency(table, correction=False)[1]
        else:
            p = stats.fisher_exact(table).pvalue
        check("pair independence p", f"{pair['flagA']} x {pair['flagB']}", p, g["pValue"])
    if report.get("familyAlpha") is not None:
        levels, decisions = holm(gates, report["familyAlpha"])
        for g, level, reject in zip(gates, levels, decisions):
            check("Holm level (every gate)", g["gate"], level, g["level"])
            checked["Holm decision"] += 1
            if reject != (g["verdict"] == "fail"):
                failures.append(f"Holm decision: {g['gate']}: p {g['pValue']}, level {level}: report {g['verdict']}")
    else:
        pair_gates = [pair["gate"] for pair in report["pairs"] if pair.get("gate")]
        levels, decisions = holm(pair_gates, alpha)
        for g, level, reject in zip(pair_gates, levels, decisions):
            check("Holm level (pairs)", g["gate"], level, g["level"])
        for g in gates:
            if g not in pair_gates:
                checked["verdict"] += 1
                expected = "fail" if g["pValue"] <= g["level"] and g["smallestPValue"] <= g["level"] else (
                    "inconclusive" if g["smallestPValue"] > g["level"] else "pass")
                if g["verdict"] not in (expected, "not configured") and not (g["verdict"] == "inconclusive" and g["pValue"] == 1):
                    failures.append(f"verdict: {g['gate']}: report {g['verdict']}, expected {expected}")


def main(path):
    report = json.load(open(path, encoding="utf-8"))
    if report.get("kind") == "assignments":
        assignments(report)
        return summary()
    alpha = report["settings"]["alpha"]
    sizes = {}  # distinct gate -> size
    gate_count = 0
    for population in report["populations"]:
        name = population["name"]
        # hashers that put every user in the same bucket are one family: their gates count once
        family = {}
        hashers = [h["hasher"] for h in population["hashers"]]
        for h in hashers:
            family[h] = h
        for a in population["agreement"]:
            check("agreement share", f"{name} {a['first']} x {a['second']}", a["sameBucket"] / a["users"], a["share"])
            if a["sameBucket"] == a["users"]:
                family[a["second"]] = family[a["first"]]
        for h in population["hashers"]:
            who = f"{name} {h['hasher']}"
            counts = h["counts"]
            users = h["users"]
            buckets = h["bucketCount"]
            check("users", who, sum(counts) + h["outOfRange"], users)
            u = h["uniformity"]
            if u and u.get("chiSquare") is not None and buckets >= 2 and users / buckets >= 5:
                expected = users / buckets
                statistic = sum((c - expected) ** 2 / expected for c in counts)
                df = buckets - 1
                upper = stats.chi2.sf(statistic, df)
                lower = stats.chi2.cdf(statistic, df)
                check("uniformity chi-square", who, statistic, u["chiSquare"])
                check("uniformity upper tail", who, upper, u["pValue"])
                check("uniformity lower tail", who, lower, u["lowerTail"])
            for r in h["rollouts"]:
                share = r["expectedShare"]
                k = r["enabled"]
                lo = int(stats.binom.ppf(alpha / 2, users, share))
                hi = int(stats.binom.ppf(1 - alpha / 2, users, share))
                check("rollout region", f"{who} {r['percent']}%", [lo, hi], [r["regionLowest"], r["regionHighest"]])
                wl, wh = wilson(k, users, alpha)
                check("rollout Wilson interval", f"{who} {r['percent']}%", [wl, wh], [r["wilsonLow"], r["wilsonHigh"]])
                check("rollout share", f"{who} {r['percent']}%", k / users, r["observedShare"])
            ind = h.get("flagIndependence")
            if ind and ind.get("chiSquare") is not None:
                table = [[ind["both"], ind["firstOnly"]], [ind["secondOnly"], ind["neither"]]]
                expected = stats.contingency.expected_freq(table)
                if expected.min() >= 5:
                    chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
                    check("independence chi-square", who, chi2, ind["chiSquare"])
                    check("independence p-value", who, p, ind["pValue"])
            mb = h.get("moduloBias")
            if mb:
                bits = mb["hashBits"]
                per = (2 ** bits) // buckets
                check("modulo bias", who, [(2 ** bits) % buckets, per], [mb["heavierBuckets"], int(mb["valuesPerBucket"])])
                check("modulo bias", who, (1 / per if (2 ** bits) % buckets else 0.0), mb["relativeBias"])
            for g in h["gates"]:
                gate_count += 1
                gid = g["id"]
                kind = gid["kind"]
                level = g["level"]
                p = g["pValue"]
                size = 0.0
                if kind == "uniformity" and u and u.get("chiSquare") is not None and users / buckets >= 5:
                    two = min(1.0, 2 * min(u["pValue"], u["lowerTail"]))
                    check("uniformity two-sided p", who, two, p)
                    size = level
                elif kind == "rollout":
                    r = next(x for x in h["rollouts"] if f"rollout {x['percent']}%" == g["gate"])
                    share, k = r["expectedShare"], r["enabled"]
                    if 0 < share < 1:
                        two = min(1.0, 2 * min(stats.binom.cdf(k, users, share), stats.binom.sf(k - 1, users, share)))
                        check("rollout two-sided p", f"{who} {g['gate']}", two, p)
                        lo, hi = r["regionLowest"], r["regionHighest"]
                        size = stats.binom.cdf(lo - 1, users, share) + stats.binom.sf(hi, users, share)
                elif kind == "independence":
                    size = level
                elif kind == "salt_meta_test":
                    size = level
                verdict = g["verdict"]
                expected_verdict = (
                    "fail" if p <= level and g["smallestPValue"] <= level
                    else "inconclusive" if g["smallestPValue"] > level
                    else "pass")
                if kind == "buckets_in_range":
                    expected_verdict = "fail" if h["outOfRange"] > 0 else "pass"
                checked["verdict"] += 1
                if verdict != expected_verdict:
                    failures.append(f"verdict: {who} {g['gate']}: p {p}, level {level}, smallest {g['smallestPValue']}: report {verdict}, expected {expected_verdict}")
                key = (name, family[h["hasher"]], kind, gid["parameter"], g["gate"])
                sizes.setdefault(key, size)
    fa = report["falseAlarm"]
    bound = min(1.0, sum(sizes.values()))
    none = 1.0
    for s in sizes.values():
        none *= 1 - s
    check("false-alarm gates", "gates", gate_count, fa["gates"])
    check("false-alarm distinct gates", "distinct", len(sizes), fa["distinctGates"])
    check("false-alarm bound", "Bonferroni", bound, fa["atMost"])
    check("false-alarm if independent", "1 - prod(1 - s)", 1 - none, fa["ifIndependent"])
    return summary()


def summary():
    total = sum(checked.values())
    for kind in sorted(checked):
        print(f"{checked[kind]:6d}  {kind}")
    print(f"{total} figures recomputed, {len(failures)} disagree")
    for f in failures[:50]:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

# Independent figures for NoncentralChiSquareTest, PowerAnalysisTest, RolloutAccuracyTest,
# ExactBinomialTest, GateEdgesTest (Independence, SampleRatioMismatch, SaltMetaTest, Statistics):
# each from SciPy's own distributions or a textbook formula, never from bucketproof's Java.
# Computed with SciPy 1.17.1, NumPy 2.4.6, Python 3 (python3 statistics_vectors.py > statistics_vectors.txt);
# the tests quote these values, one per line, with the key printed here.
import math

import numpy as np
import scipy
from scipy.optimize import brentq
from scipy.stats import binom, binomtest, chi2, fisher_exact, kstest, kstwo, ncx2, norm

print(f"# scipy {scipy.__version__}, numpy {np.__version__}")


def show(key, value):
    print(f"{key}\t{value!r}")


# --- noncentral chi-square: scipy.stats.ncx2 (its own Poisson-mixture / Ding implementation) ---
for critical, df, lam in [(10.0, 3, 5.0), (123.225, 99, 71.7), (3.84, 1, 0.0), (4000.0, 10, 4000.0),
                          (0.5, 2, 0.1)]:
    show(f"ncx2.sf({critical}, {df}, {lam})", float(ncx2.sf(critical, df, lam)))
for df, alpha in [(1, 0.05), (99, 0.0005)]:
    show(f"chi2.isf({alpha}, {df})", float(chi2.isf(alpha, df)))


def lam_for(df, alpha, power=0.8):
    critical = chi2.isf(alpha, df)
    return brentq(lambda lam: ncx2.sf(critical, df, lam) - power, 1e-9, 1e5, xtol=1e-13, rtol=1e-14)


for df, alpha, power in [(99, 0.0005, 0.8), (1, 0.05, 0.8), (1, 0.05, 0.06), (4, 0.01, 0.99)]:
    show(f"lambda({df}, {alpha}, {power})", lam_for(df, alpha, power))
show("power(1, 0.05, 7.8488)", float(ncx2.sf(chi2.isf(0.05, 1), 1, 7.8488)))

# --- rollout power: the exact binomial region [ppf(a/2), ppf(1 - a/2)] and its rejection chance ---


def region(n, p, a):
    return int(binom.ppf(a / 2, n, p)), int(binom.ppf(1 - a / 2, n, p))


def rejection(n, q, lo, hi):
    return binom.cdf(lo - 1, n, q) + binom.sf(hi, n, q)


for n, p, a in [(10_000, 0.05, 0.0005), (100, 0.01, 0.0005), (2_000, 0.3, 0.05)]:
    lo, hi = region(n, p, a)
    show(f"region({n}, {p}, {a})", (lo, hi))
    up = brentq(lambda q: rejection(n, q, lo, hi) - 0.8, p, 1 - 1e-12, xtol=1e-15)
    show(f"tooHigh({n}, {p}, {a})", up - p)
    if lo > 0:
        down = brentq(lambda q: rejection(n, q, lo, hi) - 0.8, 1e-12, p, xtol=1e-15)
        show(f"tooLow({n}, {p}, {a})", p - down)
    show(f"size({n}, {p}, {a})", float(rejection(n, p, lo, hi)))
show("rejection(10000, 0.06, 426, 577)", float(rejection(10_000, 0.06, 426, 577)))
show("rejection(50, 0.3, 0, 20)", float(rejection(50, 0.3, 0, 20)))
# share 0 (region [0, 0]): P(X > 0) = 1 - (1 - q)^n reaches 0.8 at q = 1 - 0.2^(1/n); share 1 mirrors it
show("1 - 0.2^(1/1000)", 1 - 0.2 ** (1 / 1000))


def catches(n, p, e, a):
    lo, hi = region(n, p, a)
    return rejection(n, p + e, lo, hi) >= 0.8 and rejection(n, p - e, lo, hi) >= 0.8


def search(p, e, a):
    # the search rolloutUsers documents: double from 2 until both directions reach 80%, then bisect
    low, high = 1, 2
    while not catches(high, p, e, a):
        low, high = high, 2 * high
    while high - low > 1:
        middle = (low + high) // 2
        if catches(middle, p, e, a):
            high = middle
        else:
            low = middle
    return high


for p, e, a in [(0.05, 0.01, 0.0005), (0.5, 0.4, 0.05), (0.3, 0.05, 0.01), (0.7, 0.05, 0.01)]:
    show(f"rolloutUsers({p}, {e}, {a})", search(p, e, a))
# 50% +- 40% at 0.05: which n in 1..212 (the planner's window around 12) catch it
caught = [catches(n, 0.5, 0.4, 0.05) for n in range(1, 213)]
show("first n in 1..212 catching 0.5 +- 0.4 at 0.05", caught.index(True) + 1)
show("last n in 1..212 not catching 0.5 +- 0.4 at 0.05", max(n for n in range(1, 213) if not caught[n - 1]))

# --- rollout gate (RolloutAccuracy): region, exact size, usersNeeded, Wilson, p-value ---
for n, p, a in [(12, 0.5, 0.0005), (11, 0.5, 0.0005), (826, 0.01, 0.0005), (825, 0.01, 0.0005),
                (1, 0.5, 0.5), (30, 0.1, 0.05), (825, 0.99, 0.0005)]:
    show(f"region({n}, {p}, {a})", region(n, p, a))


def wilson(k, n, a):
    z = norm.isf(a / 2)
    centre = (k + z * z / 2) / (n + z * z)
    half = z / (n + z * z) * math.sqrt(k * (n - k) / n + z * z / 4)
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


for k, n, a in [(30, 100, 0.05), (100, 100, 0.0005), (1, 3, 0.2), (540, 10_000, 0.0005), (0, 2**31 - 1, 0.0005),
                (2**29, 2**30, 0.0005), (1_000, 2**30 - 1, 0.0005)]:
    show(f"wilson({k}, {n}, {a})", wilson(k, n, a))


# the fewest users whose region excludes both 0 and every user
for p, a in [(0.5, 0.0005), (0.01, 0.0005), (0.9, 0.05)]:
    n = 1
    while not (lambda r: r[0] > 0 and r[1] < n)(region(n, p, a)):
        n += 1
    show(f"usersNeeded({p}, {a})", n)


def rollout_p(n, k, p):
    return min(1.0, 2 * min(binom.cdf(k, n, p), binom.sf(k - 1, n, p)))


for n, k, p in [(10_000, 540, 0.05), (10_000, 500, 0.05), (10_000, 440, 0.05), (20, 0, 0.1), (20, 20, 0.9)]:
    show(f"rolloutP({n}, {k}, {p})", float(rollout_p(n, k, p)))

# --- exact binomial test (two-sided, "no more likely than observed"), as R's binom.test ---
for n, k, p in [(12, 0, 0.5), (1, 0, 0.5), (100, 30, 0.25), (10, 0, 0.3), (10, 10, 0.3), (7, 3, 0.0), (7, 7, 1.0)]:
    show(f"binomtest({k}, {n}, {p})", float(binomtest(k, n, p).pvalue))

# --- uniformity power: noncentral chi-square at alpha / 2 with buckets - 1 degrees of freedom ---
lam99 = lam_for(99, 0.00025)
show("lambda(99, 0.00025)", lam99)
show("uniformityDeviation(1000000, 100, 0.0005)", math.sqrt(lam99 * 99 / 1_000_000))
show("uniformityDeviation(30000, 100, 0.0005)", math.sqrt(lam99 * 99 / 30_000))
show("uniformityUsers(100, 0.1, 0.0005)", math.ceil(lam99 * 99 / 0.01))
show("uniformityDeviation(60, 3, 0.0005)", math.sqrt(lam_for(2, 0.00025) * 2 / 60))
lam1 = lam_for(1, 0.0005)
show("lambda(1, 0.00025)", lam_for(1, 0.00025))
show("lambda(1, 0.0005)", lam1)
show("independenceExcess(10000, 0.5, 0.2, 0.0005)", math.sqrt(lam1 * 0.5 * 0.2 * 0.5 * 0.8 / 10_000))
lam2 = lam_for(2, 0.0005)
show("lambda(2, 0.0005)", lam2)
show("splitError(10000, [50, 30, 20], 0.0005)", math.sqrt(lam2 * 0.8 / (10_000 * 0.2)))
show("splitError(10000, [50, 0, 50], 0.0005)", math.sqrt(lam1 * 0.5 / (10_000 * 0.5)))
show("splitError(10, [50, 50], 0.0005) (not < 1: NaN)", math.sqrt(lam1 * 0.5 / (10 * 0.5)))
show("splitUsers([50, 30, 20], 0.05, 0.0005)", math.ceil(lam2 * 0.8 / (0.2 * 0.05 ** 2)))

# --- Kolmogorov-Smirnov: scipy's exact one-sample distribution ---
for n, a in [(20, 0.01), (20, 0.05)]:
    show(f"kstwo.isf({a}, {n})", float(kstwo.isf(a, n)))
sample = [0.9, 0.1, 0.35, 0.6, 0.62]
show(f"kstest({sample}).statistic", float(kstest(sample, "uniform").statistic))
show(f"kstest({sample}).pvalue", float(kstest(sample, "uniform", method="exact").pvalue))


def salt_power(n, broken, alpha, runs=200_000, seed=20261203):
    rng = np.random.default_rng(seed)
    critical = kstwo.isf(alpha, n)
    values = rng.random((runs, n))
    values[:, :broken] = 0
    values.sort(axis=1)
    i = np.arange(n)
    d = np.maximum(((i + 1) / n - values).max(axis=1), (values - i / n).max(axis=1))
    return float((d > critical).mean())


for broken in range(4, 8):
    show(f"saltPower(20, {broken}, 0.05) (numpy, 200,000 runs)", salt_power(20, broken, 0.05))
# randomised per-flag p-values of two keys beyond Monte Carlo reach: chi-square, df 1, of
# 3,000 users split (1500 + k, 1500 - k): statistic 2 k^2 / 1500
pvalues = [float(chi2.sf(2 * k * k / 1500, 1)) for k in (10, 60)]
show("chi2 p of k = 10, 60", pvalues)
show("kstest(chi2 p of k = 10, 60).statistic", float(kstest(pvalues, "uniform").statistic))
show("kstest(chi2 p of k = 10, 60).pvalue", float(kstest(pvalues, "uniform", method="exact").pvalue))

# --- independence: Fisher's exact test (two-sided) and chi-square on 2x2 tables ---
# [[1, 7], [4, 3]]: row 1 holds 7, column 1 holds 10 of 15, so the (1, 1) cell runs from 2 to 7:
# [[0, 8], [5, 2]] and [[5, 3], [0, 7]] are the extreme tables on these margins
for table in ([[3, 1], [1, 3]], [[0, 4], [4, 0]], [[4, 0], [0, 4]], [[1, 7], [4, 3]], [[0, 8], [5, 2]],
              [[5, 3], [0, 7]], [[7, 3], [3, 7]]):
    show(f"fisher({table})", float(fisher_exact(table).pvalue))
show("chi2.sf(4, 1)", float(chi2.sf(4, 1)))
show("chi2.sf(400, 99)", float(chi2.sf(400, 99)))
show("chi2.sf(5, 2)", float(chi2.sf(5, 2)))
show("chi2.sf(0.4, 1)", float(chi2.sf(0.4, 1)))
show("chi2.sf(3.2, 1)", float(chi2.sf(3.2, 1)))
show("chi2.sf(1.6, 2)", float(chi2.sf(1.6, 2)))
show("chi2.sf(2, 2)", float(chi2.sf(2, 2)))

# --- modulo bias: Python's integers ---
show("divmod(2**64, 2147483647)", divmod(2**64, 2147483647))
show("divmod(2**32, 100)", divmod(2**32, 100))

#!/usr/bin/env python3
"""Independent values of the Lindon-Malek sequential SRM test, for SequentialSrmTest.

Written from the formula in issue 19 alone, in another language and with 50-digit arithmetic
(mpmath), so the Java class is checked against numbers it did not compute. The count sequences
come from Python's own seeded generator (random.Random(SEED)), not from the Java tests.

Regenerate (mpmath 1.3.0):
    python3 sequential_srm_vectors.py > sequential-srm-vectors.tsv

Columns: case, null weights, concentration k, this period's counts, cumulative counts,
log BF of the cumulative counts, running p-value min(1, min over looks of exp(-log BF)).
Rows of one case are its periods, in order.
"""
import random

from mpmath import mp, mpf, loggamma, log, exp

mp.dps = 50
SEED = 20221128


def log_bayes_factor(weights, k, counts):
    total_weight = sum(mpf(w) for w in weights)
    theta = [mpf(w) / total_weight for w in weights]
    k = mpf(k)
    alpha = [k * t for t in theta]
    n = sum(counts)
    value = loggamma(k) - loggamma(k + n)
    for a, c, t in zip(alpha, counts, theta):
        value += loggamma(a + c) - loggamma(a) - c * log(t)
    return value


def fmt(x):
    return mp.nstr(x, 25, min_fixed=-5, max_fixed=5)


def emit(case, weights, k, periods):
    cumulative = [0] * len(weights)
    best = mpf(1)
    for period in periods:
        cumulative = [c + p for c, p in zip(cumulative, period)]
        lbf = log_bayes_factor(weights, k, cumulative)
        best = min(best, exp(-lbf))
        print("\t".join([
            case,
            ",".join(repr(w) for w in weights),
            repr(k),
            ",".join(str(p) for p in period),
            ",".join(str(c) for c in cumulative),
            fmt(lbf),
            fmt(best),
        ]))


def binomial_split(rng, users, shares):
    # one multinomial draw by sequential binomials (normal approximation above 1000 users)
    counts = []
    left = users
    rest = 1.0
    for share in shares[:-1]:
        q = min(1.0, share / rest)
        if left > 1000:
            mean = left * q
            sd = (left * q * (1 - q)) ** 0.5
            c = int(round(rng.gauss(mean, sd)))
            c = max(0, min(left, c))
        else:
            c = sum(1 for _ in range(left) if rng.random() < q)
        counts.append(c)
        left -= c
        rest -= share
    counts.append(left)
    return counts


def main():
    # single looks at hand-picked edge cases
    emit("one-50-50", [50, 50], 10000.0, [[5100, 4900]])
    emit("one-small", [1, 1], 10000.0, [[12, 0]])
    emit("one-three", [1, 1, 1], 10000.0, [[0, 0, 6]])
    emit("one-uneven", [0.1, 0.5, 0.4], 1.0, [[20, 17, 9]])
    emit("one-large", [50, 50], 10000.0, [[500_400_000, 499_600_000]])
    emit("one-srm", [50, 50], 10000.0, [[821_588, 815_482]])
    emit("one-k-small", [0.2, 0.3, 0.5], 2.5, [[3, 40, 7]])
    rng = random.Random(SEED)
    for case in range(40):
        variants = rng.choice([2, 2, 3, 4, 5])
        weights = [rng.choice([1, 2, 5, 10, 25, 50]) for _ in range(variants)]
        k = rng.choice([100.0, 10000.0, 10000.0, 1e6])
        total = sum(weights)
        shares = [w / total for w in weights]
        if rng.random() < 0.5:
            # a mismatch: one variant's share moved by 1-10% relative
            i = rng.randrange(variants)
            shares[i] *= 1 + rng.choice([-1, 1]) * rng.uniform(0.01, 0.10)
            s = sum(shares)
            shares = [x / s for x in shares]
        daily = rng.choice([10, 100, 1000, 10000, 100000])
        periods = [binomial_split(rng, rng.randint(0, 2 * daily), shares)
                   for _ in range(rng.randint(1, 30))]
        emit("random-%02d" % case, weights, k, periods)


if __name__ == "__main__":
    main()

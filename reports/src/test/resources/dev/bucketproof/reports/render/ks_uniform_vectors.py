# Independent values for Page.uniformKs (FirstScreenTest): the one-sample two-sided
# Kolmogorov-Smirnov test of p-values against U(0, 1), by SciPy (scipy.stats.kstest, method "exact").
# Samples are given by formula, so that Java builds the same numbers: n, and x_i = ((i + c) / n) ** e.
from scipy import stats

cases = [(50, 0.5, 1.0), (50, 0.3, 1.6), (200, 0.5, 1.15), (234, 0.5, 1.3), (1512, 0.5, 1.04), (1512, 0.5, 3.0)]
print("n\tc\te\tstatistic\tpValue")
for n, c, e in cases:
    xs = [((i + c) / n) ** e for i in range(n)]
    r = stats.kstest(xs, "uniform", method="exact")
    print(f"{n}\t{c}\t{e}\t{float(r.statistic)!r}\t{float(r.pvalue)!r}")

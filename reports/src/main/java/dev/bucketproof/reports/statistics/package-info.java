/**
 * The statistical tests behind every gate, one class per test as in commons-math's {@code
 * stat.inference}: chi-square goodness of fit, both tails ({@link
 * dev.bucketproof.reports.statistics.Uniformity}), the exact binomial acceptance region of a
 * rollout ({@link dev.bucketproof.reports.statistics.RolloutAccuracy}), the 2x2 and r x c
 * independence tests ({@link dev.bucketproof.reports.statistics.Independence}), sample ratio
 * mismatch ({@link dev.bucketproof.reports.statistics.SampleRatioMismatch}, and {@link
 * dev.bucketproof.reports.statistics.SequentialSrm} for daily looks), the Kolmogorov-Smirnov salt
 * meta-test ({@link dev.bucketproof.reports.statistics.SaltMetaTest}) and the exact modulo bias
 * ({@link dev.bucketproof.reports.statistics.ModuloBias}); {@link
 * dev.bucketproof.reports.statistics.Statistics} holds what they share. Each checks its validity
 * condition (Cochran's expected count of 5) and falls back to an exact test (Fisher, binomial) or a
 * seeded Monte Carlo null ({@link dev.bucketproof.reports.statistics.MonteCarloChiSquare}). {@link
 * dev.bucketproof.reports.statistics.PowerAnalysis} gives what each gate can detect with 80% power
 * and the users it needs ({@link dev.bucketproof.reports.statistics.NoncentralChiSquare} for the
 * chi-square gates); {@link dev.bucketproof.reports.statistics.Holm} is the report-level control.
 * Built on commons-math3 and commons-statistics-inference (Fisher's exact test).
 *
 * <p>Depends on nothing else of this module.
 *
 * <pre>{@code
 * SampleRatioMismatch srm =
 *     SampleRatioMismatch.of(new long[] {821_588, 815_482}, new double[] {50, 50}, Statistics.ALPHA);
 * boolean mismatch = srm.mismatch();   // p = 1.83e-06 < 0.0005 (exact binomial)
 * double error = PowerAnalysis.splitError(1_637_070, new double[] {50, 50}, Statistics.ALPHA);
 * // 0.0034: a variant's share 0.34% off is caught with 80% power at this size
 * }</pre>
 */
package dev.bucketproof.reports.statistics;

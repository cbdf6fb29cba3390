/**
 * The statistical tests behind every gate: chi-square goodness of fit (both tails), the exact binomial
 * acceptance region of a rollout, the 2x2 and r x c independence tests, sample ratio mismatch, the
 * Kolmogorov-Smirnov salt meta-test and the exact modulo bias. Built on commons-math3 only.
 *
 * <p>Depends on nothing else of this module.
 *
 * <pre>{@code
 * Statistics.SampleRatioMismatch srm =
 *     Statistics.sampleRatioMismatch(new long[] {821_588, 815_482}, new double[] {50, 50}, Statistics.ALPHA);
 * boolean mismatch = srm.mismatch();   // p = 1.82e-06 < 0.0005
 * }</pre>
 */
package dev.bucketproof.reports.statistics;

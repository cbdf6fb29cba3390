/**
 * JMH results ({@code benchmarks.jar -rf json}) read into typed rows, and the project's speed
 * claims checked against them (own hash against Guava and the floor, allocation, cost per KiB).
 *
 * <p>Depends on {@code text} and the bucketing library's {@code HasherType} (a result's {@code
 * hasher} parameter, a constant or a name, is read as the hasher's name).
 *
 * <pre>{@code
 * List<JmhResult> rows = JmhResult.read(Path.of("benchmarks/results/jmh-result.json"));
 * for (SpeedClaim claim : SpeedClaim.of(rows)) {
 *   System.out.println(claim.claim() + ": " + claim.measured() + (claim.met() ? " (met)" : " (missed)"));
 * }
 * }</pre>
 */
package dev.bucketproof.reports.jmh;

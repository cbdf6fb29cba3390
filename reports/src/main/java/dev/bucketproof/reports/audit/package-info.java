/**
 * The audit engine: streams ids once through several bucketers and reduces them to counts, then to
 * findings and gates. Memory is O(bucketers x buckets), never O(users). Each {@link
 * dev.bucketproof.reports.audit.Gate} passes, fails or is inconclusive (too few users for a valid
 * test; it names the users it needs), and states its test, validity condition and power; {@link
 * dev.bucketproof.reports.audit.FalseAlarm} is the chance that a correct bucketer fails one of
 * them.
 *
 * <p>Depends on {@code ids}, {@code statistics}, {@code text} and the bucketing library.
 *
 * <pre>{@code
 * PopulationFindings findings = Audit.run(Population.of(IdShape.UUID, 1_000_000),
 *     List.of(AuditedBucketer.of(Bucketer.standard())), AuditSettings.defaults());
 * findings.gates().forEach(gate -> System.out.println(gate.describe()));
 * }</pre>
 */
package dev.bucketproof.reports.audit;

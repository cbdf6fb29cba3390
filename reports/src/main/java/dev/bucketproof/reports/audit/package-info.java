/**
 * The audit engine: streams ids once through several bucketers and reduces them to counts, then to
 * findings and gates. Memory is O(bucketers x buckets), never O(users).
 *
 * <p>Depends on {@code ids}, {@code statistics} and the bucketing library.
 *
 * <pre>{@code
 * PopulationFindings findings = Audit.run(Population.of(IdShape.UUID, 1_000_000),
 *     List.of(AuditedBucketer.of(Bucketer.standard())), AuditSettings.defaults());
 * findings.gates().forEach(gate -> System.out.println(gate.describe()));
 * }</pre>
 */
package dev.bucketproof.reports.audit;

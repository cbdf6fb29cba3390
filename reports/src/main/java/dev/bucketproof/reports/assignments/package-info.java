/**
 * The assignments audit: reads an export of the assignments a running system made (user, flag, what
 * the user got: {@code enabled}, {@code variant} or {@code bucket}) and answers, per flag, whether
 * the rollout is the configured percentage (exact binomial region), whether the split matches its
 * weights (sample ratio mismatch) and whether the bucket column is uniform; across flags, whether
 * two flags pick independent users (chi-square on the overlap, Holm's correction over the pairs);
 * and which candidate rule made the file, with the share of rows it reproduces and the rows it does
 * not.
 *
 * <pre>{@code
 * // From a file: CSV, TSV or JSON lines, gzip or not
 * Map<String, FlagSettings> flags = FlagsFile.read(Path.of("flags.json"));
 * AssignmentFindings findings = AssignmentFile.audit(Path.of("exposures.csv.gz"), Columns.guess(),
 *     AssignmentSettings.defaults().withFlags(flags), lines -> {});
 *
 * // From Java: any Iterable or Stream of rows
 * List<AssignmentRow> rows = List.of(
 *     AssignmentRow.enabled(1, "user-1", "new-checkout", false),
 *     AssignmentRow.variant(2, "user-1", "exp_12345", "treatment"));
 * AssignmentFindings same = AssignmentAudit.run("exposures", rows, AssignmentSettings.defaults());
 *
 * for (AssignmentFindings.FlagFindings flag : findings.flags()) {
 *   AssignmentFindings.RuleMatch best = flag.best();  // "salted murmur3_x86_32": 100.00% of 120,000 rows
 * }
 * findings.failures();                                 // the gates that failed
 * }</pre>
 *
 * <p>Memory is bounded by flags, rules, variants and buckets; the per-user state for conflicts and
 * overlap is a consistent hashed sample of users with a fixed capacity (see {@code UserSample}).
 * Arrows: this package uses {@code audit}, {@code statistics}, {@code ids}, {@code text} and {@code
 * bucketing}; only {@code render}, {@code publish} and {@code cli} use it.
 */
package dev.bucketproof.reports.assignments;

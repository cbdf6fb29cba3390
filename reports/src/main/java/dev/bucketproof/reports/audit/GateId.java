package dev.bucketproof.reports.audit;

import java.util.Objects;

/**
 * A gate's stable identity: what kind of check, on which population or flag, of which hasher, rule
 * or profile, with which parameter. Never its display text: two gates whose printed results happen
 * to coincide are still two gates.
 *
 * <pre>{@code
 * GateId id = new GateId(GateId.Kind.ROLLOUT, "uuid-10k", "bucketproof:murmur3_x86_32", "5");
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param kind the check
 * @param subject the population (ids reports) or the flag key (assignments reports)
 * @param rule the audited hasher, rule or profile (the assignments source for an export)
 * @param parameter the check's parameter, such as the rollout percentage; empty when none
 */
public record GateId(Kind kind, String subject, String rule, String parameter) {
  /** The checks, each with one p-value convention that report.json states. */
  public enum Kind {
    /** Every bucket inside [0, bucketCount): an exact count. */
    BUCKETS_IN_RANGE("none: an exact count (0 when a user is out of range, else 1)"),
    /** Chi-square goodness of fit over the buckets, both tails. */
    UNIFORMITY(
        "two-sided: min(1, 2 min(P(X >= x), P(X <= x))) of the chi-square statistic, by the"
            + " chi-square distribution or its seeded Monte Carlo null"),
    /** A rollout's enabled count against its exact binomial region. */
    ROLLOUT("two-sided exact binomial: min(1, 2 min(P(X <= k), P(X >= k)))"),
    /** Independence of two flags' memberships, 2x2. */
    INDEPENDENCE("two-sided: chi-square, or Fisher's exact test below Cochran's rule"),
    /** Kolmogorov-Smirnov of many flag keys' uniformity p-values against U(0, 1). */
    SALT_META_TEST("Kolmogorov-Smirnov, exact two-sided"),
    /** Observed variant counts against configured weights. */
    SAMPLE_RATIO_MISMATCH(
        "two arms: exact binomial, the probability of every split no more likely than the"
            + " observed; more: upper tail P(X >= x) of the chi-square statistic (Monte Carlo"
            + " below Cochran's rule)"),
    /** Uniformity of an exported bucket column. */
    BUCKET_COLUMN_UNIFORMITY(
        "two-sided: min(1, 2 min(P(X >= x), P(X <= x))) of the chi-square statistic, by the"
            + " chi-square distribution or its seeded Monte Carlo null");

    private final String pValueConvention;

    Kind(String pValueConvention) {
      this.pValueConvention = pValueConvention;
    }

    /** Returns how this kind's p-value is defined, as report.json states it. */
    public String pValueConvention() {
      return pValueConvention;
    }
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public GateId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(parameter, "parameter");
  }

  /** Returns this identity with another rule: the representative of a class of equal rules. */
  public GateId withRule(String newRule) {
    return new GateId(kind, subject, newRule, parameter);
  }
}

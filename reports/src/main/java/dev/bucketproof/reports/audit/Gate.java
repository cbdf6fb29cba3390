package dev.bucketproof.reports.audit;

/**
 * One pass/fail check of an audit, with what was measured.
 *
 * @param population the population's name
 * @param target the audited bucketer's name
 * @param name the check, such as {@code uniformity} or {@code rollout 5%}
 * @param passed whether it passed
 * @param measured what was measured, such as {@code chi-square 171.3, df 99, p = 2.1e-06 (too uneven)}
 */
public record Gate(String population, String target, String name, boolean passed, String measured) {
  /** Returns a line for a failure message: what, where, and the numbers. */
  public String describe() {
    return (passed ? "PASS " : "FAIL ") + name + " for population " + population + ", " + target + ": " + measured;
  }
}

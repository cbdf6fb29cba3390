package dev.bucketproof.reports.audit;

import java.util.Locale;
import java.util.Objects;

/**
 * One check of an audit: its verdict, what was measured, the condition under which its test is
 * valid, and what it could have detected.
 *
 * <pre>{@code
 * Gate gate = new Gate("uuid-10k", "murmur3", "rollout 5%", Gate.Verdict.PASS,
 *     "512 of 10,000 enabled (5.120%), acceptance region [425, 578]", "exact binomial, valid at any size",
 *     new Gate.Power(1.05, "percentage points", "detects a rollout 1.05 points off with 80% power"), 0, 0.61);
 * System.out.println(gate.describe());
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param population the population's name
 * @param target the audited bucketer's name
 * @param name the check, such as {@code uniformity} or {@code rollout 5%}
 * @param verdict pass, fail, or inconclusive (the data cannot decide: too few users for a valid
 *     test)
 * @param measured what was measured, such as {@code chi-square 171.3, df 99, p = 2.1e-06 (too
 *     uneven)}
 * @param validity the test used and the condition it needs, checked on the data, such as {@code
 *     chi-square (expected 100.0 per bucket >= 5)}
 * @param power the smallest effect detected with 80% power at the gate's alpha, in the user's units
 * @param usersNeeded for an inconclusive gate, the users it needs for a valid test; 0 otherwise
 * @param pValue the gate's p-value (its fail decision is {@code pValue < level}); 1 for a gate
 *     without a test (inconclusive), 0 or 1 for an exact count check; its convention is {@code
 *     id.kind().pValueConvention()}
 * @param smallestPValue the smallest p-value this gate's test can give at this size, whatever the
 *     data: when it is not below the level the gate is inconclusive ({@link GateVerdicts#decide});
 *     1 for a gate without a test
 * @param level the level in force: alpha per gate, or Holm's level for this gate's rank
 */
public record Gate(
    GateId id,
    String population,
    String target,
    String name,
    Verdict verdict,
    String measured,
    String validity,
    Power power,
    long usersNeeded,
    double pValue,
    double smallestPValue,
    double level) {

  /** A gate's verdict. */
  public enum Verdict {
    /** The test is valid on this data and did not reject. */
    PASS,
    /** The test is valid on this data and rejected. */
    FAIL,
    /** The data cannot decide: the test's validity condition does not hold (too few users). */
    INCONCLUSIVE;

    /** Returns {@code pass}, {@code fail} or {@code inconclusive}, as report.json spells it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Returns PASS when {@code passed}, else FAIL. */
    public static Verdict of(boolean passed) {
      return passed ? PASS : FAIL;
    }
  }

  /**
   * What a gate could have detected: the smallest effect caught with 80% power at its alpha.
   *
   * @param effect the effect's size, such as 1.05; NaN when no effect is detectable at this size
   * @param unit its unit, such as {@code percentage points}, {@code share of one bucket}, {@code
   *     ratio error}
   * @param text one sentence for a reader, such as {@code detects a rollout 1.05 points off}
   */
  public record Power(double effect, String unit, String text) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if unit or text is null
     * @throws IllegalArgumentException if effect is negative or infinite
     */
    public Power {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(text, "text");
      if (effect < 0 || Double.isInfinite(effect)) {
        throw new IllegalArgumentException("effect must be finite and >= 0, or NaN: " + effect);
      }
    }

    /** Returns a power figure saying that nothing is detectable, with the reason. */
    public static Power none(String unit, String reason) {
      return new Power(Double.NaN, unit, reason);
    }

    /** Returns whether some effect is detectable with 80% power. */
    public boolean detectable() {
      return !Double.isNaN(effect);
    }
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component other than the numbers is null
   * @throws IllegalArgumentException if usersNeeded is negative, or set on a gate that is not
   *     inconclusive, or pValue is outside [0, 1]
   */
  public Gate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(power, "power");
    if (usersNeeded < 0 || (usersNeeded > 0 && verdict != Verdict.INCONCLUSIVE)) {
      throw new IllegalArgumentException(
          "usersNeeded must be >= 0, and 0 unless inconclusive: "
              + usersNeeded
              + " for "
              + verdict);
    }
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("pValue must be within [0, 1]: " + pValue);
    }
    if (!(smallestPValue >= 0 && smallestPValue <= 1)) {
      throw new IllegalArgumentException("smallestPValue must be within [0, 1]: " + smallestPValue);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be within (0, 1): " + level);
    }
  }

  /**
   * Returns a gate decided by {@link GateVerdicts#decide} at {@code level}: fail below it,
   * inconclusive when {@code smallestPValue} cannot reach it (then {@code usersNeeded} is kept),
   * else pass.
   */
  public static Gate decided(
      GateId id,
      String population,
      String target,
      String name,
      String measured,
      String validity,
      Power power,
      long usersNeeded,
      double pValue,
      double smallestPValue,
      double level) {
    double p = Math.max(0, Math.min(1, pValue));
    double floor = Math.max(0, Math.min(1, smallestPValue));
    Verdict verdict = GateVerdicts.decide(p, floor, level);
    return new Gate(
        id,
        population,
        target,
        name,
        verdict,
        measured,
        validity,
        power,
        verdict == Verdict.INCONCLUSIVE ? usersNeeded : 0,
        p,
        floor,
        level);
  }

  /** Returns whether no data could fail this gate: it has no test (its smallest p-value is 1). */
  public boolean undecidable() {
    return smallestPValue >= 1;
  }

  /** Returns whether the verdict is pass. */
  public boolean passed() {
    return verdict == Verdict.PASS;
  }

  /** Returns whether the verdict is fail. */
  public boolean failed() {
    return verdict == Verdict.FAIL;
  }

  /** Returns whether the verdict is inconclusive. */
  public boolean inconclusive() {
    return verdict == Verdict.INCONCLUSIVE;
  }

  /**
   * Returns this gate with another verdict at another level in force (p-values kept); usersNeeded
   * is cleared unless inconclusive.
   */
  public Gate withVerdict(Verdict newVerdict, double newLevel) {
    return new Gate(
        id,
        population,
        target,
        name,
        newVerdict,
        measured,
        validity,
        power,
        newVerdict == Verdict.INCONCLUSIVE ? usersNeeded : 0,
        pValue,
        smallestPValue,
        newLevel);
  }

  /**
   * Returns a line for a failure message: verdict, what, where, the numbers, and the power, such as
   * {@code INCONCLUSIVE salt meta-test for population ids.txt, murmur3: ... [needs 1,000 users]}.
   */
  public String describe() {
    StringBuilder line =
        new StringBuilder(verdict.name())
            .append(' ')
            .append(name)
            .append(" for population ")
            .append(population)
            .append(", ")
            .append(target)
            .append(": ")
            .append(measured);
    if (!validity.isEmpty()) {
      line.append("; test: ").append(validity);
    }
    if (!power.text().isEmpty()) {
      line.append("; power: ").append(power.text());
    }
    if (usersNeeded > 0) {
      line.append(String.format(Locale.ROOT, " [needs %,d users]", usersNeeded));
    }
    return line.toString();
  }
}

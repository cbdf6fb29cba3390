package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.Mismatch;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.Statistics;
import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The counts of one flag: outcomes, variants, the bucket column's histogram and one {@link
 * RuleTally} per candidate rule. Its size depends on the bucket count, the variants and the rules,
 * not on rows.
 *
 * <p>Thread-safety: not thread-safe; confine to the audit's thread.
 */
final class FlagState {
  /**
   * Variant names that mean "not in the experiment" when no weights say which variant is the
   * control.
   */
  static final Set<String> CONTROL_NAMES =
      Set.of("control", "off", "false", "baseline", "default", "disabled");

  // Layout of a (user, flag) outcome code in the user sample: never 0.
  private static final long PRESENT = 1L << 40;
  private static final long KNOWN = 1;
  private static final long MEMBER = 2;
  private static final int ENABLED_SHIFT = 2;
  private static final int VARIANT_SHIFT = 4;
  private static final int BUCKET_SHIFT = 15;

  final String flagKey;
  final int index;
  private final FlagSettings settings;
  private final VariantSplit split;
  private final int bucketCount;
  private final int rolloutThreshold;
  private final Map<String, Integer> variantIndex = new LinkedHashMap<>();
  private final List<String> variantNames = new ArrayList<>();
  private final List<long[]> variantCounts = new ArrayList<>();
  private final List<RuleTally> rules = new ArrayList<>();
  private long rows;
  private long enabledRows;
  private long enabledCount;
  private long bucketRows;
  private long[] bucketCounts;

  FlagState(String flagKey, int index, FlagSettings settings, List<CandidateRule> candidates) {
    this.flagKey = flagKey;
    this.index = index;
    this.settings = settings;
    this.split = settings.split(flagKey);
    this.bucketCount = settings.bucketCount();
    this.rolloutThreshold =
        settings.hasRollout()
                && (long) settings.rolloutBasisPoints() * bucketCount % Rollout.FULL == 0
            ? (int) ((long) settings.rolloutBasisPoints() * bucketCount / Rollout.FULL)
            : -1;
    settings.weights().keySet().forEach(this::addVariant);
    List<CandidateRule> all = new ArrayList<>(candidates);
    all.addAll(settings.profileRules());
    for (CandidateRule candidate : all) {
      rules.add(
          new RuleTally(
              candidate,
              candidate.forFlag(flagKey, bucketCount, settings.rollout(flagKey), split),
              settings));
    }
  }

  /** Returns why {@code row} cannot be used by this flag as {@code "kind: detail"}, or null. */
  String problem(AssignmentRow row) {
    if (row.variant() != null && !variantIndex.containsKey(row.variant())) {
      if (split != null) {
        return "variant not in the weights: variant "
            + RejectLog.quote(row.variant())
            + " of flag "
            + flagKey
            + " is not among its weights "
            + settings.weights().keySet();
      }
      if (variantNames.size() == AssignmentAudit.MAX_VARIANTS) {
        return "too many variants: flag "
            + flagKey
            + " has more than "
            + AssignmentAudit.MAX_VARIANTS
            + " variants; "
            + RejectLog.quote(row.variant())
            + " is one too many";
      }
    }
    if (row.bucket() != null && row.bucket() >= bucketCount) {
      return "bucket out of range: bucket "
          + row.bucket()
          + " of flag "
          + flagKey
          + " is outside [0, "
          + bucketCount
          + "); give the flag's bucket count as \"buckets\" in --flags";
    }
    return null;
  }

  /** Counts a row that {@link #problem} accepted. */
  void count(AssignmentRow row) {
    rows++;
    if (row.enabled() != null) {
      enabledRows++;
      if (row.enabled()) {
        enabledCount++;
      }
    }
    int variant = -1;
    if (row.variant() != null) {
      Integer known = variantIndex.get(row.variant());
      variant = known == null ? addVariant(row.variant()) : known;
      variantCounts.get(variant)[0]++;
    }
    if (row.bucket() != null) {
      if (bucketCounts == null) {
        bucketCounts = new long[bucketCount];
      }
      bucketCounts[row.bucket()]++;
      bucketRows++;
    }
    for (RuleTally rule : rules) {
      rule.count(row, variant);
    }
  }

  private int addVariant(String name) {
    int position = variantNames.size();
    variantIndex.put(name, position);
    variantNames.add(name);
    variantCounts.add(new long[1]);
    return position;
  }

  /**
   * Returns the row's outcome as a non-zero code: membership (for overlap), enabled, variant and
   * bucket.
   */
  long code(AssignmentRow row) {
    long code = PRESENT;
    Boolean member = null;
    if (row.enabled() != null) {
      code |= (row.enabled() ? 2L : 1L) << ENABLED_SHIFT;
      member = row.enabled();
    }
    if (row.variant() != null) {
      code |= (variantIndex.get(row.variant()) + 1L) << VARIANT_SHIFT;
      if (member == null) {
        member = !isControl(row.variant());
      }
    }
    if (row.bucket() != null) {
      code |= (row.bucket() + 1L) << BUCKET_SHIFT;
      if (member == null && rolloutThreshold >= 0) {
        member = row.bucket() < rolloutThreshold;
      }
    }
    if (member != null) {
      code |= KNOWN | (member ? MEMBER : 0);
    }
    return code;
  }

  private boolean isControl(String variant) {
    return split != null
        ? variant.equals(split.variants().get(0).name())
        : CONTROL_NAMES.contains(variant.toLowerCase(Locale.ROOT));
  }

  static boolean known(long code) {
    return (code & KNOWN) != 0;
  }

  static boolean member(long code) {
    return (code & MEMBER) != 0;
  }

  /** Returns a code as {@code enabled=true, variant=treatment, bucket=3}. */
  String describe(long code) {
    List<String> parts = new ArrayList<>();
    long enabled = (code >>> ENABLED_SHIFT) & 3;
    if (enabled != 0) {
      parts.add("enabled=" + (enabled == 2));
    }
    long variant = (code >>> VARIANT_SHIFT) & 0x7ff;
    if (variant != 0) {
      parts.add("variant=" + variantNames.get((int) variant - 1));
    }
    long bucket = (code >>> BUCKET_SHIFT) & 0x1fffff;
    if (bucket != 0) {
      parts.add("bucket=" + (bucket - 1));
    }
    return String.join(", ", parts);
  }

  private double alpha;

  FlagFindings findings(String source, double alpha) {
    this.alpha = alpha;
    Map<String, Long> variants = new LinkedHashMap<>();
    for (int i = 0; i < variantNames.size(); i++) {
      variants.put(variantNames.get(i), variantCounts.get(i)[0]);
    }
    List<Gate> gates = new ArrayList<>();
    Statistics.RolloutAccuracy accuracy = null;
    if (settings.hasRollout() && enabledRows > 0) {
      accuracy =
          Statistics.rolloutAccuracy(
              settings.rolloutPercent(),
              settings.rolloutBasisPoints() / (double) Rollout.FULL,
              enabledRows,
              enabledCount,
              alpha);
      gates.add(
          gate(
              source,
              "rollout " + settings.rolloutPercent() + "%",
              Gate.Verdict.of(accuracy.passed()),
              String.format(
                  Locale.ROOT,
                  "%,d of %,d rows enabled (%s), acceptance region [%,d, %,d], Wilson [%s, %s]",
                  enabledCount,
                  enabledRows,
                  Numbers.percentBrief(accuracy.observedShare()),
                  accuracy.lowest(),
                  accuracy.highest(),
                  Numbers.percentBrief(accuracy.wilsonLow()),
                  Numbers.percentBrief(accuracy.wilsonHigh())),
              "exact binomial, valid at any size",
              rolloutPower(enabledRows),
              0,
              accuracy.passed() ? 1 : 0));
    } else if (enabledRows > 0) {
      gates.add(
          gate(
              source,
              "rollout",
              Gate.Verdict.INCONCLUSIVE,
              String.format(
                  Locale.ROOT,
                  "%,d of %,d rows enabled (%s); no rollout configured for this flag (--flags)",
                  enabledCount,
                  enabledRows,
                  Numbers.percentBrief((double) enabledCount / enabledRows)),
              "exact binomial, needs the intended percentage",
              NOT_CONFIGURED,
              0,
              1));
    }
    Statistics.SampleRatioMismatch mismatch = null;
    long variantRows = variants.values().stream().mapToLong(Long::longValue).sum();
    if (split != null && variantRows > 0) {
      long[] observed = new long[split.variants().size()];
      double[] weights = new double[observed.length];
      String zeroWeightUsed = null;
      for (int i = 0; i < observed.length; i++) {
        observed[i] = variants.get(split.variants().get(i).name());
        weights[i] = split.variants().get(i).weight();
        if (weights[i] == 0 && observed[i] > 0) {
          zeroWeightUsed =
              String.format(
                  Locale.ROOT,
                  "variant %s has weight 0 but %,d rows",
                  split.variants().get(i).name(),
                  observed[i]);
        }
      }
      if (zeroWeightUsed != null) {
        gates.add(
            gate(
                source,
                "sample ratio mismatch",
                Gate.Verdict.FAIL,
                zeroWeightUsed,
                "exact count, valid at any size",
                new Gate.Power(1, "rows", "any one row in a variant of weight 0 fails it"),
                0,
                0));
      } else {
        mismatch = Statistics.sampleRatioMismatch(observed, weights, alpha);
        double smallestExpected =
            java.util.Arrays.stream(mismatch.expected()).filter(e -> e > 0).min().orElse(0);
        if (smallestExpected < AssignmentAudit.MIN_EXPECTED) {
          double smallestShare = smallestExpected / variantRows;
          gates.add(
              gate(
                  source,
                  "sample ratio mismatch",
                  Gate.Verdict.INCONCLUSIVE,
                  srmSentence(mismatch),
                  String.format(
                      Locale.ROOT,
                      "chi-square needs an expected count >= 5 per variant: smallest %.2f",
                      smallestExpected),
                  splitPower(variantRows, weights),
                  (long) Math.ceil(AssignmentAudit.MIN_EXPECTED / smallestShare),
                  mismatch.pValue()));
        } else {
          gates.add(
              gate(
                  source,
                  "sample ratio mismatch",
                  Gate.Verdict.of(!mismatch.mismatch()),
                  srmSentence(mismatch),
                  String.format(
                      Locale.ROOT,
                      "chi-square (expected >= %.0f per variant)",
                      Math.floor(smallestExpected)),
                  splitPower(variantRows, weights),
                  0,
                  mismatch.pValue()));
        }
      }
    } else if (variantRows > 0) {
      gates.add(
          gate(
              source,
              "sample ratio mismatch",
              Gate.Verdict.INCONCLUSIVE,
              String.format(
                  Locale.ROOT,
                  "%,d rows in %d variants; no weights configured for this flag (--flags)",
                  variantRows,
                  variants.size()),
              "chi-square, needs the intended weights",
              NOT_CONFIGURED,
              0,
              1));
    }
    Statistics.Uniformity uniformity = null;
    if (bucketCounts != null && bucketCount >= 2) {
      uniformity = Statistics.uniformity(bucketCounts, alpha);
      double expected = (double) bucketRows / bucketCount;
      String measured =
          String.format(
              Locale.ROOT,
              "chi-square %.1f, df %d, p %s, lower tail %s (%s), %,d rows in %,d buckets",
              uniformity.statistic(),
              uniformity.degreesOfFreedom(),
              AssignmentAudit.pValue(uniformity.pValue()),
              Numbers.probability(uniformity.lowerTail()),
              uniformity.verdict(),
              bucketRows,
              bucketCount);
      double pValue = Math.min(1, 2 * Math.min(uniformity.pValue(), uniformity.lowerTail()));
      if (expected < AssignmentAudit.MIN_EXPECTED) {
        gates.add(
            gate(
                source,
                "uniformity of the bucket column",
                Gate.Verdict.INCONCLUSIVE,
                measured,
                String.format(
                    Locale.ROOT,
                    "chi-square needs an expected count >= 5 per bucket: %.2f",
                    expected),
                uniformityPower(bucketRows),
                (long) (AssignmentAudit.MIN_EXPECTED * bucketCount),
                pValue));
      } else {
        gates.add(
            gate(
                source,
                "uniformity of the bucket column",
                Gate.Verdict.of(uniformity.passed()),
                measured,
                String.format(Locale.ROOT, "chi-square (expected %.1f per bucket >= 5)", expected),
                uniformityPower(bucketRows),
                0,
                pValue));
      }
    }
    List<RuleMatch> matches = new ArrayList<>();
    for (RuleTally rule : rules) {
      matches.add(rule.match());
    }
    // Best first: highest share; a stable sort keeps the candidates' order among ties.
    matches.sort(
        Comparator.comparingDouble(
                (RuleMatch match) -> match.rowsCompared() == 0 ? -1 : match.share())
            .reversed());
    return new FlagFindings(
        flagKey,
        settings,
        rows,
        enabledRows,
        enabledCount,
        variants,
        bucketCounts == null ? new long[0] : bucketCounts.clone(),
        accuracy,
        mismatch,
        uniformity,
        List.copyOf(matches),
        List.copyOf(gates));
  }

  private String srmSentence(Statistics.SampleRatioMismatch srm) {
    StringBuilder observed = new StringBuilder();
    for (int i = 0; i < srm.observed().length; i++) {
      observed
          .append(i == 0 ? "" : " / ")
          .append(String.format(Locale.ROOT, "%,d", srm.observed()[i]));
    }
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < srm.expected().length; i++) {
      expected
          .append(i == 0 ? "" : " / ")
          .append(String.format(Locale.ROOT, "%,.0f", srm.expected()[i]));
    }
    return String.format(
        Locale.ROOT,
        "%s observed %s, expected %s; chi-square %.2f, df %d, p %s",
        String.join(" / ", settings.weights().keySet()),
        observed,
        expected,
        srm.statistic(),
        srm.degreesOfFreedom(),
        AssignmentAudit.pValue(srm.pValue()));
  }

  /** The power of a gate that has no intended value to test against. */
  static final Gate.Power NOT_CONFIGURED =
      Gate.Power.none("", "nothing: no intended value configured");

  private Gate.Power rolloutPower(long rows) {
    double share = settings.rolloutBasisPoints() / (double) Rollout.FULL;
    if (share == 0 || share == 1) {
      return new Gate.Power(0, "percentage points", "any one row on the wrong side fails it");
    }
    PowerAnalysis.RolloutPower detectable = PowerAnalysis.rollout(rows, share, alpha);
    String high =
        Double.isNaN(detectable.tooHigh())
            ? "no rollout too high"
            : String.format(Locale.ROOT, "%.2f points too high", detectable.tooHigh() * 100);
    String low =
        Double.isNaN(detectable.tooLow())
            ? "no rollout too low"
            : String.format(Locale.ROOT, "%.2f points too low", detectable.tooLow() * 100);
    return new Gate.Power(
        Double.isNaN(detectable.eitherWay()) ? Double.NaN : detectable.eitherWay() * 100,
        "percentage points",
        "catches " + high + ", " + low + " (exact binomial power)");
  }

  private Gate.Power splitPower(long rows, double[] weights) {
    double error = PowerAnalysis.splitError(rows, weights, alpha);
    return new Gate.Power(
        error * 100,
        "percent of the smallest variant's share",
        String.format(
            Locale.ROOT,
            "catches the smallest variant %.2f%% off its weight (noncentral chi-square)",
            error * 100));
  }

  private Gate.Power uniformityPower(long rows) {
    double deviation = PowerAnalysis.uniformityDeviation(rows, bucketCount, alpha);
    return new Gate.Power(
        deviation * 100,
        "percent of one bucket's expected count",
        String.format(
            Locale.ROOT,
            "a bucket %.1f%% off its expected count (noncentral chi-square)",
            deviation * 100));
  }

  private Gate gate(
      String source,
      String name,
      Gate.Verdict verdict,
      String measured,
      String validity,
      Gate.Power power,
      long usersNeeded,
      double pValue) {
    return new Gate(source, flagKey, name, verdict, measured, validity, power, usersNeeded, pValue);
  }

  /**
   * How one candidate rule fares on one flag. A row is compared on its most specific outcome: the
   * bucket column if present, else the variant, else {@code enabled}. With the flag's weights or
   * rollout configured each row is compared at once (and a mismatch listed); without, the row goes
   * into a (rule bucket x outcome) table, from which the best cut-off and its match count follow.
   */
  static final class RuleTally {
    private final CandidateRule candidate;
    private final CandidateRule.FlagRule rule;
    private final int ruleBuckets;
    private final boolean hasSplit;
    private final int flagBuckets;
    private long compared;
    private long matched;
    private long nonAscii;
    private final List<Mismatch> mismatches = new ArrayList<>();
    private long[] enabledTable;
    private long tabled;
    private final List<long[]> variantTables = new ArrayList<>();
    private long variantTabled;

    RuleTally(CandidateRule candidate, CandidateRule.FlagRule rule, FlagSettings settings) {
      this.candidate = candidate;
      this.rule = rule;
      this.ruleBuckets = rule.bucketCount();
      this.hasSplit = settings.hasWeights();
      this.flagBuckets = settings.bucketCount();
    }

    /** Counts a row; {@code variant} is the index of its variant among the flag's, or -1. */
    void count(AssignmentRow row, int variant) {
      String user = row.userId();
      if (row.bucket() != null) {
        if (ruleBuckets == flagBuckets) {
          int expected = rule.bucket(user);
          compare(row, expected == row.bucket(), "bucket=" + expected, "bucket=" + row.bucket());
        }
        return;
      }
      if (row.variant() != null) {
        String expected = hasSplit ? rule.variant(user) : null;
        if (expected != null) {
          compare(
              row,
              expected.equals(row.variant()),
              "variant=" + (expected.isEmpty() ? "(none)" : expected),
              "variant=" + row.variant());
          return;
        }
        int bucket = rule.variantBucket(user);
        if (bucket >= 0) {
          while (variantTables.size() <= variant) {
            variantTables.add(new long[ruleBuckets]);
          }
          variantTables.get(variant)[bucket]++;
          variantTabled++;
        }
        return;
      }
      if (row.enabled() != null) {
        Boolean expected = rule.enabled(user);
        if (expected != null) {
          compare(
              row, expected == row.enabled(), "enabled=" + expected, "enabled=" + row.enabled());
          return;
        }
        if (enabledTable == null) {
          enabledTable = new long[2 * ruleBuckets];
        }
        enabledTable[2 * rule.bucket(user) + (row.enabled() ? 1 : 0)]++;
        tabled++;
      }
    }

    private void compare(AssignmentRow row, boolean same, String expected, String observed) {
      compared++;
      if (same) {
        matched++;
        return;
      }
      if (!AssignmentAudit.isAscii(row.userId())) {
        nonAscii++;
      }
      if (mismatches.size() < AssignmentAudit.MISMATCHES_KEPT) {
        mismatches.add(new Mismatch(row.line(), row.userId(), expected, observed));
      }
    }

    RuleMatch match() {
      long rowsCompared = compared;
      long rowsMatched = matched;
      String inferred = null;
      if (tabled > 0) {
        // matches(t) = sum_{b < t} enabled[b] + sum_{b >= t} disabled[b]; step t -> t + 1 adds
        // enabled[t] - disabled[t].
        long current = 0;
        for (int bucket = 0; bucket < ruleBuckets; bucket++) {
          current += enabledTable[2 * bucket];
        }
        long best = current;
        int bestThreshold = 0;
        for (int t = 0; t < ruleBuckets; t++) {
          current += enabledTable[2 * t + 1] - enabledTable[2 * t];
          if (current > best) {
            best = current;
            bestThreshold = t + 1;
          }
        }
        rowsCompared += tabled;
        rowsMatched += best;
        inferred =
            "rollout "
                + java.math.BigDecimal.valueOf(bestThreshold * 100L)
                    .divide(
                        java.math.BigDecimal.valueOf(ruleBuckets),
                        4,
                        java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString()
                + "%";
      }
      if (variantTabled > 0) {
        // Without weights: a rule that made the rows puts each variant bucket in one variant, so
        // the most
        // common variant of each bucket is what the rule, completed with the best weights,
        // reproduces.
        for (int bucket = 0; bucket < ruleBuckets; bucket++) {
          long most = 0;
          for (long[] table : variantTables) {
            most = Math.max(most, table[bucket]);
          }
          rowsMatched += most;
        }
        rowsCompared += variantTabled;
        inferred =
            inferred == null
                ? "each variant bucket's most common variant"
                : inferred + "; each variant bucket's most common variant";
      }
      return new RuleMatch(
          candidate.name(),
          candidate.description(),
          rowsCompared,
          rowsMatched,
          inferred,
          tabled == 0 && variantTabled == 0,
          nonAscii,
          List.copyOf(mismatches));
    }
  }
}

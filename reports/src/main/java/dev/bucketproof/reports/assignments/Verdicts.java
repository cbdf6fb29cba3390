package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.reports.assignments.AssignmentFindings.FlagFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.PairFindings;
import dev.bucketproof.reports.assignments.AssignmentFindings.RuleMatch;
import dev.bucketproof.reports.audit.BucketerFindings;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.GateId;
import dev.bucketproof.reports.audit.GateVerdicts;
import dev.bucketproof.reports.statistics.Independence;
import dev.bucketproof.reports.statistics.PowerAnalysis;
import dev.bucketproof.reports.statistics.RolloutAccuracy;
import dev.bucketproof.reports.statistics.SampleRatioMismatch;
import dev.bucketproof.reports.statistics.SequentialSrm;
import dev.bucketproof.reports.statistics.Uniformity;
import dev.bucketproof.reports.text.Numbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@link AssignmentCounts} into {@link AssignmentFindings}: per flag the rollout, sample
 * ratio mismatch and uniformity gates and the fingerprint; across flags the independence of every
 * pair (Holm's correction over the tested pairs). Reads the counts and the settings only, so counts
 * merged from any parts give the verdicts of one pass.
 *
 * <p>Thread-safety: stateless.
 */
final class Verdicts {
  /** The power of a gate that has no intended value to test against. */
  static final Gate.Power NOT_CONFIGURED =
      Gate.Power.none("", "nothing: no intended value configured");

  private Verdicts() {}

  static AssignmentFindings findings(
      String source, AssignmentCounts counts, AssignmentSettings settings) {
    long rows = counts.rows();
    AssignmentCounts.RejectCounts rejects = counts.rejects();
    if (rows == 0 || rejects.total() > rows) {
      StringBuilder message =
          new StringBuilder(
              rows == 0
                  ? String.format(
                      Locale.ROOT, "%s: no readable rows (%,d rejected)", source, rejects.total())
                  : String.format(
                      Locale.ROOT,
                      "%s is mostly unreadable: %,d rows rejected, %,d used",
                      source,
                      rejects.total(),
                      rows));
      List<AssignmentFindings.RejectedLine> first = rejects.first();
      for (int i = 0; i < Math.min(3, first.size()); i++) {
        message
            .append(i == 0 ? "; " : ", ")
            .append("line ")
            .append(first.get(i).line())
            .append(": ")
            .append(first.get(i).reason());
      }
      throw new IllegalArgumentException(message.toString());
    }
    List<FlagFindings> flagFindings = new ArrayList<>();
    List<String> flagOrder = new ArrayList<>();
    for (AssignmentCounts.FlagCounts flag : counts.flags()) {
      flagFindings.add(new FlagVerdicts(flag, settings).findings(source));
      flagOrder.add(flag.flagKey());
    }
    Map<String, Long> byReason = rejects.byReason();
    AssignmentCounts.UserCounts users = counts.users();
    return new AssignmentFindings(
        source,
        counts.lines(),
        rows,
        new AssignmentFindings.Rejects(
            rejects.total(), byReason.isEmpty() ? Map.of() : byReason, rejects.first()),
        users.duplicates(),
        users.conflicts(),
        users.examples(),
        users.sampleLevel(),
        users.sampledPairs(),
        List.copyOf(flagFindings),
        pairs(source, counts, flagOrder, settings),
        settings.alpha(),
        Double.NaN);
  }

  /** The verdicts of one flag. */
  static final class FlagVerdicts {
    private final AssignmentCounts.FlagCounts counts;
    private final String flagKey;
    private final FlagSettings settings;
    private final VariantSplit split;
    private final int bucketCount;
    private final double alpha;
    private final List<CandidateRule> candidates = new ArrayList<>();

    FlagVerdicts(AssignmentCounts.FlagCounts counts, AssignmentSettings all) {
      this.counts = counts;
      this.flagKey = counts.flagKey();
      this.settings = all.flag(flagKey);
      this.split = settings.split(flagKey);
      this.bucketCount = settings.bucketCount();
      this.alpha = all.alpha();
      candidates.addAll(all.candidates());
      candidates.addAll(settings.profileRules());
    }

    FlagFindings findings(String source) {
      Map<String, Long> variants = new LinkedHashMap<>();
      for (String configured : settings.weights().keySet()) {
        variants.put(configured, counts.variantRows(configured));
      }
      for (AssignmentCounts.VariantCount variant : counts.variants()) {
        variants.putIfAbsent(variant.name(), variant.rows());
      }
      long rows = counts.rows();
      long enabledRows = counts.enabledRows();
      long enabledCount = counts.enabledCount();
      long[] bucketCounts = counts.buckets().length == 0 ? null : counts.buckets();
      long bucketRows = 0;
      if (bucketCounts != null) {
        for (long count : bucketCounts) {
          bucketRows += count;
        }
      }
      List<Gate> gates = new ArrayList<>();
      RolloutAccuracy accuracy = null;
      if (settings.hasRollout() && enabledRows > 0) {
        accuracy =
            RolloutAccuracy.of(
                settings.rolloutPercent(),
                settings.rolloutBasisPoints() / (double) Rollout.FULL,
                enabledRows,
                enabledCount,
                alpha);
        gates.add(
            gate(
                source,
                GateId.Kind.ROLLOUT,
                settings.rolloutPercent(),
                "rollout " + settings.rolloutPercent() + "%",
                BucketerFindings.rolloutMeasured(accuracy, "rows enabled"),
                BucketerFindings.rolloutValidity(accuracy, alpha),
                BucketerFindings.rolloutPower(enabledRows, accuracy.expectedShare(), alpha),
                RolloutAccuracy.usersNeeded(accuracy.expectedShare(), alpha),
                accuracy.pValue(),
                GateVerdicts.rolloutFloor(enabledRows, accuracy.expectedShare())));
      } else if (enabledRows > 0) {
        gates.add(
            gate(
                source,
                GateId.Kind.ROLLOUT,
                "",
                "rollout",
                String.format(
                    Locale.ROOT,
                    "%,d of %,d rows enabled (%s); no rollout configured for this flag (--flags)",
                    enabledCount,
                    enabledRows,
                    Numbers.percentBrief((double) enabledCount / enabledRows)),
                "exact binomial, needs the intended percentage",
                NOT_CONFIGURED,
                0,
                1,
                1));
      }
      SampleRatioMismatch mismatch = null;
      long variantRows = variants.values().stream().mapToLong(Long::longValue).sum();
      if (split != null && variantRows > 0) {
        long[] observed = new long[split.variants().size()];
        double[] weights = new double[observed.length];
        String zeroWeightUsed = null;
        int positiveWeights = 0;
        String weighted = null;
        for (int i = 0; i < observed.length; i++) {
          observed[i] = variants.get(split.variants().get(i).name());
          weights[i] = split.variants().get(i).weight();
          if (weights[i] > 0) {
            positiveWeights++;
            weighted = split.variants().get(i).name();
          }
          if (weights[i] == 0 && observed[i] > 0) {
            zeroWeightUsed =
                String.format(
                    Locale.ROOT,
                    "variant %s has weight 0 but %,d rows",
                    split.variants().get(i).name(),
                    observed[i]);
          }
        }
        if (zeroWeightUsed != null || positiveWeights < 2) {
          // An exact count: any row in a variant of weight 0 fails it; with one variant of weight
          // > 0 and no such row, every user got that variant and there is nothing else to test.
          gates.add(
              gate(
                  source,
                  GateId.Kind.SAMPLE_RATIO_MISMATCH,
                  "",
                  "sample ratio mismatch",
                  zeroWeightUsed != null
                      ? zeroWeightUsed
                      : String.format(
                          Locale.ROOT,
                          "all %,d rows in variant %s, the only variant of weight > 0",
                          variantRows,
                          weighted),
                  "exact count, valid at any size",
                  new Gate.Power(1, "rows", "any one row in a variant of weight 0 fails it"),
                  0,
                  zeroWeightUsed != null ? 0 : 1,
                  0));
        } else {
          mismatch = SampleRatioMismatch.of(observed, weights, alpha);
          double smallestExpected =
              Arrays.stream(mismatch.expected()).filter(e -> e > 0).min().orElse(0);
          double smallestShare = smallestExpected / variantRows;
          gates.add(
              gate(
                  source,
                  GateId.Kind.SAMPLE_RATIO_MISMATCH,
                  "",
                  "sample ratio mismatch",
                  srmSentence(mismatch),
                  String.format(
                      Locale.ROOT,
                      "%s (smallest expected count %.2f); smallest attainable p-value %s",
                      mismatch.method(),
                      smallestExpected,
                      Numbers.probability(mismatch.smallestPValue())),
                  splitPower(variantRows, weights),
                  (long) Math.ceil(AssignmentAudit.MIN_EXPECTED / smallestShare),
                  mismatch.pValue(),
                  mismatch.smallestPValue()));
        }
      } else if (variantRows > 0) {
        gates.add(
            gate(
                source,
                GateId.Kind.SAMPLE_RATIO_MISMATCH,
                "",
                "sample ratio mismatch",
                String.format(
                    Locale.ROOT,
                    "%,d rows in %d variants; no weights configured for this flag (--flags)",
                    variantRows,
                    variants.size()),
                "chi-square, needs the intended weights",
                NOT_CONFIGURED,
                0,
                1,
                1));
      }
      Uniformity uniformity = null;
      if (bucketCounts != null && bucketCount >= 2) {
        uniformity = Uniformity.of(bucketCounts, alpha);
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
        gates.add(
            gate(
                source,
                GateId.Kind.BUCKET_COLUMN_UNIFORMITY,
                Integer.toString(bucketCount),
                "uniformity of the bucket column",
                measured,
                String.format(
                    Locale.ROOT,
                    "%s (expected %.2f per bucket; chi-square needs >= 5); smallest attainable"
                        + " p-value %s",
                    uniformity.method(),
                    expected,
                    Numbers.probability(uniformity.smallestTwoSidedPValue())),
                BucketerFindings.uniformityPower(bucketRows, bucketCount, alpha),
                (long) (AssignmentAudit.MIN_EXPECTED * bucketCount),
                uniformity.twoSidedPValue(),
                uniformity.smallestTwoSidedPValue()));
      }
      List<RuleMatch> matches = new ArrayList<>();
      Map<String, AssignmentCounts.RuleCounts> byRule = new LinkedHashMap<>();
      counts.rules().forEach(rule -> byRule.put(rule.rule(), rule));
      for (CandidateRule candidate : candidates) {
        AssignmentCounts.RuleCounts rule = byRule.remove(candidate.name());
        if (rule != null) {
          matches.add(
              match(
                  rule,
                  rule.skipped() == 0
                      ? candidate.description()
                      : candidate.description()
                          + " (ranked on a 1/64 sample of users, not run on every row)"));
        }
      }
      byRule.values().forEach(rule -> matches.add(match(rule, rule.rule())));
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
          List.copyOf(gates),
          sequential());
    }

    /**
     * The sequential SRM path by day: with a time column and weights that are all positive, the
     * anytime-valid p-value after each day's rows, added in day order; else null.
     */
    private AssignmentFindings.SequentialPath sequential() {
      if (split == null || counts.days().isEmpty()) {
        return null;
      }
      int k = split.variants().size();
      double[] weights = new double[k];
      for (int i = 0; i < k; i++) {
        weights[i] = split.variants().get(i).weight();
        if (weights[i] <= 0) {
          return null;
        }
      }
      SequentialSrm.Path path =
          SequentialSrm.of(weights, SequentialSrm.DEFAULT_CONCENTRATION).path();
      List<AssignmentFindings.SequentialDay> days = new ArrayList<>();
      String crossing = null;
      for (AssignmentCounts.DayCount day : counts.days()) {
        long[] rows = new long[k];
        for (int i = 0; i < k; i++) {
          rows[i] = day.variants().getOrDefault(split.variants().get(i).name(), 0L);
        }
        double p = path.add(rows);
        days.add(new AssignmentFindings.SequentialDay(day.day(), path.counts(), p));
        if (crossing == null && p <= alpha) {
          crossing = day.day();
        }
      }
      return new AssignmentFindings.SequentialPath(
          SequentialSrm.DEFAULT_CONCENTRATION, alpha, days, crossing);
    }

    private String srmSentence(SampleRatioMismatch srm) {
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

    private Gate.Power splitPower(long rows, double[] weights) {
      double error = PowerAnalysis.splitError(rows, weights, alpha);
      if (Double.isNaN(error)) {
        return Gate.Power.none(
            "percent of the smallest variant's share",
            String.format(
                Locale.ROOT,
                "no error of a variant's share is caught with 80%% power at %,d rows",
                rows));
      }
      return new Gate.Power(
          error * 100,
          "percent of the smallest variant's share",
          String.format(
              Locale.ROOT,
              "catches the smallest variant %.2f%% off its weight (noncentral chi-square)",
              error * 100));
    }

    private Gate gate(
        String source,
        GateId.Kind kind,
        String parameter,
        String name,
        String measured,
        String validity,
        Gate.Power power,
        long usersNeeded,
        double pValue,
        double smallestPValue) {
      return Gate.decided(
          new GateId(kind, flagKey, source, parameter),
          source,
          flagKey,
          name,
          measured,
          validity,
          power,
          usersNeeded,
          pValue,
          smallestPValue,
          alpha);
    }

    static RuleMatch match(AssignmentCounts.RuleCounts rule, String description) {
      long rowsCompared = rule.compared();
      long rowsMatched = rule.matched();
      long[] enabledTable = rule.enabledTable();
      long tabled = rule.tabled();
      long variantTabled = rule.variantTabled();
      int ruleBuckets =
          enabledTable.length > 0
              ? enabledTable.length / 2
              : rule.variantTables().isEmpty() ? 0 : rule.variantTables().get(0).buckets().length;
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
                + BigDecimal.valueOf(bestThreshold * 100L)
                    .divide(BigDecimal.valueOf(ruleBuckets), 4, RoundingMode.HALF_EVEN)
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
          for (AssignmentCounts.VariantTable table : rule.variantTables()) {
            most = Math.max(most, table.buckets()[bucket]);
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
          rule.rule(),
          description,
          rowsCompared,
          rowsMatched,
          inferred,
          tabled == 0 && variantTabled == 0,
          rule.nonAscii(),
          rule.mismatches());
    }
  }

  /**
   * Tests every pair of flags whose sampled users share enough users; Holm's correction over the
   * tested.
   */
  private static List<PairFindings> pairs(
      String source, AssignmentCounts counts, List<String> flagOrder, AssignmentSettings settings) {
    AssignmentCounts.UserCounts users = counts.users();
    record Pair(
        String a, String b, long[][] table, Independence test, String untestable, long needed) {}
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < flagOrder.size(); i++) {
      for (int j = i + 1; j < flagOrder.size(); j++) {
        String a = flagOrder.get(i);
        String b = flagOrder.get(j);
        long[][] table = users.table(a, b);
        long shared = table == null ? 0 : table[0][0] + table[0][1] + table[1][0] + table[1][1];
        if (shared == 0) {
          continue;
        }
        String untestable = untestable(a, b, table, shared);
        pairs.add(
            new Pair(
                a,
                b,
                table,
                untestable == null ? Independence.of(table, settings.alpha()) : null,
                untestable,
                untestable == null ? 0 : usersNeeded(table)));
      }
    }
    List<Pair> tested =
        pairs.stream()
            .filter(pair -> pair.test != null)
            .sorted(Comparator.comparingDouble(pair -> pair.test.pValue()))
            .toList();
    Map<Pair, Double> levels = new HashMap<>();
    Map<Pair, Boolean> rejected = new HashMap<>();
    boolean rejecting = true;
    for (int rank = 0; rank < tested.size(); rank++) {
      Pair pair = tested.get(rank);
      double level = settings.alpha() / (tested.size() - rank);
      // Holm: in order of p, reject while p <= alpha / (m - rank); the first acceptance stops
      // rejecting.
      rejecting = rejecting && pair.test.pValue() <= level;
      levels.put(pair, level);
      rejected.put(pair, rejecting);
    }
    List<PairFindings> findings = new ArrayList<>();
    for (Pair pair : pairs) {
      String name = "independence " + pair.a + " x " + pair.b;
      String target = pair.a + " x " + pair.b;
      if (pair.test == null) {
        Gate gate =
            new Gate(
                new GateId(GateId.Kind.INDEPENDENCE, pair.a + " x " + pair.b, source, ""),
                source,
                target,
                name,
                Gate.Verdict.INCONCLUSIVE,
                pair.untestable,
                "chi-square on the 2x2 overlap, needs >= "
                    + AssignmentAudit.MIN_SHARED_USERS
                    + " shared users and an expected count >= 5 per cell",
                Gate.Power.none("percentage points", "nothing at this size"),
                pair.needed,
                1,
                1,
                settings.alpha());
        findings.add(
            new PairFindings(pair.a, pair.b, pair.table, null, Double.NaN, gate, pair.untestable));
        continue;
      }
      double level = levels.get(pair);
      boolean passed = !rejected.get(pair);
      String measured =
          overlapSentence(pair.a, pair.b, pair.table, passed)
              + String.format(
                  Locale.ROOT,
                  " (%,d shared users%s, chi-square %.1f, df 1, p %s, Holm level %s over %d pairs)",
                  sharedOf(pair.table),
                  users.sampleLevel() == 0
                      ? ""
                      : ", a 1/" + (1L << users.sampleLevel()) + " sample of users",
                  pair.test.statistic(),
                  AssignmentAudit.pValue(pair.test.pValue()),
                  Numbers.probability(level),
                  tested.size());
      Gate gate =
          new Gate(
              new GateId(GateId.Kind.INDEPENDENCE, pair.a + " x " + pair.b, source, ""),
              source,
              target,
              name,
              pair.test.smallestPValue() >= level && passed
                  ? Gate.Verdict.INCONCLUSIVE
                  : Gate.Verdict.of(passed),
              measured,
              "chi-square on the 2x2 overlap of sampled shared users (expected >= 5 per cell), Holm over the pairs",
              independencePower(pair.table, level),
              0,
              pair.test.pValue(),
              pair.test.smallestPValue(),
              level);
      findings.add(new PairFindings(pair.a, pair.b, pair.table, pair.test, level, gate, measured));
    }
    return List.copyOf(findings);
  }

  private static long sharedOf(long[][] table) {
    return table[0][0] + table[0][1] + table[1][0] + table[1][1];
  }

  private static String untestable(String a, String b, long[][] table, long shared) {
    if (shared < AssignmentAudit.MIN_SHARED_USERS) {
      return String.format(
          Locale.ROOT,
          "flags %s and %s share %,d sampled users; independence needs %,d",
          a,
          b,
          shared,
          AssignmentAudit.MIN_SHARED_USERS);
    }
    long inA = table[1][0] + table[1][1];
    long inB = table[0][1] + table[1][1];
    double expectedMin =
        (double) Math.min(inA, shared - inA) * Math.min(inB, shared - inB) / shared;
    if (expectedMin < AssignmentAudit.MIN_EXPECTED) {
      double rate =
          (double) Math.min(inA, shared - inA) * Math.min(inB, shared - inB) / shared / shared;
      long needed = rate == 0 ? -1 : (long) Math.ceil(AssignmentAudit.MIN_EXPECTED / rate);
      return String.format(
          Locale.ROOT,
          "flags %s and %s: the smallest expected cell is %.2f users (%,d shared);"
              + " the chi-square test needs >= %.0f%s",
          a,
          b,
          expectedMin,
          shared,
          AssignmentAudit.MIN_EXPECTED,
          needed < 0
              ? " (a flag enables all or none of them)"
              : String.format(Locale.ROOT, ", about %,d shared users", needed));
    }
    return null;
  }

  /**
   * Returns what the pair's test catches at its Holm level: the excess share of users in both
   * flags.
   */
  private static Gate.Power independencePower(long[][] table, double level) {
    long shared = sharedOf(table);
    double rateA = (double) (table[1][0] + table[1][1]) / shared;
    double rateB = (double) (table[0][1] + table[1][1]) / shared;
    double excess = PowerAnalysis.independenceExcess(shared, rateA, rateB, level);
    return new Gate.Power(
        excess * 100,
        "percentage points",
        String.format(
            Locale.ROOT,
            "catches users in both flags at %s instead of %s (%.3f points; noncentral chi-square)",
            Numbers.percentBrief(rateA * rateB + excess),
            Numbers.percentBrief(rateA * rateB),
            excess * 100));
  }

  /**
   * Returns the shared users the pair needs for every expected cell to reach 5 at the observed
   * rates; 0 if none would.
   */
  private static long usersNeeded(long[][] table) {
    long shared = sharedOf(table);
    if (shared == 0) {
      return AssignmentAudit.MIN_SHARED_USERS;
    }
    long inA = table[1][0] + table[1][1];
    long inB = table[0][1] + table[1][1];
    double rate =
        (double) Math.min(inA, shared - inA) * Math.min(inB, shared - inB) / shared / shared;
    return rate == 0
        ? 0
        : Math.max(
            AssignmentAudit.MIN_SHARED_USERS,
            (long) Math.ceil(AssignmentAudit.MIN_EXPECTED / rate));
  }

  private static String overlapSentence(String a, String b, long[][] table, boolean passed) {
    double shared = sharedOf(table);
    double rateA = (table[1][0] + table[1][1]) / shared;
    double rateB = (table[0][1] + table[1][1]) / shared;
    double overlap = table[1][1] / shared;
    String lead =
        passed
            ? String.format(Locale.ROOT, "flags %s and %s pick independent users:", a, b)
            : overlap > rateA * rateB
                ? String.format(Locale.ROOT, "flags %s and %s enable the same users:", a, b)
                : String.format(Locale.ROOT, "flags %s and %s avoid each other's users:", a, b);
    return String.format(
        Locale.ROOT,
        "%s overlap %s where independence predicts %s",
        lead,
        Numbers.percentBrief(overlap),
        Numbers.percentBrief(rateA * rateB));
  }
}

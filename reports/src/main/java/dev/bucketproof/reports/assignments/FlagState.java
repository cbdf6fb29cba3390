package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.reports.assignments.AssignmentFindings.Mismatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the rows of one flag: outcomes, variants, the bucket column's histogram and one {@link
 * RuleTally} per candidate rule; {@link #counts()} gives them as a value. Its size depends on the
 * bucket count, the variants and the rules, not on rows.
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
  private final Map<String, Integer> variantIndex = new HashMap<>();
  private final List<String> variantNames = new ArrayList<>();
  private final List<long[]> variantCounts = new ArrayList<>();
  private final List<long[]> variantFirstLines = new ArrayList<>();
  private final long firstLine;
  private final List<RuleTally> rules = new ArrayList<>();
  private long rows;
  private long enabledRows;
  private long enabledCount;
  private long[] bucketCounts;
  // with a time column: per epoch day, rows per variant index (grown as variants appear)
  private final TreeMap<Long, long[]> days = new TreeMap<>();

  FlagState(
      String flagKey,
      int index,
      long firstLine,
      FlagSettings settings,
      List<CandidateRule> candidates,
      Set<String> confirmed) {
    this.flagKey = flagKey;
    this.firstLine = firstLine;
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
              settings,
              confirmed == null || confirmed.contains(candidate.name())));
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

  /**
   * Counts a row that {@link #problem} accepted; {@code sampled}: whether the row's user is in the
   * fingerprint's sample, on which every rule runs (else only the confirmed rules run); {@code
   * day}: the epoch day of its time column, or {@link Days#NONE}.
   */
  void count(AssignmentRow row, boolean sampled, long day) {
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
      if (variantCounts.get(variant)[0]++ == 0) {
        variantFirstLines.get(variant)[0] = row.line();
      }
      if (day != Days.NONE) {
        long[] perVariant = days.get(day);
        if (perVariant == null || perVariant.length <= variant) {
          perVariant =
              perVariant == null
                  ? new long[variantNames.size()]
                  : Arrays.copyOf(perVariant, variantNames.size());
          days.put(day, perVariant);
        }
        perVariant[variant]++;
      }
    }
    if (row.bucket() != null) {
      if (bucketCounts == null) {
        bucketCounts = new long[bucketCount];
      }
      bucketCounts[row.bucket()]++;
    }
    for (RuleTally rule : rules) {
      if (sampled || rule.everyRow) {
        rule.count(row, variant);
      } else {
        rule.skipped++;
      }
    }
  }

  private int addVariant(String name) {
    int position = variantNames.size();
    variantIndex.put(name, position);
    variantNames.add(name);
    variantCounts.add(new long[1]);
    variantFirstLines.add(new long[1]);
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

  /** Returns the row's membership under {@code settings} (see {@link AssignmentAudit#member}). */
  static Boolean member(AssignmentRow row, FlagSettings settings) {
    if (row.enabled() != null) {
      return row.enabled();
    }
    if (row.variant() != null) {
      VariantSplit split = settings.split(row.flagKey());
      return split != null
          ? !row.variant().equals(split.variants().get(0).name())
          : !CONTROL_NAMES.contains(row.variant().toLowerCase(Locale.ROOT));
    }
    int bucketCount = settings.bucketCount();
    if (row.bucket() != null
        && settings.hasRollout()
        && (long) settings.rolloutBasisPoints() * bucketCount % Rollout.FULL == 0) {
      return row.bucket()
          < (int) ((long) settings.rolloutBasisPoints() * bucketCount / Rollout.FULL);
    }
    return null;
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
    return describe(code, variantNames);
  }

  /** Returns the variants seen, by index (the configured ones first). */
  List<String> variantNames() {
    return variantNames;
  }

  /** Returns {@code code} with its variant index {@code v} replaced by {@code remap[v]}. */
  static long remapVariant(long code, int[] remap) {
    long variant = (code >>> VARIANT_SHIFT) & 0x7ff;
    if (variant == 0) {
      return code;
    }
    return (code & ~(0x7ffL << VARIANT_SHIFT)) | ((remap[(int) variant - 1] + 1L) << VARIANT_SHIFT);
  }

  /** Returns a code as {@code enabled=true, variant=treatment, bucket=3}. */
  static String describe(long code, List<String> variantNames) {
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

  /** Returns the counts so far, in the canonical order of {@link AssignmentCounts}. */
  AssignmentCounts.FlagCounts counts() {
    List<AssignmentCounts.VariantCount> variants = new ArrayList<>();
    for (int i = 0; i < variantNames.size(); i++) {
      if (variantCounts.get(i)[0] > 0) {
        variants.add(
            new AssignmentCounts.VariantCount(
                variantNames.get(i), variantFirstLines.get(i)[0], variantCounts.get(i)[0]));
      }
    }
    variants.sort(
        Comparator.comparingLong(AssignmentCounts.VariantCount::firstLine)
            .thenComparing(AssignmentCounts.VariantCount::name));
    List<AssignmentCounts.RuleCounts> ruleCounts = new ArrayList<>();
    for (RuleTally rule : rules) {
      ruleCounts.add(rule.counts(variantNames));
    }
    ruleCounts.sort(Comparator.comparing(AssignmentCounts.RuleCounts::rule));
    return new AssignmentCounts.FlagCounts(
        flagKey,
        firstLine,
        rows,
        enabledRows,
        enabledCount,
        variants,
        bucketCounts == null ? new long[0] : bucketCounts.clone(),
        ruleCounts,
        dayCounts());
  }

  private List<AssignmentCounts.DayCount> dayCounts() {
    List<AssignmentCounts.DayCount> counts = new ArrayList<>(days.size());
    days.forEach(
        (day, perVariant) -> {
          Map<String, Long> variants = new HashMap<>();
          for (int i = 0; i < perVariant.length; i++) {
            if (perVariant[i] > 0) {
              variants.put(variantNames.get(i), perVariant[i]);
            }
          }
          counts.add(new AssignmentCounts.DayCount(Days.format(day), variants));
        });
    return counts;
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
    private final List<long[]> variantTables = new ArrayList<>();
    private long skipped;
    private final boolean everyRow;

    RuleTally(
        CandidateRule candidate,
        CandidateRule.FlagRule rule,
        FlagSettings settings,
        boolean everyRow) {
      this.everyRow = everyRow;
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
          if (differs(row, expected == row.bucket())) {
            listMismatch(row, "bucket=" + expected, "bucket=" + row.bucket());
          }
        }
        return;
      }
      if (row.variant() != null) {
        String expected = hasSplit ? rule.variant(user) : null;
        if (expected != null) {
          if (differs(row, expected.equals(row.variant()))) {
            listMismatch(
                row,
                "variant=" + (expected.isEmpty() ? "(none)" : expected),
                "variant=" + row.variant());
          }
          return;
        }
        int bucket = rule.variantBucket(user);
        if (bucket >= 0) {
          while (variantTables.size() <= variant) {
            variantTables.add(new long[ruleBuckets]);
          }
          variantTables.get(variant)[bucket]++;
        }
        return;
      }
      if (row.enabled() != null) {
        Boolean expected = rule.enabled(user);
        if (expected != null) {
          if (differs(row, expected.equals(row.enabled()))) {
            listMismatch(row, "enabled=" + expected, "enabled=" + row.enabled());
          }
          return;
        }
        if (enabledTable == null) {
          enabledTable = new long[2 * ruleBuckets];
        }
        enabledTable[2 * rule.bucket(user) + (row.enabled() ? 1 : 0)]++;
      }
    }

    /**
     * Counts a compared row; returns whether it is a mismatch that is kept, so the texts of a
     * mismatch are built only for the ones listed (not on every matching row).
     */
    private boolean differs(AssignmentRow row, boolean same) {
      compared++;
      if (same) {
        matched++;
        return false;
      }
      if (!AssignmentAudit.isAscii(row.userId())) {
        nonAscii++;
      }
      return mismatches.size() < AssignmentAudit.MISMATCHES_KEPT;
    }

    private void listMismatch(AssignmentRow row, String expected, String observed) {
      mismatches.add(new Mismatch(row.line(), row.userId(), expected, observed));
    }

    AssignmentCounts.RuleCounts counts(List<String> variantNames) {
      List<AssignmentCounts.VariantTable> tables = new ArrayList<>();
      for (int i = 0; i < variantTables.size(); i++) {
        tables.add(
            new AssignmentCounts.VariantTable(variantNames.get(i), variantTables.get(i).clone()));
      }
      tables.sort(Comparator.comparing(AssignmentCounts.VariantTable::variant));
      return new AssignmentCounts.RuleCounts(
          candidate.name(),
          compared,
          matched,
          nonAscii,
          mismatches,
          enabledTable == null ? new long[0] : enabledTable.clone(),
          tables,
          skipped);
    }
  }
}

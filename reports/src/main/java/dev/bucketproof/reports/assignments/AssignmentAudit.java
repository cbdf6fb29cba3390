package dev.bucketproof.reports.assignments;

import dev.bucketproof.reports.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The assignments audit: streams the rows of an export (user, flag, outcome) once and finds, per
 * flag, the rollout's accuracy, the split's sample ratio mismatch, the bucket column's uniformity
 * and which candidate rule reproduces the rows; across flags, whether two flags pick independent
 * users; and the conflicts (one user, one flag, two outcomes).
 *
 * <pre>{@code
 * AssignmentSettings settings = AssignmentSettings.defaults()
 *     .withFlags(Map.of("new-checkout", new FlagSettings(500, Map.of(), 100)));   // a 5% rollout
 * AssignmentFindings findings = AssignmentAudit.run("exposures", rows, settings);  // any Iterable
 * findings.flags().get(0).best();   // e.g. "salted murmur3_x86_32", 100.00% of 120,000 rows
 * }</pre>
 *
 * <p>Memory is bounded by flags ({@value #MAX_FLAGS} at most), candidate rules, variants ({@value
 * #MAX_VARIANTS} per flag at most) and buckets, never by rows: each flag keeps counts, a histogram
 * of its bucket column, and per rule a (rule bucket x outcome) table, from which the match of any
 * rollout cut-off follows without a second pass. The one per-user state, for conflicts and
 * cross-flag overlap, is a {@link UserSample} bounded by {@link
 * AssignmentSettings#sampleCapacity()}.
 *
 * <p>Thread-safety: not thread-safe; one audit per thread. The static {@code run} methods are safe.
 */
public final class AssignmentAudit {
  /** How many conflicts are listed. */
  public static final int CONFLICTS_KEPT = 20;

  /** How many rows each rule lists that it does not reproduce. */
  public static final int MISMATCHES_KEPT = 100;

  /** The most flags one audit holds; rows of further flags are rejected. */
  public static final int MAX_FLAGS = 1_000;

  /** The most distinct variants per flag; rows with further variants are rejected. */
  public static final int MAX_VARIANTS = 1_000;

  /** The fewest sampled users two flags must share for their independence to be tested. */
  public static final long MIN_SHARED_USERS = 100;

  /** The smallest expected count per cell of the 2x2 table for the chi-square test to be valid. */
  public static final double MIN_EXPECTED = 5;

  private final String source;
  private final AssignmentSettings settings;
  private final Map<String, FlagState> flags = new HashMap<>();
  private final List<FlagState> flagOrder = new ArrayList<>();
  private final UserState users;
  private final RejectLog rejects = new RejectLog();
  private final UserRows userRows;
  private final Map<String, Set<String>> confirmed;
  private long rows;
  private long linesRead = -1;
  private AssignmentRow lastAccepted;
  private boolean finished;

  /**
   * Returns an audit of the export named {@code source}.
   *
   * @throws NullPointerException if an argument is null
   */
  public AssignmentAudit(String source, AssignmentSettings settings) {
    this.source = Objects.requireNonNull(source, "source");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.users = new UserState(settings.sampleCapacity());
    this.userRows = null;
    this.confirmed = null;
  }

  /**
   * Returns the audit of one part of a file: the per-user outcomes go to {@code userRows}, to be
   * fed to the whole file's {@link UserState} in file order; {@code confirmed} (or null: every rule
   * on every row) names per flag the rules the fingerprint runs on every row, the others running on
   * the sampled users only (see {@link #sampled}).
   */
  AssignmentAudit(
      String source,
      AssignmentSettings settings,
      UserRows userRows,
      Map<String, Set<String>> confirmed) {
    this.source = Objects.requireNonNull(source, "source");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.users = null;
    this.userRows = userRows;
    this.confirmed = confirmed;
  }

  /**
   * The fingerprint's sample: the users whose sampling key has its low {@value #SAMPLE_BITS} bits
   * 0, 1/64 of them (independent of the top bits {@link UserSample} keeps users by).
   */
  static boolean sampled(long key) {
    return (key & ((1L << SAMPLE_BITS) - 1)) == 0;
  }

  /** The fingerprint's sample holds 1/2^this of the users. */
  static final int SAMPLE_BITS = 6;

  /**
   * Audits {@code rows} and returns the findings.
   *
   * @throws IllegalArgumentException if no row could be used, or more rows were rejected than used
   */
  public static AssignmentFindings run(
      String source, Iterable<AssignmentRow> rows, AssignmentSettings settings) {
    AssignmentAudit audit = new AssignmentAudit(source, settings);
    for (AssignmentRow row : rows) {
      audit.accept(row);
    }
    return audit.finish();
  }

  /**
   * Audits {@code rows} (consumed in encounter order, on the calling thread) and returns the
   * findings.
   *
   * @throws IllegalArgumentException if no row could be used, or more rows were rejected than used
   */
  public static AssignmentFindings run(
      String source, Stream<AssignmentRow> rows, AssignmentSettings settings) {
    AssignmentAudit audit = new AssignmentAudit(source, settings);
    rows.sequential().forEachOrdered(audit::accept);
    return audit.finish();
  }

  /**
   * Audits one row. A row whose variant is not among its flag's configured weights, whose bucket is
   * not below the flag's bucket count, or whose flag is beyond the {@value #MAX_FLAGS}th is
   * rejected with its line number, as an unreadable line is.
   *
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalStateException if the audit has finished
   */
  public void accept(AssignmentRow row) {
    Objects.requireNonNull(row, "row");
    accept(row, 0, Days.NONE);
  }

  /**
   * Audits one row whose user's sampling key ({@link UserSample#key}) is {@code userKey}, or 0 when
   * it is still to be computed: the file path hashes the user's bytes where they lie.
   */
  private void accept(AssignmentRow row, long userKey, long day) {
    requireOpen();
    FlagState flag = flags.get(row.flagKey());
    if (flag == null) {
      if (flagOrder.size() == MAX_FLAGS) {
        reject(
            row.line(),
            "too many flags",
            "flag "
                + RejectLog.quote(row.flagKey())
                + " is beyond the "
                + MAX_FLAGS
                + " flags one audit holds");
        return;
      }
      flag =
          new FlagState(
              row.flagKey(),
              flagOrder.size(),
              row.line(),
              settings.flag(row.flagKey()),
              settings.candidates(),
              confirmed == null ? null : confirmed.get(row.flagKey()));
      if (users != null) {
        users.addFlag(row.flagKey());
      }
      flags.put(row.flagKey(), flag);
      flagOrder.add(flag);
    }
    String problem = flag.problem(row);
    if (problem != null) {
      reject(row.line(), problem.substring(0, problem.indexOf(':')), problem);
      return;
    }
    rows++;
    lastAccepted = row;
    long key =
        confirmed == null && userRows == null && users == null
            ? 0
            : userKey != 0 ? userKey : UserSample.key(row.userId());
    flag.count(row, confirmed == null || sampled(key), day);
    long code = flag.code(row);
    if (userRows != null) {
      userRows.add(flag.index, key, code, row.line(), row.userId());
    } else if (users != null) {
      users.put(flag.index, key, code, row.line(), row.userId(), flag.variantNames());
    }
  }

  /**
   * Audits one row given as the text of its fields, as the command line reads them (null or blank
   * for an absent field): a row without a user, flag or outcome, or with an outcome that is not one
   * ({@code enabled} not true/false, 1/0 or on/off; {@code bucket} not an integer >= 0), is
   * rejected with its line number and the reason the command line gives.
   *
   * @throws IllegalStateException if the audit has finished
   */
  public void acceptFields(
      long line, String user, String flag, String enabled, String variant, String bucket) {
    acceptFields(line, user, flag, enabled, variant, bucket, null, 0);
  }

  /**
   * As {@link #acceptFields(long, String, String, String, String, String)}, with the text of the
   * time column ({@link Columns#time()}), or null when there is none: a row whose time is empty or
   * not a day ({@link Days}) is rejected; the day of an accepted row puts its variant in the flag's
   * counts by day, from which the report draws the sequential SRM path.
   *
   * @throws IllegalStateException if the audit has finished
   */
  public void acceptFields(
      long line,
      String user,
      String flag,
      String enabled,
      String variant,
      String bucket,
      String time) {
    acceptFields(line, user, flag, enabled, variant, bucket, time, 0);
  }

  /**
   * As {@link #acceptFields(long, String, String, String, String, String, String)}, with the user's
   * sampling key already computed from its bytes ({@link UserSample#key(byte[], int, int)}), or 0.
   */
  void acceptFields(
      long line,
      String user,
      String flag,
      String enabled,
      String variant,
      String bucket,
      String time,
      long userKey) {
    AssignmentAudit audit = this;
    if (user == null || user.isEmpty()) {
      audit.reject(line, "no user", "no user id");
      return;
    }
    if (flag == null || flag.isEmpty()) {
      audit.reject(line, "no flag", "no flag key");
      return;
    }
    Boolean on = null;
    if (enabled != null && !enabled.isBlank()) {
      on = AssignmentFile.parseEnabled(enabled.strip());
      if (on == null) {
        audit.reject(
            line,
            "enabled not a boolean",
            "enabled must be true/false, 1/0 or on/off: " + RejectLog.quote(enabled));
        return;
      }
    }
    Integer bucketValue = null;
    if (bucket != null && !bucket.isBlank()) {
      try {
        bucketValue = Integer.valueOf(bucket.strip());
      } catch (NumberFormatException e) {
        bucketValue = -1;
      }
      if (bucketValue < 0) {
        audit.reject(
            line,
            "bucket not a bucket",
            "bucket must be an integer >= 0: " + RejectLog.quote(bucket));
        return;
      }
    }
    String variantValue = variant == null || variant.isBlank() ? null : variant.strip();
    if (on == null && variantValue == null && bucketValue == null) {
      audit.reject(line, "no outcome", "no outcome: enabled, variant and bucket are all empty");
      return;
    }
    long day = Days.NONE;
    if (time != null) {
      if (time.isBlank()) {
        audit.reject(line, "no time", "no time: the --time-column field is empty");
        return;
      }
      day = Days.parse(time.strip());
      if (day == Days.INVALID) {
        audit.reject(
            line,
            "time not a day",
            "time must be a date (2026-12-01), a timestamp that starts with one, or epoch seconds"
                + " or milliseconds: "
                + RejectLog.quote(time));
        return;
      }
    }
    audit.accept(new AssignmentRow(line, user, flag, on, variantValue, bucketValue), userKey, day);
  }

  /**
   * Returns an audit that counts rows without the per-user state (conflicts and overlap stay
   * empty): for a distributed engine that computes that state by grouping users (see {@link
   * #describe} and {@link #member}) and merges the parts' {@link #counts()}.
   */
  public static AssignmentAudit withoutUserState(String source, AssignmentSettings settings) {
    return new AssignmentAudit(source, settings, null, null);
  }

  /**
   * Returns the row's outcome as the audit's conflicts show it: {@code enabled=true,
   * variant=treatment, bucket=3} (the outcomes present, in that order).
   */
  public static String describe(AssignmentRow row) {
    List<String> parts = new ArrayList<>();
    if (row.enabled() != null) {
      parts.add("enabled=" + row.enabled());
    }
    if (row.variant() != null) {
      parts.add("variant=" + row.variant());
    }
    if (row.bucket() != null) {
      parts.add("bucket=" + row.bucket());
    }
    return String.join(", ", parts);
  }

  /**
   * Returns whether the row puts its user in the flag's treated set, for the overlap of two flags:
   * {@code enabled}; else a variant other than the control (the first configured, or a name such as
   * {@code control} or {@code off}); else a bucket below the configured rollout; null when the row
   * cannot tell.
   */
  public static Boolean member(AssignmentRow row, FlagSettings settings) {
    return FlagState.member(row, settings);
  }

  /**
   * Records that line {@code line} could not be read: {@code kind} groups the reason (such as
   * {@code invalid UTF-8}), {@code detail} says it with the value.
   *
   * @throws IllegalStateException if the audit has finished
   */
  void reject(long line, String kind, String detail) {
    requireOpen();
    rejects.reject(line, kind, detail);
  }

  /** Sets the lines read, header included, when the rows came from a file. */
  void linesRead(long lines) {
    this.linesRead = lines;
  }

  /** Returns the last row used (not rejected), or null before the first. */
  public AssignmentRow lastAccepted() {
    return lastAccepted;
  }

  /** Returns the rows used so far. */
  public long rows() {
    return rows;
  }

  /**
   * Returns the counts so far as a value that merges with the counts of other parts (see {@link
   * AssignmentCounts}); the audit goes on accepting rows.
   */
  public AssignmentCounts counts() {
    List<AssignmentCounts.FlagCounts> flagCounts = new ArrayList<>();
    for (FlagState flag : flagOrder) {
      flagCounts.add(flag.counts());
    }
    flagCounts.sort(
        Comparator.comparingLong(AssignmentCounts.FlagCounts::firstLine)
            .thenComparing(AssignmentCounts.FlagCounts::flagKey));
    AssignmentCounts.RejectCounts rejectCounts = rejects.counts();
    return new AssignmentCounts(
        linesRead < 0 ? rows + rejectCounts.total() : linesRead,
        rows,
        rejectCounts,
        flagCounts,
        users == null ? AssignmentCounts.UserCounts.EMPTY : users.counts());
  }

  /**
   * Returns the findings; the audit accepts no more rows.
   *
   * @throws IllegalArgumentException if no row could be used, or more rows were rejected than used
   *     (a file that is mostly unreadable is the wrong file, not data); the message names the
   *     source and the first rejected lines
   * @throws IllegalStateException if called twice
   */
  public AssignmentFindings finish() {
    requireOpen();
    finished = true;
    return counts().findings(source, settings);
  }

  /** Returns the flags of this part in order of first appearance (index order). */
  List<FlagState> flagStates() {
    return flagOrder;
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the audit of " + source + " has finished");
    }
  }

  /**
   * Returns {@code = 0.0123}, or {@code < 1e-300} for a p-value that underflowed to 0, to follow
   * "p".
   */
  static String pValue(double p) {
    return p == 0 ? "< 1e-300" : "= " + Numbers.probability(p);
  }

  static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }
}

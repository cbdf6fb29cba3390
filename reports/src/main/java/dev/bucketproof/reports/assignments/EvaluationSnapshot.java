package dev.bucketproof.reports.assignments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The counts a running service's flag evaluations leave behind (written by the OpenFeature {@code
 * AuditHook}), as a value that merges: per flag, evaluations per outcome, errors, and a consistent
 * hashed sample of users with the outcome each got (or the mark that it got two), from which the
 * determinism check follows. Snapshots of many instances of a service {@link #merge} into the
 * snapshot one instance would have made from all their evaluations, and {@link #audit} runs the
 * assignments audit's gates on it ({@code report --snapshots DIR}).
 *
 * <p>The merge is commutative and associative, with {@link #empty()} as identity: counts add; a
 * sampled user is conflicted if it is conflicted in either snapshot or got different outcomes in
 * the two; the sample level is the larger one and each side keeps only its users inside that level.
 * The user keys are 64-bit hashes written as 16 hex digits: the top 32 bits are {@code
 * murmur3_x86_32(targetingKey, SAMPLE_SEED)} (a key is sampled at level L iff its top L bits are
 * 0), the low 32 bits the same hash with {@code KEY_SEED}. Conflict examples keep the first {@value
 * #EXAMPLES_KEPT} by (kind, user, flag) order.
 *
 * <pre>{@code
 * EvaluationSnapshot all = EvaluationSnapshot.empty();
 * for (Path file : files) {
 *   all = all.merge(EvaluationSnapshot.read(file));
 * }
 * AssignmentFindings findings = all.audit("snapshots", AssignmentSettings.defaults().withFlags(flags));
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param format the format's name and version, {@value #FORMAT}
 * @param flags one per flag, sorted by flag key
 */
public record EvaluationSnapshot(String format, List<FlagCounts> flags) {
  /** The format written and read. */
  public static final String FORMAT = "bucketproof-evaluation-snapshot/1";

  /** The seed of the sampling half of a user key. */
  public static final int SAMPLE_SEED = 0x0F3A7E11;

  /** The seed of the other half of a user key. */
  public static final int KEY_SEED = 0x6B2C9D45;

  /** The conflict examples kept per flag. */
  public static final int EXAMPLES_KEPT = 20;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Validates the components and sorts the flags by key.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the format is not {@value #FORMAT} or a flag appears twice
   */
  public EvaluationSnapshot {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("format must be " + FORMAT + ": " + format);
    }
    List<FlagCounts> sorted = new ArrayList<>(flags);
    sorted.sort(Comparator.comparing(FlagCounts::flag));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).flag().equals(sorted.get(i - 1).flag())) {
        throw new IllegalArgumentException("flag " + sorted.get(i).flag() + " appears twice");
      }
    }
    flags = List.copyOf(sorted);
  }

  /** Returns the snapshot of no evaluations: the identity of {@link #merge}. */
  public static EvaluationSnapshot empty() {
    return new EvaluationSnapshot(FORMAT, List.of());
  }

  /**
   * One flag's counts.
   *
   * @param flag the flag key
   * @param evaluations evaluations counted, errors excluded ({@code outcomes} plus {@code
   *     overflow})
   * @param errors evaluations that ended in an error (the default value was served)
   * @param overflow evaluations of outcomes beyond the counted ones
   * @param outcomes evaluations per outcome (the variant, or the value when there is no variant)
   * @param sampleLevel the sample keeps users whose key's top {@code sampleLevel} bits are 0
   * @param sampledUsers the outcome of each sampled user that got one outcome, by user key (16 hex
   *     digits)
   * @param conflictedUsers the sampled users that got two outcomes, by user key, sorted
   * @param ruleChecks per named profile, the sampled evaluations checked against its rule
   * @param examples conflicts kept as examples, at most {@value #EXAMPLES_KEPT}
   */
  public record FlagCounts(
      String flag,
      long evaluations,
      long errors,
      long overflow,
      Map<String, Long> outcomes,
      int sampleLevel,
      Map<String, String> sampledUsers,
      List<String> conflictedUsers,
      Map<String, RuleCheck> ruleChecks,
      List<Example> examples) {
    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a count is negative, the evaluations are not the outcomes
     *     plus overflow, the level is outside [0, 32] or a user key is not 16 hex digits
     */
    public FlagCounts {
      Objects.requireNonNull(flag, "flag");
      if (flag.isEmpty()) {
        throw new IllegalArgumentException("flag must not be empty");
      }
      if (evaluations < 0 || errors < 0 || overflow < 0) {
        throw new IllegalArgumentException(
            "flag " + flag + ": counts must be >= 0: " + evaluations + ", " + errors);
      }
      long total = overflow;
      for (Map.Entry<String, Long> outcome : outcomes.entrySet()) {
        if (outcome.getKey().isEmpty() || outcome.getValue() == null || outcome.getValue() < 0) {
          throw new IllegalArgumentException(
              "flag " + flag + ": outcome counts must be named and >= 0: " + outcomes);
        }
        total += outcome.getValue();
      }
      if (total != evaluations) {
        throw new IllegalArgumentException(
            "flag "
                + flag
                + ": evaluations must be the outcomes plus overflow: "
                + evaluations
                + " != "
                + total);
      }
      if (sampleLevel < 0 || sampleLevel > 32) {
        throw new IllegalArgumentException(
            "flag " + flag + ": sampleLevel must be within [0, 32]: " + sampleLevel);
      }
      outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
      sampledUsers = Collections.unmodifiableMap(new TreeMap<>(sampledUsers));
      sampledUsers.keySet().forEach(EvaluationSnapshot::parseKey);
      conflictedUsers = List.copyOf(new TreeSet<>(conflictedUsers));
      conflictedUsers.forEach(EvaluationSnapshot::parseKey);
      ruleChecks = Collections.unmodifiableMap(new TreeMap<>(ruleChecks));
      examples = List.copyOf(examples);
    }

    /** Returns the number of sampled users that got two outcomes. */
    public long conflicts() {
      return conflictedUsers.size();
    }

    FlagCounts merge(FlagCounts other) {
      int level = Math.max(sampleLevel, other.sampleLevel);
      Map<String, Long> outcomeSum = new LinkedHashMap<>(outcomes);
      other.outcomes.forEach((name, count) -> outcomeSum.merge(name, count, Long::sum));
      TreeSet<String> conflicted = new TreeSet<>();
      for (String key : conflictedUsers) {
        if (kept(key, level)) {
          conflicted.add(key);
        }
      }
      for (String key : other.conflictedUsers) {
        if (kept(key, level)) {
          conflicted.add(key);
        }
      }
      TreeMap<String, String> users = new TreeMap<>();
      for (Map<String, String> side : List.of(sampledUsers, other.sampledUsers)) {
        for (Map.Entry<String, String> user : side.entrySet()) {
          String key = user.getKey();
          if (!kept(key, level) || conflicted.contains(key)) {
            continue;
          }
          String earlier = users.putIfAbsent(key, user.getValue());
          if (earlier != null && !earlier.equals(user.getValue())) {
            users.remove(key);
            conflicted.add(key);
          }
        }
      }
      Map<String, RuleCheck> rules = new TreeMap<>(ruleChecks);
      other.ruleChecks.forEach((name, check) -> rules.merge(name, check, RuleCheck::plus));
      List<Example> allExamples = new ArrayList<>(examples);
      allExamples.addAll(other.examples);
      allExamples.sort(
          Comparator.comparing(Example::kind)
              .thenComparing(Example::user)
              .thenComparing(Example::expected)
              .thenComparing(Example::observed));
      List<Example> kept = new ArrayList<>();
      for (Example example : allExamples) {
        if (kept.size() == EXAMPLES_KEPT) {
          break;
        }
        if (kept.isEmpty() || !kept.get(kept.size() - 1).equals(example)) {
          kept.add(example);
        }
      }
      return new FlagCounts(
          flag,
          evaluations + other.evaluations,
          errors + other.errors,
          overflow + other.overflow,
          outcomeSum,
          level,
          users,
          List.copyOf(conflicted),
          rules,
          kept);
    }
  }

  /**
   * Sampled evaluations checked against a named profile's rule.
   *
   * @param compared evaluations compared
   * @param matched of those, the ones the rule reproduces
   */
  public record RuleCheck(long compared, long matched) {
    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if {@code matched} is outside [0, compared]
     */
    public RuleCheck {
      if (compared < 0 || matched < 0 || matched > compared) {
        throw new IllegalArgumentException(
            "a rule check needs 0 <= matched <= compared: " + matched + " of " + compared);
      }
    }

    RuleCheck plus(RuleCheck other) {
      return new RuleCheck(compared + other.compared, matched + other.matched);
    }
  }

  /**
   * One conflict kept as an example.
   *
   * @param kind {@code VARIANT_CHANGED}, {@code RULE_MISMATCH} or {@code UNCONFIGURED_OUTCOME}
   * @param user the targeting key
   * @param expected what the user had before, or what the rule computes
   * @param observed what the user got
   */
  public record Example(String kind, String user, String expected, String observed) {
    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException if one is
     */
    public Example {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(observed, "observed");
    }
  }

  /** Returns the snapshot of both this one's evaluations and {@code other}'s. */
  public EvaluationSnapshot merge(EvaluationSnapshot other) {
    Map<String, FlagCounts> byFlag = new TreeMap<>();
    for (FlagCounts flag : flags) {
      byFlag.put(flag.flag(), flag);
    }
    for (FlagCounts flag : other.flags) {
      byFlag.merge(flag.flag(), flag, FlagCounts::merge);
    }
    return new EvaluationSnapshot(FORMAT, List.copyOf(byFlag.values()));
  }

  /** Returns whether the user key {@code key} (16 hex digits) is in the sample at {@code level}. */
  public static boolean kept(String key, int level) {
    return level == 0 || parseKey(key) >>> (64 - level) == 0;
  }

  /** Returns a user key as 16 lowercase hex digits. */
  public static String formatKey(long key) {
    String hex = Long.toHexString(key);
    return "0".repeat(16 - hex.length()) + hex;
  }

  private static long parseKey(String key) {
    if (key.length() != 16) {
      throw new IllegalArgumentException("a user key must be 16 hex digits: " + key);
    }
    try {
      return Long.parseUnsignedLong(key, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a user key must be 16 hex digits: " + key);
    }
  }

  /** Returns the snapshot as JSON (UTF-8, indented, flags sorted). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a snapshot must serialise: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Returns the snapshot written in {@code json}; {@code source} names it in errors.
   *
   * @throws IllegalArgumentException naming the source, line and column if it is not a snapshot
   */
  public static EvaluationSnapshot parse(String json, String source) {
    try {
      EvaluationSnapshot snapshot = JSON.readValue(json, EvaluationSnapshot.class);
      if (snapshot == null) {
        throw new IllegalArgumentException(source + " is not a snapshot: it is empty");
      }
      return snapshot;
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String message = cause == e ? e.getOriginalMessage() : String.valueOf(cause.getMessage());
      throw new IllegalArgumentException(
          source
              + " is not a "
              + FORMAT
              + " snapshot: "
              + firstLine(message)
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"),
          e);
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Returns the snapshot in the file at {@code path}.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is not a snapshot
   */
  public static EvaluationSnapshot read(Path path) throws IOException {
    return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  /**
   * Returns the merge of every {@code *.json} file in {@code directory} (in name order; the merge
   * does not depend on it).
   *
   * @throws IOException if the directory or a file cannot be read
   * @throws IllegalArgumentException if it is not a directory, holds no {@code *.json} file, or a
   *     file is not a snapshot (the message names the file)
   */
  public static EvaluationSnapshot readDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("--snapshots must name a directory: " + directory);
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(directory)) {
      files =
          listed
              .filter(path -> path.getFileName().toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "--snapshots " + directory + " holds no *.json snapshot file");
    }
    EvaluationSnapshot merged = empty();
    for (Path file : files) {
      merged = merged.merge(read(file));
    }
    return merged;
  }

  /**
   * Writes the snapshot to {@code path} whole or not at all (a temporary file beside it, then an
   * atomic move).
   *
   * @throws IOException if it cannot be written
   */
  public void write(Path path) throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, ".snapshot-", ".tmp");
    try {
      Files.writeString(temporary, toJson(), StandardCharsets.UTF_8);
      Files.move(
          temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Returns these counts as the assignments audit's own mergeable {@link AssignmentCounts}, as of
   * an export with one row per sampled user and flag: per flag the sampled users that got one
   * outcome, by outcome (each user counts once: repeated evaluations of one user are not
   * independent draws, and the SRM test assumes independent ones); the profile checks as the rules'
   * counts; the conflicted users and their examples as the per-user conflicts. An outcome outside a
   * flag's weights in {@code settings} is rejected, once per flag and outcome with its users, as
   * the audit rejects such a row.
   */
  public AssignmentCounts counts(AssignmentSettings settings) {
    List<AssignmentCounts.FlagCounts> flagCounts = new ArrayList<>();
    List<AssignmentFindings.RejectedLine> rejected = new ArrayList<>();
    List<AssignmentCounts.Reason> reasons = new ArrayList<>();
    List<AssignmentFindings.Conflict> conflicts = new ArrayList<>();
    long rows = 0;
    long rejectedUsers = 0;
    long conflictCount = 0;
    long pairs = 0;
    int level = 0;
    for (int index = 0; index < flags.size(); index++) {
      FlagCounts flag = flags.get(index);
      long line = index + 1L;
      Map<String, Long> users = new LinkedHashMap<>();
      flag.outcomes().keySet().forEach(outcome -> users.put(outcome, 0L));
      flag.sampledUsers().values().forEach(outcome -> users.merge(outcome, 1L, Long::sum));
      FlagSettings configured = settings.flag(flag.flag());
      List<AssignmentCounts.VariantCount> variants = new ArrayList<>();
      long flagRows = 0;
      for (Map.Entry<String, Long> outcome : users.entrySet()) {
        if (outcome.getValue() == 0) {
          continue;
        }
        if (configured.hasWeights() && !configured.weights().containsKey(outcome.getKey())) {
          rejectedUsers += outcome.getValue();
          rejected.add(
              new AssignmentFindings.RejectedLine(
                  line,
                  String.format(
                      Locale.ROOT,
                      "%,d sampled users: variant '%s' of flag %s is not among its weights %s",
                      outcome.getValue(),
                      outcome.getKey(),
                      flag.flag(),
                      configured.weights().keySet())));
          reasons.add(
              new AssignmentCounts.Reason("variant not in the weights", line, outcome.getValue()));
          continue;
        }
        variants.add(new AssignmentCounts.VariantCount(outcome.getKey(), line, outcome.getValue()));
        flagRows += outcome.getValue();
      }
      List<AssignmentCounts.RuleCounts> rules = new ArrayList<>();
      for (Map.Entry<String, RuleCheck> rule : flag.ruleChecks().entrySet()) {
        List<AssignmentFindings.Mismatch> mismatches = new ArrayList<>();
        for (Example example : flag.examples()) {
          if (example.kind().equals("RULE_MISMATCH")
              && mismatches.size() < AssignmentAudit.MISMATCHES_KEPT) {
            mismatches.add(
                new AssignmentFindings.Mismatch(
                    line,
                    example.user(),
                    "variant=" + example.expected(),
                    "variant=" + example.observed()));
          }
        }
        rules.add(
            new AssignmentCounts.RuleCounts(
                rule.getKey(),
                rule.getValue().compared(),
                rule.getValue().matched(),
                0,
                mismatches,
                new long[0],
                List.of(),
                0));
      }
      for (Example example : flag.examples()) {
        if (example.kind().equals("VARIANT_CHANGED")
            && conflicts.size() < AssignmentAudit.CONFLICTS_KEPT) {
          conflicts.add(
              new AssignmentFindings.Conflict(
                  line,
                  example.user(),
                  flag.flag(),
                  "variant=" + example.expected(),
                  "variant=" + example.observed()));
        }
      }
      flagCounts.add(
          new AssignmentCounts.FlagCounts(
              flag.flag(), line, flagRows, 0, 0, variants, new long[0], rules, List.of()));
      rows += flagRows;
      conflictCount += flag.conflicts();
      pairs += flag.sampledUsers().size() + flag.conflictedUsers().size();
      level = Math.max(level, flag.sampleLevel());
    }
    Map<String, AssignmentCounts.Reason> byKind = new LinkedHashMap<>();
    for (AssignmentCounts.Reason reason : reasons) {
      byKind.merge(
          reason.kind(),
          reason,
          (a, b) -> new AssignmentCounts.Reason(a.kind(), a.firstLine(), a.count() + b.count()));
    }
    return new AssignmentCounts(
        rows + rejectedUsers,
        rows,
        new AssignmentCounts.RejectCounts(
            rejectedUsers, List.copyOf(byKind.values()), List.copyOf(rejected)),
        flagCounts,
        new AssignmentCounts.UserCounts(0, conflictCount, conflicts, level, pairs, List.of()));
  }

  /**
   * Runs the assignments audit's gates and verdicts on {@link #counts}: the same findings {@code
   * report --assignments} gives an export of the sampled users.
   *
   * @throws IllegalArgumentException if there are no sampled users, or more were rejected than used
   */
  public AssignmentFindings audit(String source, AssignmentSettings settings) {
    return counts(settings).findings(source, settings);
  }
}

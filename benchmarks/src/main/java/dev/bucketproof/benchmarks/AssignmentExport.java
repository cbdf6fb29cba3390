package dev.bucketproof.benchmarks;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantAssigner;
import dev.bucketproof.bucketing.VariantSplit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a generated assignments export with a known answer, and its {@code FLAGS.json}: the input
 * of {@code report --assignments} in the README and of {@link AssignmentAuditBenchmark}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.bucketproof.benchmarks.AssignmentExport CASE ROWS FILE
 * </pre>
 *
 * <p>Three flags, each user under all three (ROWS / 3 users, rounded up; ids UUID-shaped from seed
 * {@value #SEED}, every 50th a non-ASCII name), one row per line: {@code
 * user_id,flag,enabled,variant}. Cases:
 *
 * <ul>
 *   <li>{@code correct}: the standard salted bucketer; {@code new-checkout} at 5%, {@code
 *       exp_12345} 50/50, {@code search-ranking} at 20%. Every gate passes; the salted rule
 *       reproduces 100%.
 *   <li>{@code unsalted}: {@code murmur3(userId) % 100} for {@code canary-a} 5%, {@code canary-b}
 *       10%, {@code canary-c} 20%: the same users get every canary; independence fails.
 *   <li>{@code srm}: as {@code correct}, but {@code exp_12345} split 52/48 and configured 50/50.
 *   <li>{@code flipped}: as {@code correct}, with 1% of rows flipped at random (seed {@value
 *       #FLIP_SEED}); the count and first lines are printed, to compare with the report's mismatch
 *       list.
 * </ul>
 *
 * The flags file is written to {@code FILE.flags.json}.
 */
public final class AssignmentExport {
  /** The seed of the user ids. */
  public static final long SEED = 0xA55E_2026L;

  /** The seed of the flipped rows. */
  public static final long FLIP_SEED = 0xF11BL;

  private AssignmentExport() {}

  /** Writes the export; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: AssignmentExport correct|unsalted|srm|flipped ROWS FILE");
      System.exit(2);
    }
    long rows = Long.parseLong(args[1]);
    Path file = Path.of(args[2]);
    List<Long> flipped = write(args[0], rows, file);
    System.out.printf(
        Locale.ROOT, "wrote %s (%,d rows, 3 flags) and %s%n", file, rows, flagsFile(file));
    if (args[0].equals("flipped")) {
      System.out.printf(
          Locale.ROOT,
          "flipped %,d rows; the first on lines %s%n",
          flipped.size(),
          flipped.subList(0, Math.min(5, flipped.size())));
    }
  }

  /** Returns {@code FILE.flags.json}. */
  public static Path flagsFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".flags.json");
  }

  /**
   * Writes {@code rows} rows of the case (a user's three flags in a row) to {@code file} and its
   * flags file; returns the lines flipped (the {@code flipped} case), ascending.
   *
   * @throws IllegalArgumentException if the case is unknown or rows is below 3
   */
  public static List<Long> write(String name, long rows, Path file) throws IOException {
    if (rows < 3) {
      throw new IllegalArgumentException("rows must be >= 3: " + rows);
    }
    boolean unsalted = name.equals("unsalted");
    if (!List.of("correct", "unsalted", "srm", "flipped").contains(name)) {
      throw new IllegalArgumentException("case must be correct, unsalted, srm or flipped: " + name);
    }
    Bucketer bucketer = unsalted ? Bucketer.builder().unsalted().build() : Bucketer.standard();
    String[] flags =
        unsalted
            ? new String[] {"canary-a", "canary-b", "canary-c"}
            : new String[] {"new-checkout", "exp_12345", "search-ranking"};
    RolloutGate first = bucketer.rollout(Rollout.ofPercent(flags[0], 5));
    RolloutGate second = unsalted ? bucketer.rollout(Rollout.ofPercent(flags[1], 10)) : null;
    int control = name.equals("srm") ? 52 : 50;
    VariantAssigner split =
        unsalted
            ? null
            : bucketer.variants(
                VariantSplit.of(
                    flags[1],
                    new Variant("control", control),
                    new Variant("treatment", 100 - control)));
    RolloutGate third = bucketer.rollout(Rollout.ofPercent(flags[2], 20));
    SplittableRandom ids = new SplittableRandom(SEED);
    SplittableRandom flips = new SplittableRandom(FLIP_SEED);
    boolean flip = name.equals("flipped");
    List<Long> flipped = new ArrayList<>();
    long line = 1;
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
      out.write("user_id,flag,enabled,variant\n");
      for (long user = 0; line <= rows; user++) {
        String id =
            user % 50 == 7
                ? String.format(Locale.ROOT, "usuário-%d-東京", user)
                : new UUID(ids.nextLong(), ids.nextLong()).toString();
        for (int flag = 0; flag < 3 && line <= rows; flag++) {
          line++;
          boolean change = flip && flips.nextDouble() < 0.01;
          if (change) {
            flipped.add(line);
          }
          out.write(id);
          out.write(',');
          out.write(flags[flag]);
          if (flag == 1 && split != null) {
            String variant = split.variant(id).name();
            out.write(",,");
            out.write(change ? (variant.equals("control") ? "treatment" : "control") : variant);
          } else {
            RolloutGate gate = flag == 0 ? first : flag == 1 ? second : third;
            out.write(gate.isEnabled(id) != change ? ",true," : ",false,");
          }
          out.write('\n');
        }
      }
    }
    String flagsJson =
        unsalted
            ? "{\"canary-a\": {\"rollout\": 5}, \"canary-b\": {\"rollout\": 10}, \"canary-c\": {\"rollout\": 20}}\n"
            : """
              {"new-checkout": {"rollout": 5},
               "exp_12345": {"weights": {"control": 50, "treatment": 50}},
               "search-ranking": {"rollout": 20}}
              """;
    Files.writeString(flagsFile(file), flagsJson, StandardCharsets.UTF_8);
    return flipped;
  }
}

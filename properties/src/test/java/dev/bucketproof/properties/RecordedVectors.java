package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Java SDKs' decisions, committed to bucketing's test resources ({@code
 * profile-vectors-SYSTEM.tsv}, read here through bucketing's test-jar) so that bucketing's own
 * tests, and PIT run on bucketing, hold the profiles to them without the SDK jars. Each agreement
 * test checks that the committed file is exactly what its SDK decides on this run; with {@code
 * -Dbucketproof.recordVectors=DIRECTORY} it writes the file instead:
 *
 * <pre>{@code
 * mvn -B -pl properties -am test -Dtest='*AgreementTest' -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dbucketproof.recordVectors=$PWD/bucketing/src/test/resources
 * }</pre>
 *
 * <p>The format is profile-vectors.tsv's (the npm packages' decisions): a header line per column
 * ({@code # index, configuration, flag, kind, setting}: the configuration is the profile's name and
 * parameters as the command line spells them, the setting basis points or variant weights joined by
 * {@code /}), then one row per id of {@link Agreement#ids}, escaped: {@code 1}/{@code 0} for a
 * rollout, the variant's name or {@code (none)} for a split.
 */
final class RecordedVectors {
  /** The system property naming the directory to write to instead of checking. */
  static final String RECORD = "bucketproof.recordVectors";

  private RecordedVectors() {}

  /** Returns the file name of {@code system}'s vectors. */
  static String fileName(String system) {
    return "profile-vectors-" + system + ".tsv";
  }

  /**
   * Checks (or, with {@link #RECORD}, writes) the vectors of {@code system}: the cases of each
   * configuration, which must decide every id of {@link Agreement#ids} once per column.
   */
  static void checkOrRecord(String system, Map<String, List<Agreement.Case>> byConfiguration) {
    List<String> lines = lines(byConfiguration);
    String name = fileName(system);
    String directory = System.getProperty(RECORD);
    if (directory != null) {
      try {
        Files.write(Path.of(directory, name), lines, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(name, e);
      }
      return;
    }
    List<String> committed = committed(name);
    for (int i = 0; i < Math.min(committed.size(), lines.size()); i++) {
      if (!committed.get(i).equals(lines.get(i))) {
        fail(
            name
                + " line "
                + (i + 1)
                + " is not what the SDK decides now: committed \""
                + committed.get(i)
                + "\", SDK \""
                + lines.get(i)
                + "\"; record again with -D"
                + RECORD
                + "=DIRECTORY");
      }
    }
    assertEquals(lines.size(), committed.size(), name + " lines");
  }

  private static List<String> lines(Map<String, List<Agreement.Case>> byConfiguration) {
    Map<String, Map<String, String>> columns = new LinkedHashMap<>();
    byConfiguration.forEach(
        (configuration, cases) -> {
          for (Agreement.Case c : cases) {
            String column =
                configuration
                    + "\t"
                    + (c.rollout() != null
                        ? c.rollout().flagKey() + "\trollout\t" + c.rollout().basisPoints()
                        : c.split().flagKey()
                            + "\tvariant\t"
                            + c.split().variants().stream()
                                .map(v -> Integer.toString(v.weight()))
                                .collect(Collectors.joining("/")));
            String cell =
                c.rollout() == null ? c.expected() : c.expected().equals("true") ? "1" : "0";
            if (columns.computeIfAbsent(column, key -> new LinkedHashMap<>()).put(c.id(), cell)
                != null) {
              throw new IllegalArgumentException("two cases of " + column + " for " + c.describe());
            }
          }
        });
    List<String> lines = new ArrayList<>();
    lines.add(
        "# recorded from the SDK by the properties module's agreement tests (RecordedVectors);"
            + " columns: configuration, flag, kind, setting (basis points, or weights)");
    int index = 0;
    for (String column : columns.keySet()) {
      lines.add("# " + index++ + "\t" + column);
    }
    for (String id : Agreement.ids()) {
      StringBuilder row = new StringBuilder(Agreement.escape(id));
      for (Map.Entry<String, Map<String, String>> column : columns.entrySet()) {
        String cell = column.getValue().get(id);
        if (cell == null) {
          throw new IllegalArgumentException(column.getKey() + " has no case for " + id);
        }
        row.append('\t').append(cell);
      }
      lines.add(row.toString());
    }
    return lines;
  }

  private static List<String> committed(String name) {
    try (InputStream in = RecordedVectors.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        fail(
            name
                + " is not on the class path (bucketing's test resources); record it with -D"
                + RECORD
                + "=DIRECTORY");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
  }
}

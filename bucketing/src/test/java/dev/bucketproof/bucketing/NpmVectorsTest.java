package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every hasher against hashes computed by the real npm packages (npm-vectors.tsv, made by
 * src/test/node/make-npm-vectors.mjs): {@code murmurhash} 2.x (UTF-8 via TextEncoder, so unpaired
 * surrogates become U+FFFD), {@code murmurhash-js} and {@code murmurhash3js} (low byte of each
 * unit).
 */
class NpmVectorsTest {
  record Row(
      String id,
      int seed,
      long utf8,
      long murmurhashJs,
      long murmurhash3js,
      String x64h1,
      int line) {}

  private static List<Row> rows;

  @BeforeAll
  static void load() throws IOException {
    rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    NpmVectorsTest.class.getResourceAsStream("/npm-vectors.tsv"),
                    "npm-vectors.tsv"),
                StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        assertEquals(6, fields.length, "npm-vectors.tsv line " + number);
        rows.add(
            new Row(
                TestIds.unescape(fields[0]),
                Integer.parseUnsignedInt(fields[1]),
                Long.parseLong(fields[2]),
                Long.parseLong(fields[3]),
                Long.parseLong(fields[4]),
                fields[5],
                number));
      }
    }
    assertTrue(rows.size() >= 300, "rows: " + rows.size());
  }

  @Test
  void utf8FamilyMatchesNpmMurmurhash() {
    for (IdHasher hasher : IdHashers.all()) {
      if (hasher.family() == HashFamily.MURMUR3_X86_32) {
        for (Row row : rows) {
          assertEquals(row.utf8(), hasher.hash(row.id(), row.seed()), () -> message(hasher, row));
        }
      }
    }
  }

  @Test
  void browserFamilyMatchesMurmurhashJsAndMurmurhash3js() {
    IdHasher hasher = IdHashers.murmur3_x86_32_js();
    for (Row row : rows) {
      assertEquals(
          row.murmurhashJs(),
          row.murmurhash3js(),
          () -> "the two npm packages disagree: " + message(hasher, row));
      assertEquals(
          row.murmurhashJs(), hasher.hash(row.id(), row.seed()), () -> message(hasher, row));
    }
  }

  @Test
  void x64FamilyMatchesMurmurhash3jsOnAsciiIds() {
    int checked = 0;
    for (IdHasher hasher : IdHashers.all()) {
      if (hasher.family() == HashFamily.MURMUR3_X64_128) {
        for (Row row : rows) {
          if (!row.x64h1().equals("-")) {
            assertEquals(
                Long.parseUnsignedLong(row.x64h1(), 16),
                hasher.hash(row.id(), row.seed()),
                () -> message(hasher, row));
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 100, "ASCII rows checked: " + checked);
  }

  @Test
  void vectorsCoverTheEdgeCases() {
    assertTrue(
        rows.stream().anyMatch(row -> IdEncoding.hasUnpairedSurrogate(row.id())),
        "unpaired surrogates");
    assertTrue(
        rows.stream()
            .anyMatch(row -> row.id().codePoints().anyMatch(Character::isSupplementaryCodePoint)),
        "supplementary code points");
    assertTrue(rows.stream().anyMatch(row -> row.id().length() >= 1000), "long ids");
    assertTrue(rows.stream().anyMatch(row -> row.seed() < 0), "seeds >= 2^31");
  }

  private static String message(IdHasher hasher, Row row) {
    return hasher.name()
        + " on npm-vectors.tsv line "
        + row.line()
        + ": id "
        + TestIds.escape(row.id())
        + " seed "
        + Integer.toUnsignedString(row.seed());
  }
}

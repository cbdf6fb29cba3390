package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of src/test/resources/murmur3-reference.tsv, the published MurmurHash3 values the
 * project keeps beside its tests: against the byte-level {@link Murmur3}, and, where the bytes are
 * well-formed UTF-8, against every hasher of the family through the id they encode.
 */
class ReferenceVectorsTest {
  private static final String FILE = "murmur3-reference.tsv";

  record Row(String algorithm, byte[] bytes, int seed, long h1, String h2, String input, int line) {
    @Override
    public String toString() {
      return FILE + " line " + line + " (" + input + ", seed " + Integer.toHexString(seed) + ")";
    }
  }

  private static List<Row> rows;

  @BeforeAll
  static void load() throws IOException {
    rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    ReferenceVectorsTest.class.getResourceAsStream("/" + FILE), FILE),
                StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        assertEquals(6, fields.length, FILE + " line " + number);
        rows.add(
            new Row(
                fields[0],
                HexFormat.of().parseHex(fields[1]),
                Integer.parseUnsignedInt(fields[2], 16),
                Long.parseUnsignedLong(fields[3], 16),
                fields[4],
                fields[5],
                number));
      }
    }
    assertEquals(37, rows.size(), "rows of " + FILE);
  }

  @Test
  void x86_32RowsMatchTheByteLevelReference() {
    int checked = 0;
    for (Row row : rows) {
      if (row.algorithm().equals("x86_32")) {
        assertEquals(
            row.h1(),
            Integer.toUnsignedLong(Murmur3.x86_32(row.bytes(), row.seed())),
            row::toString);
        checked++;
      }
    }
    assertEquals(33, checked);
  }

  @Test
  void x64_128RowsMatchTheByteLevelReference() {
    int checked = 0;
    for (Row row : rows) {
      if (row.algorithm().equals("x64_128")) {
        long[] hash = Murmur3.x64_128(row.bytes(), row.seed());
        assertEquals(row.h1(), hash[0], row::toString);
        if (!row.h2().equals("-")) {
          assertEquals(Long.parseUnsignedLong(row.h2(), 16), hash[1], row::toString);
        }
        checked++;
      }
    }
    assertEquals(4, checked);
  }

  @Test
  void everyHasherOfTheFamilyMatchesTheRowsOfWellFormedUtf8() {
    int checked = 0;
    for (Row row : rows) {
      String id = decode(row.bytes());
      if (id == null) {
        continue;
      }
      HashFamily family =
          row.algorithm().equals("x86_32") ? HashFamily.MURMUR3_X86_32 : HashFamily.MURMUR3_X64_128;
      for (IdHasher hasher : IdHashers.all()) {
        if (hasher.family() == family) {
          assertEquals(row.h1(), hasher.hash(id, row.seed()), () -> hasher.name() + " " + row);
          checked++;
        }
      }
    }
    assertTrue(checked >= 50, "hasher checks: " + checked);
  }

  /** Returns the id whose UTF-8 is {@code bytes}, or null if they are not well-formed UTF-8. */
  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}

package dev.bucketproof.bucketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Guards the promise that a released hasher never changes its output: golden-assignments.tsv holds
 * (flag, user, hasher) -> hash and bucket (100 buckets, salted, seed 0) for 200 varied ids.
 *
 * <p>Changing the file is a deliberate, reviewed act: regenerate it with {@code mvn -B -pl
 * bucketing test -Dtest=GoldenAssignmentsTest -Dbucketproof.updateGolden=true} and say in the
 * commit why assignments moved.
 */
class GoldenAssignmentsTest {
  private static final Path FILE = Path.of("src/test/resources/golden-assignments.tsv");
  private static final long ID_SEED = 0x601D_E11L;
  private static final String[] FLAGS = {
    "new-checkout", "dark-mode", "pricing-v2", "\u00e9t\u00e9-2026"
  };
  private static final String HEADER =
      "# flag\tuser\thasher\thash (unsigned)\tbucket of 100 (salted, seed 0); ids escaped as in npm-vectors.tsv";

  @Test
  void everyHasherStillAssignsTheGoldenBuckets() throws IOException {
    if (Boolean.getBoolean("bucketproof.updateGolden")) {
      write();
    }
    List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
    int rows = 0;
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      String flag = TestIds.unescape(fields[0]);
      String user = TestIds.unescape(fields[1]);
      Bucketer bucketer = Bucketer.builder().hasher(IdHashers.byName(fields[2])).build();
      String where =
          "golden-assignments.tsv line "
              + number
              + ": "
              + fields[2]
              + " "
              + fields[0]
              + " "
              + fields[1];
      assertEquals(Long.parseUnsignedLong(fields[3]), bucketer.forFlag(flag).hash(user), where);
      assertEquals(Integer.parseInt(fields[4]), bucketer.bucket(flag, user), where);
      rows++;
    }
    assertEquals(200 * IdHashers.all().size(), rows, "rows in golden-assignments.tsv");
  }

  private static void write() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    List<String> ids = ids();
    assertTrue(ids.size() == 200, "ids " + ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String flag = FLAGS[i % FLAGS.length];
      for (IdHasher hasher : IdHashers.all()) {
        Bucketer bucketer = Bucketer.builder().hasher(hasher).build();
        lines.add(
            String.join(
                "\t",
                TestIds.escape(flag),
                TestIds.escape(ids.get(i)),
                hasher.name(),
                Long.toUnsignedString(bucketer.forFlag(flag).hash(ids.get(i))),
                Integer.toString(bucketer.bucket(flag, ids.get(i)))));
      }
    }
    Files.write(FILE, lines, StandardCharsets.UTF_8);
  }

  private static List<String> ids() {
    List<String> ids =
        new ArrayList<>(
            List.of(
                "",
                "a",
                "0",
                "user-123",
                "alice@example.com",
                "550e8400-e29b-41d4-a716-446655440000",
                "user_000001",
                "jos\u00e9",
                "\u65e5\u672c\u8a9e",
                "\uD83D\uDCB0",
                "e\u0301",
                "\uD800",
                "a\uDC00b",
                " padded ",
                "\u0000",
                "x".repeat(1024)));
    SplittableRandom random = new SplittableRandom(ID_SEED);
    for (int i = 0; ids.size() < 60; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()).toString());
    }
    for (int i = 0; ids.size() < 90; i++) {
      ids.add(Integer.toString(i * 7919));
    }
    for (int i = 0; ids.size() < 120; i++) {
      ids.add(String.format("user_%06d", i * 13));
    }
    for (int i = 0; ids.size() < 150; i++) {
      ids.add("person" + random.nextInt(100_000) + "@example" + random.nextInt(10) + ".org");
    }
    while (ids.size() < 200) {
      ids.add(TestIds.mixedUnicode(random, 1 + random.nextInt(24)));
    }
    return ids;
  }
}

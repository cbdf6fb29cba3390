package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of the JSON lines that {@code bucket}, {@code hash} and {@code srm --json} print,
 * so that a change of JSON library cannot change them unnoticed: key order, no spaces, quote,
 * backslash and controls escaped ({@code \t \n \r} short, the rest and DEL, U+2028, U+2029 as
 * lowercase <code>&#92;u00XX</code>), a lone surrogate as <code>&#92;uXXXX</code> (a UTF-8 encoder
 * would turn it into {@code ?}), a surrogate pair and other text as UTF-8, doubles as {@link
 * Double#toString} unless integral. The expected lines are in {@code json-lines.txt} beside this
 * class.
 */
class JsonLinesTest {
  /** Ids with every character class the escaping treats differently. */
  static final List<String> IDS =
      List.of(
          "q\"b\\\u0001\u0008\u000c\u007f\t\n\r/",
          "\u2028\u2029e\u00e9\uD83D\uDCB0\u202E",
          "lone\uD800 x",
          "low\uDC00",
          "end\uD83D",
          "\uDCB0\uD83D");

  @Test
  void bucketHashAndSrmLinesKeepTheirBytes() throws IOException {
    List<String> lines = new ArrayList<>();
    List<String> bucket =
        new ArrayList<>(List.of("bucket", "--flag", "f\"\\", "--rollout", "50", "--"));
    bucket.addAll(IDS);
    lines.add(run(bucket));
    List<String> hash =
        new ArrayList<>(
            List.of("hash", "--hasher", "bucketproof:murmur3_x86_32", "--seed", "-1", "--"));
    hash.addAll(IDS);
    lines.add(run(hash));
    lines.add(run(List.of("bucket", "--flag", "f", "--unsalted", "--buckets", "7", "plain")));
    lines.add(run(List.of("srm", "--observed", "5012,4988,3", "--weights", "50,50,0.1", "--json")));
    lines.add(run(List.of("srm", "--observed", "5000,5000", "--weights", "1,1", "--json")));
    String expected;
    try (InputStream resource = JsonLinesTest.class.getResourceAsStream("json-lines.txt")) {
      expected = new String(resource.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, String.join("", lines));
  }

  private static String run(List<String> args) {
    BucketproofCliTest.Result result = BucketproofCliTest.run(args.toArray(String[]::new));
    assertEquals(0, result.code(), args + ": " + result.err());
    return result.out();
  }
}

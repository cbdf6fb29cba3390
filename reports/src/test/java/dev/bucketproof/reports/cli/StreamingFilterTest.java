package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.HashFamily;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.TestIds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bucket} and {@code explain} as streaming filters: the byte path (stdin read as bytes,
 * lines hashed where they lie) prints exactly what the {@code String} path (the same ids as
 * arguments) prints, on every line of a mixed file; the golden assignments come out of the pipe
 * unchanged; output is flushed when the input pauses and every {@code --flush-every} ids; a write
 * error stops the filter.
 */
class StreamingFilterTest {
  private static final long SEED = 0x5EED_F117E5L;
  private static final Path GOLDEN =
      Path.of("../bucketing/src/test/resources/golden-assignments.tsv");

  @Test
  void bytePathPrintsWhatTheStringPathPrintsOnEveryLineOfAMixedFile() throws IOException {
    byte[] file = mixedFile();
    List<String> ids = idsOf(file);
    assertTrue(ids.size() > 300, "lines: " + ids.size());
    for (String[] options :
        List.of(
            new String[] {"bucket", "--flag", "checkout", "--rollout", "25"},
            new String[] {"bucket", "--flag", "caf\u00e9 \"q\"", "--buckets", "10000"},
            new String[] {
              "bucket",
              "--flag",
              "f",
              "--unsalted",
              "--hasher",
              "bucketproof:murmur3_x86_32_js",
              "--rollout",
              "50"
            },
            new String[] {
              "bucket",
              "--flag",
              "f",
              "--hasher",
              "openhft:murmur3_x64_128",
              "--seed",
              "-1",
              "--rollout",
              "5"
            },
            new String[] {"bucket", "--flag", "f", "--hasher", "guava:murmur3_x86_32"},
            new String[] {
              "explain", "--flag", "checkout", "--rollout", "25", "--variants", "a:50,b:50"
            })) {
      BucketproofCliTest.Result streamed = BucketproofCliTest.run(file, options);
      BucketproofCliTest.Result reference = BucketproofCliTest.run(withIds(options, ids));
      assertEquals(0, streamed.code(), streamed.err());
      assertEquals(0, reference.code(), reference.err());
      assertEquals(reference.out(), streamed.out(), String.join(" ", options));
      assertTrue(
          streamed.err().contains("lines of standard input were not valid UTF-8 (lines "),
          streamed.err());
    }
  }

  @Test
  void goldenAssignmentsComeOutOfThePipeUnchanged() throws IOException {
    Map<String, List<String[]>> byFlagAndHasher = new LinkedHashMap<>();
    for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      String user = TestIds.unescape(fields[1]);
      // An unpaired surrogate has no UTF-8; in the UTF-8 families the id hashes as its U+FFFD form.
      boolean hasBytes =
          IdHashers.byName(fields[2]).family() != HashFamily.MURMUR3_X86_32_JS
              || !IdEncoding.hasUnpairedSurrogate(user);
      // A blank line is not a user (skipped and counted: HostileInputTest); the empty id is
      // checked as an argument in HostileInputTest.
      boolean fitsOnALine =
          hasBytes && !user.isEmpty() && !user.contains("\n") && !user.endsWith("\r");
      if (fitsOnALine) {
        byFlagAndHasher
            .computeIfAbsent(
                TestIds.unescape(fields[0]) + "\t" + fields[2], key -> new ArrayList<>())
            .add(fields);
      }
    }
    Pattern hashAndBucket = Pattern.compile("\"hash\":\"(\\d+)\",\"bucket\":(\\d+),");
    int checked = 0;
    for (Map.Entry<String, List<String[]>> group : byFlagAndHasher.entrySet()) {
      String[] flagAndHasher = group.getKey().split("\t");
      ByteArrayOutputStream stdin = new ByteArrayOutputStream();
      for (String[] fields : group.getValue()) {
        stdin.writeBytes(IdEncoding.utf8(TestIds.unescape(fields[1])));
        stdin.write('\n');
      }
      BucketproofCliTest.Result result =
          BucketproofCliTest.run(
              stdin.toByteArray(),
              "bucket",
              "--flag",
              flagAndHasher[0],
              "--hasher",
              flagAndHasher[1]);
      assertEquals(0, result.code(), result.err());
      List<String> lines = result.lines();
      assertEquals(group.getValue().size(), lines.size(), group.getKey());
      for (int i = 0; i < lines.size(); i++) {
        String[] fields = group.getValue().get(i);
        Matcher matcher = hashAndBucket.matcher(lines.get(i));
        assertTrue(matcher.find(), lines.get(i));
        String where = "golden " + String.join(" ", fields);
        assertEquals(fields[3], matcher.group(1), where);
        assertEquals(fields[4], matcher.group(2), where);
        checked++;
      }
    }
    assertTrue(checked >= 950, "golden rows checked: " + checked);
  }

  @Test
  void anInteractivePipeSeesEachAnswerBeforeTheNextId() {
    // Standard input as a person types it: one line at a time, and nothing available until the
    // filter
    // asks again. Each time the filter must wait for more input, its answers so far must already be
    // out.
    List<String> ids = List.of("123", "alice", "bob");
    ByteArrayOutputStream answers = new ByteArrayOutputStream();
    List<String> seenWhenAskingForMore = new ArrayList<>();
    InputStream typed =
        new InputStream() {
          private int next;
          private byte[] line = new byte[0];
          private int position;

          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            if (position == line.length) {
              seenWhenAskingForMore.add(answers.toString(StandardCharsets.UTF_8));
              if (next == ids.size()) {
                return -1;
              }
              line = (ids.get(next++) + "\n").getBytes(StandardCharsets.UTF_8);
              position = 0;
            }
            int count = Math.min(length, line.length - position);
            System.arraycopy(line, position, buffer, offset, count);
            position += count;
            return count;
          }

          @Override
          public int available() {
            return line.length - position;
          }
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BucketproofCli.run(
            new String[] {"bucket", "--flag", "gr1", "--rollout", "80"},
            typed,
            new PrintStream(answers, false, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertEquals(ids.size() + 1, seenWhenAskingForMore.size(), seenWhenAskingForMore.toString());
    for (int asked = 1; asked <= ids.size(); asked++) {
      List<String> lines = seenWhenAskingForMore.get(asked).lines().toList();
      assertEquals(
          asked, lines.size(), "answers out before asking for id " + (asked + 1) + ": " + lines);
      assertTrue(
          lines.get(asked - 1).startsWith("{\"id\":\"" + ids.get(asked - 1) + "\""),
          lines.get(asked - 1));
    }
  }

  @Test
  void flushEveryNIdsAndOtherwiseOnlyInBlocks() {
    byte[] stdin = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        1,
        flushes(stdin, "bucket", "--flag", "f"),
        "10 short lines from a file: one write at the end");
    assertEquals(5, flushes(stdin, "bucket", "--flag", "f", "--flush-every", "2"));
    assertEquals(
        4, flushes(stdin, "explain", "--flag", "f", "--rollout", "5", "--flush-every", "3"));
    BucketproofCliTest.Result negative =
        BucketproofCliTest.run(stdin, "bucket", "--flag", "f", "--flush-every", "-1");
    assertEquals(2, negative.code());
    assertEquals("bucketproof: --flush-every must be >= 0: -1", negative.err().strip());
  }

  @Test
  void aClosedPipeStopsTheFilterWithAnError() {
    // 100,000,000 ids behind a closed output: the filter must stop at the first failed write, long
    // before the end of its input (a filter that ignored the error would read every byte).
    long offered = 900_000_000L;
    long[] position = new long[1];
    InputStream plenty =
        new InputStream() {
          @Override
          public int read() {
            return position[0] == offered ? -1 : position[0]++ % 9 == 8 ? '\n' : 'x';
          }

          @Override
          public int available() {
            return (int) Math.min(1 << 16, offered - position[0]);
          }
        };
    OutputStream closed =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
          }
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BucketproofCli.run(
            new String[] {"bucket", "--flag", "f"},
            plenty,
            new PrintStream(closed, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(BucketproofCli.OUTPUT_FAILED, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .startsWith("bucketproof: cannot write to standard output"),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(
        position[0] < offered / 1000,
        "stopped early: read " + position[0] + " of " + offered + " bytes");
  }

  /** Returns how many times the filter wrote to its output. */
  private static int flushes(byte[] stdin, String... args) {
    AtomicInteger writes = new AtomicInteger();
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) {
            throw new AssertionError("bytes are written in blocks");
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            writes.incrementAndGet();
          }
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BucketproofCli.run(
            args,
            new ByteArrayInputStream(stdin),
            new PrintStream(counting, false, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return writes.get();
  }

  /**
   * A file with everything a real one holds: a byte-order mark, CRLF and LF endings, empty lines,
   * UUIDs, unicode ids, ids that JSON escapes (quotes, backslashes, tabs, control characters, DEL,
   * U+2028), invalid UTF-8 of every kind, a line longer than the 64 KiB read buffer, and no final
   * newline.
   */
  private static byte[] mixedFile() {
    SplittableRandom random = new SplittableRandom(SEED);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    HexFormat hex = HexFormat.ofDelimiter(" ");
    List<byte[]> special = new ArrayList<>();
    for (String text :
        List.of(
            "",
            "550e8400-e29b-41d4-a716-446655440000",
            "jos\u00e9",
            "\u4e2d\u6587",
            "\uD83D\uDE00 emoji",
            "say \"hi\"",
            "back\\slash",
            "tab\there",
            "nul\u0000",
            "del\u007f",
            "line\u2028sep",
            "para\u2029",
            "\u0085 C1",
            "-starts-with-dash",
            " spaced ",
            "\uFFFD real")) {
      special.add(text.getBytes(StandardCharsets.UTF_8));
    }
    for (String invalid :
        List.of(
            "ff", "c3 28", "ed a0 80", "c0 af", "f4 90 80 80", "e2 82", "41 80 42", "f0 9f 98")) {
      special.add(hex.parseHex(invalid));
    }
    for (int i = 0; i < 400; i++) {
      byte[] line =
          switch (random.nextInt(4)) {
            case 0 -> special.get(random.nextInt(special.size()));
            case 1 ->
                new java.util.UUID(random.nextLong(), random.nextLong())
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> randomBytes(random, random.nextInt(0, 12));
            default -> ("user_" + random.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
          };
      file.writeBytes(line);
      file.writeBytes(random.nextInt(3) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
      if (i == 200) {
        file.writeBytes("long-".repeat(20_000).getBytes(StandardCharsets.UTF_8));
        file.write('\n');
      }
    }
    file.writeBytes("last line, no newline".getBytes(StandardCharsets.UTF_8));
    return file.toByteArray();
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] =
          (byte) (random.nextBoolean() ? random.nextInt(0x20, 0x7f) : random.nextInt(0x80, 0x100));
    }
    return bytes;
  }

  /**
   * The ids of a file by the documented rule, computed independently of the reader: split at {@code
   * \n}, a final {@code \r} dropped, the byte-order mark skipped, a last line without newline kept,
   * a blank line skipped, each line decoded as the WHATWG decoder does.
   */
  private static List<String> idsOf(byte[] file) {
    List<String> ids = new ArrayList<>();
    int start = 3;
    for (int i = 3; i <= file.length; i++) {
      if (i == file.length ? start < i : file[i] == '\n') {
        int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
        if (end > start) { // a blank line is skipped (and counted on stderr)
          ids.add(IdEncoding.decodeUtf8(file, start, end - start));
        }
        start = i + 1;
      }
    }
    return ids;
  }

  private static String[] withIds(String[] options, List<String> ids) {
    List<String> args = new ArrayList<>(List.of(options));
    args.add("--");
    args.addAll(ids);
    return args.toArray(new String[0]);
  }

  static {
    // The golden file names hashers by the catalogue's names: fail early if one is gone.
    IdHashers.all().forEach(hasher -> IdHashers.byName(hasher.name()));
  }
}

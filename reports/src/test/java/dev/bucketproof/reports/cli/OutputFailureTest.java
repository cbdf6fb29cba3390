package dev.bucketproof.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed write to standard output is an error (one line on stderr, exit 74), and a closed pipe
 * stops the command at its next write instead of reading the rest of the input.
 */
class OutputFailureTest {
  private static final Path DEV_FULL = Path.of("/dev/full");

  /** Ids offered on standard input in the closed-pipe tests. */
  private static final long IDS_OFFERED = 2_000_000;

  @TempDir Path directory;

  @Test
  void bucketHashAndSrmToDevFullExitNonZeroWithTheReason()
      throws IOException, InterruptedException {
    assumeTrue(Files.isWritable(DEV_FULL), "needs /dev/full (Linux)");
    for (List<String> args :
        List.of(
            List.of("bucket", "--flag", "f", "u1"),
            List.of("hash", "--hasher", "bucketproof:murmur3_x86_32", "u1"),
            List.of("srm", "--observed", "5012,4988", "--weights", "50,50"))) {
      Path err = directory.resolve("err.txt");
      int code = CliProcess.run(CliProcess.builder(args.toArray(String[]::new)), DEV_FULL, err);
      String message = Files.readString(err, StandardCharsets.UTF_8);
      assertEquals(74, code, args + ": " + message);
      assertEquals(
          "bucketproof: cannot write to standard output: No space left on device",
          message.strip(),
          args.toString());
    }
  }

  @Test
  void aPrintStreamThatSwallowsTheErrorStillFailsTheRun() throws IOException {
    assumeTrue(Files.isWritable(DEV_FULL), "needs /dev/full (Linux)");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream full =
        new PrintStream(new FileOutputStream(DEV_FULL.toFile()), true, StandardCharsets.UTF_8)) {
      int code =
          BucketproofCli.run(
              new String[] {"bucket", "--flag", "f", "u1"},
              InputStream.nullInputStream(),
              full,
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(74, code, err.toString(StandardCharsets.UTF_8));
    }
    assertEquals(
        "bucketproof: cannot write to standard output: write error",
        err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void aClosedPipeStopsBucketAtTheNextWrite() {
    CountingIds in = new CountingIds(IDS_OFFERED);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream closesAfterOneLine =
        new PrintStream(new ClosedAfter(200), true, StandardCharsets.UTF_8);
    int code =
        BucketproofCli.run(
            new String[] {"bucket", "--flag", "f", "--rollout", "50"},
            in,
            closesAfterOneLine,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(74, code, err.toString(StandardCharsets.UTF_8));
    assertEquals(
        "bucketproof: cannot write to standard output: write error",
        err.toString(StandardCharsets.UTF_8).strip());
    assertTrue(
        in.idsRead() < IDS_OFFERED / 100,
        "stopped early: read " + in.idsRead() + " of " + IDS_OFFERED + " ids");
  }

  @Test
  void bucketPipedToAReaderThatClosesAfterOneLineStops() throws IOException, InterruptedException {
    Process process =
        CliProcess.builder("bucket", "--flag", "f")
            .redirectError(directory.resolve("err.txt").toFile())
            .start();
    AtomicLong bytesWritten = new AtomicLong();
    Thread feeder =
        new Thread(
            () -> {
              byte[] line = "user-000000000\n".getBytes(StandardCharsets.US_ASCII);
              try (OutputStream stdin = process.getOutputStream()) {
                for (long i = 0; i < IDS_OFFERED; i++) {
                  stdin.write(line);
                  bytesWritten.addAndGet(line.length);
                }
              } catch (IOException closedByTheProcess) {
                // expected: the process stopped reading
              }
            },
            "feeder");
    feeder.start();
    try (BufferedReader stdout =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String first = stdout.readLine();
      assertTrue(
          first != null && first.startsWith("{\"id\":\"user-000000000\""), String.valueOf(first));
    } // like `| head -1`: the reading end is closed
    int code = process.waitFor();
    feeder.join();
    String err = Files.readString(directory.resolve("err.txt"), StandardCharsets.UTF_8);
    assertEquals(74, code, err);
    assertEquals("bucketproof: cannot write to standard output: Broken pipe", err.strip());
    long offered = IDS_OFFERED * 15;
    assertTrue(
        bytesWritten.get() < offered / 10,
        "stopped early: took " + bytesWritten.get() + " of " + offered + " bytes");
  }

  /**
   * Standard input of {@code count} ids, generated as they are read, counting the ids handed out.
   */
  private static final class CountingIds extends InputStream {
    private final long count;
    private long next;
    private byte[] line = new byte[0];
    private int position;

    CountingIds(long count) {
      this.count = count;
    }

    long idsRead() {
      return next;
    }

    @Override
    public int read() {
      if (position == line.length) {
        if (next == count) {
          return -1;
        }
        line = ("user-" + next++ + "\n").getBytes(StandardCharsets.US_ASCII);
        position = 0;
      }
      return line[position++];
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      int read = 0;
      while (read < Math.min(length, 64)) {
        int b = read();
        if (b < 0) {
          return read == 0 ? -1 : read;
        }
        buffer[offset + read++] = (byte) b;
      }
      return read;
    }
  }

  /**
   * A pipe whose reader goes away after {@code limit} bytes: every later write fails with EPIPE's
   * message.
   */
  private static final class ClosedAfter extends OutputStream {
    private long remaining;

    ClosedAfter(long limit) {
      this.remaining = limit;
    }

    @Override
    public void write(int b) throws IOException {
      if (remaining-- <= 0) {
        throw new IOException("Broken pipe");
      }
    }
  }
}

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes COUNT random version-4 UUIDs to stdout, one per line (37 bytes a line), from a fixed seed: the
 * same file on every machine. Run as a single-file program:
 *
 * <pre>java benchmarks/scripts/UuidLines.java 20000000 > ids-20m.txt</pre>
 */
public final class UuidLines {
  private static final long SEED = 0x1D5_F11E5L;

  private UuidLines() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1 || !args[0].matches("[0-9]+")) {
      System.err.println("usage: java UuidLines.java COUNT");
      System.exit(2);
    }
    long count = Long.parseLong(args[0]);
    SplittableRandom random = new SplittableRandom(SEED);
    try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
      for (long i = 0; i < count; i++) {
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        out.write(new UUID(high, low).toString().getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
      }
    }
  }
}

package dev.bucketproof.reports.audit;

import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.reports.ids.ByteLines;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.LineReport;
import dev.bucketproof.reports.ids.LineTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit of a file of ids on all cores: the file is split into byte ranges that start at line
 * boundaries, each range is read as bytes and its lines hashed where they lie (no {@code String}
 * for a valid line), and the ranges' {@link AuditCounts} are merged in file order. The result is
 * the one the sequential audit of the same file gives, count for count and gate for gate (a test
 * compares them): users are numbered by their position in the file, line numbers are the file's,
 * and the salt meta-test counts the file's first ids, read once more at the start (at most {@code
 * saltUsers} of them).
 *
 * <p>Memory: a read buffer (64 KiB, more only for a longer line) and one set of counts per range in
 * flight (at most two per thread), whatever the size of the file.
 *
 * <p>Thread-safety: stateless; each run uses its own threads.
 */
final class FileAudit {
  /** Ranges are about this long, and there are at least two per thread. */
  static final long RANGE_BYTES = 32L << 20;

  private FileAudit() {}

  static PopulationFindings run(IdFile file, Audit.Plan plan, AuditSettings settings)
      throws IOException {
    return run(file, plan, settings, 0);
  }

  /**
   * Audits {@code file} split into {@code rangeCount} ranges, or as many as its size calls for when
   * 0.
   */
  static PopulationFindings run(
      IdFile file, Audit.Plan plan, AuditSettings settings, int rangeCount) throws IOException {
    try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
      long size = channel.size();
      int count = rangeCount > 0 ? rangeCount : rangeCount(size, settings.threads());
      long[] bounds = boundaries(channel, size, count);
      Audit.Merged total = new Audit.Merged(saltOfTheFirstIds(channel, size, plan, file));
      Progress progress = new Progress(settings.progress(), size);
      FileOrder merged = new FileOrder(total);
      int ranges = bounds.length - 1;
      // One range: no thread to start. More: at most two ranges per thread in flight, merged in
      // file order (InOrder), so memory stays bounded by the counts of 2 x threads ranges.
      int threads = ranges == 1 ? 1 : settings.threads();
      try (InOrder<Range> inOrder =
          new InOrder<>(
              threads,
              "bucketproof-file-audit",
              range -> {
                merged.add(range);
                progress.report();
              },
              progress::report)) {
        for (int r = 0; r < ranges; r++) {
          long start = bounds[r];
          long end = bounds[r + 1];
          inOrder.submit(() -> tally(channel, start, end, plan, progress, file.maxIdBytes()));
        }
        inOrder.finish();
      } catch (LineTooLongException e) {
        throw tooLong(file, e, merged.lines);
      }
      return plan.result(file.name(), file.description(), total.counts, merged.lineReport());
    }
  }

  /**
   * Merges ranges in file order into the total: each range's user indices and line numbers are
   * moved by the users and lines of the ranges before it.
   */
  private static final class FileOrder {
    private final Audit.Merged total;
    private long ids;
    private long lines;
    private long blank;
    private long invalid;
    private final List<Long> blankNumbers = new ArrayList<>();
    private final List<Long> invalidNumbers = new ArrayList<>();

    FileOrder(Audit.Merged total) {
      this.total = total;
    }

    void add(Range range) {
      total.add(range.counts.withIndicesFrom(ids));
      for (long number : range.blankNumbers) {
        keep(blankNumbers, lines + number);
      }
      for (long number : range.invalidNumbers) {
        keep(invalidNumbers, lines + number);
      }
      ids += range.counts.users();
      lines += range.lines;
      blank += range.blank;
      invalid += range.invalid;
    }

    LineReport lineReport() {
      return new LineReport(
          lines, ids, blank, List.copyOf(blankNumbers), invalid, List.copyOf(invalidNumbers));
    }
  }

  /**
   * The counts and line use of one range; line numbers and user indices start at 1 and 0 in the
   * range.
   */
  private record Range(
      AuditCounts counts,
      long lines,
      long blank,
      List<Long> blankNumbers,
      long invalid,
      List<Long> invalidNumbers) {}

  /**
   * The error for a line too long in a range after {@code linesBefore} lines: its number in the
   * file.
   */
  private static IOException tooLong(IdFile file, LineTooLongException e, long linesBefore) {
    return new IOException(e.describe(file.path().toString(), linesBefore), e);
  }

  private static Range tally(
      FileChannel channel, long start, long end, Audit.Plan plan, Progress progress, int maxIdBytes)
      throws IOException {
    Audit.Tally tally = new Audit.Tally(plan, false);
    ByteLines lines =
        new ByteLines(
            new RangeInputStream(channel, start, end, progress), () -> {}, start == 0, maxIdBytes);
    long blank = 0;
    long invalid = 0;
    List<Long> blankNumbers = new ArrayList<>();
    List<Long> invalidNumbers = new ArrayList<>();
    while (lines.next()) {
      byte[] bytes = lines.bytes();
      int offset = lines.offset();
      int length = lines.length();
      if (!IdEncoding.isValidUtf8(bytes, offset, length)) {
        invalid++;
        keep(invalidNumbers, lines.number());
      } else if (length == 0) {
        blank++;
        keep(blankNumbers, lines.number());
      } else {
        plan.add(tally, tally.users, null, bytes, offset, length, false);
      }
    }
    progress.lines.addAndGet(lines.number());
    return new Range(
        tally.toCounts(), lines.number(), blank, blankNumbers, invalid, invalidNumbers);
  }

  /**
   * Returns counts that hold only the salt meta-test's counts of the file's first {@code saltUsers}
   * ids (no users): the one part of the audit that depends on an id's position in the whole file.
   */
  private static AuditCounts saltOfTheFirstIds(
      FileChannel channel, long size, Audit.Plan plan, IdFile file) throws IOException {
    Audit.Tally tally = new Audit.Tally(plan, true);
    int saltUsers = plan.settings.saltUsers();
    if (saltUsers > 0 && plan.settings.saltFlagCount() > 0) {
      ByteLines lines =
          new ByteLines(
              new RangeInputStream(channel, 0, size, null), () -> {}, true, file.maxIdBytes());
      long index = 0;
      try {
        while (index < saltUsers && lines.next()) {
          if (lines.length() > 0
              && IdEncoding.isValidUtf8(lines.bytes(), lines.offset(), lines.length())) {
            plan.addSalt(tally, index++, lines.bytes(), lines.offset(), lines.length());
          }
        }
      } catch (LineTooLongException e) {
        throw tooLong(file, e, 0);
      }
    }
    return tally.toCounts();
  }

  static int rangeCount(long size, int threads) {
    if (size < (1 << 20)) {
      return 1;
    }
    long count = Math.max(2L * threads, (size + RANGE_BYTES - 1) / RANGE_BYTES);
    return (int) Math.min(count, 1 << 16);
  }

  /**
   * Returns {@code count + 1} offsets: 0, then each nominal split point moved to just after the
   * next {@code \n} at or after the byte before it (so that a line belongs to the range where it
   * starts), then {@code size}. Ranges may be empty.
   */
  static long[] boundaries(FileChannel channel, long size, int count) throws IOException {
    long[] bounds = new long[count + 1];
    bounds[count] = size;
    ByteBuffer buffer = ByteBuffer.allocate(1 << 12);
    for (int r = 1; r < count; r++) {
      long position = Math.max(bounds[r - 1], size / count * r - 1);
      long found = size;
      search:
      while (position < size) {
        buffer.clear();
        int read = channel.read(buffer, position);
        if (read <= 0) {
          break;
        }
        for (int i = 0; i < read; i++) {
          if (buffer.get(i) == '\n') {
            found = position + i + 1;
            break search;
          }
        }
        position += read;
      }
      bounds[r] = Math.max(bounds[r - 1], found);
    }
    return bounds;
  }

  private static void keep(List<Long> numbers, long number) {
    if (numbers.size() < LineReport.LINE_NUMBERS_KEPT) {
      numbers.add(number);
    }
  }

  /** Bytes and lines done, shared by the workers, reported from the calling thread. */
  static final class Progress {
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    private final AuditSettings.Progress listener;
    private final long size;

    Progress(AuditSettings.Progress listener, long size) {
      this.listener = listener;
      this.size = size;
    }

    void report() {
      listener.updateBytes(lines.get(), bytes.get(), size);
    }
  }

  /**
   * The bytes {@code [start, end)} of a file, read with positional reads (safe to share the
   * channel).
   */
  static final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private final long end;
    private final Progress progress;
    private long position;

    RangeInputStream(FileChannel channel, long start, long end, Progress progress) {
      this.channel = channel;
      this.position = start;
      this.end = end;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (position >= end) {
        return -1;
      }
      int wanted = (int) Math.min(length, end - position);
      int read = channel.read(ByteBuffer.wrap(bytes, offset, wanted), position);
      if (read < 0) {
        return -1;
      }
      position += read;
      if (progress != null) {
        progress.bytes.addAndGet(read);
      }
      return read;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}

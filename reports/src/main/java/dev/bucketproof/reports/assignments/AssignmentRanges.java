package dev.bucketproof.reports.assignments;

import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.reports.audit.InOrder;
import dev.bucketproof.reports.ids.ByteLines;
import dev.bucketproof.reports.ids.IdLineReader;
import dev.bucketproof.reports.ids.LineTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The audit of an uncompressed assignments file on all cores, with the result of the sequential
 * audit, byte for byte (tests compare them).
 *
 * <ul>
 *   <li>The rows after the header are split into byte ranges that start at line boundaries (as
 *       {@code audit.FileAudit} does for ids); each range is parsed and counted on its own thread
 *       into {@link AssignmentCounts} with its own line numbers, and the ranges are merged oldest
 *       first, their line numbers moved by the lines before them. At most two ranges per thread are
 *       in flight, so memory is bounded by the range size, not the file.
 *   <li>The per-user state (repeats, conflicts, overlap) depends on which row of a (user, flag)
 *       came first, so each range hands its rows' outcomes (flag, sampling key, code, line, user)
 *       to the merging thread, which feeds them to the one {@link UserState} in file order: the
 *       same sample, within the same bound, as the sequential audit.
 *   <li>The fingerprint: a file larger than {@link AssignmentFile#EXHAUSTIVE_BYTES} first ranks
 *       every rule on {@value #RANKING_CHUNKS} chunks of about {@value #RANKING_CHUNK_BYTES} bytes
 *       at seeded places (seed {@value #RANKING_SEED}) spread over the file; per flag, the best
 *       rule and every rule within {@value #TIE} of its share are confirmed on every row, and the
 *       others run on the users of a 1/64 hashed sample only ({@link AssignmentAudit#sampled}). If
 *       after the full pass the best rule or one tied with it was not run on every row (the ranking
 *       was wrong), the file is audited again with every rule on every row. So the report lists
 *       every row the best rule does not reproduce.
 * </ul>
 *
 * <p>Thread-safety: stateless; each call uses its own threads.
 */
final class AssignmentRanges {
  /** Ranges are about this long, and there are at least two per thread. */
  static final long RANGE_BYTES = 8L << 20;

  /** The ranking sample: this many chunks... */
  static final int RANKING_CHUNKS = 32;

  /** ...of about this many bytes each. */
  static final int RANKING_CHUNK_BYTES = 64 << 10;

  /** The seed of the ranking chunks' places. */
  static final long RANKING_SEED = 0x5EED_F1A6L;

  /** Rules within this share of the best on the ranking sample are confirmed on every row. */
  static final double TIE = 0.01;

  private AssignmentRanges() {}

  /**
   * Audits the file, or returns null when it holds more flags or variants than one audit keeps (the
   * sequential audit then rejects the extra rows by line, in order).
   */
  static AssignmentFindings audit(
      Path path,
      Columns columns,
      AssignmentSettings settings,
      LongConsumer progress,
      int threads,
      int rangeCount,
      long exhaustiveBytes)
      throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        throw new IllegalArgumentException(
            path + " is empty: expected a header row (CSV or TSV) or JSON lines");
      }
      long headerEnd = lineEnd(channel, 0, size);
      String header;
      try {
        ByteLines first =
            new ByteLines(
                new RangeInputStream(channel, 0, headerEnd),
                () -> {},
                true,
                IdLineReader.DEFAULT_MAX_LINE_BYTES);
        first.next();
        if (!IdEncoding.isValidUtf8(first.bytes(), first.offset(), first.length())) {
          throw new IllegalArgumentException(
              path + ": line 1 is not valid UTF-8 (a binary file, or another encoding?)");
        }
        header = new String(first.bytes(), first.offset(), first.length(), StandardCharsets.UTF_8);
      } catch (LineTooLongException e) {
        throw AssignmentFile.tooLong(path, 1, e);
      }
      boolean json = header.stripLeading().startsWith("{");
      Supplier<AssignmentFile.RowParser> parsers =
          json
              ? () -> new AssignmentFile.JsonRowParser(columns)
              : () -> new AssignmentFile.DelimitedRowParser(path, header, columns);
      AssignmentFile.RowParser unused = parsers.get(); // the header's errors, before any work
      long dataStart = json ? 0 : headerEnd;
      long linesBefore = json ? 0 : 1;
      if (!json && dataStart >= size) {
        throw new IllegalArgumentException(path + " has a header but no rows");
      }
      String source = String.valueOf(path.getFileName());
      Job job =
          new Job(channel, path, source, settings, parsers, dataStart, size, linesBefore, progress);
      Map<String, Set<String>> confirmed = size > exhaustiveBytes ? job.rank(threads) : null;
      int count = rangeCount > 0 ? rangeCount : rangeCount(size - dataStart, Math.max(1, threads));
      AssignmentCounts counts = job.run(threads, count, confirmed);
      if (counts == null) {
        return null;
      }
      AssignmentFindings findings = counts.findings(source, settings);
      if (confirmed != null && !bestConfirmed(findings, counts)) {
        counts = job.run(threads, count, null);
        findings = counts.findings(source, settings);
      }
      return findings;
    }
  }

  /** Returns whether every flag's best rule, and every rule tied with it, ran on every row. */
  private static boolean bestConfirmed(AssignmentFindings findings, AssignmentCounts counts) {
    for (int i = 0; i < findings.flags().size(); i++) {
      AssignmentFindings.FlagFindings flag = findings.flags().get(i);
      AssignmentCounts.FlagCounts flagCounts = counts.flags().get(i);
      for (AssignmentFindings.RuleMatch tied : flag.tiedBest()) {
        for (AssignmentCounts.RuleCounts rule : flagCounts.rules()) {
          if (rule.rule().equals(tied.rule()) && rule.skipped() > 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static int rangeCount(long size, int threads) {
    if (size < (1 << 20)) {
      return 1;
    }
    long count = Math.max(2L * threads, (size + RANGE_BYTES - 1) / RANGE_BYTES);
    return (int) Math.min(count, 1 << 16);
  }

  /** One audit of one file. */
  private static final class Job {
    private final FileChannel channel;
    private final Path path;
    private final String source;
    private final AssignmentSettings settings;
    private final Supplier<AssignmentFile.RowParser> parsers;
    private final long dataStart;
    private final long size;
    private final long linesBefore;
    private final LongConsumer progress;

    Job(
        FileChannel channel,
        Path path,
        String source,
        AssignmentSettings settings,
        Supplier<AssignmentFile.RowParser> parsers,
        long dataStart,
        long size,
        long linesBefore,
        LongConsumer progress) {
      this.channel = channel;
      this.path = path;
      this.source = source;
      this.settings = settings;
      this.parsers = parsers;
      this.dataStart = dataStart;
      this.size = size;
      this.linesBefore = linesBefore;
      this.progress = progress;
    }

    /**
     * Ranks every rule on the ranking chunks; returns per flag seen there the rules to run on every
     * row.
     */
    Map<String, Set<String>> rank(int threads) throws IOException {
      SplittableRandom random = new SplittableRandom(RANKING_SEED);
      long span = size - dataStart;
      List<long[]> chunks = new ArrayList<>();
      long previousEnd = dataStart;
      for (int chunk = 0; chunk < RANKING_CHUNKS; chunk++) {
        long slot = span / RANKING_CHUNKS;
        long nominal = dataStart + slot * chunk + random.nextLong(Math.max(1, slot));
        long start =
            Math.max(
                previousEnd,
                nominal == dataStart ? dataStart : lineEnd(channel, nominal - 1, size));
        long end = lineEnd(channel, Math.min(size, start + RANKING_CHUNK_BYTES), size);
        if (start < end) {
          chunks.add(new long[] {start, end});
          previousEnd = end;
        }
      }
      AssignmentCounts sample = AssignmentCounts.empty();
      for (Part part : inParallel(threads, chunks, null)) {
        sample = sample.merge(part.counts);
      }
      Map<String, Set<String>> confirmed = new HashMap<>();
      for (AssignmentCounts.FlagCounts flag : sample.flags()) {
        double best = -1;
        for (AssignmentCounts.RuleCounts rule : flag.rules()) {
          AssignmentFindings.RuleMatch match = Verdicts.FlagVerdicts.match(rule, "");
          if (match.rowsCompared() > 0) {
            best = Math.max(best, match.share());
          }
        }
        if (best < 0) {
          continue;
        }
        Set<String> rules = new HashSet<>();
        for (AssignmentCounts.RuleCounts rule : flag.rules()) {
          AssignmentFindings.RuleMatch match = Verdicts.FlagVerdicts.match(rule, "");
          if (match.rowsCompared() > 0 && match.share() >= best - TIE) {
            rules.add(rule.rule());
          }
        }
        confirmed.put(flag.flagKey(), rules);
      }
      return confirmed;
    }

    /** Audits every row in {@code count} ranges; null when a bound of one audit is exceeded. */
    AssignmentCounts run(int threads, int count, Map<String, Set<String>> confirmed)
        throws IOException {
      long[] bounds = boundaries(channel, dataStart, size, count);
      List<long[]> ranges = new ArrayList<>();
      for (int r = 0; r + 1 < bounds.length; r++) {
        ranges.add(new long[] {bounds[r], bounds[r + 1]});
      }
      Merger merger = new Merger(settings, linesBefore);
      for (Part part : inParallel(threads, ranges, confirmed, merger)) {
        if (part == null) {
          return null;
        }
      }
      return merger.result();
    }

    /**
     * Tallies the ranking's chunks on every thread (the ids audit's {@link InOrder}); a chunk with
     * a line too long is left out (the full pass names the line).
     */
    private List<Part> inParallel(
        int threads, List<long[]> ranges, Map<String, Set<String>> confirmed) throws IOException {
      List<Part> parts = new ArrayList<>();
      try (InOrder<Part> inOrder =
          new InOrder<>(
              threads,
              "bucketproof-assignments",
              part -> {
                if (part != null) {
                  parts.add(part);
                }
              },
              () -> {})) {
        for (long[] range : ranges) {
          inOrder.submit(
              () -> {
                try {
                  return tally(range[0], range[1], confirmed, false);
                } catch (LineTooLongException e) {
                  return null;
                } catch (UncheckedIOException e) {
                  throw e.getCause();
                }
              });
        }
        inOrder.finish();
      }
      return parts;
    }

    /**
     * Tallies the ranges with at most two per thread in flight ({@link InOrder}), merging each
     * oldest first; stops submitting once the merger says the ranking was wrong (the list then ends
     * with null).
     */
    private List<Part> inParallel(
        int threads, List<long[]> ranges, Map<String, Set<String>> confirmed, Merger merger)
        throws IOException {
      List<Part> merged = new ArrayList<>();
      boolean[] stopped = {false};
      try (InOrder<Part> inOrder =
          new InOrder<>(
              threads,
              "bucketproof-assignments",
              part -> {
                if (stopped[0]) {
                  return;
                }
                if (!merger.add(part)) {
                  stopped[0] = true;
                  merged.add(null);
                  return;
                }
                progress.accept(merger.lines);
                merged.add(part.withoutRows());
              },
              () -> {})) {
        for (long[] range : ranges) {
          if (stopped[0]) {
            break;
          }
          inOrder.submit(
              () -> {
                try {
                  return tally(range[0], range[1], confirmed, true);
                } catch (UncheckedIOException e) {
                  throw e
                      .getCause(); // a read failure inside the parser, as the caller's IOException
                }
              });
        }
        inOrder.finish();
      } catch (LineTooLongException e) {
        throw AssignmentFile.tooLong(path, merger.lines + e.lineNumber(), e);
      }
      return merged;
    }

    private Part tally(long start, long end, Map<String, Set<String>> confirmed, boolean users)
        throws IOException {
      UserRows userRows = new UserRows();
      AssignmentAudit part = new AssignmentAudit(source, settings, userRows, confirmed);
      AssignmentFile.RowParser parser = parsers.get();
      ByteLines lines =
          new ByteLines(
              new RangeInputStream(channel, start, end),
              () -> {},
              start == 0,
              IdLineReader.DEFAULT_MAX_LINE_BYTES);
      while (lines.next()) {
        byte[] bytes = lines.bytes();
        int offset = lines.offset();
        int length = lines.length();
        if (!IdEncoding.isValidUtf8(bytes, offset, length)) {
          part.reject(lines.number(), "invalid UTF-8", "not valid UTF-8");
        } else if (length == 0) {
          part.reject(lines.number(), "blank line", "blank line");
        } else {
          parser.parse(lines.number(), bytes, offset, length, part);
        }
      }
      part.linesRead(lines.number());
      return new Part(part.counts(), users ? userRows : null, part.flagStates());
    }
  }

  /** The counts of one range, its rows' per-user outcomes and its flags (for their variants). */
  private record Part(AssignmentCounts counts, UserRows rows, List<FlagState> flags) {
    Part withoutRows() {
      return new Part(counts, null, List.of());
    }
  }

  /** Merges the ranges in file order and feeds their per-user outcomes to one state. */
  private static final class Merger {
    private final AssignmentSettings settings;
    private final UserState users;
    private final Map<String, GlobalFlag> flags = new HashMap<>();
    private AssignmentCounts total = AssignmentCounts.empty();
    private long lines;

    Merger(AssignmentSettings settings, long linesBefore) {
      this.settings = settings;
      this.users = new UserState(settings.sampleCapacity());
      this.lines = linesBefore;
    }

    /** Adds the next range; false when the file holds more flags or variants than one audit. */
    boolean add(Part part) {
      long base = lines;
      total = total.merge(part.counts.withLinesFrom(base));
      lines += part.counts.lines();
      int[] flagIndex = new int[part.flags.size()];
      int[][] variantIndex = new int[part.flags.size()][];
      for (int i = 0; i < part.flags.size(); i++) {
        FlagState local = part.flags.get(i);
        GlobalFlag global = flags.get(local.flagKey);
        if (global == null) {
          if (flags.size() == AssignmentAudit.MAX_FLAGS) {
            return false;
          }
          global = new GlobalFlag(users.addFlag(local.flagKey), settings.flag(local.flagKey));
          flags.put(local.flagKey, global);
        }
        flagIndex[i] = global.index;
        List<String> names = local.variantNames();
        variantIndex[i] = new int[names.size()];
        for (int v = 0; v < names.size(); v++) {
          variantIndex[i][v] = global.variant(names.get(v));
        }
        if (global.names.size() > AssignmentAudit.MAX_VARIANTS) {
          return false;
        }
      }
      UserRows rows = part.rows;
      for (int r = 0; r < rows.size; r++) {
        int local = rows.flags[r];
        GlobalFlag global = flags.get(part.flags.get(local).flagKey);
        users.put(
            flagIndex[local],
            rows.keys[r],
            FlagState.remapVariant(rows.codes[r], variantIndex[local]),
            base + rows.lines[r],
            rows.users[r],
            global.names);
      }
      return true;
    }

    AssignmentCounts result() {
      return new AssignmentCounts(
          lines, total.rows(), total.rejects(), total.flags(), users.counts());
    }
  }

  /** One flag's index in the whole file's user state and its variants there. */
  private static final class GlobalFlag {
    final int index;
    final List<String> names = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();

    GlobalFlag(int index, FlagSettings settings) {
      this.index = index;
      settings.weights().keySet().forEach(this::variant);
    }

    int variant(String name) {
      Integer known = byName.get(name);
      if (known != null) {
        return known;
      }
      names.add(name);
      byName.put(name, names.size() - 1);
      return names.size() - 1;
    }
  }

  /**
   * Returns the offset just after the first {@code \n} at or after {@code from}, or {@code size}.
   */
  static long lineEnd(FileChannel channel, long from, long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 12);
    long position = from;
    while (position < size) {
      buffer.clear();
      int read = channel.read(buffer, position);
      if (read <= 0) {
        break;
      }
      for (int i = 0; i < read; i++) {
        if (buffer.get(i) == '\n') {
          return position + i + 1;
        }
      }
      position += read;
    }
    return size;
  }

  /**
   * Returns {@code count + 1} offsets from {@code start} to {@code size}: each nominal split point
   * moved to just after the next {@code \n} at or after the byte before it, so that a line belongs
   * to the range where it starts. Ranges may be empty.
   */
  private static long[] boundaries(FileChannel channel, long start, long size, int count)
      throws IOException {
    long[] bounds = new long[count + 1];
    bounds[0] = start;
    bounds[count] = size;
    long span = size - start;
    for (int r = 1; r < count; r++) {
      long nominal = start + span / count * r;
      bounds[r] = Math.max(bounds[r - 1], lineEnd(channel, Math.max(start, nominal - 1), size));
    }
    return bounds;
  }

  /** The bytes {@code [start, end)} of a file, read with positional reads. */
  private static final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private final long end;
    private long position;

    RangeInputStream(FileChannel channel, long start, long end) {
      this.channel = channel;
      this.position = start;
      this.end = end;
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
      return read;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}

package dev.bucketproof.reports.assignments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.bucketproof.reports.assignments.Columns.Role;
import dev.bucketproof.reports.ids.IdLineReader;
import dev.bucketproof.reports.ids.LineTooLongException;
import dev.bucketproof.reports.text.Display;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an assignments export and audits it: CSV (RFC 4180 quoting, one record per line) or TSV
 * with a header row, or JSON lines (one object per line); any of them gzip-compressed, recognised
 * by its magic bytes {@code 1f 8b}, whatever the file's name. UTF-8, a byte-order mark skipped,
 * {@code \n} or {@code \r\n}. TSV is chosen when the header holds a tab, JSON lines when the first
 * line starts with <code>{</code>.
 *
 * <p>Every line that cannot be used is counted and listed with its number and the reason (not valid
 * UTF-8, blank, a different number of fields than the header, no user or flag, an outcome that is
 * not one, an unterminated quote, malformed JSON); nothing is dropped silently. An empty file, a
 * header without rows, a header without a user, flag or outcome column, a gzip stream that ends
 * early, and a file with more rejected lines than rows are errors naming the file.
 *
 * <p>The parser is hand-written over the project's {@link IdLineReader} rather than taken from
 * jackson-dataformat-csv or commons-csv: both decode the whole stream through one {@code Reader},
 * so a single invalid UTF-8 byte either fails the file or becomes U+FFFD silently, where this audit
 * must reject that line by number and keep going. JSON lines are parsed with Jackson.
 *
 * <p>Thread-safety: stateless; each call reads the file anew.
 */
public final class AssignmentFile {
  /** Progress is reported every this many lines. */
  public static final int PROGRESS_LINES = 1 << 16;

  /**
   * Files up to this size run every candidate rule on every row; a larger file ranks the rules on a
   * sample first and runs only the best and the tied on every row (see {@link AssignmentRanges}).
   */
  static final long EXHAUSTIVE_BYTES = 64L << 20;

  /** JSON lines are strict: a key twice in one row rejects the row instead of one value winning. */
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private AssignmentFile() {}

  /**
   * Audits the export at {@code path}.
   *
   * @param columns the column overrides, or {@link Columns#guess()}
   * @param progress called with the lines read every {@value #PROGRESS_LINES} lines
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if it cannot be read, or its gzip data is corrupt or ends early
   * @throws IllegalArgumentException if it is empty, has no rows, lacks a user, flag or outcome
   *     column, or is mostly unreadable; the message names the file
   */
  public static AssignmentFindings audit(
      Path path, Columns columns, AssignmentSettings settings, LongConsumer progress)
      throws IOException {
    return audit(
        path,
        columns,
        settings,
        progress,
        Runtime.getRuntime().availableProcessors(),
        0,
        EXHAUSTIVE_BYTES);
  }

  /**
   * Audits the export at {@code path} on {@code threads} threads, in {@code rangeCount} ranges (0:
   * as many as its size calls for); a file longer than {@code exhaustiveBytes} has its rules ranked
   * on a sample first.
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
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(settings, "settings");
    requireNotParquet(path);
    if (isGzip(path)) {
      return sequential(path, columns, settings, progress);
    }
    AssignmentFindings findings =
        AssignmentRanges.audit(
            path, columns, settings, progress, threads, rangeCount, exhaustiveBytes);
    return findings != null ? findings : sequential(path, columns, settings, progress);
  }

  /** The command that audits a Parquet export (integrations/spark). */
  public static final String SPARK_COMMAND =
      "java -jar integrations/spark/target/bucketproof-spark-local.jar report --assignments FILE"
          + " --format parquet --flags FLAGS.json --out DIR";

  /**
   * Refuses a Parquet file (named {@code .parquet} or starting with {@code PAR1}): the command line
   * reads text exports; the Spark job reads Parquet.
   *
   * @throws IllegalArgumentException if the file is Parquet, naming the Spark command
   */
  static void requireNotParquet(Path path) throws IOException {
    boolean parquet =
        String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT).endsWith(".parquet");
    if (!parquet && Files.isRegularFile(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        parquet = Arrays.equals(in.readNBytes(4), "PAR1".getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (parquet) {
      throw new IllegalArgumentException(
          path
              + " is a Parquet file: the command line reads CSV, TSV and JSON lines; audit Parquet"
              + " with the Spark job: "
              + SPARK_COMMAND
              + " (or spark-submit, see docs/spark.md)");
    }
  }

  /**
   * Returns whether the file starts with the gzip magic bytes {@code 1f 8b}: such a file is read on
   * one core (a gzip stream cannot be split without reading it).
   *
   * @throws IOException if it cannot be read
   */
  public static boolean isGzip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** Audits the export at {@code path} in one pass on the calling thread. */
  static AssignmentFindings sequential(
      Path path, Columns columns, AssignmentSettings settings, LongConsumer progress)
      throws IOException {
    AssignmentAudit audit = new AssignmentAudit(String.valueOf(path.getFileName()), settings);
    long lines = 0;
    try (InputStream in = open(path);
        IdLineReader reader = new IdLineReader(in)) {
      IdLineReader.Line first = reader.next();
      if (first == null) {
        throw new IllegalArgumentException(
            path + " is empty: expected a header row (CSV or TSV) or JSON lines");
      }
      if (first.invalid()) {
        throw new IllegalArgumentException(
            path + ": line 1 is not valid UTF-8 (a binary file, or another encoding?)");
      }
      lines = 1;
      boolean json = first.text().stripLeading().startsWith("{");
      RowParser parser =
          json ? new JsonRowParser(columns) : new DelimitedRowParser(path, first.text(), columns);
      if (json) {
        parser.parse(first, audit);
      }
      IdLineReader.Line line;
      while ((line = reader.next()) != null) {
        lines++;
        if (line.invalid()) {
          audit.reject(line.number(), "invalid UTF-8", "not valid UTF-8");
        } else if (line.text().isEmpty()) {
          audit.reject(line.number(), "blank line", "blank line");
        } else {
          parser.parse(line, audit);
        }
        if (lines % PROGRESS_LINES == 0) {
          progress.accept(lines);
        }
      }
      if (!json && lines == 1) {
        throw new IllegalArgumentException(path + " has a header but no rows");
      }
    } catch (LineTooLongException e) {
      throw tooLong(path, e.lineNumber(), e);
    } catch (EOFException e) {
      throw new IOException(
          path + ": the gzip data ends early after line " + lines + " (a truncated file?)", e);
    } catch (ZipException e) {
      throw new IOException(
          path + ": the gzip data is corrupt after line " + lines + ": " + e.getMessage(), e);
    }
    progress.accept(lines);
    audit.linesRead(lines);
    return audit.finish();
  }

  /** The error for line {@code line} of {@code path}, longer than a row may be. */
  static IllegalArgumentException tooLong(Path path, long line, LineTooLongException e) {
    return new IllegalArgumentException(
        Display.terminal(path.toString())
            + ": line "
            + line
            + " is longer than "
            + e.maxBytes()
            + " bytes, the longest row an assignments export may have"
            + " (a binary file, or a file without line ends?)",
        e);
  }

  /** Opens the file, decompressing it when it starts with the gzip magic bytes. */
  static InputStream open(Path path) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    try {
      in.mark(2);
      int first = in.read();
      int second = in.read();
      in.reset();
      if (first == 0x1f && second == 0x8b) {
        return new GZIPInputStream(in, 1 << 16);
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Turns one non-blank line into a row, or a reject. */
  interface RowParser {
    void parse(IdLineReader.Line line, AssignmentAudit audit);

    /**
     * Parses a line given as valid, non-empty UTF-8 bytes; the default decodes it and calls {@link
     * #parse(IdLineReader.Line, AssignmentAudit)}.
     */
    default void parse(long number, byte[] bytes, int offset, int length, AssignmentAudit audit) {
      parse(
          new IdLineReader.Line(number, new String(bytes, offset, length, StandardCharsets.UTF_8)),
          audit);
    }
  }

  /** Builds the row from the role values of one line, or rejects it. */
  private static void emit(
      long line,
      String user,
      String flag,
      String enabled,
      String variant,
      String bucket,
      String time,
      AssignmentAudit audit) {
    audit.acceptFields(line, user, flag, enabled, variant, bucket, time, 0);
  }

  static Boolean parseEnabled(String value) {
    if (value.equals("true")) {
      return Boolean.TRUE;
    }
    if (value.equals("false")) {
      return Boolean.FALSE;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "on" -> Boolean.TRUE;
      case "false", "0", "off" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** CSV or TSV with a header row. */
  static final class DelimitedRowParser implements RowParser {
    private final char delimiter;
    private final int fieldCount;
    private final int[] index = new int[Role.values().length];
    private final List<String> fields = new ArrayList<>();

    DelimitedRowParser(Path path, String header, Columns columns) {
      this.delimiter = header.indexOf('\t') >= 0 ? '\t' : ',';
      if (!split(header, delimiter, fields)) {
        throw new IllegalArgumentException(
            path + ": the header has an unterminated quote: " + header);
      }
      List<String> names = List.copyOf(fields);
      this.fieldCount = names.size();
      int[] found = columnIndexes(String.valueOf(path), names, columns);
      System.arraycopy(found, 0, index, 0, index.length);
    }

    @Override
    public void parse(IdLineReader.Line line, AssignmentAudit audit) {
      if (!split(line.text(), delimiter, fields)) {
        audit.reject(
            line.number(),
            "unterminated quote",
            "unterminated quote (a field with a line break is not supported)");
        return;
      }
      if (fields.size() != fieldCount) {
        audit.reject(
            line.number(),
            "wrong number of fields",
            String.format(Locale.ROOT, "%d fields, the header has %d", fields.size(), fieldCount));
        return;
      }
      emit(
          line.number(),
          field(Role.USER),
          field(Role.FLAG),
          field(Role.ENABLED),
          field(Role.VARIANT),
          field(Role.BUCKET),
          field(Role.TIME),
          audit);
    }

    private String field(Role role) {
      int at = index[role.ordinal()];
      return at < 0 ? null : fields.get(at);
    }

    private int[] starts = new int[8];
    private int[] ends = new int[8];

    /**
     * The byte path: a line without {@code "} is split at the delimiter's byte (an ASCII byte never
     * occurs inside a multi-byte UTF-8 sequence) and only the fields the audit reads are decoded,
     * each on its own (so an ASCII field of a line with non-ASCII elsewhere stays a compact
     * string); the user's sampling key is hashed from its bytes. Lines with a quote take the text
     * path. Both give the same rows and the same rejects.
     */
    @Override
    public void parse(long number, byte[] bytes, int offset, int length, AssignmentAudit audit) {
      int end = offset + length;
      int count = 0;
      int start = offset;
      for (int i = offset; i < end; i++) {
        byte b = bytes[i];
        if (b == '"') {
          RowParser.super.parse(number, bytes, offset, length, audit);
          return;
        }
        if (b == delimiter) {
          addField(count++, start, i);
          start = i + 1;
        }
      }
      addField(count++, start, end);
      if (count != fieldCount) {
        audit.reject(
            number,
            "wrong number of fields",
            String.format(Locale.ROOT, "%d fields, the header has %d", count, fieldCount));
        return;
      }
      int user = index[Role.USER.ordinal()];
      long userKey =
          ends[user] > starts[user]
              ? UserSample.key(bytes, starts[user], ends[user] - starts[user])
              : 0;
      audit.acceptFields(
          number,
          text(bytes, Role.USER),
          text(bytes, Role.FLAG),
          text(bytes, Role.ENABLED),
          text(bytes, Role.VARIANT),
          text(bytes, Role.BUCKET),
          text(bytes, Role.TIME),
          userKey);
    }

    private void addField(int field, int start, int end) {
      if (field == starts.length) {
        starts = Arrays.copyOf(starts, 2 * field);
        ends = Arrays.copyOf(ends, 2 * field);
      }
      starts[field] = start;
      ends[field] = end;
    }

    private String text(byte[] bytes, Role role) {
      int at = index[role.ordinal()];
      if (at < 0) {
        return null;
      }
      int start = starts[at];
      int length = ends[at] - start;
      return role == Role.USER || role == Role.TIME
          ? new String(bytes, start, length, StandardCharsets.UTF_8)
          : recent[role.ordinal()].text(bytes, start, length);
    }

    private final RecentTexts[] recent = {
      new RecentTexts(), new RecentTexts(), new RecentTexts(), new RecentTexts(), new RecentTexts()
    };

    /**
     * The last few distinct values of a field with few values (a flag key, a variant, {@code
     * true}): the same bytes give back the same {@code String}, so a row does not decode and hash
     * its flag key again. Holds at most {@value #SIZE} values, replaced round-robin.
     */
    static final class RecentTexts {
      private static final int SIZE = 16;
      private final byte[][] bytes = new byte[SIZE][];
      private final String[] texts = new String[SIZE];
      private int next;

      String text(byte[] line, int start, int length) {
        for (int i = 0; i < SIZE; i++) {
          byte[] known = bytes[i];
          if (known != null
              && known.length == length
              && Arrays.equals(known, 0, length, line, start, start + length)) {
            return texts[i];
          }
        }
        String text = new String(line, start, length, StandardCharsets.UTF_8);
        bytes[next] = Arrays.copyOfRange(line, start, start + length);
        texts[next] = text;
        next = (next + 1) % SIZE;
        return text;
      }
    }

    /**
     * Splits one line into {@code out}; with {@code ,} a field may be quoted ({@code "a,b"}, {@code
     * ""} for a quote). Returns false when a quote is not closed.
     */
    static boolean split(String line, char delimiter, List<String> out) {
      out.clear();
      int length = line.length();
      int position = 0;
      while (true) {
        if (delimiter == ',' && position < length && line.charAt(position) == '"') {
          StringBuilder field = new StringBuilder();
          position++;
          while (true) {
            if (position >= length) {
              return false;
            }
            char c = line.charAt(position++);
            if (c == '"') {
              if (position < length && line.charAt(position) == '"') {
                field.append('"');
                position++;
              } else {
                break;
              }
            } else {
              field.append(c);
            }
          }
          out.add(field.toString());
          if (position == length) {
            return true;
          }
          if (line.charAt(position) != delimiter) {
            // Text after a closing quote: keep it, as spreadsheet programs do.
            int end = line.indexOf(delimiter, position);
            out.set(out.size() - 1, field + line.substring(position, end < 0 ? length : end));
            if (end < 0) {
              return true;
            }
            position = end;
          }
          position++;
        } else {
          int end = line.indexOf(delimiter, position);
          if (end < 0) {
            out.add(line.substring(position));
            return true;
          }
          out.add(line.substring(position, end));
          position = end + 1;
        }
      }
    }
  }

  /**
   * Returns the position of each role's column among {@code names} (a header's, or a table's
   * columns), indexed by {@link Role#ordinal()}, -1 for none: the column the CLI would read.
   *
   * @throws IllegalArgumentException if there is no user, flag or outcome column (or an override
   *     names a column that is not there); the message names {@code source}, the option and the
   *     columns
   */
  public static int[] columnIndexes(String source, List<String> names, Columns columns) {
    int[] index = new int[Role.values().length];
    Arrays.fill(index, -1);
    int[] rank = new int[index.length];
    Arrays.fill(rank, Integer.MAX_VALUE);
    for (int i = 0; i < names.size(); i++) {
      Role role = role(names.get(i), columns);
      int order = role == null ? -1 : overrideOrRank(names.get(i), columns);
      if (role != null && order < rank[role.ordinal()]) {
        rank[role.ordinal()] = order;
        index[role.ordinal()] = i;
      }
    }
    String shown = String.join(", ", names);
    require(
        index,
        source,
        columns.user(),
        Role.USER,
        "user",
        Columns.USER_NAMES,
        "--user-column",
        shown);
    require(
        index,
        source,
        columns.flag(),
        Role.FLAG,
        "flag",
        Columns.FLAG_NAMES,
        "--flag-column",
        shown);
    if (columns.time() != null && index[Role.TIME.ordinal()] < 0) {
      throw new IllegalArgumentException(
          source + ": no column " + columns.time() + " (--time-column) in the header: " + shown);
    }
    if (index[Role.ENABLED.ordinal()] < 0
        && index[Role.VARIANT.ordinal()] < 0
        && index[Role.BUCKET.ordinal()] < 0) {
      if (columns.outcome() != null) {
        throw new IllegalArgumentException(
            source
                + ": no column "
                + columns.outcomeName()
                + " (--outcome-column) in the header: "
                + shown);
      }
      throw new IllegalArgumentException(
          source
              + ": no outcome column in the header: expected enabled, variant"
              + " (variation, treatment) or bucket, or --outcome-column NAME[:enabled|variant|bucket]; header: "
              + shown);
    }
    return index;
  }

  private static void require(
      int[] index,
      String source,
      String override,
      Role role,
      String what,
      List<String> names,
      String option,
      String shown) {
    if (index[role.ordinal()] >= 0) {
      return;
    }
    if (override != null) {
      throw new IllegalArgumentException(
          source + ": no column " + override + " (" + option + ") in the header: " + shown);
    }
    throw new IllegalArgumentException(
        source
            + ": no "
            + what
            + " column in the header: expected one of "
            + String.join(", ", names)
            + " (or "
            + option
            + "); header: "
            + shown);
  }

  /** Returns the role of a header name under the overrides, or null. */
  static Role role(String name, Columns columns) {
    if (columns.time() != null && name.equalsIgnoreCase(columns.time())) {
      return Role.TIME;
    }
    if (columns.user() != null && name.equalsIgnoreCase(columns.user())) {
      return Role.USER;
    }
    if (columns.flag() != null && name.equalsIgnoreCase(columns.flag())) {
      return Role.FLAG;
    }
    if (columns.outcome() != null && name.equalsIgnoreCase(columns.outcomeName())) {
      return Columns.outcomeRole(columns.outcome());
    }
    Role role = Columns.known(name);
    if (role == null) {
      return null;
    }
    boolean overridden =
        switch (role) {
          case USER -> columns.user() != null;
          case FLAG -> columns.flag() != null;
          default -> columns.outcome() != null;
        };
    return overridden ? null : role;
  }

  /** Returns -1 for an override (always preferred), else the name's rank within its role. */
  private static int overrideOrRank(String name, Columns columns) {
    boolean override =
        (columns.user() != null && name.equalsIgnoreCase(columns.user()))
            || (columns.flag() != null && name.equalsIgnoreCase(columns.flag()))
            || (columns.outcome() != null && name.equalsIgnoreCase(columns.outcomeName()))
            || (columns.time() != null && name.equalsIgnoreCase(columns.time()));
    return override ? -1 : Columns.rank(name) % 100;
  }

  /** JSON lines: one object per line, keys found as header names are. */
  static final class JsonRowParser implements RowParser {
    private final Columns columns;
    private final Map<String, Role> roles = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();
    private final String[] values = new String[Role.values().length];
    private final int[] rank = new int[Role.values().length];

    JsonRowParser(Columns columns) {
      this.columns = columns;
    }

    @Override
    public void parse(IdLineReader.Line line, AssignmentAudit audit) {
      Arrays.fill(values, null);
      Arrays.fill(rank, Integer.MAX_VALUE);
      try (JsonParser parser = JSON.createParser(line.text())) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          audit.reject(line.number(), "not a JSON object", "not a JSON object");
          return;
        }
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          Role role =
              roles.computeIfAbsent(
                  name,
                  key -> {
                    Role found = role(key, columns);
                    ranks.put(key, found == null ? -1 : overrideOrRank(key, columns));
                    return found;
                  });
          if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            if (role != null) {
              audit.reject(
                  line.number(),
                  "JSON value not a scalar",
                  "key " + name + " holds an object or array");
              return;
            }
            parser.skipChildren();
            continue;
          }
          if (role != null && ranks.get(name) < rank[role.ordinal()]) {
            rank[role.ordinal()] = ranks.get(name);
            values[role.ordinal()] = value == JsonToken.VALUE_NULL ? null : parser.getText();
          }
        }
        if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
          audit.reject(line.number(), "malformed JSON", "malformed JSON: text after the object");
          return;
        }
      } catch (IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        audit.reject(
            line.number(),
            "malformed JSON",
            "malformed JSON: " + (newline < 0 ? message : message.substring(0, newline)));
        return;
      }
      if (values[Role.ENABLED.ordinal()] == null
          && values[Role.VARIANT.ordinal()] == null
          && values[Role.BUCKET.ordinal()] == null
          && values[Role.USER.ordinal()] != null) {
        audit.reject(
            line.number(),
            "no outcome",
            "no outcome key: expected enabled, variant (variation, treatment)"
                + " or bucket"
                + (columns.outcome() == null ? "" : ", or " + columns.outcomeName()));
        return;
      }
      emit(
          line.number(),
          values[Role.USER.ordinal()],
          values[Role.FLAG.ordinal()],
          values[Role.ENABLED.ordinal()],
          values[Role.VARIANT.ordinal()],
          values[Role.BUCKET.ordinal()],
          values[Role.TIME.ordinal()],
          audit);
    }
  }
}

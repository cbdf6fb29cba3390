package dev.bucketproof.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketproof.reports.assignments.AssignmentAudit;
import dev.bucketproof.reports.assignments.AssignmentCounts;
import dev.bucketproof.reports.assignments.AssignmentFile;
import dev.bucketproof.reports.assignments.AssignmentFindings;
import dev.bucketproof.reports.assignments.AssignmentRow;
import dev.bucketproof.reports.assignments.AssignmentSettings;
import dev.bucketproof.reports.assignments.FlagSettings;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.AuditCounts;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.LineReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.AccumulatorV2;
import scala.Tuple2;

/**
 * The assignments audit on Apache Spark: the same gates, verdicts and findings as {@code report
 * --assignments}, over any {@code Dataset<Row>} (Parquet, CSV, JSON, a catalog table).
 *
 * <pre>{@code
 * Dataset<Row> exposures = spark.read().parquet("s3://lake/exposures/2026-12-01");
 * AssignmentFindings findings = SparkAudit.auditAssignments(exposures,
 *     SparkAuditSettings.of("exposures").withFlags(Files.readString(Path.of("flags.json"))));
 * ReportWriter.write(findings, Path.of("report"));   // index.html, report.json, summary.md
 * }</pre>
 *
 * <p>How it runs. Rows are numbered in the dataset's order ({@code zipWithIndex}: one job that
 * counts each partition's rows). Each partition counts its rows into {@link AssignmentCounts} (the
 * 13 candidate rules on every row, rejected rows listed with their number, as the command line
 * does), and the driver merges the partitions' counts (an accumulator keyed by partition, so a
 * retried task counts once). The per-user state is exact, by Spark's own grouping rather than a
 * sample: each used row becomes (flag, user, outcome, membership, row number), grouped by (flag,
 * user, outcome) and then by (flag, user), which finds each pair's first outcome, its repeats and
 * its conflicts; the pairs' first memberships, joined on the user, give every pair of flags'
 * overlap. Only these short tuples are shuffled, never whole rows.
 *
 * <p>Columns are found as the command line finds them in a header (or named in the settings); a
 * column of a nested or binary type is an error, every other type is read as its text.
 *
 * <p>Thread-safety: stateless; each call runs its own Spark jobs.
 */
public final class SparkAudit {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ROLES = {"user", "flag", "enabled", "variant", "bucket", "time"};
  private static final StructType TUPLES =
      new StructType()
          .add("flag", DataTypes.StringType, false)
          .add("user", DataTypes.StringType, false)
          .add("outcome", DataTypes.StringType, false)
          .add("member", DataTypes.IntegerType, false)
          .add("line", DataTypes.LongType, false);

  private SparkAudit() {}

  /**
   * Audits the assignments in {@code table} and returns the findings the command line renders.
   *
   * @throws IllegalArgumentException if a user, flag or outcome column is missing, a column's type
   *     is nested or binary, the table has no rows, or no row could be used; the message is the
   *     command line's for the same mistake
   */
  public static AssignmentFindings auditAssignments(
      Dataset<Row> table, SparkAuditSettings settings) {
    return counts(table, settings).findings(settings.source(), settings.assignmentSettings());
  }

  /**
   * Audits the ids in {@code ids} as {@code report --ids} audits a file of them, one id per row in
   * the dataset's order, and returns the findings the command line renders: the same counts, gates
   * and verdicts as the command line on the same ids in the same order. A null or empty row is
   * counted as a blank line (with its row number) and is not an id.
   *
   * <p>How it runs: one job counts each partition's rows and ids (so that every id has its index
   * among all the ids, which the salt meta-test and the kept examples use); a second counts each
   * partition's ids into {@link AuditCounts}, which the driver merges. Nothing is shuffled. The
   * input is read twice; persist {@code ids} first if it is expensive to compute. A text file read
   * by Spark ({@code spark.read().textFile}) has had bytes that are not UTF-8 replaced by U+FFFD,
   * where the command line rejects such a line: give such files to the command line.
   *
   * @throws IllegalArgumentException if the dataset has no id
   */
  public static PopulationFindings auditIds(Dataset<String> ids, SparkIdsSettings settings) {
    JavaRDD<String> rows = ids.javaRDD();
    List<long[]> shapes =
        new ArrayList<>(
            rows.mapPartitionsWithIndex(
                    (partition, values) -> List.of(partitionShape(partition, values)).iterator(),
                    true)
                .collect());
    int partitions = shapes.size();
    long[] rowsBefore = new long[partitions + 1];
    long[] idsBefore = new long[partitions + 1];
    long blank = 0;
    List<Long> blankNumbers = new ArrayList<>();
    for (long[] shape : shapes) {
      int p = (int) shape[0];
      rowsBefore[p + 1] = shape[1];
      idsBefore[p + 1] = shape[2];
    }
    for (int p = 0; p < partitions; p++) {
      rowsBefore[p + 1] += rowsBefore[p];
      idsBefore[p + 1] += idsBefore[p];
    }
    shapes.sort(Comparator.comparingLong(shape -> shape[0]));
    for (long[] shape : shapes) {
      blank += shape[3];
      for (int i = 4; i < shape.length && blankNumbers.size() < LineReport.LINE_NUMBERS_KEPT; i++) {
        blankNumbers.add(rowsBefore[(int) shape[0]] + shape[i] + 1);
      }
    }
    long total = idsBefore[partitions];
    if (total == 0) {
      throw new IllegalArgumentException(
          settings.source()
              + (rowsBefore[partitions] == 0
                  ? " has no rows"
                  : " has no ids: its " + rowsBefore[partitions] + " rows are all null or empty"));
    }
    long[] firstIndexes = idsBefore;
    List<String> parts =
        rows.mapPartitionsWithIndex(
                (partition, values) -> {
                  Audit.Parts audit = Audit.Parts.of(settings.targets(), settings.auditSettings());
                  Iterator<String> nonEmpty =
                      StreamSupport.stream(Spliterators.spliteratorUnknownSize(values, 0), false)
                          .filter(value -> value != null && !value.isEmpty())
                          .iterator();
                  AuditCounts counts = audit.count(firstIndexes[partition], nonEmpty);
                  return List.of(JSON.writeValueAsString(counts)).iterator();
                },
                true)
            .collect();
    Audit.Parts audit = Audit.Parts.of(settings.targets(), settings.auditSettings());
    AuditCounts merged = audit.empty();
    try {
      for (String part : parts) {
        merged = merged.merge(JSON.readValue(part, AuditCounts.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LineReport lines =
        new LineReport(
            rowsBefore[partitions], total, blank, List.copyOf(blankNumbers), 0, List.of());
    return audit.findings(settings.source(), "ids from " + settings.source(), merged, lines);
  }

  /** A partition's [index, rows, ids, blank rows, the first blank rows' offsets...]. */
  private static long[] partitionShape(int partition, Iterator<String> values) {
    long rows = 0;
    long blank = 0;
    long[] offsets = new long[LineReport.LINE_NUMBERS_KEPT];
    int kept = 0;
    while (values.hasNext()) {
      String value = values.next();
      if (value == null || value.isEmpty()) {
        if (kept < offsets.length) {
          offsets[kept++] = rows;
        }
        blank++;
      }
      rows++;
    }
    long[] shape = new long[4 + kept];
    shape[0] = partition;
    shape[1] = rows;
    shape[2] = rows - blank;
    shape[3] = blank;
    System.arraycopy(offsets, 0, shape, 4, kept);
    return shape;
  }

  /**
   * Returns the counts of the assignments in {@code table}, with the exact per-user summary: a
   * value that merges with the counts of other tables or of the command line's parts.
   *
   * @throws IllegalArgumentException as {@link #auditAssignments}
   */
  public static AssignmentCounts counts(Dataset<Row> table, SparkAuditSettings settings) {
    String source = settings.source();
    List<String> names = Arrays.asList(table.columns());
    int[] index = AssignmentFile.columnIndexes(source, names, settings.columns());
    StructField[] fields = table.schema().fields();
    Column[] selected = new Column[ROLES.length];
    for (int role = 0; role < ROLES.length; role++) {
      if (index[role] < 0) {
        selected[role] = lit(null).cast(DataTypes.StringType).as(ROLES[role]);
        continue;
      }
      StructField field = fields[index[role]];
      DataType type = field.dataType();
      if (type instanceof StructType
          || type instanceof ArrayType
          || type instanceof MapType
          || type instanceof BinaryType) {
        throw new IllegalArgumentException(
            source
                + ": column "
                + field.name()
                + " has type "
                + type.simpleString()
                + "; the "
                + ROLES[role]
                + " column must hold strings, numbers or booleans");
      }
      selected[role] = col("`" + field.name().replace("`", "``") + "`").cast(DataTypes.StringType);
    }
    SparkSession spark = table.sparkSession();
    JavaRDD<Tuple2<Row, Long>> indexed =
        table.select(selected).javaRDD().zipWithIndex().map(pair -> pair);
    CountsAccumulator accumulator = new CountsAccumulator();
    // Unnamed: Spark's status listener would print a named accumulator's JSON at every task.
    spark.sparkContext().register(accumulator);
    JavaRDD<Row> tuples =
        indexed.mapPartitionsWithIndex(
            (partition, rows) -> new PartitionAudit(settings, partition, rows, accumulator), true);
    Dataset<Row> outcomes = spark.createDataFrame(tuples, TUPLES);
    // (flag, user, outcome): rows, first row, membership; then (flag, user): how many outcomes,
    // rows, membership. Plain aggregates only (hash aggregation, no lists): a pair with one
    // outcome, nearly every pair, needs nothing more.
    Dataset<Row> byPair =
        outcomes
            .groupBy("flag", "user", "outcome")
            .agg(count(lit(1)).as("rows"), min("member").as("member"))
            .groupBy("flag", "user")
            .agg(
                count(lit(1)).as("outcomes"),
                sum("rows").as("rows"),
                min("member").as("firstMember"))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row totals =
          byPair
              .agg(
                  count(lit(1)),
                  sum(when(col("outcomes").equalTo(1), col("rows").minus(1)).otherwise(0)),
                  sum(when(col("outcomes").gt(1), 1).otherwise(0)))
              .first();
      AssignmentCounts merged = accumulator.merged();
      long header = settings.firstLine() - 1;
      if (merged.rows() + merged.rejects().total() == 0) {
        throw new IllegalArgumentException(
            source + (header > 0 ? " has a header but no rows" : " has columns but no rows"));
      }
      long pairs = totals.getLong(0);
      long duplicates = totals.isNullAt(1) ? 0 : totals.getLong(1);
      long conflicted = totals.isNullAt(2) ? 0 : totals.getLong(2);
      long conflicts = 0;
      List<AssignmentFindings.Conflict> examples = List.of();
      Dataset<Row> members = byPair.filter(col("outcomes").equalTo(1));
      if (conflicted > 0) {
        // The few pairs with two or more outcomes, in detail from their rows: each outcome's
        // rows, first row and first 20 row numbers; the pair's outcome is the one seen first.
        // (Their rows are counted again, which re-runs the partitions' pass.)
        Dataset<Row> keys = byPair.filter(col("outcomes").gt(1)).select("flag", "user");
        Dataset<Row> detail =
            pairDetail(outcomes.join(conflicted <= BROADCAST_PAIRS ? broadcast(keys) : keys, PAIR))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
          Row detailTotals =
              detail
                  .agg(sum(col("rows").minus(col("firstRows"))), sum(col("firstRows").minus(1)))
                  .first();
          conflicts = detailTotals.getLong(0);
          duplicates += detailTotals.getLong(1);
          examples = conflictExamples(detail);
          members =
              members
                  .select("flag", "user", "firstMember")
                  .unionByName(detail.select("flag", "user", "firstMember"));
          AssignmentCounts.UserCounts users =
              new AssignmentCounts.UserCounts(
                  duplicates, conflicts, examples, 0, pairs, overlaps(members));
          return new AssignmentCounts(
              merged.lines() + header, merged.rows(), merged.rejects(), merged.flags(), users);
        } finally {
          detail.unpersist();
        }
      }
      AssignmentCounts.UserCounts users =
          new AssignmentCounts.UserCounts(
              duplicates, conflicts, examples, 0, pairs, overlaps(members));
      return new AssignmentCounts(
          merged.lines() + header, merged.rows(), merged.rejects(), merged.flags(), users);
    } finally {
      byPair.unpersist();
    }
  }

  /** Conflicted pairs broadcast to the join up to this many; a shuffle join beyond. */
  private static final long BROADCAST_PAIRS = 1_000_000;

  private static final String[] PAIR = {"flag", "user"};

  /**
   * Per (flag, user) of {@code rows} (the tuples of some pairs): the outcomes ordered by their
   * first row, each with its rows, membership and first 20 row numbers; the pair's rows, and the
   * rows and membership of its first outcome.
   */
  private static Dataset<Row> pairDetail(Dataset<Row> rows) {
    return rows.groupBy("flag", "user", "outcome")
        .agg(
            count(lit(1)).as("rows"),
            min("line").as("first"),
            min("member").as("member"),
            slice(array_sort(collect_list("line")), 1, AssignmentAudit.CONFLICTS_KEPT).as("lines"))
        .groupBy("flag", "user")
        .agg(
            array_sort(
                    collect_list(
                        struct(
                            col("first"),
                            col("outcome"),
                            col("rows"),
                            col("member"),
                            col("lines"))))
                .as("outcomes"),
            sum("rows").as("rows"))
        .withColumn("firstRows", col("outcomes").getItem(0).getField("rows"))
        .withColumn("firstMember", col("outcomes").getItem(0).getField("member"));
  }

  /** The conflicts with the smallest row numbers: rows whose outcome is not their pair's first. */
  private static List<AssignmentFindings.Conflict> conflictExamples(Dataset<Row> byPair) {
    List<AssignmentFindings.Conflict> examples = new ArrayList<>();
    for (Row pair :
        byPair
            .filter(size(col("outcomes")).gt(1))
            .select("flag", "user", "outcomes")
            .collectAsList()) {
      List<Row> outcomes = pair.getList(2);
      String earlier = outcomes.get(0).getString(1);
      for (Row outcome : outcomes.subList(1, outcomes.size())) {
        for (Object line : outcome.getList(4)) {
          examples.add(
              new AssignmentFindings.Conflict(
                  (Long) line,
                  pair.getString(1),
                  pair.getString(0),
                  earlier,
                  outcome.getString(1)));
        }
      }
      if (examples.size() > 100_000) {
        trim(examples);
      }
    }
    trim(examples);
    return examples;
  }

  private static void trim(List<AssignmentFindings.Conflict> examples) {
    examples.sort(
        Comparator.comparingLong(AssignmentFindings.Conflict::line)
            .thenComparing(AssignmentFindings.Conflict::userId)
            .thenComparing(AssignmentFindings.Conflict::flagKey)
            .thenComparing(AssignmentFindings.Conflict::earlier)
            .thenComparing(AssignmentFindings.Conflict::later));
    if (examples.size() > AssignmentAudit.CONFLICTS_KEPT) {
      examples.subList(AssignmentAudit.CONFLICTS_KEPT, examples.size()).clear();
    }
  }

  /**
   * Every pair of flags' overlap: users by their first membership under both, joined on user;
   * {@code pairs}: (flag, user, firstMember) per pair.
   */
  private static List<AssignmentCounts.Overlap> overlaps(Dataset<Row> pairs) {
    Dataset<Row> members =
        pairs.filter(col("firstMember").geq(0)).select("flag", "user", "firstMember");
    Dataset<Row> a = members.toDF("flagA", "user", "inA");
    Dataset<Row> b = members.toDF("flagB", "user", "inB");
    Map<String, long[][]> tables = new TreeMap<>();
    for (Row cell :
        a.join(b, "user")
            .filter(col("flagA").lt(col("flagB")))
            .groupBy("flagA", "flagB", "inA", "inB")
            .count()
            .collectAsList()) {
      String first = cell.getString(0);
      String second = cell.getString(1);
      int inFirst = cell.getInt(2);
      int inSecond = cell.getInt(3);
      boolean swap = first.compareTo(second) > 0;
      String key = swap ? second + "\n" + first : first + "\n" + second;
      long[][] table = tables.computeIfAbsent(key, any -> new long[2][2]);
      if (swap) {
        table[inSecond][inFirst] += cell.getLong(4);
      } else {
        table[inFirst][inSecond] += cell.getLong(4);
      }
    }
    List<AssignmentCounts.Overlap> overlaps = new ArrayList<>();
    tables.forEach(
        (key, table) -> {
          String[] flags = key.split("\n", 2);
          overlaps.add(new AssignmentCounts.Overlap(flags[0], flags[1], table));
        });
    overlaps.sort(
        Comparator.comparing(AssignmentCounts.Overlap::first)
            .thenComparing(AssignmentCounts.Overlap::second));
    return overlaps;
  }

  /**
   * One partition: counts its rows into an audit without per-user state and yields each used row's
   * (flag, user, outcome, membership, row number); at its end, hands its counts to the accumulator.
   */
  private static final class PartitionAudit implements Iterator<Row> {
    private final Iterator<Tuple2<Row, Long>> rows;
    private final AssignmentAudit audit;
    private final AssignmentSettings assignmentSettings;
    private final long firstLine;
    private final boolean timed;
    private final int partition;
    private final CountsAccumulator accumulator;
    private Row next;
    private boolean done;

    PartitionAudit(
        SparkAuditSettings settings,
        int partition,
        Iterator<Tuple2<Row, Long>> rows,
        CountsAccumulator accumulator) {
      this.rows = rows;
      this.assignmentSettings = settings.assignmentSettings();
      this.audit = AssignmentAudit.withoutUserState(settings.source(), assignmentSettings);
      this.firstLine = settings.firstLine();
      this.timed = settings.timeColumn() != null;
      this.partition = partition;
      this.accumulator = accumulator;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        if (!rows.hasNext()) {
          done = true;
          accumulator.add(partition, audit.counts());
          break;
        }
        Tuple2<Row, Long> indexed = rows.next();
        Row row = indexed._1();
        long used = audit.rows();
        audit.acceptFields(
            indexed._2() + firstLine,
            row.getString(0),
            row.getString(1),
            row.getString(2),
            row.getString(3),
            row.getString(4),
            timed ? (row.isNullAt(5) ? "" : row.getString(5)) : null);
        if (audit.rows() > used) {
          AssignmentRow accepted = audit.lastAccepted();
          FlagSettings flag = assignmentSettings.flag(accepted.flagKey());
          Boolean member = AssignmentAudit.member(accepted, flag);
          next =
              RowFactory.create(
                  accepted.flagKey(),
                  accepted.userId(),
                  AssignmentAudit.describe(accepted),
                  member == null ? -1 : member ? 1 : 0,
                  accepted.line());
        }
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }
  }

  /**
   * The partitions' counts, as JSON keyed by partition: a task run twice (a retry, a speculative
   * copy, a recomputed stage) puts the same value under the same key, so every partition counts
   * once.
   */
  @SuppressWarnings("NonApiType") // Spark's accumulator type: partitions sorted by their index
  static final class CountsAccumulator extends AccumulatorV2<Object, TreeMap<Integer, String>> {
    private static final long serialVersionUID = 1L;
    private TreeMap<Integer, String> parts = new TreeMap<>();

    void add(int partition, AssignmentCounts counts) {
      try {
        TreeMap<Integer, String> one = new TreeMap<>();
        one.put(partition, JSON.writeValueAsString(counts));
        merge(one);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    AssignmentCounts merged() {
      AssignmentCounts total = AssignmentCounts.empty();
      try {
        for (String part : value().values()) {
          total = total.merge(JSON.readValue(part, AssignmentCounts.class));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return total;
    }

    @Override
    public boolean isZero() {
      return parts.isEmpty();
    }

    @Override
    public AccumulatorV2<Object, TreeMap<Integer, String>> copy() {
      CountsAccumulator copy = new CountsAccumulator();
      copy.parts = value();
      return copy;
    }

    @Override
    public void reset() {
      parts = new TreeMap<>();
    }

    @Override
    public void add(Object value) {
      throw new UnsupportedOperationException("use add(partition, counts)");
    }

    @Override
    public void merge(AccumulatorV2<Object, TreeMap<Integer, String>> other) {
      merge(other.value());
    }

    private synchronized void merge(TreeMap<Integer, String> other) {
      parts.putAll(other);
    }

    @Override
    public synchronized TreeMap<Integer, String> value() {
      return new TreeMap<>(parts);
    }
  }
}

package dev.bucketproof.openfeature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A running export of sampled assignments, started by {@link AuditHook#exportAssignments}: every
 * period, on its own daemon thread ({@code bucketproof-export}), the rows sampled since the last
 * file are written to the next file. A file that cannot be written is counted ({@link
 * #failedWrites()}) and its rows are lost; the hook goes on.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class AssignmentsExport implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  /** One exported row. */
  record Row(String user, String flag, String variant) {}

  private final AuditHook hook;
  private final Path directory;
  private final String prefix;
  private final int maxRows;
  private final List<Row> rows = new ArrayList<>(); // guarded by the hook's check lock
  private final ScheduledExecutorService scheduler;
  private final LongAdder droppedRows = new LongAdder();
  private final LongAdder failedWrites = new LongAdder();
  private int files; // guarded by this
  private volatile boolean closed;

  // the scheduled task counts its own failures (failedWrites) instead of ending in its future
  @SuppressWarnings("FutureReturnValueIgnored")
  AssignmentsExport(AuditHook hook, Path directory, String prefix, Duration period, int maxRows) {
    this.hook = hook;
    this.directory = Objects.requireNonNull(directory, "directory");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty() || prefix.contains("/") || prefix.contains("\\")) {
      throw new IllegalArgumentException("prefix must be a file name prefix: " + prefix);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be > 0: " + period);
    }
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1: " + maxRows);
    }
    this.maxRows = maxRows;
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bucketproof-export");
              thread.setDaemon(true);
              return thread;
            });
    long nanos = period.toNanos();
    scheduler.scheduleWithFixedDelay(this::writeQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** Adds a row; called under the hook's check lock. */
  void add(String user, String flag, String variant) {
    if (closed) {
      return;
    }
    if (rows.size() < maxRows) {
      rows.add(new Row(user, flag, variant));
    } else {
      droppedRows.increment();
    }
  }

  /** Returns the rows so far and starts a new batch; called under the hook's check lock. */
  List<Row> take() {
    List<Row> taken = List.copyOf(rows);
    rows.clear();
    return taken;
  }

  boolean closed() {
    return closed;
  }

  /**
   * Writes the rows sampled since the last file to the next file now, and returns it (null when
   * there were none).
   *
   * @throws IOException if the file cannot be written (its rows are lost)
   */
  public synchronized Path write() throws IOException {
    List<Row> batch = hook.takeExportRows(this);
    if (batch.isEmpty()) {
      return null;
    }
    files++;
    Path target = directory.resolve(String.format(Locale.ROOT, "%s-%06d.jsonl", prefix, files));
    Path temporary = Files.createTempFile(directory, "." + prefix + "-", ".tmp");
    try {
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        for (Row row : batch) {
          try (JsonGenerator json = JSON.createGenerator(writer)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("user", row.user());
            json.writeStringField("flag", row.flag());
            json.writeStringField("variant", row.variant());
            json.writeEndObject();
          }
          writer.write('\n');
        }
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private void writeQuietly() {
    try {
      write();
    } catch (IOException | RuntimeException failure) {
      failedWrites.increment();
    }
  }

  /** Returns the rows not kept because a period had more than {@code maxRows}. */
  public long droppedRows() {
    return droppedRows.sum();
  }

  /** Returns the files that could not be written. */
  public long failedWrites() {
    return failedWrites.sum();
  }

  /** Stops the schedule and writes the last rows. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    writeQuietly();
    closed = true;
  }

  @Override
  public String toString() {
    return "export to " + directory.resolve(prefix + "-*.jsonl");
  }
}

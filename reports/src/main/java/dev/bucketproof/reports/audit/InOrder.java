package dev.bucketproof.reports.audit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks on a fixed number of daemon threads and hands their results to one consumer in the
 * order the tasks were submitted, with at most two tasks per thread in flight: memory stays bounded
 * by 2 x threads results, whatever the number of tasks. With one thread, each task runs on the
 * caller's thread when it is submitted. The audit of a population (chunks of ids), of a file of ids
 * (byte ranges) and of an assignments export (byte ranges) all run on it.
 *
 * <pre>{@code
 * try (InOrder<AuditCounts> chunks = new InOrder<>(threads, "bucketproof-audit", total::add, () -> {})) {
 *   for (Chunk chunk : chunks) {
 *     chunks.submit(() -> plan.tally(chunk).toCounts());   // merged in submission order
 *   }
 *   chunks.finish();
 * }
 * }</pre>
 *
 * <p>A task's {@link IOException}, runtime exception or error reaches the caller of {@link #submit}
 * or {@link #finish} as it was thrown; closing stops the threads.
 *
 * <p>Thread-safety: one caller thread submits; the consumer runs on that thread.
 *
 * @param <T> the result of a task
 */
public final class InOrder<T> implements AutoCloseable {
  /** How long the caller waits for the oldest task before it runs {@code whileWaiting}. */
  static final long WAIT_MILLIS = 200;

  /** Takes the results, in submission order. */
  @FunctionalInterface
  public interface Consumer<T> {
    /** Takes one result. */
    void accept(T result) throws IOException;
  }

  private final int threads;
  private final Consumer<T> consumer;
  private final Runnable whileWaiting;
  private final ExecutorService executor;
  private final Deque<Future<T>> inFlight = new ArrayDeque<>();

  /**
   * Returns an executor of {@code threads} daemon threads named {@code name} that hands results to
   * {@code consumer} and runs {@code whileWaiting} every {@value #WAIT_MILLIS} ms the caller waits.
   *
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public InOrder(int threads, String name, Consumer<T> consumer, Runnable whileWaiting) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.threads = threads;
    this.consumer = consumer;
    this.whileWaiting = whileWaiting;
    this.executor =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                runnable -> {
                  Thread thread = new Thread(runnable, name);
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /**
   * Runs {@code task} (on the caller's thread with one thread), first handing on the oldest result
   * when 2 x threads tasks are in flight.
   *
   * @throws IOException as the consumer or an earlier task threw it
   */
  public void submit(Callable<T> task) throws IOException {
    if (executor == null) {
      consumer.accept(call(task));
      return;
    }
    if (inFlight.size() >= 2 * threads) {
      handOnOldest();
    }
    inFlight.add(executor.submit(task));
  }

  /**
   * Waits for every task in flight and hands on their results, in order.
   *
   * @throws IOException as the consumer or a task threw it
   */
  public void finish() throws IOException {
    while (!inFlight.isEmpty()) {
      handOnOldest();
    }
  }

  /** Stops the threads; tasks still running are interrupted. */
  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void handOnOldest() throws IOException {
    Future<T> oldest = inFlight.poll();
    while (true) {
      try {
        consumer.accept(oldest.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        return;
      } catch (TimeoutException e) {
        whileWaiting.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("audit interrupted");
      } catch (ExecutionException e) {
        throw failure(e.getCause());
      }
    }
  }

  private static <T> T call(Callable<T> task) throws IOException {
    try {
      return task.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /**
   * Returns what a worker's failure is to its caller: the worker's own {@link IOException}, runtime
   * exception or error, rethrown as it was; anything else wrapped.
   */
  static IOException failure(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}

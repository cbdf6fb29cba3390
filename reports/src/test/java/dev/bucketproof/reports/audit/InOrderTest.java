package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one bounded in-order executor of the audits: order, bound, inline run and failures. */
class InOrderTest {

  @Test
  void resultsArriveInSubmissionOrderWhateverTheThreads() throws IOException {
    for (int threads : new int[] {1, 2, 4}) {
      List<Integer> seen = new ArrayList<>();
      // With two threads or more, each even task waits until the odd task after it has finished:
      // a scripted order in which later tasks finish first (one thread runs them in order).
      CountDownLatch[] finished = new CountDownLatch[100];
      for (int i = 0; i < finished.length; i++) {
        finished[i] = new CountDownLatch(1);
      }
      try (InOrder<Integer> inOrder = new InOrder<>(threads, "test", seen::add, () -> {})) {
        for (int i = 0; i < 100; i++) {
          int task = i;
          boolean waits = threads >= 2 && task % 2 == 0 && task + 1 < finished.length;
          inOrder.submit(
              () -> {
                if (waits) {
                  finished[task + 1].await();
                }
                finished[task].countDown();
                return task;
              });
        }
        inOrder.finish();
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        expected.add(i);
      }
      assertEquals(expected, seen, threads + " threads");
    }
  }

  @Test
  void atMostTwoTasksPerThreadAreInFlight() throws IOException {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger submittedNotHandedOn = new AtomicInteger();
    int[] most = new int[1];
    try (InOrder<Integer> inOrder =
        new InOrder<>(2, "test", result -> submittedNotHandedOn.decrementAndGet(), () -> {})) {
      for (int i = 0; i < 50; i++) {
        most[0] = Math.max(most[0], submittedNotHandedOn.incrementAndGet());
        inOrder.submit(
            () -> {
              running.incrementAndGet();
              return 0;
            });
      }
      inOrder.finish();
    }
    assertEquals(50, running.get());
    assertTrue(most[0] <= 2 * 2 + 1, "in flight at most 2 x threads (+ the one submitted)");
  }

  @Test
  void oneThreadRunsEachTaskOnTheCallerWhenSubmitted() throws IOException {
    Thread caller = Thread.currentThread();
    List<Thread> ran = new ArrayList<>();
    try (InOrder<Thread> inOrder = new InOrder<>(1, "test", ran::add, () -> {})) {
      inOrder.submit(Thread::currentThread);
      assertEquals(List.of(caller), ran, "handed on at submit, before finish");
    }
  }

  @Test
  void aWorkersFailureReachesTheCallerAsThrown() {
    IOException io = new IOException("disk");
    try (InOrder<Integer> inOrder = new InOrder<>(2, "test", result -> {}, () -> {})) {
      assertSame(
          io,
          assertThrows(
              IOException.class,
              () -> {
                inOrder.submit(
                    () -> {
                      throw io;
                    });
                inOrder.finish();
              }));
    }
    UncheckedIOException runtime = new UncheckedIOException(io);
    try (InOrder<Integer> inOrder = new InOrder<>(2, "test", result -> {}, () -> {})) {
      assertSame(
          runtime,
          assertThrows(
              UncheckedIOException.class,
              () -> {
                inOrder.submit(
                    () -> {
                      throw runtime;
                    });
                inOrder.finish();
              }));
    }
    try (InOrder<Integer> inOrder = new InOrder<>(1, "test", result -> {}, () -> {})) {
      assertSame(
          io,
          assertThrows(
              IOException.class,
              () ->
                  inOrder.submit(
                      () -> {
                        throw io;
                      })));
    }
  }

  @Test
  void theCallerRunsWhileWaitingWhenTheOldestTaskIsSlow() throws IOException {
    CountDownLatch waited = new CountDownLatch(1);
    AtomicInteger waits = new AtomicInteger();
    try (InOrder<Integer> inOrder =
        new InOrder<>(
            2,
            "test",
            result -> {},
            () -> {
              waits.incrementAndGet();
              waited.countDown();
            })) {
      inOrder.submit(
          () -> {
            waited.await();
            return 1;
          });
      inOrder.finish();
    }
    assertTrue(waits.get() >= 1);
  }

  @Test
  void threadsBelowOneAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new InOrder<Integer>(0, "t", r -> {}, () -> {}));
  }

  @Test
  void aFailureIsRethrownAsItWasOrWrappedWhenChecked() {
    IOException io = new IOException("disk");
    assertSame(io, InOrder.failure(io));
    IllegalStateException runtime = new IllegalStateException("bad");
    assertSame(runtime, assertThrows(IllegalStateException.class, () -> InOrder.failure(runtime)));
    AssertionError error = new AssertionError("worse");
    assertSame(error, assertThrows(AssertionError.class, () -> InOrder.failure(error)));
    Exception checked = new Exception("other");
    assertSame(checked, InOrder.failure(checked).getCause());
    assertEquals(
        "threads must be at least 1: 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new InOrder<Integer>(0, "t", r -> {}, () -> {}))
            .getMessage());
  }

  @Test
  void workersAreDaemonThreadsOfTheGivenName() throws IOException {
    List<String> seen = new ArrayList<>();
    try (InOrder<String> inOrder = new InOrder<>(2, "bucketproof-test", seen::add, () -> {})) {
      for (int i = 0; i < 4; i++) {
        inOrder.submit(
            () -> Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon());
      }
      inOrder.finish();
    }
    assertEquals(
        List.of(
            "bucketproof-test true",
            "bucketproof-test true",
            "bucketproof-test true",
            "bucketproof-test true"),
        seen);
  }

  @Test
  void closeInterruptsATaskStillRunning() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    InOrder<Integer> inOrder = new InOrder<>(2, "t", r -> {}, () -> {});
    inOrder.submit(
        () -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return 0;
        });
    started.await();
    inOrder.close();
    // waits for the interruption; the bound only keeps a broken build from hanging
    assertTrue(interrupted.await(60, java.util.concurrent.TimeUnit.SECONDS));
    new InOrder<Integer>(1, "t", r -> {}, () -> {}).close();
  }

  @Test
  void aCallerInterruptedWhileWaitingStopsAndKeepsItsInterrupt() throws IOException {
    CountDownLatch release = new CountDownLatch(1);
    try (InOrder<Integer> inOrder = new InOrder<>(2, "t", r -> {}, () -> {})) {
      inOrder.submit(
          () -> {
            release.await();
            return 0;
          });
      Thread.currentThread().interrupt();
      java.io.InterruptedIOException stopped =
          assertThrows(java.io.InterruptedIOException.class, inOrder::finish);
      assertEquals("audit interrupted", stopped.getMessage());
      assertTrue(Thread.interrupted(), "the interrupt is kept (and cleared here)");
    } finally {
      release.countDown();
    }
  }
}

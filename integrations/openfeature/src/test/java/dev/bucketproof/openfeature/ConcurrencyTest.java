package dev.bucketproof.openfeature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.assignments.FlagsFile;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * 8 threads evaluate through the real SDK and flagd at once, while the hook's own thread checks
 * every millisecond and a small ring overflows: every evaluation is counted, per variant exactly as
 * flagd decided them, and no user is reported as changing variant.
 */
class ConcurrencyTest {
  static final int THREADS = 8;
  static final int USERS = 5_000;
  static final int ROUNDS = 5; // each thread evaluates every user 5 times: 200,000 in all

  @AfterAll
  static void shutdown() {
    OpenFeatureAPI.getInstance().shutdown();
  }

  @Test
  void eightThreadsLoseNoCount() throws Exception {
    Alarms alarms = new Alarms();
    AuditHook hook =
        new AuditHook(
            AuditHookSettings.defaults()
                .withFlags(FlagsFile.parse(FlagdAuditTest.FLAGS_JSON, "FLAGS.json"))
                .withBounds(16, 8, 256, 1 << 20)
                .withSampleLevel(0)
                .withCheckPeriod(Duration.ofMillis(1))
                .withListeners(alarms));
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    api.setProviderAndWait(
        "concurrent", Providers.flagd(Providers.flagdSplit(FlagdAuditTest.FLAG, 50, 50, null)));
    Client client = api.getClient("concurrent");
    List<String> users = Providers.users(USERS);
    Map<String, Long> expected = new HashMap<>();
    for (String user : users) {
      String variant =
          client.getStringValue(FlagdAuditTest.FLAG, "none", new ImmutableContext(user));
      expected.merge(variant, (long) THREADS * ROUNDS, Long::sum);
    }
    client.addHooks(hook);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int offset = t * (USERS / THREADS);
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                  for (int i = 0; i < USERS; i++) {
                    String user = users.get((offset + i) % USERS);
                    client.getStringValue(FlagdAuditTest.FLAG, "none", new ImmutableContext(user));
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(10, TimeUnit.MINUTES);
    }
    pool.shutdown();
    hook.close();

    FlagStatus status = hook.status(FlagdAuditTest.FLAG);
    assertEquals((long) THREADS * ROUNDS * USERS, status.evaluations(), status.toString());
    assertEquals(expected, status.counts(), status.toString());
    assertEquals(0, status.conflicts(), status.toString());
    assertEquals(0, hook.hookFailures());
    assertEquals(0, hook.checkFailures());
    assertTrue(alarms.srm.isEmpty() && alarms.conflicts.isEmpty(), alarms.toString());
    System.out.printf(
        "8 threads: %,d evaluations counted, %,d sampled evaluations dropped by a full ring of 256%n",
        status.evaluations(), hook.droppedSamples());
  }
}

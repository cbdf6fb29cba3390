package dev.bucketproof.reports.statistics;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Empties the process-wide caches of {@link PowerAnalysis} and {@link MonteCarloChiSquare}, so that
 * a test computes what it checks instead of reading an answer an earlier test (or, under PIT, an
 * earlier mutant in the same JVM) left there. Reflection keeps the main code free of test hooks.
 */
final class Caches {
  private Caches() {}

  static void clear() {
    clear(PowerAnalysis.class, "SALT", "LAMBDA", "ROLLOUT", "UNIFORMITY");
    clear(MonteCarloChiSquare.class, "CACHE");
  }

  private static void clear(Class<?> owner, String... names) {
    for (String name : names) {
      try {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        Map<?, ?> cache = (Map<?, ?>) field.get(null);
        synchronized (cache) {
          cache.clear();
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("no cache " + owner.getSimpleName() + "." + name, e);
      }
    }
  }
}

package dev.bucketproof.benchmarks;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import java.io.IOException;
import java.util.Optional;

/**
 * Unleash: {@code isEnabled} of a flexibleRollout at 50%, toggles from a bootstrap, polling and
 * metrics off.
 */
final class UnleashDecider implements PeerBenchmark.PeerDecider {
  private final Unleash unleash;

  UnleashDecider() throws IOException {
    String features = PeerBenchmark.resource("unleash-features.json");
    UnleashConfig config =
        UnleashConfig.builder()
            .appName("bucketproof-peer-benchmark")
            .instanceId("benchmark")
            .unleashAPI("http://127.0.0.1:9/api")
            .toggleBootstrapProvider(() -> Optional.of(features))
            .backupFile(PeerBenchmark.resourceFile("unleash-features.json").toString())
            .disablePolling()
            .disableMetrics()
            .synchronousFetchOnInitialisation(false)
            .build();
    unleash = new DefaultUnleash(config);
  }

  @Override
  public boolean isEnabled(String userId) {
    return unleash.isEnabled("checkout", UnleashContext.builder().userId(userId).build());
  }

  @Override
  public void close() {
    unleash.shutdown();
  }
}

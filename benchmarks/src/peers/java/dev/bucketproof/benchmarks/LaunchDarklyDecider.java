package dev.bucketproof.benchmarks;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.integrations.FileData;
import java.io.IOException;

/** LaunchDarkly: {@code boolVariation} of a 50/50 fallthrough rollout from FileData, events off. */
final class LaunchDarklyDecider implements PeerBenchmark.PeerDecider {
  private final LDClient client;

  LaunchDarklyDecider() throws IOException {
    LDConfig config =
        new LDConfig.Builder()
            .dataSource(
                FileData.dataSource()
                    .filePaths(PeerBenchmark.resourceFile("launchdarkly-flags.json")))
            .events(Components.noEvents())
            .diagnosticOptOut(true)
            .build();
    client = new LDClient("sdk-offline-benchmark", config);
    if (!client.isInitialized()) {
      throw new IllegalStateException("LaunchDarkly did not load the flag file");
    }
  }

  @Override
  public boolean isEnabled(String userId) {
    return client.boolVariation("checkout", LDContext.create(userId), false);
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}

package dev.bucketproof.benchmarks;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.io.IOException;

/**
 * flagd through OpenFeature: in-process evaluation of a {@code fractional} 50/50 flag read from a
 * file.
 */
final class FlagdDecider implements PeerBenchmark.PeerDecider {
  private final Client client;

  FlagdDecider() throws IOException {
    FlagdProvider provider =
        new FlagdProvider(
            FlagdOptions.builder()
                .resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(PeerBenchmark.resourceFile("flagd-flags.json").toString())
                .build());
    OpenFeatureAPI.getInstance().setProviderAndWait(provider);
    client = OpenFeatureAPI.getInstance().getClient();
  }

  @Override
  public boolean isEnabled(String userId) {
    return client.getBooleanValue("checkout", false, new ImmutableContext(userId));
  }

  @Override
  public void close() {
    OpenFeatureAPI.getInstance().shutdown();
  }
}

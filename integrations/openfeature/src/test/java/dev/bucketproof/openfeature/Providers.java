package dev.bucketproof.openfeature;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.contrib.providers.unleash.UnleashProvider;
import dev.openfeature.contrib.providers.unleash.UnleashProviderConfig;
import dev.openfeature.sdk.FeatureProvider;
import io.getunleash.util.UnleashConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Real providers for the tests, all local: flagd in-process on a flag file, and Unleash through
 * OpenFeature's Unleash provider with a bootstrap (its API URL is a closed loopback port with
 * polling and metrics off: nothing is fetched).
 */
final class Providers {
  /** The provider's default deadline, 1 s, is too short for a loaded 2-core CI machine. */
  private static final int INITIALIZATION_DEADLINE_MS = 60_000;

  /** Numbers the Unleash clients: Unleash logs an error for two clients with one instance id. */
  private static final java.util.concurrent.atomic.AtomicInteger UNLEASH_CLIENTS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The seed of the targeting keys every test evaluates. */
  static final long USERS_SEED = 0x0F_EA7E_2026L;

  private Providers() {}

  /** Returns {@code count} random UUIDs from {@link #USERS_SEED}. */
  static List<String> users(int count) {
    SplittableRandom random = new SplittableRandom(USERS_SEED);
    List<String> users = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      users.add(new UUID(random.nextLong(), random.nextLong()).toString());
    }
    return users;
  }

  /**
   * Returns a flagd flag file with one string flag {@code key}: variants {@code control} and {@code
   * treatment}, split by {@code fractional} with the given weights; {@code bucketingPrefix}
   * non-null buckets on {@code prefix + targetingKey} instead of flagd's own key.
   */
  static String flagdSplit(String key, int control, int treatment, String bucketingPrefix) {
    String bucketing =
        bucketingPrefix == null
            ? ""
            : "{\"cat\": [\"" + bucketingPrefix + "\", {\"var\": \"targetingKey\"}]}, ";
    return "{\"flags\": {\""
        + key
        + "\": {\"state\": \"ENABLED\", \"variants\": {\"control\": \"control\", \"treatment\":"
        + " \"treatment\"}, \"defaultVariant\": \"control\", \"targeting\": {\"fractional\": ["
        + bucketing
        + "[\"control\", "
        + control
        + "], [\"treatment\", "
        + treatment
        + "]]}}}}";
  }

  /** Returns flagd's in-process provider reading {@code flags} from a temporary file. */
  static FeatureProvider flagd(String flags) {
    try {
      Path file = Files.createTempFile("openfeature-audit", ".json");
      Files.writeString(file, flags, StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
      return new FlagdProvider(
          FlagdOptions.builder()
              .resolverType(Config.Resolver.FILE)
              .offlineFlagSourcePath(file.toString())
              .deadline(INITIALIZATION_DEADLINE_MS)
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns Unleash features with one flag {@code key}: variants {@code control} and {@code
   * treatment} with the given weights (out of 1,000), sticky on the user id; {@code treatmentFirst}
   * lists treatment first (a config change that moves users).
   */
  static String unleashSplit(String key, int control, int treatment, boolean treatmentFirst) {
    String controlVariant =
        "{\"name\": \"control\", \"weight\": "
            + control
            + ", \"weightType\": \"variable\", \"stickiness\": \"userId\"}";
    String treatmentVariant =
        "{\"name\": \"treatment\", \"weight\": "
            + treatment
            + ", \"weightType\": \"variable\", \"stickiness\": \"userId\"}";
    return "{\"version\": 2, \"features\": [{\"name\": \""
        + key
        + "\", \"enabled\": true, \"strategies\": [{\"name\": \"default\", \"parameters\": {}}],"
        + " \"variants\": ["
        + (treatmentFirst
            ? treatmentVariant + ", " + controlVariant
            : controlVariant + ", " + treatmentVariant)
        + "]}]}";
  }

  /** Returns OpenFeature's Unleash provider over an Unleash SDK bootstrapped with {@code json}. */
  static FeatureProvider unleash(String json) {
    try {
      Path backup = Files.createTempFile("openfeature-audit-unleash", ".json");
      Files.writeString(backup, json, StandardCharsets.UTF_8);
      backup.toFile().deleteOnExit();
      return new UnleashProvider(
          UnleashProviderConfig.builder()
              .unleashConfigBuilder(
                  UnleashConfig.builder()
                      .appName("bucketproof-openfeature-test")
                      .instanceId("test-" + UNLEASH_CLIENTS.incrementAndGet())
                      .unleashAPI("http://127.0.0.1:9/api")
                      .toggleBootstrapProvider(() -> Optional.of(json))
                      .backupFile(backup.toString())
                      .disablePolling()
                      .disableMetrics()
                      .synchronousFetchOnInitialisation(false))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

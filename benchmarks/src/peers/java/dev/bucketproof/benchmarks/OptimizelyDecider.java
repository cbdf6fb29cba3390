package dev.bucketproof.benchmarks;

import com.optimizely.ab.Optimizely;
import com.optimizely.ab.optimizelydecision.OptimizelyDecideOption;
import java.io.IOException;
import java.util.List;

/** Optimizely: {@code createUserContext(id).decide("checkout")} from a datafile, events dropped. */
final class OptimizelyDecider implements PeerBenchmark.PeerDecider {
  private static final List<OptimizelyDecideOption> OPTIONS =
      List.of(OptimizelyDecideOption.DISABLE_DECISION_EVENT);
  private final Optimizely optimizely;

  OptimizelyDecider() throws IOException {
    optimizely =
        Optimizely.builder()
            .withDatafile(PeerBenchmark.resource("optimizely-datafile.json"))
            .withEventHandler(event -> {})
            .build();
    if (!optimizely.isValid()) {
      throw new IllegalStateException("Optimizely rejected the datafile");
    }
  }

  @Override
  public boolean isEnabled(String userId) {
    return optimizely.createUserContext(userId).decide("checkout", OPTIONS).getEnabled();
  }

  @Override
  public void close() {
    optimizely.close();
  }
}

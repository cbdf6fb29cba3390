package dev.bucketproof.benchmarks;

import io.split.client.dtos.Partition;
import io.split.engine.splitter.Splitter;
import java.util.List;

/**
 * Split: its localhost mode cannot express a percentage, so this measures the SDK's own bucketing
 * function, {@code Splitter.getTreatment} with a 50/50 partition and the murmur algorithm, not the
 * public client's {@code getTreatment}.
 */
final class SplitDecider implements PeerBenchmark.PeerDecider {
  private static final int MURMUR = 2;
  private static final int SEED = 1_234_567;
  private final List<Partition> partitions;

  SplitDecider() {
    Partition on = new Partition();
    on.treatment = "on";
    on.size = 50;
    Partition off = new Partition();
    off.treatment = "off";
    off.size = 50;
    partitions = List.of(on, off);
  }

  @Override
  public boolean isEnabled(String userId) {
    return "on".equals(Splitter.getTreatment(userId, SEED, partitions, MURMUR));
  }
}

package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.reports.render.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bucketproof bucket}: which bucket each user is in, one JSON object per line. */
@Command(name = "bucket", description = "Which bucket is each user in? One JSON object per line.")
final class BucketCommand implements Callable<Integer> {
  private final InputStream in;

  @Spec
  CommandSpec spec;

  @Mixin
  FlagOptions options;

  @Option(names = "--rollout", description = "rollout percentage, up to two decimals; sets \"enabled\"")
  Double rollout;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "user ids; without any, one id per line of stdin")
  List<String> ids;

  BucketCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    // No variants here, so Bucketer accepts any rollout seed, its default variant seed 86028157 included.
    Bucketer bucketer = options.builder().build();
    String flag = options.flag;
    RolloutGate gate = rollout == null ? null : bucketer.rollout(Rollout.ofPercent(flag, rollout));
    FlagBuckets flagBuckets = gate == null ? bucketer.forFlag(flag) : gate.buckets();
    PrintWriter out = spec.commandLine().getOut();
    Arguments.forEachId(ids, in, id -> {
      long hash = flagBuckets.hash(id);
      JsonWriter json = new JsonWriter(false).beginObject().field("id", id).field("hasher", bucketer.hasher().name())
          .field("key", bucketer.hashedKey(flag, id)).name("hash").value(Long.toUnsignedString(hash))
          .field("bucket", Bucketer.bucketOf(hash, bucketer.bucketCount())).name("enabled");
      if (gate == null) {
        json.nullValue();
      } else {
        json.value(gate.isEnabled(id));
      }
      out.println(json.endObject());
    });
    return 0;
  }
}

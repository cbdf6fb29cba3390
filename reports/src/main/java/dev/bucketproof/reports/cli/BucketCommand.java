package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.Rollout;
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
    int seedValue = Arguments.parseSeed(options.seed);
    // This command assigns no variants; keep the variant seed apart from any rollout seed given.
    int variantSeed = seedValue == Bucketer.DEFAULT_VARIANT_SEED ? ~seedValue : Bucketer.DEFAULT_VARIANT_SEED;
    Bucketer bucketer = options.builder().variantSeed(variantSeed).build();
    String flag = options.flag;
    int buckets = options.buckets;
    FlagBuckets flagBuckets = bucketer.forFlag(flag);
    int threshold = rollout == null ? -1 : Rollout.ofPercent(flag, rollout).threshold(buckets);
    PrintWriter out = spec.commandLine().getOut();
    Arguments.forEachId(ids, in, id -> {
      long hash = flagBuckets.hash(id);
      int bucket = Bucketer.bucketOf(hash, buckets);
      JsonWriter json = new JsonWriter(false).beginObject().field("id", id).field("hasher", bucketer.hasher().name())
          .field("key", bucketer.hashedKey(flag, id)).name("hash").value(Long.toUnsignedString(hash))
          .field("bucket", bucket).name("enabled");
      if (threshold < 0) {
        json.nullValue();
      } else {
        json.value(bucket < threshold);
      }
      out.println(json.endObject());
    });
    return 0;
  }
}

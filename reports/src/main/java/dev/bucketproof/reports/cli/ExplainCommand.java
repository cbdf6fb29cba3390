package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.reports.text.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bucketproof explain}: every step of the decision for each user. A streaming filter like
 * {@code bucket}: standard input read as bytes, output buffered and flushed when the input pauses.
 * With {@code --profile} the steps are that system's ({@link BucketingProfile#explain}).
 */
@Command(
    name = "explain",
    description = "Why is this user in or out? Every step of the decision, per id.")
final class ExplainCommand implements Callable<Integer> {
  private final InputStream in;
  private final OutputStream out;

  @Spec CommandSpec spec;

  @Mixin FlagOptions options;

  @Mixin ProfileOptions profileOptions;

  @Mixin IdLimitOption idLimit;

  @Option(
      names = "--rollout",
      required = true,
      paramLabel = "PERCENT",
      description = "rollout percentage, a plain decimal with up to two decimals (5, 12.5)")
  String rollout;

  @Mixin VariantOptions variantOptions;

  @Option(
      names = "--json",
      description = "one JSON object per id (the steps as fields) instead of text lines")
  boolean json;

  @Parameters(
      arity = "0..*",
      paramLabel = "ID",
      description = "user ids; without any, one id per line of stdin")
  List<String> ids;

  ExplainCommand(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    String flag = options.flag;
    VariantSplit split = variantOptions.split(flag);
    BucketingProfile bucketer;
    if (profileOptions.profile == null) {
      Bucketer standard = options.builder().variantSeed(variantOptions.variantSeed()).build();
      if (split != null) {
        try {
          standard.variants(split); // checks the split against the seeds before any id
        } catch (IllegalArgumentException e) {
          throw NumberGrammar.inOptionNames(e);
        }
      }
      bucketer = standard;
    } else {
      bucketer = ProfileFlags.profile(spec, options, profileOptions, "--variant-seed");
    }
    profileOptions.requireNoParametersWithoutProfile();
    Rollout decision = NumberGrammar.rollout(flag, rollout);
    LineOutput output = new LineOutput(out, options.flushEvery());
    StdinIds.TextAction explain =
        json
            ? id -> output.write(json(id, bucketer.explain(decision, split, id))).endLine().endId()
            : id -> {
              output.write("user       " + Explanation.escape(id)).endLine();
              output.write(bucketer.explain(decision, split, id).describe()).endLine().endId();
            };
    StdinIds stdin = new StdinIds(idLimit.maxIdBytes());
    stdin.forEach(
        ids,
        in,
        output,
        explain,
        (bytes, offset, length) -> explain.accept(IdEncoding.decodeUtf8(bytes, offset, length)));
    stdin.reportInvalid(spec.commandLine().getErr());
    return 0;
  }

  /**
   * Returns one id's explanation as a JSON object: {@code id}, {@code hasher}, {@code key}, {@code
   * seed}, {@code hash}, {@code bucket}, {@code bucketCount}, {@code rolloutPercent}, {@code
   * threshold}, {@code enabled}, {@code rules} (a system's own steps) and {@code variant} (null
   * without {@code --variants}).
   */
  static String json(String id, Explanation explanation) {
    return Json.line(
        json -> {
          json.writeStartObject();
          json.writeStringField("id", id);
          json.writeStringField("hasher", explanation.hasher());
          json.writeStringField("key", explanation.hashedKey());
          json.writeStringField("seed", Integer.toUnsignedString(explanation.seed()));
          json.writeStringField("hash", Long.toUnsignedString(explanation.hash()));
          json.writeNumberField("bucket", explanation.bucket());
          json.writeNumberField("bucketCount", explanation.bucketCount());
          json.writeStringField("rolloutPercent", explanation.rolloutPercent());
          json.writeNumberField("threshold", explanation.threshold());
          json.writeBooleanField("enabled", explanation.enabled());
          json.writeArrayFieldStart("rules");
          for (String step : explanation.steps()) {
            json.writeString(step);
          }
          json.writeEndArray();
          json.writeFieldName("variant");
          Explanation.VariantChoice variant = explanation.variant();
          if (variant == null) {
            json.writeNull();
          } else {
            json.writeStartObject();
            json.writeStringField("name", variant.name());
            json.writeNumberField("bucket", variant.bucket());
            json.writeNumberField("totalWeight", variant.totalWeight());
            json.writeStringField("seed", Integer.toUnsignedString(variant.seed()));
            json.writeEndObject();
          }
          json.writeEndObject();
        });
  }
}

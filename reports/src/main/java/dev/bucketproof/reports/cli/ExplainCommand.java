package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
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

  @Option(
      names = "--variants",
      paramLabel = "NAME:WEIGHT",
      description = "variants of the flag, e.g. control:50,treatment:50")
  List<String> variants;

  @Option(
      names = "--variant-seed",
      defaultValue = "" + Bucketer.DEFAULT_VARIANT_SEED,
      paramLabel = "SEED",
      description =
          "32-bit seed of the variant hash (default ${DEFAULT-VALUE}); must differ from --seed when"
              + " --variants is given")
  String variantSeed;

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
    BucketingProfile bucketer =
        profileOptions.profile == null
            ? options.builder().variantSeed(Arguments.parseSeed("variantSeed", variantSeed)).build()
            : ProfileFlags.profile(spec, options, profileOptions, "--variant-seed");
    profileOptions.requireNoParametersWithoutProfile();
    Rollout decision = NumberGrammar.rollout(flag, rollout);
    List<String> variantSpecs = Arguments.entries("--variants", variants);
    VariantSplit split =
        variantSpecs.isEmpty() ? null : new VariantSplit(flag, parseVariants(variantSpecs));
    LineOutput output = new LineOutput(out, options.flushEvery());
    StdinIds.TextAction explain =
        id -> {
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

  static List<Variant> parseVariants(List<String> specs) {
    List<Variant> parsed = new ArrayList<>();
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      if (colon <= 0 || spec.indexOf(':', colon + 1) >= 0) {
        throw new IllegalArgumentException("--variants must be NAME:WEIGHT, with one ':': " + spec);
      }
      try {
        parsed.add(
            new Variant(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1))));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("variant weight must be an integer: " + spec);
      }
    }
    return parsed;
  }
}

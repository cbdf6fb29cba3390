package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --variants NAME:WEIGHT,...} and {@code --variant-seed SEED}, shared by {@code bucket} and
 * {@code explain}: one syntax for a flag's weighted variants.
 */
final class VariantOptions {
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

  /** Returns {@code --variant-seed}, parsed; an error names the option. */
  int variantSeed() {
    return Arguments.parseSeed("--variant-seed", variantSeed);
  }

  /** Returns the split of {@code --variants} for {@code flag}, or null when none was given. */
  VariantSplit split(String flag) {
    List<String> specs = Arguments.entries("--variants", variants);
    return specs.isEmpty() ? null : new VariantSplit(flag, parse(specs));
  }

  static List<Variant> parse(List<String> specs) {
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
        throw new IllegalArgumentException("--variants weight must be an integer: " + spec);
      }
    }
    return parsed;
  }
}

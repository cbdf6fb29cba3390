package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.audit.ProfileComparison;
import dev.bucketproof.reports.ids.IdFile;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.ids.LineReport;
import dev.bucketproof.reports.ids.Population;
import dev.bucketproof.reports.text.Display;
import dev.bucketproof.reports.text.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bucketproof compare}: who changes group when users move from one system's bucketing to
 * another's (an SDK upgrade, a migration). Prints the share that changes with its 99.9% confidence
 * interval and the counts by old and new group; {@code --list} adds the changed ids.
 *
 * <pre>
 * bucketproof compare --from unleash-9 --charset ISO-8859-1 --to unleash --flag checkout --rollout 30 --ids ids.txt
 * bucketproof compare --from flagd-0.11 --to flagd --flag checkout --variants on:50,off:50 --population uuid --users 100000
 * </pre>
 *
 * <p>The shared profile options ({@code --salt}, {@code --seed}, {@code --group-id}, {@code
 * --charset}, {@code --encoding}, {@code --algorithm}) go to each side whose profile takes them,
 * and must be taken by one; {@code --from-param KEY=VALUE} and {@code --to-param KEY=VALUE} set one
 * side only (two GrowthBook encodings: {@code --from growthbook --from-param encoding=js --to
 * growthbook --to-param encoding=kotlin}).
 */
@Command(
    name = "compare",
    description =
        "Who changes group between two systems' bucketing? The share that"
            + " changes (99.9%% CI), counts by old and new group, and with --list the changed ids.")
final class CompareCommand implements Callable<Integer> {
  /** The most generated ids compared: 10^8, about a minute per profile on one core. */
  static final long MAX_USERS = 100_000_000L;

  @Spec CommandSpec spec;

  @Mixin ProfileParameters shared;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "PROFILE",
      description = "the profile users leave")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "PROFILE",
      description = "the profile users move to")
  String to;

  @Option(
      names = "--from-param",
      paramLabel = "KEY=VALUE",
      description = "a parameter of --from only")
  List<String> fromParameters;

  @Option(names = "--to-param", paramLabel = "KEY=VALUE", description = "a parameter of --to only")
  List<String> toParameters;

  @Option(
      names = "--seed",
      description = "split, launchdarkly: the integer seed (for the sides that take one)")
  String seed;

  @Option(
      names = "--flag",
      required = true,
      description = "the flag key (each system's per-flag key)")
  String flag;

  @Option(
      names = "--rollout",
      paramLabel = "PERCENT",
      description =
          "rollout percentage, a plain decimal with up to two decimals (required without --variants)")
  String rollout;

  @Option(
      names = "--variants",
      paramLabel = "NAME:WEIGHT",
      description =
          "compare the variant instead: e.g. on:50,off:50 (weights in the systems' units)")
  List<String> variants;

  @Option(names = "--ids", paramLabel = "FILE", description = "ids from FILE: UTF-8, one per line")
  String ids;

  @Option(
      names = "--population",
      paramLabel = "SHAPE",
      description =
          "generated ids instead of --ids: uuid, sequential, prefixed, email, unicode, long")
  String population;

  @Option(
      names = "--users",
      defaultValue = "100000",
      description = "ids of --population, 1..100000000 (default ${DEFAULT-VALUE})")
  long users;

  @Option(names = "--list", description = "also print each changed id: id<TAB>old<TAB>new")
  boolean list;

  @Option(
      names = "--max-changed",
      paramLabel = "PERCENT",
      description =
          "exit 1 when more than PERCENT of the ids change group (the observed share, a plain"
              + " decimal within 0..100)")
  Double maxChanged;

  @Option(
      names = "--json",
      description =
          "print one JSON object (with --list, a JSON line per changed id before it) instead of"
              + " text")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if ((ids == null) == (population == null)) {
      throw new IllegalArgumentException(
          "compare needs exactly one of --ids FILE or --population SHAPE");
    }
    if (users < 1 || users > MAX_USERS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "--users must be within [1, %d] for compare: %d", MAX_USERS, users));
    }
    if ((rollout == null) == (variants == null || variants.isEmpty())) {
      throw new IllegalArgumentException(
          "compare needs exactly one of --rollout or --variants"
              + (rollout == null ? "" : ": both given, and a split has no rollout"));
    }
    if (maxChanged != null) {
      NumberGrammar.within("--max-changed", maxChanged, 0, 100);
    }
    Map<String, String> given = shared.given(seed);
    Map<String, String> fromParams =
        ProfileParameters.forSide(from, given, fromParameters, "--from-param");
    Map<String, String> toParams = ProfileParameters.forSide(to, given, toParameters, "--to-param");
    for (String parameter : given.keySet()) {
      if (!fromParams.containsKey(parameter) && !toParams.containsKey(parameter)) {
        throw new IllegalArgumentException(
            "--"
                + parameter
                + " is taken by neither "
                + from
                + " nor "
                + to
                + ": "
                + given.get(parameter));
      }
    }
    BucketingProfile before = Profiles.byName(from, fromParams);
    BucketingProfile after = Profiles.byName(to, toParams);
    Rollout decision =
        rollout == null ? new Rollout(flag, 0) : NumberGrammar.rollout(flag, rollout);
    List<String> variantSpecs = Arguments.entries("--variants", variants);
    VariantSplit split =
        variantSpecs.isEmpty() ? null : new VariantSplit(flag, VariantOptions.parse(variantSpecs));
    IdSource source =
        ids != null
            ? new LinesKept(new IdFile(Path.of(ids)))
            : Population.of(IdShape.byId(population), users);
    PrintWriter out = spec.commandLine().getOut();
    ProfileComparison result =
        ProfileComparison.run(
            before,
            after,
            decision,
            split,
            source,
            !list
                ? (id, old, now) -> {}
                : json
                    ? (id, old, now) ->
                        out.println(
                            Json.line(
                                line -> {
                                  line.writeStartObject();
                                  line.writeStringField("changed", id);
                                  line.writeStringField("old", old);
                                  line.writeStringField("new", now);
                                  line.writeEndObject();
                                }))
                    : (id, old, now) ->
                        out.println(
                            "changed    " + Explanation.escape(id) + "\t" + old + "\t" + now));
    if (source instanceof LinesKept file) {
      LineReport lines = file.report;
      if (result.users() == 0) {
        throw new IllegalArgumentException(
            "no ids to compare in --ids "
                + Display.terminal(ids)
                + ": "
                + (lines == null || lines.linesRead() == 0 ? "it is empty" : lines.summary()));
      }
      if (lines != null && lines.linesRejected() > 0) {
        spec.commandLine()
            .getErr()
            .println("bucketproof: --ids " + Display.terminal(ids) + ": " + lines.summary());
      }
    }
    boolean exceeded = maxChanged != null && 100 * result.share() > maxChanged;
    if (json) {
      out.println(json(result, exceeded));
    } else {
      out.print(result.describe());
      if (maxChanged != null) {
        out.println(
            String.format(
                Locale.ROOT,
                "threshold  at most %s%% may change: %s",
                NumberGrammar.plain(maxChanged),
                exceeded ? "EXCEEDED (exit 1)" : "within"));
      }
    }
    out.flush();
    return exceeded ? 1 : 0;
  }

  /** The result as one JSON object, the fields documented in docs/cli.md. */
  private String json(ProfileComparison result, boolean exceeded) {
    return Json.line(
        json -> {
          json.writeStartObject();
          json.writeStringField("from", result.from());
          json.writeStringField("to", result.to());
          json.writeStringField("decision", result.setting());
          json.writeStringField("ids", result.ids());
          json.writeNumberField("users", result.users());
          json.writeNumberField("changed", result.changed());
          Json.number(json, "share", result.share());
          Json.number(json, "confidence", ProfileComparison.CONFIDENCE);
          Json.number(json, "low", result.low());
          Json.number(json, "high", result.high());
          json.writeArrayFieldStart("groups");
          for (Map.Entry<String, Map<String, Long>> row : result.groups().entrySet()) {
            for (Map.Entry<String, Long> cell : row.getValue().entrySet()) {
              json.writeStartObject();
              json.writeStringField("old", row.getKey());
              json.writeStringField("new", cell.getKey());
              json.writeNumberField("count", cell.getValue());
              json.writeEndObject();
            }
          }
          json.writeEndArray();
          if (maxChanged != null) {
            Json.number(json, "maxChangedPercent", maxChanged);
            json.writeBooleanField("exceeded", exceeded);
          }
          json.writeEndObject();
        });
  }

  /** An id file that keeps how its lines were used, so that rejected lines are told. */
  private static final class LinesKept implements IdSource {
    private final IdSource file;
    private LineReport report;

    LinesKept(IdSource file) {
      this.file = file;
    }

    @Override
    public String name() {
      return file.name();
    }

    @Override
    public String description() {
      return file.description();
    }

    @Override
    public long expectedSize() {
      return file.expectedSize();
    }

    @Override
    public Optional<LineReport> forEachChunk(int chunkSize, ChunkConsumer consumer)
        throws IOException {
      Optional<LineReport> lines = file.forEachChunk(chunkSize, consumer);
      report = lines.orElse(null);
      return lines;
    }
  }
}

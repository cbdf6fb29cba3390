package dev.bucketproof.openfeature;

import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.assignments.EvaluationSnapshot;
import dev.bucketproof.reports.assignments.FlagsFile;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ClientMetadata;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.FlagValueType;
import dev.openfeature.sdk.HookContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the hook costs an evaluating thread, and what that is next to the provider's own work.
 *
 * <ul>
 *   <li>{@code hashOnly}: the murmur3 of the targeting key alone, the floor that {@code record}
 *       contains; on a busy machine the ratio {@code record / hashOnly} of one run is the figure to
 *       trust.
 *   <li>{@code record}: {@link AuditHook#record} alone (flag lookup, outcome slot, striped counter,
 *       murmur3 of a 36-character targeting key, a ring slot for the 1/16 of users sampled), with
 *       the background thread draining every 10 ms. Expected: well under 100 ns, 0 B/op.
 *   <li>{@code hook}: {@link AuditHook#finallyAfter} on a prepared hook context and details, as the
 *       SDK calls it. Expected: about {@code record}, 0 B/op.
 *   <li>{@code clientWithoutHook} / {@code clientWithHook}: {@code getStringValue} through the real
 *       OpenFeature SDK and flagd's in-process provider (a 50/50 {@code fractional} flag), without
 *       and with the hook: the difference is the hook's overhead in a real evaluation.
 * </ul>
 *
 * <p>Targeting keys are 4,096 seeded UUIDs read as {@code ids[i++ & MASK]}. FLAGS.json names no
 * profile here: a profile's rule runs on the checking thread for every sampled evaluation, and
 * allocates its hashed key; JMH's {@code gc.alloc.rate.norm} counts every thread's allocation, so
 * it would show up per operation although the evaluating thread allocates nothing. Run (from the
 * repository root; see docs/openfeature.md):
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -pl integrations/openfeature -am \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp integrations/openfeature/target/test-classes:integrations/openfeature/target/classes:$(cat integrations/openfeature/target/test.classpath) \
 *     org.openjdk.jmh.Main AuditHookBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class AuditHookBenchmark {
  private static final int MASK = 4095;
  private static final String FLAG = "checkout-redesign";
  private static final IdHasher HASHER = IdHashers.murmur3_x86_32();

  private String[] ids;
  private String[] variants;
  private ImmutableContext[] contexts;
  private HookContext<Object>[] hookContexts;
  private FlagEvaluationDetails<Object>[] details;
  private AuditHook hook;
  private Client plain;
  private Client audited;
  private int next;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() {
    List<String> users = Providers.users(MASK + 1);
    ids = users.toArray(new String[0]);
    variants = new String[ids.length];
    contexts = new ImmutableContext[ids.length];
    hookContexts = new HookContext[ids.length];
    details = new FlagEvaluationDetails[ids.length];
    hook =
        new AuditHook(
            AuditHookSettings.defaults()
                .withFlags(
                    FlagsFile.parse(
                        "{\"checkout-redesign\": {\"weights\": {\"control\": 50,"
                            + " \"treatment\": 50}}}",
                        "FLAGS.json"))
                .withCheckPeriod(Duration.ofMillis(10))
                .withListeners());
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    api.setProviderAndWait("plain", Providers.flagd(Providers.flagdSplit(FLAG, 50, 50, null)));
    api.setProviderAndWait("audited", Providers.flagd(Providers.flagdSplit(FLAG, 50, 50, null)));
    plain = api.getClient("plain");
    audited = api.getClient("audited");
    audited.addHooks(hook);
    ClientMetadata client = () -> "benchmark";
    for (int i = 0; i < ids.length; i++) {
      contexts[i] = new ImmutableContext(ids[i]);
      variants[i] = plain.getStringDetails(FLAG, "none", contexts[i]).getVariant();
      hookContexts[i] =
          HookContext.from(FLAG, FlagValueType.STRING, client, () -> "flagd", contexts[i], "none");
      details[i] =
          FlagEvaluationDetails.builder()
              .flagKey(FLAG)
              .value((Object) variants[i])
              .variant(variants[i])
              .reason("TARGETING_MATCH")
              .build();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    hook.close();
    OpenFeatureAPI.getInstance().shutdown();
  }

  /** The floor: the one murmur3 of the targeting key that {@code record} computes. */
  @Benchmark
  public long hashOnly() {
    return HASHER.hash(ids[next++ & MASK], EvaluationSnapshot.SAMPLE_SEED);
  }

  @Benchmark
  public int record() {
    int i = next++ & MASK;
    hook.record(FLAG, ids[i], variants[i]);
    return i;
  }

  @Benchmark
  public int hook() {
    int i = next++ & MASK;
    hook.finallyAfter(hookContexts[i], details[i], Map.of());
    return i;
  }

  @Benchmark
  public String clientWithoutHook() {
    return plain.getStringValue(FLAG, "none", contexts[next++ & MASK]);
  }

  @Benchmark
  public String clientWithHook() {
    return audited.getStringValue(FLAG, "none", contexts[next++ & MASK]);
  }
}

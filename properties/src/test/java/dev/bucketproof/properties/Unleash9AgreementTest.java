package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.UnleashProfile;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code unleash-9} against unleash-client-java 9.3.2, loaded with its dependencies
 * (com.sangupta:murmur 1.0.0, slf4j, gson) in its own class loader beside 12.x: the SDK's own
 * {@code FlexibleRolloutStrategy.isEnabled} and {@code VariantUtil.selectVariant}, called by
 * reflection. 9.x encodes with the JVM's default charset, so the test runs twice: in the default
 * surefire execution (UTF-8) and in execution {@code latin1-jvm} ({@code
 * -Dfile.encoding=ISO-8859-1}).
 */
@VerifiesProfiles("unleash-9")
class Unleash9AgreementTest {
  private static URLClassLoader loader;
  private static List<Agreement.Case> cases;
  private static Charset jvmCharset;

  @BeforeAll
  static void recordSdkDecisions() throws Exception {
    jvmCharset = Charset.defaultCharset();
    String expected = System.getProperty("bucketproof.expectedCharset", "UTF-8");
    assertEquals(expected, jvmCharset.name(), "the JVM's default charset (file.encoding)");
    File directory =
        new File(System.getProperty("bucketproof.unleash9.classpath", "target/unleash-9"));
    File[] jars = directory.listFiles((dir, name) -> name.endsWith(".jar"));
    assertTrue(
        jars != null && jars.length >= 2,
        "Unleash 9.x jars copied by maven-dependency-plugin into " + directory);
    List<URL> urls = new ArrayList<>();
    for (File jar : jars) {
      urls.add(jar.toURI().toURL());
    }
    loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());

    Class<?> contextType = loader.loadClass("io.getunleash.UnleashContext");
    Method contextBuilder = contextType.getMethod("builder");
    Class<?> builderType = contextBuilder.getReturnType();
    Method userId = builderType.getMethod("userId", String.class);
    Method build = builderType.getMethod("build");
    Object strategy =
        loader
            .loadClass("io.getunleash.strategy.FlexibleRolloutStrategy")
            .getConstructor()
            .newInstance();
    Method isEnabled = strategy.getClass().getMethod("isEnabled", Map.class, contextType);
    Class<?> definitionType = loader.loadClass("io.getunleash.variant.VariantDefinition");
    Constructor<?> definition =
        definitionType.getConstructor(
            String.class, int.class, loader.loadClass("io.getunleash.variant.Payload"), List.class);
    Method selectVariant =
        loader
            .loadClass("io.getunleash.variant.VariantUtil")
            .getMethod("selectVariant", Map.class, List.class, contextType);
    Method variantName = loader.loadClass("io.getunleash.Variant").getMethod("getName");

    List<List<Object>> definitions = new ArrayList<>();
    for (List<Integer> weights : UnleashAgreementTest.WEIGHTS) {
      List<Object> list = new ArrayList<>();
      for (int v = 0; v < weights.size(); v++) {
        list.add(definition.newInstance("v" + v, weights.get(v), null, List.of()));
      }
      definitions.add(list);
    }

    cases = new ArrayList<>();
    for (String id : Agreement.ids()) {
      Object context = build.invoke(userId.invoke(contextBuilder.invoke(null), id));
      for (String flag : Agreement.FLAGS) {
        for (int percent : Agreement.PERCENTS) {
          Map<String, String> parameters =
              Map.of("rollout", Integer.toString(percent), "stickiness", "userId", "groupId", flag);
          cases.add(
              Agreement.Case.rollout(
                  Rollout.ofPercent(flag, percent),
                  id,
                  (Boolean) isEnabled.invoke(strategy, parameters, context)));
        }
      }
      for (int i = 0; i < Agreement.FLAGS.size(); i++) {
        String flag = Agreement.FLAGS.get(i);
        Object variant =
            selectVariant.invoke(null, Map.of("groupId", flag), definitions.get(i), context);
        cases.add(
            Agreement.Case.variant(
                UnleashAgreementTest.split(flag, UnleashAgreementTest.WEIGHTS.get(i)),
                id,
                variant == null ? null : (String) variantName.invoke(variant)));
      }
    }
  }

  @AfterAll
  static void close() throws Exception {
    loader.close();
  }

  @Test
  void committedVectorsAreTheSdksDecisions() {
    RecordedVectors.checkOrRecord(
        "unleash-9-" + jvmCharset.name().toLowerCase(Locale.ROOT),
        Map.of("unleash-9 charset=" + jvmCharset.name(), cases));
  }

  @Test
  void profileAgreesWithUnleash9OnThisJvmsCharset() {
    Agreement.assertAgrees(UnleashProfile.unleash9(jvmCharset), cases);
  }

  @Test
  void agreementSeesTheCharset() {
    Charset other =
        jvmCharset.equals(StandardCharsets.UTF_8)
            ? StandardCharsets.ISO_8859_1
            : StandardCharsets.UTF_8;
    Agreement.assertDisagrees(UnleashProfile.unleash9(other), "charset " + other, cases);
  }

  @Test
  void agreementSeesTheSignednessOfTailBytes() {
    UnleashProfile p = UnleashProfile.unleash9(jvmCharset);
    Agreement.assertDisagrees(
        new UnleashProfile(p.name(), ":", 0, p.variantSeed(), jvmCharset, false, null, false),
        "unsigned tail bytes",
        cases);
  }

  @Test
  void agreementSeesTheSeparatorAndSeeds() {
    UnleashProfile p = UnleashProfile.unleash9(jvmCharset);
    Agreement.assertDisagrees(
        new UnleashProfile(p.name(), "", 0, p.variantSeed(), jvmCharset, true, null, false),
        "separator \"\"",
        cases);
    Agreement.assertDisagrees(
        new UnleashProfile(p.name(), ":", 1, p.variantSeed(), jvmCharset, true, null, false),
        "rollout seed 1",
        cases);
    Agreement.assertDisagrees(
        new UnleashProfile(p.name(), ":", 0, 1, jvmCharset, true, null, false),
        "variant seed 1",
        cases);
  }
}

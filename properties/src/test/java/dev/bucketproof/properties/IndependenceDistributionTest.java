package dev.bucketproof.properties;

import static dev.bucketproof.properties.GateAudits.assertFailed;
import static dev.bucketproof.properties.GateAudits.assertPassed;
import static dev.bucketproof.properties.GateAudits.named;

import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each flag picks an independent set of users: the 2x2 chi-square of two flags at 50%, and the salt
 * meta-test (Kolmogorov-Smirnov of the uniformity p-values of 200 flag keys against U(0,1)).
 */
class IndependenceDistributionTest {

  static Stream<Population> populations() {
    return GateAudits.populations();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("populations")
  void flagsAreIndependent(Population population) {
    PopulationFindings audit = GateAudits.of(population);
    assertPassed(audit, named("flag independence"));
    assertPassed(audit, named("salt meta-test"));
  }

  /** Negative control: unsalted, every flag picks the same users; both tests reject it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sizes")
  void unsaltedIsRejected(long users) {
    PopulationFindings audit =
        GateAudits.audit(Population.of(IdShape.UUID, users), List.of(NegativeControls.unsalted()));
    assertFailed(audit, named("flag independence"));
    assertFailed(audit, named("salt meta-test"));
  }

  static Stream<Long> sizes() {
    return Stream.of(GateAudits.CLAIM_USERS, GateAudits.POWERFUL_USERS);
  }
}

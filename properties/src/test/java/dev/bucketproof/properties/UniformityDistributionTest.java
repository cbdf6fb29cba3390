package dev.bucketproof.properties;

import static dev.bucketproof.properties.GateAudits.assertFailed;
import static dev.bucketproof.properties.GateAudits.assertPassed;
import static dev.bucketproof.properties.GateAudits.named;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chi-square uniformity over 100 buckets, both tails (p < 0.0005 is too uneven, lower tail < 0.0005
 * too even), for every hasher and population shape at 10,000 and 1,000,000 users.
 */
class UniformityDistributionTest {

  static Stream<Population> populations() {
    return GateAudits.populations();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("populations")
  void everyHasherSpreadsUsersUniformly(Population population) {
    PopulationFindings audit = GateAudits.of(population);
    assertPassed(audit, named("buckets in range"));
    assertPassed(audit, named("uniformity"));
  }

  /**
   * Negative control: String.hashCode of sequential and prefixed ids is rejected at 1,000,000
   * users.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("counterLikeShapes")
  void stringHashCodeIsRejected(IdShape shape) {
    PopulationFindings audit =
        GateAudits.audit(
            Population.of(shape, GateAudits.POWERFUL_USERS),
            List.of(NegativeControls.stringHashCode()));
    Gate failed = assertFailed(audit, named("uniformity"));
    assertTrue(failed.measured().contains("too"), failed.describe());
  }

  static Stream<IdShape> counterLikeShapes() {
    return Stream.of(IdShape.SEQUENTIAL, IdShape.PREFIXED);
  }
}

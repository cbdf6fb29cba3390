package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who flips between the systems users move between, on seeded populations. */
class SystemAgreementTest {
  private static final long USERS = 20_000;

  private static SystemAgreement.Flips find(SystemAgreement agreement, String from, String to) {
    return agreement.pairs().stream()
        .filter(f -> f.from().equals(from) && f.to().equals(to))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no pair " + from + " -> " + to + " in " + agreement.pairs()));
  }

  @Test
  void asciiIdsNeverFlipBetweenUnleash9AndUnleashButUnicodeIdsDoOnALatin1Jvm() throws IOException {
    List<SystemAgreement.Pair> pairs = SystemAgreement.pairs("checkout");
    SystemAgreement uuids =
        SystemAgreement.run(Population.of(IdShape.UUID, USERS), "checkout", pairs);
    SystemAgreement unicode =
        SystemAgreement.run(Population.of(IdShape.byId("unicode"), USERS), "checkout", pairs);
    assertEquals(0, find(uuids, "unleash-9 charset=ISO-8859-1", "unleash").rolloutChanged());
    assertTrue(
        find(unicode, "unleash-9 charset=ISO-8859-1", "unleash").rolloutChanged() > USERS / 4);
    assertEquals(
        0, find(uuids, "bucketproof", "unleash").variantChanged(), "the same rule as Unleash's");
  }

  @Test
  void aboutHalfFlipVariantBetweenFlagdGenerations() throws IOException {
    SystemAgreement uuids =
        SystemAgreement.run(
            Population.of(IdShape.UUID, USERS), "checkout", SystemAgreement.pairs("checkout"));
    double share = (double) find(uuids, "flagd-0.11", "flagd").variantChanged() / uuids.users();
    assertTrue(share > 0.48 && share < 0.52, "share " + share);
  }
}

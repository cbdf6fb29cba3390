package dev.bucketproof.reports.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.IdSource;
import dev.bucketproof.reports.ids.Population;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SystemFindings#measure}: which sources it compares (generated populations capped and
 * counted once), which profiles it measures (the standard bucketer first when missing) and their
 * key rules. The comparisons themselves are checked in {@link SystemAgreementTest} and {@link
 * SystemBiasTest}.
 */
class SystemFindingsTest {

  private static final BucketingProfile FLAGD = Profiles.type(Profiles.FLAGD).reportProfile();

  @Test
  void aGeneratedPopulationIsCappedAndTwoThatCapToTheSameOneCountOnce() throws IOException {
    List<IdSource> sources =
        List.of(
            Population.of(IdShape.UUID, 150_000),
            Population.of(IdShape.UUID, SystemAgreement.MAX_USERS),
            Population.of(IdShape.EMAIL, 1_000));
    SystemFindings findings = SystemFindings.measure(List.of(FLAGD), sources, "checkout", 0.01);
    assertEquals(
        List.of(
            Population.of(IdShape.UUID, SystemAgreement.MAX_USERS).name(),
            Population.of(IdShape.EMAIL, 1_000).name()),
        findings.agreements().stream().map(SystemAgreement::population).toList());
    assertEquals(
        List.of(SystemAgreement.MAX_USERS, 1_000L),
        findings.agreements().stream().map(SystemAgreement::users).toList());
    assertEquals(0.01, findings.alpha());
    assertEquals(
        SystemAgreement.run(
                Population.of(IdShape.EMAIL, 1_000), "checkout", SystemAgreement.pairs("checkout"))
            .pairs(),
        findings.agreements().get(1).pairs());
  }

  @Test
  void aSourceThatIsNotGeneratedIsReadWhole() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add("user-" + i);
    }
    IdSource file = new ListSource("ids.txt", ids);
    SystemFindings findings =
        SystemFindings.measure(List.of(FLAGD), List.of(file, file), "checkout", 0.01);
    assertEquals(2, findings.agreements().size(), "files are never merged by name");
    assertEquals(300, findings.agreements().get(0).users());
    assertEquals("ids.txt", findings.agreements().get(0).population());
  }

  @Test
  void theStandardBucketerIsMeasuredFirstWhenMissingAndOnlyOnce() throws IOException {
    SystemFindings without = SystemFindings.measure(List.of(FLAGD), List.of(), "checkout", 0.01);
    assertEquals(List.of(), without.agreements());
    assertEquals(
        List.of(Profiles.BUCKETPROOF, Profiles.FLAGD),
        without.keyRules().stream().map(SystemFindings.KeyRule::profile).toList());
    assertEquals(
        2 * SystemBias.REPORT_PERCENTS.size(), without.biases().size(), "every profile, every %");
    assertEquals(Profiles.BUCKETPROOF, without.biases().get(0).profile());
    assertEquals(
        SystemBias.of(List.of(Bucketer.standard(), FLAGD), SystemBias.REPORT_PERCENTS),
        without.biases());

    SystemFindings with =
        SystemFindings.measure(List.of(FLAGD, Bucketer.standard()), List.of(), "checkout", 0.01);
    assertEquals(
        List.of(Profiles.FLAGD, Profiles.BUCKETPROOF),
        with.keyRules().stream().map(SystemFindings.KeyRule::profile).toList());
  }

  @Test
  void keyRulesSayWhetherTwoFlagsCanShareAKey() {
    List<SystemFindings.KeyRule> rules =
        SystemFindings.keyRules(List.of(Bucketer.standard(), FLAGD));
    assertEquals(Bucketer.standard().keyCollision(), rules.get(0).collision());
    assertEquals(FLAGD.keyCollision(), rules.get(1).collision());
    assertFalse(new SystemFindings.KeyRule("a", "none: a length prefix").ambiguous());
    assertTrue(new SystemFindings.KeyRule("b", "ambiguous: \"a:b\" + \"c\"").ambiguous());
  }

  @Test
  void theListsAreCopies() {
    List<SystemFindings.KeyRule> rules = new ArrayList<>();
    rules.add(new SystemFindings.KeyRule("a", "none"));
    SystemFindings findings = new SystemFindings(new ArrayList<>(), new ArrayList<>(), 0.01, rules);
    rules.clear();
    assertEquals(1, findings.keyRules().size());
    assertThrows(UnsupportedOperationException.class, () -> findings.keyRules().clear());
    assertThrows(UnsupportedOperationException.class, () -> findings.agreements().clear());
    assertThrows(UnsupportedOperationException.class, () -> findings.biases().clear());
  }

  /** Ids held in memory under a name, like a file's. */
  record ListSource(String name, List<String> ids) implements IdSource {
    @Override
    public String description() {
      return name;
    }

    @Override
    public long expectedSize() {
      return ids.size();
    }

    @Override
    public java.util.Optional<dev.bucketproof.reports.ids.LineReport> forEachChunk(
        int chunkSize, ChunkConsumer consumer) throws IOException {
      for (int start = 0; start < ids.size(); start += chunkSize) {
        int from = start;
        int size = Math.min(chunkSize, ids.size() - start);
        consumer.accept(
            new Chunk() {
              @Override
              public long start() {
                return from;
              }

              @Override
              public int size() {
                return size;
              }

              @Override
              public String id(int offset) {
                return ids.get(from + offset);
              }
            });
      }
      return java.util.Optional.empty();
    }
  }
}

package dev.bucketproof.properties;

import com.google.common.hash.Hashing;
import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.profiles.Profiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code bucketproof} against its reference: Guava's {@code murmur3_32_fixed} (an
 * implementation this project does not own) over the WHATWG UTF-8 bytes of {@code flagKey + ":" +
 * userId} ({@link Oracles#whatwgUtf8}, the JDK's encoder), unsigned, {@code % 100 < p}: the rule of
 * DESIGN "Bucketing", on the agreement ids (accents, CJK, emoji, unpaired surrogates).
 */
@VerifiesProfiles("bucketproof")
class BucketproofAgreementTest {
  private static List<Agreement.Case> cases;

  @BeforeAll
  static void recordReferenceDecisions() {
    cases = new ArrayList<>();
    for (String id : Agreement.ids()) {
      for (String flag : Agreement.FLAGS) {
        long hash =
            Integer.toUnsignedLong(
                Hashing.murmur3_32_fixed().hashBytes(Oracles.whatwgUtf8(flag + ":" + id)).asInt());
        for (int percent : Agreement.PERCENTS) {
          cases.add(
              Agreement.Case.rollout(Rollout.ofPercent(flag, percent), id, hash % 100 < percent));
        }
      }
    }
  }

  @Test
  void agreesWithTheReference() {
    Agreement.assertAgrees(Profiles.byName(Profiles.BUCKETPROOF), cases);
  }

  @Test
  void theTestSeesTheSalt() {
    BucketingProfile unsalted = Bucketer.builder().unsalted().build();
    Agreement.assertDisagrees(unsalted, "unsalted", cases);
  }
}

package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.profiles.Profiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every profile in the registry has agreement vectors from its real SDK: some test class of this
 * package, marked {@link VerifiesProfiles}, names it. The classes are found on disk (the compiled
 * test classes of this package), so a new agreement test counts as soon as it is written, and a new
 * profile without one fails here with its name.
 */
class ProfileRegistryAgreementTest {

  @Test
  void everyRegisteredProfileHasAnAgreementTest() throws IOException, URISyntaxException {
    Map<String, List<String>> verifiedBy = verifiedBy();
    List<String> missing = new ArrayList<>();
    for (String name : Profiles.names()) {
      if (!verifiedBy.containsKey(name)) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "profiles without an agreement test; verified: " + verifiedBy);
  }

  @Test
  void everyAgreementTestNamesRegisteredProfiles() throws IOException, URISyntaxException {
    Map<String, List<String>> verifiedBy = verifiedBy();
    assertTrue(verifiedBy.size() >= 10, "too few agreement tests found: " + verifiedBy);
    for (String name : verifiedBy.keySet()) {
      assertTrue(
          Profiles.names().contains(name),
          verifiedBy.get(name) + " verifies " + name + ", which is not registered");
    }
  }

  /** Returns each profile name with the agreement test classes that name it. */
  static Map<String, List<String>> verifiedBy() throws IOException, URISyntaxException {
    Path directory =
        Path.of(
                ProfileRegistryAgreementTest.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .resolve(ProfileRegistryAgreementTest.class.getPackageName().replace('.', '/'));
    Map<String, List<String>> verifiedBy = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".class") || fileName.contains("$")) {
          continue;
        }
        String className =
            ProfileRegistryAgreementTest.class.getPackageName()
                + "."
                + fileName.substring(0, fileName.length() - ".class".length());
        Class<?> type;
        try {
          type =
              Class.forName(className, false, ProfileRegistryAgreementTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(className, e);
        }
        VerifiesProfiles verifies = type.getAnnotation(VerifiesProfiles.class);
        if (verifies != null) {
          for (String name : verifies.value()) {
            verifiedBy.computeIfAbsent(name, key -> new ArrayList<>()).add(type.getSimpleName());
          }
        }
      }
    }
    return verifiedBy;
  }
}

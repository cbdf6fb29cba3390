package dev.bucketproof.properties;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an agreement test: the profiles whose decisions it compares with their real SDK's (a jar,
 * or an npm package's committed vectors). {@link ProfileRegistryAgreementTest} fails when a
 * registered profile has no such test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface VerifiesProfiles {
  /** The profile names, as {@code Profiles.names()} spells them. */
  String[] value();
}

package dev.bucketproof.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.audit.Audit;
import dev.bucketproof.reports.audit.AuditSettings;
import dev.bucketproof.reports.audit.AuditedBucketer;
import dev.bucketproof.reports.audit.Gate;
import dev.bucketproof.reports.audit.PopulationFindings;
import dev.bucketproof.reports.ids.IdShape;
import dev.bucketproof.reports.ids.Population;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The audits behind the statistical gates: every hasher on every population shape at 10,000 users
 * (the size of the original claim) and 1,000,000 users (where the gates have power), seed {@link
 * Population#DEFAULT_SEED}, alpha {@link dev.bucketproof.reports.statistics.Statistics#ALPHA} per
 * gate. Each population is audited once per test run and shared by the gate classes.
 */
final class GateAudits {
  /** The claim's population size, kept as a case. */
  static final long CLAIM_USERS = 10_000;

  /** Where a bucket 10% off is caught with 99% power. */
  static final long POWERFUL_USERS = 1_000_000;

  private static final Map<Population, PopulationFindings> CACHE = new ConcurrentHashMap<>();

  private GateAudits() {}

  /** Every built-in population at both sizes. */
  static Stream<Population> populations() {
    List<Population> populations = new ArrayList<>();
    for (long size : new long[] {CLAIM_USERS, POWERFUL_USERS}) {
      for (IdShape shape : IdShape.values()) {
        populations.add(Population.of(shape, size));
      }
    }
    return populations.stream();
  }

  /** Returns the audit of {@code population} by every hasher, 100 buckets, salted. */
  static PopulationFindings of(Population population) {
    return CACHE.computeIfAbsent(
        population,
        p ->
            audit(
                p,
                IdHashers.all().stream()
                    .map(hasher -> AuditedBucketer.of(Bucketer.builder().hasher(hasher).build()))
                    .toList()));
  }

  /** Audits {@code population} with {@code targets}. */
  static PopulationFindings audit(Population population, List<AuditedBucketer> targets) {
    try {
      return Audit.run(population, targets, AuditSettings.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that every gate that {@code which} selects passed; the message lists each failure. */
  static void assertPassed(PopulationFindings audit, Predicate<Gate> which) {
    List<Gate> selected = audit.gates().stream().filter(which).toList();
    assertFalse(selected.isEmpty(), "no gate selected for " + audit.description());
    List<String> failures =
        selected.stream().filter(gate -> !gate.passed()).map(Gate::describe).toList();
    assertTrue(failures.isEmpty(), () -> audit.description() + ":\n" + String.join("\n", failures));
  }

  /** Asserts that a gate that {@code which} selects failed: the negative control is caught. */
  static Gate assertFailed(PopulationFindings audit, Predicate<Gate> which) {
    List<Gate> selected = audit.gates().stream().filter(which).toList();
    assertFalse(selected.isEmpty(), "no gate selected for " + audit.description());
    return selected.stream()
        .filter(Gate::failed)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "the negative control passed; the gate cannot fail: "
                        + selected.stream().map(Gate::describe).toList()));
  }

  static Predicate<Gate> named(String name) {
    return gate -> gate.name().equals(name);
  }
}

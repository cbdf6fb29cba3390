package dev.bucketproof.reports.audit;

import dev.bucketproof.reports.ids.LineReport;
import java.util.List;

/**
 * The audit of one population by several bucketers.
 *
 * <p>Thread-safety: immutable once built.
 *
 * @param population the population's name
 * @param description what the ids are: shape, size, seed, or file
 * @param users the ids audited
 * @param lineReport for a file, how its lines were used; null for a generated population
 * @param targets the audit of each bucketer, in the order given
 * @param agreements for each pair of bucketers, how many users they put in the same bucket
 */
public record PopulationFindings(
    String population,
    String description,
    long users,
    LineReport lineReport,
    List<BucketerFindings> targets,
    List<Agreement> agreements) {

  /**
   * How often two bucketers agree on the bucket of the audited flag.
   *
   * @param first a bucketer's name
   * @param second another bucketer's name
   * @param same users in the same bucket under both
   * @param users users compared
   * @param examples the first few users, by position, that the two put in different buckets
   */
  public record Agreement(
      String first, String second, long same, long users, List<Disagreement> examples) {
    /** Returns the share of users in the same bucket. */
    public double share() {
      return users == 0 ? 1 : (double) same / users;
    }

    /** Returns the users in different buckets. */
    public long different() {
      return users - same;
    }
  }

  /**
   * One user that two bucketers place differently.
   *
   * @param index the user's position in the population
   * @param id the user id
   * @param firstBucket its bucket under the first bucketer
   * @param secondBucket its bucket under the second
   */
  public record Disagreement(long index, String id, int firstBucket, int secondBucket) {}

  /** Returns every gate of every bucketer. */
  public List<Gate> gates() {
    return targets.stream().flatMap(target -> target.gates().stream()).toList();
  }

  /** Returns the agreement of the two named bucketers, in either order, or null. */
  public Agreement agreement(String first, String second) {
    for (Agreement agreement : agreements) {
      if ((agreement.first().equals(first) && agreement.second().equals(second))
          || (agreement.first().equals(second) && agreement.second().equals(first))) {
        return agreement;
      }
    }
    return null;
  }

  /**
   * Returns the first bucketer (in audit order) that put every user of this population in the same
   * bucket as {@code name}: hashers of one hash family do so by construction, and their gates are
   * one gate measured twice. Returns {@code name} itself when no earlier bucketer agrees fully.
   */
  public String representative(String name) {
    for (BucketerFindings target : targets) {
      if (target.name().equals(name)) {
        return name;
      }
      Agreement agreement = agreement(target.name(), name);
      if (agreement != null && users > 0 && agreement.same() == agreement.users()) {
        return target.name();
      }
    }
    return name;
  }

  /**
   * Returns the key under which gates count once in a report's false-alarm rate and Holm's
   * procedure: the gate's identity with its bucketer replaced by its {@link #representative}.
   */
  public GateId sameAs(Gate gate) {
    return gate.id().withRule(representative(gate.id().rule()));
  }
}

package dev.bucketproof.openfeature;

import dev.bucketproof.openfeature.AuditListener.ConflictKind;
import java.util.Map;
import java.util.Set;

/**
 * One flag as the hook saw it at its last check.
 *
 * <p>Thread-safety: immutable.
 *
 * @param flagKey the flag
 * @param evaluations evaluations counted (errors excluded)
 * @param errors evaluations that ended in an error
 * @param overflow evaluations of outcomes beyond the counted ones
 * @param counts evaluations per outcome, configured variants first
 * @param userCounts sampled users per outcome, each counted once at its first outcome: what the SRM
 *     tests count
 * @param sequentialPValue the anytime-valid SRM p-value (running minimum over the checks), NaN when
 *     no weights are configured
 * @param fixedPValue the fixed-n chi-square SRM p-value of the counts at the last check (valid for
 *     one look only), NaN before the first check or without weights
 * @param srmAlarmAt the flag's evaluations when the SRM alarm fired, or -1
 * @param conflicts sampled users that received two outcomes
 * @param profile the profile whose rule is checked on sampled evaluations, or null
 * @param ruleCompared sampled evaluations compared with the profile's rule
 * @param ruleMatched of those, the ones the rule reproduces
 * @param conflictKinds the conflict kinds found so far
 * @param sampleLevel the sample keeps 1/2^sampleLevel of users
 * @param sampledUsers the users of this flag in the sample
 */
public record FlagStatus(
    String flagKey,
    long evaluations,
    long errors,
    long overflow,
    Map<String, Long> counts,
    Map<String, Long> userCounts,
    double sequentialPValue,
    double fixedPValue,
    long srmAlarmAt,
    long conflicts,
    String profile,
    long ruleCompared,
    long ruleMatched,
    Set<ConflictKind> conflictKinds,
    int sampleLevel,
    long sampledUsers) {}

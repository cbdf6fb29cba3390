package dev.bucketproof.openfeature;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the alarms a hook fires. */
final class Alarms implements AuditListener {
  final List<SrmAlarm> srm = new CopyOnWriteArrayList<>();
  final List<ConflictAlarm> conflicts = new CopyOnWriteArrayList<>();

  @Override
  public void sampleRatioMismatch(SrmAlarm alarm) {
    srm.add(alarm);
  }

  @Override
  public void conflict(ConflictAlarm alarm) {
    conflicts.add(alarm);
  }

  ConflictAlarm conflict(ConflictKind kind) {
    return conflicts.stream().filter(alarm -> alarm.kind() == kind).findFirst().orElse(null);
  }

  @Override
  public String toString() {
    return "srm " + srm + ", conflicts " + conflicts;
  }
}

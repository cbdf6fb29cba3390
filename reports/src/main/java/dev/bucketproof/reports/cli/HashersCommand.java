package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bucketproof hashers}: every hasher's name and family, one per line. */
@Command(name = "hashers", description = "List the hashers: name<TAB>family, one per line.")
final class HashersCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (IdHasher hasher : IdHashers.all()) {
      out.println(hasher.name() + "\t" + hasher.family().id());
    }
    return 0;
  }
}

package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.text.Json;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bucketproof hashers}: every hasher's name and family, one per line, then every
 * compatibility profile: {@code name<TAB>profile<TAB>--parameters}.
 */
@Command(
    name = "hashers",
    description =
        "List the hashers (name<TAB>family) and the profiles for --profile"
            + " (name<TAB>profile<TAB>its parameters), one per line.")
final class HashersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description =
          "one JSON object per line: {\"name\",\"kind\":\"hasher\",\"family\"} or"
              + " {\"name\",\"kind\":\"profile\",\"parameters\":[...]}")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      for (IdHasher hasher : IdHashers.all()) {
        out.println(
            Json.line(
                line -> {
                  line.writeStartObject();
                  line.writeStringField("name", hasher.name());
                  line.writeStringField("kind", "hasher");
                  line.writeStringField("family", hasher.family().id());
                  line.writeEndObject();
                }));
      }
      for (String name : Profiles.names()) {
        out.println(
            Json.line(
                line -> {
                  line.writeStartObject();
                  line.writeStringField("name", name);
                  line.writeStringField("kind", "profile");
                  line.writeArrayFieldStart("parameters");
                  for (String parameter : Profiles.parameters(name)) {
                    line.writeString("--" + parameter);
                  }
                  line.writeEndArray();
                  line.writeEndObject();
                }));
      }
      return 0;
    }
    for (IdHasher hasher : IdHashers.all()) {
      out.println(hasher.name() + "\t" + hasher.family().id());
    }
    // Then the compatibility profiles, for --profile: name, "profile", the parameters each takes.
    for (String name : Profiles.names()) {
      Set<String> parameters = Profiles.parameters(name);
      out.println(
          name
              + "\tprofile"
              + (parameters.isEmpty() ? "" : "\t--" + String.join(" --", parameters)));
    }
    return 0;
  }
}

package dev.bucketproof.reports.cli;

import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.IdHasher;
import dev.bucketproof.bucketing.IdHashers;
import dev.bucketproof.reports.text.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bucketproof hash}: the hash of each id, one JSON object per line. */
@Command(
    name = "hash",
    description = "Hash ids (arguments, or else lines of stdin): one JSON object per line.")
final class HashCommand implements Callable<Integer> {
  private final InputStream in;

  @Spec CommandSpec spec;

  @Mixin IdLimitOption idLimit;

  @Option(names = "--hasher", required = true, description = "a name from `bucketproof hashers`")
  String hasher;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "32-bit seed: signed or unsigned decimal, or 0x hex (default 0)")
  String seed;

  @Parameters(
      arity = "0..*",
      paramLabel = "ID",
      description = "ids; without any, one id per line of stdin")
  List<String> ids;

  HashCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    IdHasher idHasher = IdHashers.byName(hasher);
    int seedValue = Arguments.parseSeed(seed);
    PrintWriter out = spec.commandLine().getOut();
    StdinIds.TextAction line =
        id ->
            out.println(
                Json.line(
                    json -> {
                      json.writeStartObject();
                      json.writeStringField("id", id);
                      json.writeStringField("hasher", idHasher.name());
                      json.writeNumberField("seed", Integer.toUnsignedLong(seedValue));
                      json.writeStringField(
                          "hash", Long.toUnsignedString(idHasher.hash(id, seedValue)));
                      json.writeEndObject();
                    }));
    StdinIds stdin = new StdinIds(idLimit.maxIdBytes());
    LineOutput output = new LineOutput(OutputStream.nullOutputStream(), 1);
    stdin.forEach(
        ids,
        in,
        output,
        line,
        (bytes, offset, length) -> line.accept(IdEncoding.decodeUtf8(bytes, offset, length)));
    out.flush();
    stdin.reportInvalid(spec.commandLine().getErr());
    return 0;
  }
}

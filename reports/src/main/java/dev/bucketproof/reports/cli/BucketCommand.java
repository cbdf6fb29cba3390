package dev.bucketproof.reports.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bucketproof.bucketing.Bucketer;
import dev.bucketproof.bucketing.BucketingProfile;
import dev.bucketproof.bucketing.Explanation;
import dev.bucketproof.bucketing.FlagBuckets;
import dev.bucketproof.bucketing.IdEncoding;
import dev.bucketproof.bucketing.Rollout;
import dev.bucketproof.bucketing.RolloutGate;
import dev.bucketproof.bucketing.Variant;
import dev.bucketproof.bucketing.VariantSplit;
import dev.bucketproof.bucketing.profiles.Profiles;
import dev.bucketproof.reports.text.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bucketproof bucket}: which bucket each user is in, one JSON object per line.
 *
 * <p>A streaming filter: standard input is read as bytes and each line hashed where it lies ({@link
 * FlagBuckets#hashUtf8(byte[], int, int)}); a line that needs no JSON escaping (printable ASCII
 * without {@code "} and {@code \}, or well-formed UTF-8 without control characters, U+2028 or
 * U+2029) is copied into the output as it is, with no {@code String}. Any other line goes through
 * the {@code String} path, {@link #json(String)}, which is also the path of ids given as arguments:
 * the output is the same, byte for byte, either way (a test compares both on every line of a mixed
 * file).
 *
 * <p>With {@code --profile NAME} each id is decided by that system's rule instead (Unleash,
 * Optimizely, LaunchDarkly, flagd, Split, GrowthBook): {@code "bucket"} is in [0, {@code
 * "bucketCount"}).
 */
@Command(name = "bucket", description = "Which bucket is each user in? One JSON object per line.")
final class BucketCommand implements Callable<Integer> {
  private final InputStream in;
  private final OutputStream out;

  @Spec CommandSpec spec;

  @Mixin FlagOptions options;

  @Mixin ProfileOptions profileOptions;

  @Mixin IdLimitOption idLimit;

  @Option(
      names = "--rollout",
      paramLabel = "PERCENT",
      description =
          "rollout percentage, a plain decimal with up to two decimals (5, 12.5); sets \"enabled\"")
  String rollout;

  @Mixin VariantOptions variantOptions;

  @Parameters(
      arity = "0..*",
      paramLabel = "ID",
      description = "user ids; without any, one id per line of stdin")
  List<String> ids;

  private Bucketer bucketer;
  private RolloutGate gate;
  private FlagBuckets flagBuckets;
  private VariantSplit split;

  BucketCommand(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    if (profileOptions.profile != null) {
      return callProfile();
    }
    profileOptions.requireNoParametersWithoutProfile();
    split = variantOptions.split(options.flag);
    try {
      // Without variants, Bucketer accepts any rollout seed, the default variant seed included.
      bucketer =
          split == null
              ? options.builder().build()
              : options.builder().variantSeed(variantOptions.variantSeed()).build();
      gate =
          rollout == null ? null : bucketer.rollout(NumberGrammar.rollout(options.flag, rollout));
      if (split != null) {
        bucketer.variants(split); // checks the split against the seeds before any id
      }
    } catch (IllegalArgumentException e) {
      throw NumberGrammar.inOptionNames(e);
    }
    flagBuckets = gate == null ? bucketer.forFlag(options.flag) : gate.buckets();
    LineOutput output = new LineOutput(out, options.flushEvery());
    BytesLine line = new BytesLine(output);
    StdinIds stdin = new StdinIds(idLimit.maxIdBytes());
    StdinIds.BytesAction bytes =
        split == null
            ? line::write
            : (utf8, offset, length) ->
                output.write(json(IdEncoding.decodeUtf8(utf8, offset, length))).endLine().endId();
    stdin.forEach(ids, in, output, id -> output.write(json(id)).endLine().endId(), bytes);
    stdin.reportInvalid(spec.commandLine().getErr());
    return 0;
  }

  /**
   * Writes one line per id decided by {@code --profile}: the system's key, hash and bucket (in [0,
   * its bucket count)), and with {@code --rollout} its decision. Ids go through the {@code String}
   * path: a profile encodes the id as its system does, not as UTF-8 bytes.
   */
  private int callProfile() throws IOException {
    BucketingProfile profile =
        ProfileFlags.profile(spec, options, profileOptions, "--variant-seed");
    VariantSplit profileSplit = variantOptions.split(options.flag);
    Rollout decision =
        rollout == null
            ? new Rollout(options.flag, 0)
            : NumberGrammar.rollout(options.flag, rollout);
    LineOutput output = new LineOutput(out, options.flushEvery());
    StdinIds.TextAction line =
        id -> {
          Explanation explanation = profile.explain(decision, profileSplit, id);
          output
              .write(
                  Json.line(
                      json -> {
                        json.writeStartObject();
                        json.writeStringField("id", id);
                        json.writeStringField("profile", Profiles.label(profile));
                        json.writeStringField("key", explanation.hashedKey());
                        json.writeStringField("hash", Long.toUnsignedString(explanation.hash()));
                        json.writeNumberField("bucket", explanation.bucket());
                        json.writeNumberField("bucketCount", explanation.bucketCount());
                        json.writeFieldName("enabled");
                        if (rollout == null) {
                          json.writeNull();
                        } else {
                          json.writeBoolean(explanation.enabled());
                        }
                        if (profileSplit != null) {
                          writeVariant(
                              json,
                              explanation.variant() == null ? null : explanation.variant().name());
                        }
                        json.writeEndObject();
                      }))
              .endLine()
              .endId();
        };
    StdinIds stdin = new StdinIds(idLimit.maxIdBytes());
    stdin.forEach(
        ids,
        in,
        output,
        line,
        (bytes, offset, length) -> line.accept(IdEncoding.decodeUtf8(bytes, offset, length)));
    stdin.reportInvalid(spec.commandLine().getErr());
    return 0;
  }

  /** The line of one id, built from the {@code String}: the reference the byte path must equal. */
  String json(String id) {
    long hash = flagBuckets.hash(id);
    return Json.line(
        json -> {
          json.writeStartObject();
          json.writeStringField("id", id);
          json.writeStringField("hasher", bucketer.hasher().name());
          json.writeStringField("key", bucketer.hashedKey(options.flag, id));
          json.writeStringField("hash", Long.toUnsignedString(hash));
          json.writeNumberField("bucket", Bucketer.bucketOf(hash, bucketer.bucketCount()));
          json.writeFieldName("enabled");
          if (gate == null) {
            json.writeNull();
          } else {
            json.writeBoolean(gate.isEnabled(id));
          }
          if (split != null) {
            writeVariant(json, bucketer.variant(split, id).map(Variant::name).orElse(null));
          }
          json.writeEndObject();
        });
  }

  /** Writes {@code "variant": name}, null when the user gets none. */
  private static void writeVariant(JsonGenerator json, String name) throws IOException {
    json.writeFieldName("variant");
    if (name == null) {
      json.writeNull();
    } else {
      json.writeString(name);
    }
  }

  /** Writes the line of an id held as bytes: copied as it is when it needs no escaping. */
  final class BytesLine {
    private final LineOutput output;
    private final byte[] idField = ascii("{\"id\":\"");
    private final byte[] keyField;
    private final byte[] hashField = ascii("\",\"hash\":\"");
    private final byte[] bucketField = ascii("\",\"bucket\":");
    private final byte[] enabledField;
    private final byte[] enabled = ascii("true}");
    private final byte[] disabled = ascii("false}");
    private final int bucketCount;
    private final int threshold;

    BytesLine(LineOutput output) {
      this.output = output;
      // The JSON between the id and the id in the key: the hasher, then the key up to the user id.
      String between =
          Json.line(
              json -> {
                json.writeStartObject();
                json.writeStringField("hasher", bucketer.hasher().name());
                json.writeStringField("key", bucketer.hashedKey(options.flag, ""));
                json.writeEndObject();
              });
      // between is {"hasher":"...","key":"PREFIX"} : drop the leading { and the closing quote and
      // brace.
      this.keyField =
          ("\"," + between.substring(1, between.length() - 2)).getBytes(StandardCharsets.UTF_8);
      this.enabledField = ascii(gate == null ? ",\"enabled\":null}" : ",\"enabled\":");
      this.bucketCount = bucketer.bucketCount();
      this.threshold = gate == null ? 0 : gate.threshold();
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
      if (!needsNoEscaping(bytes, offset, length)) {
        output.write(json(IdEncoding.decodeUtf8(bytes, offset, length))).endLine().endId();
        return;
      }
      long hash = flagBuckets.hashUtf8(bytes, offset, length);
      int bucket = Bucketer.bucketOf(hash, bucketCount);
      output
          .write(idField)
          .write(bytes, offset, length)
          .write(keyField)
          .write(bytes, offset, length)
          .write(hashField)
          .writeUnsigned(hash)
          .write(bucketField)
          .writeUnsigned(bucket)
          .write(enabledField);
      if (gate != null) {
        // RolloutGate enables exactly the buckets below its threshold.
        output.write(bucket < threshold ? enabled : disabled);
      }
      output.endLine().endId();
    }
  }

  /**
   * Returns whether JSON writes these UTF-8 bytes unchanged: well-formed, with no {@code "}, {@code
   * \}, control character (C0, DEL, C1), U+2028, U+2029 or bidirectional control ({@link Json}
   * escapes those, by the {@link dev.bucketproof.reports.text.Display} policy).
   */
  static boolean needsNoEscaping(byte[] bytes, int offset, int length) {
    int end = offset + length;
    boolean ascii = true;
    for (int i = offset; i < end; i++) {
      int b = bytes[i];
      if (b < 0) {
        ascii = false;
      } else if (b < 0x20 || b == '"' || b == '\\' || b == 0x7f) {
        return false;
      }
    }
    if (ascii) {
      return true;
    }
    if (!IdEncoding.isValidUtf8(bytes, offset, length)) {
      return false;
    }
    for (int i = offset; i + 1 < end; i++) {
      int lead = bytes[i] & 0xff;
      int second = bytes[i + 1] & 0xff;
      // C1 controls U+0080..U+009F are C2 80..C2 9F; U+061C is D8 9C.
      if ((lead == 0xC2 && second <= 0x9F) || (lead == 0xD8 && second == 0x9C)) {
        return false;
      }
      if (lead == 0xE2 && i + 2 < end) {
        int third = bytes[i + 2] & 0xff;
        // U+200E, U+200F: E2 80 8E/8F; U+2028..U+202E: E2 80 A8..AE; U+2066..U+2069: E2 81 A6..A9
        if ((second == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE)))
            || (second == 0x81 && third >= 0xA6 && third <= 0xA9)) {
          return false;
        }
      }
    }
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}

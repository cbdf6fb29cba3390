package dev.bucketproof.reports.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Every JSON that bucketproof reads, read one strict way: a key given twice in one object is an
 * error ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}), and so is anything after the value
 * (trailing garbage, a second concatenated object: {@link
 * DeserializationFeature#FAIL_ON_TRAILING_TOKENS}). A file is streamed through a byte cap, so that
 * {@code /dev/zero} or a huge file ends at the cap with a message naming it instead of filling the
 * heap; nesting deeper than a limit is an error with its line and column.
 *
 * <p>Every error is an {@link IllegalArgumentException} whose message says what is wrong, with the
 * line and column, such as {@code line 1, column 23: Duplicate field 'a'}; the caller puts the
 * file's name and kind in front (untrusted text in it shown by the {@link Display#terminal}
 * policy).
 *
 * <pre>{@code
 * JsonInput input = JsonInput.of(16 << 20, 64);
 * JsonNode flags = input.readTree(Path.of("flags.json"));
 * }</pre>
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class JsonInput {
  private final long maxBytes;
  private final JsonMapper mapper;

  private JsonInput(long maxBytes, int maxNestingDepth) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    JsonFactory factory =
        new JsonFactoryBuilder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  /**
   * Returns the reader of one kind of JSON file.
   *
   * @param maxBytes the largest file read, in bytes
   * @param maxNestingDepth the deepest nesting of arrays and objects
   */
  public static JsonInput of(long maxBytes, int maxNestingDepth) {
    return new JsonInput(maxBytes, maxNestingDepth);
  }

  /** Returns the mapper (strict as described above), to build an {@link ObjectReader} from. */
  public JsonMapper mapper() {
    return mapper;
  }

  /** Returns the largest file read, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Reads the file at {@code path} as one value of {@code reader}'s type.
   *
   * @throws java.nio.file.NoSuchFileException if it does not exist
   * @throws IllegalArgumentException if it is a directory, larger than the cap, not UTF-8, not
   *     strict JSON, or nests too deep; the message gives the line and column
   * @throws IOException if it cannot be read
   */
  @SuppressWarnings("TypeParameterUnusedInFormals") // as ObjectReader.readValue: the reader's type
  public <T> T read(Path path, ObjectReader reader) throws IOException {
    Objects.requireNonNull(path, "path");
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException("it is a directory: give the path of a file");
    }
    try (InputStream file = Files.newInputStream(path);
        Reader text =
            new InputStreamReader(
                new Capped(file, maxBytes),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        JsonParser parser = mapper.createParser(text)) {
      try {
        return reader.readValue(parser);
      } catch (JsonProcessingException e) {
        throw invalid(e, parser);
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException(
            "it is not UTF-8 (invalid bytes near " + where(parser.currentLocation()) + ")", e);
      } catch (CapExceeded e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  /**
   * Reads {@code text} (already in memory) as one value of {@code reader}'s type.
   *
   * @throws IllegalArgumentException if it is not strict JSON or nests too deep; the message gives
   *     the line and column
   */
  @SuppressWarnings("TypeParameterUnusedInFormals") // as ObjectReader.readValue: the reader's type
  public <T> T read(String text, ObjectReader reader) {
    try (JsonParser parser = mapper.createParser(text)) {
      try {
        return reader.readValue(parser);
      } catch (JsonProcessingException e) {
        throw invalid(e, parser);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static IllegalArgumentException invalid(JsonProcessingException e, JsonParser parser) {
    // A nesting error (StreamConstraintsException) has no location of its own: take the parser's.
    JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
    String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    int marker = message.indexOf(" (start marker");
    if (marker >= 0) {
      message = message.substring(0, marker);
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    String at = where(location);
    return new IllegalArgumentException(
        (at.isEmpty() ? "" : at + ": ") + Display.terminal(message), e);
  }

  /** Returns "line L, column C", or the empty string when the location is unknown. */
  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : String.format(
            Locale.ROOT, "line %d, column %d", location.getLineNr(), location.getColumnNr());
  }

  /** A read past the cap. */
  private static final class CapExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    CapExceeded(String message) {
      super(message);
    }
  }

  /** Fails the read that passes the byte cap. */
  private static final class Capped extends FilterInputStream {
    private final long maxBytes;
    private long read;

    Capped(InputStream in, long maxBytes) {
      super(in);
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      int n = super.read(bytes, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws CapExceeded {
      read += n;
      if (read > maxBytes) {
        throw new CapExceeded(
            String.format(
                Locale.ROOT,
                "it is larger than %,d bytes, the most this file may be: is it the right file?",
                maxBytes));
      }
    }
  }
}

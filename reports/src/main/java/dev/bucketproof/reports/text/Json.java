package dev.bucketproof.reports.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * bucketproof's JSON, written with Jackson's streaming generator: keys in the order they are
 * written, on one line ({@link #line}) or pretty ({@link #pretty}: two-space indentation, one value
 * per line, {@code "key": value}, empty containers as {@code []} and {@code {}}).
 *
 * <p>Strings: quote, backslash and controls are escaped ({@code \t \n \r} short, the other
 * controls, DEL, the C1 controls, U+2028, U+2029 and the bidirectional controls as lowercase <code>
 * &#92;uXXXX</code> ({@link Display}), so a line can be pasted into JavaScript), an unpaired
 * surrogate as its <code>&#92;uXXXX</code> escape, everything else written as is. Doubles: integral
 * values below 10^15 as integers ({@code 5000}), others as {@link Double#toString} ({@code
 * 5.0E-4}), NaN and infinities as {@code null}.
 *
 * <pre>{@code
 * String line = Json.line(json -> {
 *   json.writeStartObject();
 *   json.writeStringField("id", "user-42");
 *   Json.number(json, "share", 0.5);
 *   json.writeEndObject();
 * });                                                   // {"id":"user-42","share":0.5}
 * }</pre>
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .characterEscapes(new ControlEscapes())
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          .build();

  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private Json() {}

  /** Writes one JSON value into a generator. */
  @FunctionalInterface
  public interface Body {
    /** Writes the value. */
    void write(JsonGenerator json) throws IOException;
  }

  /** Returns the value that {@code body} writes, on one line, without a line end. */
  public static String line(Body body) {
    return write(body, false);
  }

  /** Returns the value that {@code body} writes, indented, ending with a line end. */
  public static String pretty(Body body) {
    return write(body, true) + "\n";
  }

  /**
   * Writes {@code value} as described in the class comment: an integer, a double, or null.
   * Hand-written because Jackson writes {@code 5000.0} for an integral double and refuses NaN in
   * strict JSON; report.json has always written {@code 5000} and {@code null}, and its readers rely
   * on that.
   */
  public static void number(JsonGenerator json, double value) throws IOException {
    if (!Double.isFinite(value)) {
      json.writeNull();
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      json.writeNumber((long) value);
    } else {
      json.writeNumber(value);
    }
  }

  /** Writes {@code "name": value} with {@link #number(JsonGenerator, double)}. */
  public static void number(JsonGenerator json, String name, double value) throws IOException {
    json.writeFieldName(name);
    number(json, value);
  }

  private static String write(Body body, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      if (pretty) {
        json.setPrettyPrinter(PRETTY.createInstance());
      }
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return escapeLoneSurrogates(text.toString());
  }

  /**
   * Hand-written (in {@link Escapes#loneSurrogates}) because Jackson 2.20 has no setting for it:
   * its Writer generator passes surrogates through (a UTF-8 encoder then prints {@code ?}), and its
   * UTF-8 generator escapes every surrogate, or with COMBINE_UNICODE_SURROGATES_IN_UTF8 joins a
   * high surrogate with whatever char follows it. Jackson only emits surrogates inside string
   * literals, where the escape means the same character.
   */
  static String escapeLoneSurrogates(String text) {
    return Escapes.loneSurrogates(text);
  }

  /**
   * Jackson's standard escapes plus {@code \b} and {@code \f} as <code>&#92;u0008</code> and <code>
   * &#92;u000c</code>, DEL, U+2028 and U+2029 (line terminators in JavaScript source).
   */
  private static final class ControlEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    private final int[] ascii;

    ControlEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['\b'] = ESCAPE_STANDARD;
      ascii['\f'] = ESCAPE_STANDARD;
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '\u2028' -> LINE_SEPARATOR;
        case '\u2029' -> PARAGRAPH_SEPARATOR;
        default ->
            ch <= 0xFFFF && Display.isHidden((char) ch)
                ? new SerializedString(Display.unicodeEscape((char) ch))
                : null;
      };
    }
  }
}

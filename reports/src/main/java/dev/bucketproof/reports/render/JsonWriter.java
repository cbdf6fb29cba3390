package dev.bucketproof.reports.render;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON with keys in the order they are given, two-space indentation, or on one line. Strings are
 * escaped per RFC 8259; an unpaired surrogate is written as a {@code \\uXXXX} escape; a non-finite number
 * is written as {@code null}.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  private final boolean pretty;
  private final Deque<Boolean> hasElements = new ArrayDeque<>();
  private boolean afterName;

  public JsonWriter(boolean pretty) {
    this.pretty = pretty;
  }

  public JsonWriter beginObject() {
    return open('{');
  }

  public JsonWriter endObject() {
    return close('}');
  }

  public JsonWriter beginArray() {
    return open('[');
  }

  public JsonWriter endArray() {
    return close(']');
  }

  public JsonWriter name(String name) {
    separate();
    string(name);
    out.append(pretty ? ": " : ":");
    afterName = true;
    return this;
  }

  public JsonWriter value(String value) {
    separate();
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  public JsonWriter value(long value) {
    separate();
    out.append(value);
    return this;
  }

  public JsonWriter value(double value) {
    separate();
    if (Double.isFinite(value)) {
      out.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value));
    } else {
      out.append("null");
    }
    return this;
  }

  public JsonWriter value(boolean value) {
    separate();
    out.append(value);
    return this;
  }

  public JsonWriter nullValue() {
    separate();
    out.append("null");
    return this;
  }

  /** Writes {@code "name": value} for a string. */
  public JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, double value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Returns {@code text} as a JSON string literal, quotes included. */
  static String quote(String text) {
    JsonWriter writer = new JsonWriter(false);
    writer.string(text);
    return writer.out.toString();
  }

  private JsonWriter open(char bracket) {
    separate();
    out.append(bracket);
    hasElements.push(false);
    return this;
  }

  private JsonWriter close(char bracket) {
    boolean any = hasElements.pop();
    if (any && pretty) {
      newline();
    }
    out.append(bracket);
    return this;
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (hasElements.isEmpty()) {
      return;
    }
    if (hasElements.peek()) {
      out.append(',');
    }
    hasElements.pop();
    hasElements.push(true);
    if (pretty) {
      newline();
    }
  }

  private void newline() {
    out.append('\n');
    for (int i = 0; i < hasElements.size(); i++) {
      out.append("  ");
    }
  }

  private void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else if (pairedHigh) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

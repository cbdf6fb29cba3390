package dev.bucketproof.reports.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text (RFC 8259) into {@code Map} (keys in order), {@code List}, {@code String},
 * {@code Double}, {@code Boolean} and {@code null}. Enough to read a JMH result file.
 *
 * <p>Thread-safety: not thread-safe; one instance per text.
 */
public final class JsonReader {
  private final String text;
  private int position;

  private JsonReader(String text) {
    this.text = text;
  }

  /**
   * Returns the value of {@code text}.
   *
   * @throws IllegalArgumentException if the text is not valid JSON; the message gives the offset
   */
  public static Object parse(String text) {
    JsonReader reader = new JsonReader(text);
    Object value = reader.value();
    reader.whitespace();
    if (reader.position != text.length()) {
      throw reader.error("unexpected text after the value");
    }
    return value;
  }

  private Object value() {
    whitespace();
    if (position >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(position);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || c >= '0' && c <= '9') {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    position++;
    whitespace();
    if (peek() == '}') {
      position++;
      return map;
    }
    while (true) {
      whitespace();
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = string();
      whitespace();
      expect(':');
      map.put(key, value());
      whitespace();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        position--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    position++;
    whitespace();
    if (peek() == ']') {
      position++;
      return list;
    }
    while (true) {
      list.add(value());
      whitespace();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        position--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        char escape = next();
        switch (escape) {
          case '"', '\\', '/' -> out.append(escape);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (position + 4 > text.length()) {
              throw error("truncated \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
            } catch (NumberFormatException e) {
              throw error("bad \\u escape");
            }
            position += 4;
          }
          default -> throw error("bad escape \\" + escape);
        }
      } else if (c < 0x20) {
        throw error("control character in string");
      } else {
        out.append(c);
      }
    }
  }

  private Double number() {
    int start = position;
    while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    try {
      return Double.valueOf(text.substring(start, position));
    } catch (NumberFormatException e) {
      throw error("bad number " + text.substring(start, position));
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, position)) {
      throw error("expected " + word);
    }
    position += word.length();
    return value;
  }

  private void whitespace() {
    while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
  }

  private char peek() {
    if (position >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(position);
  }

  private char next() {
    char c = peek();
    position++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      position--;
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("invalid JSON at offset " + position + ": " + problem);
  }
}

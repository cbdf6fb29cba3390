package dev.bucketproof.reports.render;

import dev.bucketproof.reports.jmh.JsonReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writerEscapesAndReaderReadsItBack() {
    String id = "quote\" back\\ tab\t nl\n nul\u0000 caf\u00e9 \uD83D\uDCB0 lone\uD800 sep\u2028";
    String text = new JsonWriter(true).beginObject().field("id", id).field("n", 42).field("x", 0.5)
        .field("nan", Double.NaN).field("ok", true).name("list").beginArray().value(1).value("a").endArray()
        .name("empty").beginObject().endObject().endObject().toString();
    Map<?, ?> parsed = (Map<?, ?>) JsonReader.parse(text);
    assertEquals(id, parsed.get("id"));
    assertEquals(42.0, parsed.get("n"));
    assertEquals(0.5, parsed.get("x"));
    assertEquals(null, parsed.get("nan"));
    assertEquals(true, parsed.get("ok"));
    assertEquals(List.of(1.0, "a"), parsed.get("list"));
    assertEquals(Map.of(), parsed.get("empty"));
    assertEquals("\"lone\\ud800 \\u0000\"", JsonWriter.quote("lone\uD800 \u0000"));
  }

  @Test
  void readerRejectsMalformedTextWithTheOffset() {
    assertEquals("invalid JSON at offset 3: expected ',' or ']'",
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1 2]")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\":}"));
    assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1] x"));
  }
}

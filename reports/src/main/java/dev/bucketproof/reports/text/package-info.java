/**
 * Text shared by every package of this module: JSON written with Jackson ({@link
 * dev.bucketproof.reports.text.Json}: one line or pretty, fixed key order, controls and lone
 * surrogates escaped), numbers formatted with {@code Locale.ROOT} ({@link
 * dev.bucketproof.reports.text.Numbers}) and escaping for HTML, Markdown and ids shown to a reader
 * ({@link dev.bucketproof.reports.text.Escapes}, Guava's escapers plus the bidirectional controls).
 *
 * <p>Depends on nothing else of this module (Jackson and Guava only); every other package may use
 * it.
 *
 * <pre>{@code
 * String line = Json.line(json -> {
 *   json.writeStartObject();
 *   Json.number(json, "share", 0.05);
 *   json.writeEndObject();
 * });                                        // {"share":0.05}
 * Numbers.percent(0.05);                     // 5.000%
 * Escapes.html("<b>");                       // &lt;b&gt;
 * }</pre>
 */
package dev.bucketproof.reports.text;

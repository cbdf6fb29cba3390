package dev.bucketproof.reports.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods of {@code srm --sequential FILE}: one line per period (a day, an hour) with that
 * period's users per variant, comma-separated, optionally after a label and a tab ({@code
 * 2026-12-01<TAB>5012,4988}). A bad line is refused with its number, never skipped.
 *
 * <p>Thread-safety: stateless.
 */
final class PeriodFile {
  /** One period: its label (empty when none) and its users per variant. */
  record Period(String label, long[] counts) {}

  private PeriodFile() {}

  /**
   * Reads the periods of {@code file}, each with {@code variants} counts.
   *
   * @throws IllegalArgumentException naming {@code --sequential}, the line and what is wrong, when
   *     the file is missing, not UTF-8, empty, or a line is not a label and counts
   */
  static List<Period> read(Path file, int variants) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new IllegalArgumentException("--sequential: no such file: " + file);
    } catch (CharacterCodingException notText) {
      throw new IllegalArgumentException("--sequential: not UTF-8 text: " + file);
    }
    List<Period> periods = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      periods.add(parse(lines.get(index), index + 1, variants));
    }
    if (periods.isEmpty()) {
      throw new IllegalArgumentException("--sequential: no periods in " + file);
    }
    return periods;
  }

  private static Period parse(String line, int number, int variants) {
    String where = "--sequential line " + number;
    int tab = line.indexOf('\t');
    String label = tab < 0 ? "" : line.substring(0, tab);
    String values = tab < 0 ? line : line.substring(tab + 1);
    for (int i = 0; i < label.length(); i++) {
      int type = Character.getType(label.charAt(i));
      if (type == Character.CONTROL || type == Character.FORMAT) {
        throw new IllegalArgumentException(
            where + ": the label holds a control or format character at position " + (i + 1));
      }
    }
    String[] fields = values.split(",", -1);
    if (values.isBlank() || fields.length != variants) {
      throw new IllegalArgumentException(
          where
              + ": expected "
              + variants
              + " comma-separated counts (one per --weights entry), found "
              + (values.isBlank() ? 0 : fields.length));
    }
    long[] counts = new long[variants];
    for (int i = 0; i < variants; i++) {
      counts[i] = Arguments.parseCount(where, fields[i].strip());
    }
    return new Period(label, counts);
  }
}

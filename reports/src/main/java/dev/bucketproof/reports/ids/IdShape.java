package dev.bucketproof.reports.ids;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The shapes of user ids that the built-in populations generate. Id number {@code index} of a
 * seeded population depends only on the seed and the index, so a population can be generated in any
 * order, on any number of threads, and always gives the same ids.
 *
 * <p>Thread-safety: immutable and stateless.
 */
public enum IdShape {
  /** Random version-4 UUIDs, 36 ASCII chars: {@code 3f2b8c1e-9d4a-4f7b-8e21-5c6d7e8f9a0b}. */
  UUID("uuid") {
    @Override
    String id(SplittableRandom random, long index) {
      return new UUID(
              (random.nextLong() & ~0xF000L) | 0x4000L,
              (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L)
          .toString();
    }
  },
  /** Sequential integers from 1: {@code 1, 2, 3, ...}; the seed is not used. */
  SEQUENTIAL("sequential") {
    @Override
    String id(SplittableRandom random, long index) {
      return Long.toString(index + 1);
    }
  },
  /** Prefixed sequential ids: {@code user_000001, user_000002, ...}; the seed is not used. */
  PREFIXED("prefixed") {
    @Override
    String id(SplittableRandom random, long index) {
      String digits = Long.toString(index + 1);
      return digits.length() >= 6
          ? "user_" + digits
          : "user_" + "000000".substring(digits.length()) + digits;
    }
  },
  /** Email addresses, {@code first.last<index>@domain.tld}: distinct, as user ids are. */
  EMAIL("email") {
    @Override
    String id(SplittableRandom random, long index) {
      return pick(random, FIRST_NAMES).toLowerCase(Locale.ROOT)
          + "."
          + pick(random, LAST_NAMES).toLowerCase(Locale.ROOT)
          + index
          + "@"
          + pick(random, DOMAINS);
    }
  },
  /**
   * Names with accents, CJK, Cyrillic, Arabic, emoji (surrogate pairs) and combining marks, ending
   * in the index so that ids are distinct (repeated ids would clump the bucket counts, and every
   * hasher would fail uniformity for the population's fault).
   */
  UNICODE("unicode") {
    @Override
    String id(SplittableRandom random, long index) {
      StringBuilder id = new StringBuilder(24);
      int parts = 1 + random.nextInt(3);
      for (int part = 0; part < parts; part++) {
        if (part > 0) {
          id.append(random.nextBoolean() ? ' ' : '.');
        }
        id.append(pick(random, UNICODE_NAMES));
      }
      int roll = random.nextInt(4);
      if (roll == 0) {
        id.appendCodePoint(0x1F300 + random.nextInt(0x300)); // an emoji: a surrogate pair
      } else if (roll == 1) {
        id.append('e').append((char) (0x0300 + random.nextInt(0x70))); // a combining mark
      }
      return id.append(index).toString();
    }
  },
  /** Long ids of 1 KiB to 1.5 KiB of ASCII: session tokens, serialized keys. */
  LONG("long") {
    @Override
    String id(SplittableRandom random, long index) {
      return asciiId(random, 1024 + random.nextInt(513));
    }
  };

  private static final String[] FIRST_NAMES = {
    "Alice",
    "Bob",
    "Carol",
    "Dave",
    "Erin",
    "Frank",
    "Grace",
    "Heidi",
    "Ivan",
    "Judy",
    "Mallory",
    "Niaj",
    "Olivia",
    "Peggy",
    "Rupert",
    "Sybil",
    "Trent",
    "Victor",
    "Walter",
    "Yasmin",
    "Zoe",
    "Mohammed",
    "Wei",
    "Priya",
    "Kenji",
    "Sofia",
    "Lucas",
    "Amara"
  };
  private static final String[] LAST_NAMES = {
    "Smith",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Nguyen",
    "Kim",
    "Patel",
    "Schmidt",
    "Rossi",
    "Silva",
    "Kowalski",
    "Tanaka",
    "Okafor"
  };
  private static final String[] DOMAINS = {
    "example.com", "example.org", "mail.example", "corp.example.net", "students.example.edu"
  };
  private static final String[] UNICODE_NAMES = {
    "Jos\u00e9",
    "Zo\u00eb",
    "Fran\u00e7ois",
    "Ren\u00e9e",
    "S\u00f8ren",
    "\u00c5sa",
    "Bj\u00f6rk",
    "M\u00fcller",
    "\u0141ukasz",
    "\u017dofia",
    "\u0160imon",
    "\u0130stanbul",
    "\u5c71\u7530",
    "\u738b\u5c0f\u660e",
    "\u674e\u534e",
    "\u3055\u304f\u3089",
    "\u30bf\u30ed\u30a6",
    "\ud55c\uc9c0\ubbfc",
    "\u0410\u043d\u043d\u0430",
    "\u0414\u043c\u0438\u0442\u0440\u0438\u0439",
    "\u0645\u062d\u0645\u062f",
    "\u05e0\u05d5\u05e2\u05d4",
    "\u0391\u03bb\u03ad\u03be\u03b7\u03c2",
    "\u0928\u0947\u0939\u093e",
    "\u0e2a\u0e21\u0e0a\u0e32\u0e22",
    "Nguy\u1ec5n",
    "\u00d1u\u00f1ez"
  };

  private final String id;

  IdShape(String id) {
    this.id = id;
  }

  /** Returns the shape's name as populations and the command line use it, such as {@code uuid}. */
  public String id() {
    return id;
  }

  /**
   * Returns id number {@code index} of the population of this shape generated from {@code seed}.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public String id(long seed, long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
    return id(new SplittableRandom(seed ^ mix(index)), index);
  }

  abstract String id(SplittableRandom random, long index);

  /**
   * Returns the shape named {@code id}.
   *
   * @throws IllegalArgumentException if no shape has that name
   */
  public static IdShape byId(String id) {
    for (IdShape shape : values()) {
      if (shape.id.equals(id)) {
        return shape;
      }
    }
    throw new IllegalArgumentException(
        "unknown population shape: "
            + id
            + " (known: uuid, sequential,"
            + " prefixed, email, unicode, long)");
  }

  /**
   * Returns {@code length} random chars of the 64-letter URL-safe base64 alphabet, 10 per random
   * long.
   */
  public static String asciiId(SplittableRandom random, int length) {
    char[] chars = new char[length];
    long bits = 0;
    for (int i = 0; i < length; i++) {
      if (i % 10 == 0) {
        bits = random.nextLong();
      }
      chars[i] = BASE64URL.charAt((int) (bits & 63));
      bits >>>= 6;
    }
    return new String(chars);
  }

  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** SplitMix64's finalizer, so that neighbouring indexes give unrelated random streams. */
  private static long mix(long index) {
    long z = (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return id;
  }
}

package dev.bucketproof.properties;

import dev.bucketproof.bucketing.HashFamily;
import dev.bucketproof.bucketing.Murmur3;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Independent statements of what each family hashes, built from the JDK's own encoder rather than the
 * library's: the canonical UTF-8 is the JDK UTF-8 encoder with malformed input (an unpaired surrogate)
 * replaced by {@code EF BF BD}, which is the WHATWG Encoding Standard's rule.
 */
final class Oracles {
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private Oracles() {}

  static byte[] whatwgUtf8(String id) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(REPLACEMENT);
    try {
      ByteBuffer bytes = encoder.encode(CharBuffer.wrap(id));
      return Arrays.copyOfRange(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.arrayOffset() + bytes.limit());
    } catch (CharacterCodingException e) {
      throw new AssertionError("REPLACE never throws", e);
    }
  }

  /**
   * The WHATWG Encoding Standard's UTF-8 decoder, transcribed step by step (bytes needed, bytes seen,
   * lower and upper boundary; a byte out of range ends the sequence with U+FFFD and is read again; a
   * sequence cut short by the end is one U+FFFD). Not the JDK's decoder: {@code new String(bytes, UTF_8)}
   * makes one U+FFFD of an encoded surrogate ({@code ED A0 80}) where the standard makes three.
   */
  static String whatwgDecode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int codePoint = 0;
    int bytesSeen = 0;
    int bytesNeeded = 0;
    int lower = 0x80;
    int upper = 0xbf;
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      if (bytesNeeded == 0) {
        i++;
        if (b <= 0x7f) {
          out.append((char) b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          bytesNeeded = 1;
          codePoint = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          lower = b == 0xe0 ? 0xa0 : 0x80;
          upper = b == 0xed ? 0x9f : 0xbf;
          bytesNeeded = 2;
          codePoint = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          lower = b == 0xf0 ? 0x90 : 0x80;
          upper = b == 0xf4 ? 0x8f : 0xbf;
          bytesNeeded = 3;
          codePoint = b & 0x7;
        } else {
          out.append('\uFFFD');
        }
      } else if (b < lower || b > upper) {
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
        lower = 0x80;
        upper = 0xbf;
        out.append('\uFFFD'); // and the byte is read again
      } else {
        i++;
        lower = 0x80;
        upper = 0xbf;
        codePoint = codePoint << 6 | b & 0x3f;
        if (++bytesSeen == bytesNeeded) {
          out.appendCodePoint(codePoint);
          codePoint = 0;
          bytesNeeded = 0;
          bytesSeen = 0;
        }
      }
    }
    if (bytesNeeded != 0) {
      out.append('\uFFFD');
    }
    return out.toString();
  }

  static byte[] lowBytes(String id) {
    byte[] bytes = new byte[id.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (id.charAt(i) & 0xff);
    }
    return bytes;
  }

  /** Returns what a hasher of {@code family} must return for {@code id} and {@code seed}. */
  static long expectedHash(HashFamily family, String id, int seed) {
    return switch (family) {
      case MURMUR3_X86_32 -> Integer.toUnsignedLong(Murmur3.x86_32(whatwgUtf8(id), seed));
      case MURMUR3_X64_128 -> Murmur3.x64_128(whatwgUtf8(id), seed)[0];
      case MURMUR3_X86_32_JS -> Integer.toUnsignedLong(Murmur3.x86_32(lowBytes(id), seed));
    };
  }
}

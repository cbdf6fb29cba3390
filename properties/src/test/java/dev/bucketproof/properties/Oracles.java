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
 * Independent statements of what each family hashes, built from the JDK's own encoder rather than
 * the library's: the canonical UTF-8 is the JDK UTF-8 encoder with malformed input (an unpaired
 * surrogate) replaced by {@code EF BF BD}, which is the WHATWG Encoding Standard's rule.
 */
final class Oracles {
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private Oracles() {}

  static byte[] whatwgUtf8(String id) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(REPLACEMENT);
    try {
      ByteBuffer bytes = encoder.encode(CharBuffer.wrap(id));
      return Arrays.copyOfRange(
          bytes.array(),
          bytes.arrayOffset() + bytes.position(),
          bytes.arrayOffset() + bytes.limit());
    } catch (CharacterCodingException e) {
      throw new AssertionError("REPLACE never throws", e);
    }
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

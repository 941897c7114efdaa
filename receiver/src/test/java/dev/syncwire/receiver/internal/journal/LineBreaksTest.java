package dev.syncwire.receiver.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LineBreaksTest {
  @Property(tries = 2_000)
  void findsTheSameFirstLineBreakAsAByteAtATimeScan(@ForAll("lines") byte[] line) {
    assertThat(LineBreaks.indexOf(line)).isEqualTo(naive(line));
  }

  /** Mostly JSON-ish text, sometimes with a break anywhere, including in the last, unaligned bytes. */
  @Provide
  Arbitrary<byte[]> lines() {
    Arbitrary<Byte> text = Arbitraries.of((byte) '{', (byte) '"', (byte) 'a', (byte) ':', (byte) '1', (byte) ' ',
        (byte) 0x0B, (byte) 0x0C, (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, (byte) 0);
    Arbitrary<Byte> withBreaks = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(60, text), net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) '\n', (byte) '\r')));
    return withBreaks.array(byte[].class).ofMinSize(0).ofMaxSize(70);
  }

  private static int naive(byte[] line) {
    for (int i = 0; i < line.length; i++) {
      if (line[i] == '\n' || line[i] == '\r') {
        return i;
      }
    }
    return -1;
  }
}

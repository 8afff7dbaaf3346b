package io.rila.features.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  private static final byte[] KEY = new byte[32];

  private static byte[] encoded(Frame frame) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameCodec.write(out, KEY, frame);
    return out.toByteArray();
  }

  /** The bytes with a correct checksum recomputed over everything before it. */
  private static byte[] resealed(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  /** Offsets in the entry: magic 8, version 4, key 32, then rows, columns, hasIndex. */
  private static final int ROWS = 44;
  private static final int COLUMNS = 48;

  @Test
  void read_roundTripsIndexNamesAndBits() throws Exception {
    Frame frame = Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 14))
        .column("caf\u00e9 \uD83D\uDCC8", new double[] {-0.0, Double.NaN})
        .column(" b", new double[] {Double.MIN_VALUE, Double.NEGATIVE_INFINITY})
        .build();
    assertThat(FrameCodec.read(encoded(frame), KEY)).isEqualTo(frame);
  }

  @Test
  void read_rowsWithoutColumnsAreCheckedBeforeAllocating() throws IOException {
    // before: new double[rows] came first, so 2^31 - 1 rows and no column gave OutOfMemoryError
    byte[] bytes = encoded(Frame.newBuilder().build());
    ByteBuffer.wrap(bytes).putInt(ROWS, Integer.MAX_VALUE);
    assertThatThrownBy(() -> FrameCodec.read(resealed(bytes), KEY))
        .isInstanceOf(FrameCodec.CorruptEntryException.class)
        .hasMessageContaining("2147483647 rows");
  }

  @Test
  void read_rowsBeyondTheEntryAreCorrupt() throws IOException {
    Frame frame = Frame.newBuilder().index(LocalDate.of(2024, 1, 7))
        .column("a", new double[] {1}).build();
    for (int rows : new int[] {Integer.MAX_VALUE, 1 << 28, 2}) {
      byte[] bytes = encoded(frame);
      ByteBuffer.wrap(bytes).putInt(ROWS, rows);
      assertThatThrownBy(() -> FrameCodec.read(resealed(bytes), KEY))
          .as("rows %d", rows)
          .isInstanceOf(FrameCodec.CorruptEntryException.class);
    }
    byte[] bytes = encoded(frame);
    ByteBuffer.wrap(bytes).putInt(COLUMNS, Integer.MAX_VALUE);
    assertThatThrownBy(() -> FrameCodec.read(resealed(bytes), KEY))
        .isInstanceOf(FrameCodec.CorruptEntryException.class);
  }

  @Test
  void read_nameThatIsNotUtf8IsCorrupt() throws IOException {
    byte[] bytes = encoded(Frame.newBuilder().column("ab", new double[] {1}).build());
    int name = 53 + 4;
    bytes[name] = (byte) 0xC3;
    bytes[name + 1] = (byte) 0x28;
    assertThatThrownBy(() -> FrameCodec.read(resealed(bytes), KEY))
        .isInstanceOf(FrameCodec.CorruptEntryException.class)
        .hasMessageContaining("not valid UTF-8");
  }
}

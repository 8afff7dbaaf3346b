package io.rila.bootstrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockIoTest {

  @TempDir Path dir;

  /** More than one 1 MiB step, and not a multiple of it. */
  private static final int COUNT = 300_001;

  private static int crc(byte[] bytes, int from, int to) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, to - from);
    return (int) crc.getValue();
  }

  @Test
  void writeFloats_littleEndianWithChecksum() throws IOException {
    Random random = new Random(1);
    float[] values = new float[COUNT + 10];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BlockIo io = BlockIo.forWriting();
    io.writeBytes(out, new byte[] {7, 8, 9});
    io.writeFloats(out, values, 10, COUNT);
    byte[] bytes = out.toByteArray();
    assertThat(bytes).hasSize(3 + 4 * COUNT);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < COUNT; i++) {
      assertThat(Float.floatToRawIntBits(b.getFloat(3 + 4 * i)))
          .isEqualTo(Float.floatToRawIntBits(values[10 + i]));
    }
    assertThat(io.crc()).isEqualTo(crc(bytes, 0, bytes.length));
  }

  @Test
  void readDoubles_roundTripWithChecksum() throws IOException {
    Random random = new Random(2);
    double[] values = new double[COUNT];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian() * 1e10;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BlockIo.forWriting().writeDoubles(out, values, 0, COUNT);
    Path file = dir.resolve("d.bin");
    byte[] bytes = new byte[5 + 8 * COUNT];
    System.arraycopy(out.toByteArray(), 0, bytes, 5, 8 * COUNT);
    Files.write(file, bytes);
    double[] back = new double[COUNT + 1];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      BlockIo io = BlockIo.forReading(bytes.length);
      ByteBuffer head = ByteBuffer.allocate(5);
      assertThat(io.readBytes(channel, 0, head)).isEqualTo(5);
      assertThat(io.readDoubles(channel, 5, back, 1, COUNT)).isEqualTo(bytes.length);
      assertThat(io.crc()).isEqualTo(crc(bytes, 0, bytes.length));
    }
    for (int i = 0; i < COUNT; i++) {
      assertThat(back[i + 1]).isEqualTo(values[i]);
    }
  }

  @Test
  void readFloats_smallFileSmallBufferAndEndOfFile() throws IOException {
    Path file = dir.resolve("f.bin");
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.putFloat(1.5f).putFloat(-2f).putFloat(3.25f);
    Files.write(file, b.array());
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      float[] out = new float[3];
      BlockIo.forReading(12).readFloats(channel, 0, out, 0, 3);
      assertThat(out).containsExactly(1.5f, -2f, 3.25f);
      assertThatThrownBy(() -> BlockIo.forReading(12).readFloats(channel, 4, out, 0, 3))
          .isInstanceOf(EOFException.class).hasMessage("end of file at byte 12");
    }
  }
}

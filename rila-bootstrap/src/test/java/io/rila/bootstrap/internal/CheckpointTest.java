package io.rila.bootstrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.internal.ChunkedTasks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  private static final int MEMBERS = 100;
  private static final int FEATURES = 2;
  private static final String SETTINGS = "estimators=100; alpha=1.0";
  private static final byte[] HASH =
      Checkpoint.dataHash(new double[][] {{1, 2}, {3, 4}}, new double[] {5, 6}, null);

  @TempDir Path dir;

  private Checkpoint open(int every, float[] store) {
    return Checkpoint.open(dir, every, SETTINGS, HASH, MemberBlock.wrap(MEMBERS, FEATURES, store),
        UnaryOperator.identity());
  }

  private static float[] numbered() {
    float[] store = new float[MEMBERS * (FEATURES + 1)];
    for (int i = 0; i < store.length; i++) {
      store[i] = i + 0.5f;
    }
    return store;
  }

  @Test
  void chunkDone_outOfOrderChunksAreCoalescedIntoRanges() throws IOException {
    float[] store = numbered();
    try (Checkpoint checkpoint = open(30, store)) {
      assertThat(checkpoint.restored()).isZero();
      checkpoint.chunkDone(20, 30);
      checkpoint.chunkDone(0, 10);
      checkpoint.chunkDone(10, 20);
      checkpoint.chunkDone(50, 60);
      checkpoint.chunkDone(30, 40);
      checkpoint.chunkDone(70, 80);
      checkpoint.chunkDone(90, 100);
    }
    assertThat(ranges(dir.resolve("members-000000000.ckpt"))).containsExactly(List.of(0, 30));
    assertThat(ranges(dir.resolve("members-000000030.ckpt")))
        .containsExactly(List.of(30, 40), List.of(50, 60), List.of(70, 80));
    assertThat(Files.exists(dir.resolve("members-000000090.ckpt"))).isFalse();

    float[] restored = new float[store.length];
    try (Checkpoint checkpoint = open(30, restored)) {
      assertThat(checkpoint.restored()).isEqualTo(60);
      List<Integer> ran = new ArrayList<>();
      ChunkedTasks.Worker worker = checkpoint.skipRestored(() -> ran::add).get();
      for (int k = 0; k < MEMBERS; k++) {
        worker.run(k);
      }
      assertThat(ran).hasSize(40).contains(40, 49, 60, 69, 80, 99).doesNotContain(0, 35, 75);
      System.arraycopy(store, 40 * 3, restored, 40 * 3, 10 * 3);
      checkpoint.chunkDone(0, 50);
      checkpoint.saveCompleted(new RuntimeException("stopped"));
      assertThat(ranges(dir.resolve("members-000000040.ckpt"))).containsExactly(List.of(40, 50));
      assertThat(checkpoint.complete()).isTrue();
    }
    for (int k = 0; k < MEMBERS; k++) {
      boolean saved = k < 60 || (k >= 70 && k < 80);
      for (int j = 0; j <= FEATURES; j++) {
        int i = k * (FEATURES + 1) + j;
        assertThat(restored[i]).isEqualTo(saved ? store[i] : 0f);
      }
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("checkpoint.lock");
    }
  }

  /** The ranges of a part, read by the documented layout, after checking its CRC-32C. */
  private static List<List<Integer>> ranges(Path part) throws IOException {
    byte[] bytes = Files.readAllBytes(part);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(bytes, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("RILACK");
    assertThat(b.getInt(8)).isEqualTo(1);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    assertThat(b.getInt(bytes.length - 4)).isEqualTo((int) crc.getValue());
    int settings = b.getInt(12);
    assertThat(new String(bytes, 56, settings, StandardCharsets.UTF_8)).isEqualTo(SETTINGS);
    int count = b.getInt(48);
    List<List<Integer>> ranges = new ArrayList<>();
    int members = 0;
    for (int r = 0; r < count; r++) {
      int from = b.getInt(56 + settings + 8 * r);
      int to = b.getInt(56 + settings + 8 * r + 4);
      ranges.add(List.of(from, to));
      members += to - from;
    }
    assertThat(b.getInt(52)).isEqualTo(members);
    int values = 56 + settings + 8 * count;
    assertThat(bytes.length).isEqualTo(values + members * (FEATURES + 1) * 4 + 4);
    int at = values;
    for (List<Integer> r : ranges) {
      for (int i = r.get(0) * (FEATURES + 1); i < r.get(1) * (FEATURES + 1); i++) {
        assertThat(b.getFloat(at)).isEqualTo(i + 0.5f);
        at += 4;
      }
    }
    return ranges;
  }

  @Test
  void open_foreignFileNamedLikeAPartIsCorrupt() throws IOException {
    Path part = dir.resolve("members-000000007.ckpt");
    Files.writeString(part, "this is not a checkpoint part, but it is long enough to be one");
    assertThatThrownBy(() -> open(10, new float[MEMBERS * 3]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("checkpoint part " + part + " is corrupt: not a rila checkpoint part (wrong"
            + " magic); delete it (its members are then fitted again)");
  }

  @Test
  void open_releasesTheLockWhenRefusing() throws IOException {
    Files.writeString(dir.resolve("members-000000007.ckpt"), "x");
    assertThatThrownBy(() -> open(10, new float[MEMBERS * 3]))
        .hasMessageContaining("truncated: 1 bytes");
    Files.delete(dir.resolve("members-000000007.ckpt"));
    try (Checkpoint checkpoint = open(10, new float[MEMBERS * 3])) {
      assertThat(checkpoint.restored()).isZero();
    }
  }

  @Test
  void dataHash_changesWithEveryInput() {
    double[][] x = {{1, 2}, {3, 4}};
    double[] z = {5, 6};
    double[] w = {1, 1};
    byte[] base = Checkpoint.dataHash(x, z, w);
    assertThat(base).hasSize(32).isEqualTo(Checkpoint.dataHash(
        new double[][] {{1, 2}, {3, 4}}, new double[] {5, 6}, new double[] {1, 1}));
    assertThat(Checkpoint.dataHash(x, z, null)).isNotEqualTo(base);
    assertThat(Checkpoint.dataHash(new double[][] {{1, 2}, {3, 4.000000000000001}}, z, w))
        .isNotEqualTo(base);
    assertThat(Checkpoint.dataHash(x, new double[] {5, 6.5}, w)).isNotEqualTo(base);
    assertThat(Checkpoint.dataHash(x, z, new double[] {1, 2})).isNotEqualTo(base);
    assertThat(Checkpoint.dataHash(new double[][] {{1, 2, 3, 4}}, new double[] {5, 6}, w))
        .isNotEqualTo(base);
  }

  @Test
  void complete_undeletablePart_isReportedNotThrown() throws IOException {
    try (Checkpoint checkpoint = open(30, numbered())) {
      checkpoint.chunkDone(0, 30);
      // a folder named like a part, holding a file: deleting it fails
      Path stuck = Files.createDirectory(dir.resolve("members-000000099.ckpt"));
      Files.writeString(stuck.resolve("inside"), "x");
      assertThat(checkpoint.complete()).isFalse();
      assertThat(dir.resolve("members-000000000.ckpt")).doesNotExist();
      assertThat(stuck).exists();
    }
  }
}

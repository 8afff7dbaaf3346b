package io.rila.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Precision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChunksTest {

  private static final List<int[]> RANGES =
      List.of(new int[] {0, 20}, new int[] {20, 40}, new int[] {40, 50});

  @TempDir
  Path dir;

  private double[][] x;
  private double[] y;
  private double[] w;
  private BootstrapRidgeEnsemble ensemble;
  private EnsembleModel local;

  @BeforeEach
  void writeChunks() throws IOException {
    Random random = new Random(1);
    x = Data.matrix(random, 40, 3);
    y = Data.target(random, x);
    w = Data.weights(random, x.length);
    ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(50).seed(6).build();
    local = ensemble.fit(x, y, w);
    ModelChunks chunks = ModelChunks.create(dir, 50, 3, "f00d", RANGES);
    for (int c = 0; c < RANGES.size(); c++) {
      writeChunk(ensemble, chunks, c);
    }
  }

  private void writeChunk(BootstrapRidgeEnsemble e, ModelChunks chunks, int c)
      throws IOException {
    CoefficientStore part = e.fitMembers(x, y, w, chunks.from(c), chunks.to(c));
    ModelFiles.save(e.assemble(part, null, x.length, w), chunks.file(c));
  }

  @Test
  void open_readsTheManifest() throws IOException {
    ModelChunks chunks = ModelChunks.open(dir);
    assertThat(chunks.folder()).isEqualTo(dir);
    assertThat(chunks.estimators()).isEqualTo(50);
    assertThat(chunks.features()).isEqualTo(3);
    assertThat(chunks.chunkCount()).isEqualTo(3);
    assertThat(chunks.from(1)).isEqualTo(20);
    assertThat(chunks.to(2)).isEqualTo(50);
    assertThat(chunks.file(2)).isEqualTo(dir.resolve("members-40-50.rila"));
    assertThat(chunks.fingerprint()).isEqualTo("f00d");
    assertThat(chunks.isComplete()).isTrue();
    assertThat(Files.readString(dir.resolve(ModelChunks.MANIFEST))).isEqualTo(
        "rila-chunks 1\nestimators 50\nfeatures 3\nfingerprint f00d\n"
            + "range 0 20\nrange 20 40\nrange 40 50\n");
    assertThat(chunks.toString()).contains("50 members x 3 features in 3 chunks");
  }

  @Test
  void loadAll_isTheLocalFitByteForByte() throws IOException {
    EnsembleModel all = ModelChunks.open(dir).loadAll();
    assertThat(all.coefficients()).isEqualTo(local.coefficients());
    ModelFiles.save(all, dir.resolve("all.model"));
    ModelFiles.save(local, dir.resolve("local.model"));
    assertThat(Files.readAllBytes(dir.resolve("all.model")))
        .isEqualTo(Files.readAllBytes(dir.resolve("local.model")));
  }

  @Test
  void load_oneRange() throws IOException {
    EnsembleModel middle = ModelChunks.open(dir).load(1);
    assertThat(middle.estimators()).isEqualTo(20);
    double[] expected = new double[20 * 4];
    double[] actual = new double[20 * 4];
    local.coefficients().copyMembers(20, 40, expected, 0);
    middle.coefficients().copyMembers(0, 20, actual, 0);
    assertThat(actual).containsExactly(expected);
  }

  @Test
  void load_missingChunk() throws IOException {
    ModelChunks chunks = ModelChunks.open(dir);
    Files.delete(chunks.file(1));
    assertThat(chunks.isWritten(1)).isFalse();
    assertThat(chunks.isWritten(0)).isTrue();
    assertThat(chunks.isComplete()).isFalse();
    assertThatThrownBy(() -> chunks.load(1)).isInstanceOf(IOException.class)
        .hasMessageContaining("members-20-40.rila: missing (expected: chunk 1, members [20, 40)");
    assertThatThrownBy(chunks::loadAll).isInstanceOf(IOException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void load_chunkOfAnotherShapeOrFit() throws IOException {
    ModelChunks chunks = ModelChunks.open(dir);
    CoefficientStore wrong = ensemble.fitMembers(x, y, w, 0, 7);
    ModelFiles.save(ensemble.assemble(wrong, null, x.length, w), chunks.file(2));
    assertThatThrownBy(() -> chunks.load(2)).isInstanceOf(IOException.class)
        .hasMessageContaining("7 members x 3 features (expected: 10 x 3, as the manifest)");
    BootstrapRidgeEnsemble other = BootstrapRidgeEnsemble.newBuilder().estimators(50).seed(6)
        .precision(Precision.FLOAT).alpha(2).build();
    writeChunk(other, chunks, 2);
    assertThatThrownBy(chunks::loadAll).isInstanceOf(IOException.class)
        .hasMessageContaining("members-40-50.rila").hasMessageContaining("alpha=2.0")
        .hasMessageContaining("(expected: the settings of chunk 0");
  }

  @Test
  void open_badManifests() throws IOException {
    assertThatThrownBy(() -> ModelChunks.open(dir.resolve("none")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> ModelChunks.open(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("folder");
    String good = "rila-chunks 1\nestimators 50\nfeatures 3\nfingerprint f00d\n";
    assertBad("rila-chunks 2\n" + good.substring(14) + "range 0 50\n",
        "line 1: 'rila-chunks 2' (expected: 'rila-chunks 1'");
    assertBad(good.replace("estimators 50", "estimators fifty") + "range 0 50\n",
        "line 2: 'estimators fifty' (expected: a number in [1, 2147483647]");
    assertBad(good.replace("features 3", "feature 3") + "range 0 50\n",
        "line 3: 'feature 3' (expected: 'features VALUE')");
    assertBad(good, "line 4: no range lines");
    assertBad(good + "range 0 20\nrange 21 50\n",
        "line 6: 'range 21 50' (expected: a number in [20, 20] where '21' is)");
    assertBad(good + "range 0 20\nrange 20 20\n", "line 6: 'range 20 20'");
    assertBad(good + "range 0 20\n", "line 5: the ranges end at 20 (expected: 50");
    assertBad(good + "range 0 50 x\n", "line 5: 'range 0 50 x' (expected: 'range FROM TO')");
  }

  private void assertBad(String manifest, String message) throws IOException {
    Files.writeString(dir.resolve(ModelChunks.MANIFEST), manifest, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ModelChunks.open(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining(ModelChunks.MANIFEST + ": " + message);
  }

  @Test
  void chunk_outOfRange() throws IOException {
    ModelChunks chunks = ModelChunks.open(dir);
    assertThatThrownBy(() -> chunks.load(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chunk: 3 (expected: 0 <= chunk <= 2)");
    assertThatThrownBy(() -> chunks.from(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("chunk: -1");
  }

  @Test
  void fileName_padsToTheDigitsOfTheEstimators() {
    assertThat(ModelChunks.fileName(0, 250, 1000)).isEqualTo("members-0000-0250.rila");
    assertThat(ModelChunks.fileName(7, 9, 9)).isEqualTo("members-7-9.rila");
  }

  @Test
  void fingerprint_changesWithEveryInput() {
    String base = ModelChunks.fingerprint(ensemble, null, x, y, w);
    assertThat(base).hasSize(64).matches("[0-9a-f]+")
        .isEqualTo(ModelChunks.fingerprint(ensemble, null, x.clone(), y.clone(), w.clone()));
    double[][] x2 = x.clone();
    x2[39] = x[39].clone();
    x2[39][2] = Math.nextUp(x2[39][2]);
    double[] y2 = y.clone();
    y2[0] = -y2[0];
    assertThat(ModelChunks.fingerprint(ensemble, null, x2, y, w)).isNotEqualTo(base);
    assertThat(ModelChunks.fingerprint(ensemble, null, x, y2, w)).isNotEqualTo(base);
    assertThat(ModelChunks.fingerprint(ensemble, null, x, y, null)).isNotEqualTo(base);
    assertThat(ModelChunks.fingerprint(ensemble, List.of("a", "b", "c"), x, y, w))
        .isNotEqualTo(base);
    BootstrapRidgeEnsemble seeded = BootstrapRidgeEnsemble.newBuilder().estimators(50).seed(7)
        .build();
    assertThat(ModelChunks.fingerprint(seeded, null, x, y, w)).isNotEqualTo(base);
  }
}

package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.regression.SolveForm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EnsembleSettingsTest {

  /** The run-time options of an ensemble: how a fit runs, never what it computes. */
  private static final Set<String> RUN_TIME = Set.of("executor", "progressListener",
      "cancellation", "memoryBudget", "checkpointFolder", "checkpointEvery", "checkpointStreams");

  private static final List<EnsembleSettings> EXAMPLES = List.of(
      EnsembleSettings.defaults(),
      EnsembleSettings.newBuilder().estimators(17).alpha(0.25).seed(-9)
          .resampling(Resampling.movingBlock(4)).targetTransform(TargetTransform.LOG1P)
          .precision(Precision.DOUBLE).nonNegative(true).build(),
      EnsembleSettings.newBuilder().resampling(Resampling.circularBlock(3))
          .solveForm(SolveForm.DUAL).targetTransform(TargetTransform.LOG).build(),
      EnsembleSettings.newBuilder().resampling(Resampling.stationary(2.5)).build(),
      EnsembleSettings.newBuilder().resampling(Resampling.poisson()).alpha(0).build(),
      EnsembleSettings.newBuilder().resampling(
          Resampling.sklearnCompatible(4_000_000_000L, SklearnWeighting.PROBABILITY)).build(),
      EnsembleSettings.newBuilder().resampling(
          Resampling.sklearnCompatible(3, SklearnWeighting.LEGACY))
          .solveForm(SolveForm.PRIMAL).build());

  @Test
  void ensemble_holdsSettingsAndRunTimeOptionsOnly() {
    Set<String> fields = new TreeSet<>();
    for (Field field : BootstrapRidgeEnsemble.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        fields.add(field.getName());
      }
    }
    Set<String> expected = new TreeSet<>(RUN_TIME);
    expected.add("settings");
    assertThat(fields).as("a statistical option belongs in EnsembleSettings").isEqualTo(expected);
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    EnsembleSettings d = EnsembleSettings.defaults();
    assertThat(d.estimators()).isEqualTo(1000);
    assertThat(d.alpha()).isEqualTo(1.0);
    assertThat(d.seed()).isZero();
    assertThat(d.resampling()).isEqualTo(Resampling.iid());
    assertThat(d.targetTransform()).isEqualTo(TargetTransform.IDENTITY);
    assertThat(d.precision()).isEqualTo(Precision.FLOAT);
    assertThat(d.nonNegative()).isFalse();
    assertThat(d.solveForm()).isEqualTo(SolveForm.AUTO);
    assertThat(d).hasToString("estimators=1000; alpha=1.0; seed=0; resampling=iid();"
        + " targetTransform=IDENTITY; precision=FLOAT; nonNegative=false; solveForm=AUTO");
  }

  @Test
  void newBuilder_sklearnSeedIsTheRandomState() {
    EnsembleSettings s = EnsembleSettings.newBuilder()
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY)).build();
    assertThat(s.seed()).isEqualTo(42);
  }

  @Test
  void serialization_roundTripsEverySetting() throws IOException, ClassNotFoundException {
    for (EnsembleSettings s : EXAMPLES) {
      EnsembleSettings copy = roundTrip(s);
      assertThat(copy).isEqualTo(s).hasSameHashCodeAs(s).hasToString(s.toString());
      assertThat(copy).isNotSameAs(s);
    }
  }

  @Test
  void encode_decodeRoundTripsEverySetting() {
    for (EnsembleSettings s : EXAMPLES) {
      ByteBuffer b = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
      s.encode(b, 0);
      assertThat(EnsembleSettings.decode(b, 10)).isEqualTo(s);
    }
  }

  @Test
  void decode_badFieldIsNamed() {
    ByteBuffer b = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
    EnsembleSettings.newBuilder().resampling(Resampling.movingBlock(4)).build().encode(b, 0);
    assertThatThrownBy(() -> EnsembleSettings.decode(b, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block length 4 for MOVING_BLOCK (expected: 1 .. training rows 3)");
    b.put(13, (byte) 9);
    assertThatThrownBy(() -> EnsembleSettings.decode(b, 10))
        .hasMessageContaining("target transform code 9 (expected: 0 .. 2)");
  }

  @Test
  void withEstimators_changesTheCountOnly() {
    EnsembleSettings s = EXAMPLES.get(1);
    EnsembleSettings t = s.withEstimators(3);
    assertThat(t.estimators()).isEqualTo(3);
    assertThat(t.withEstimators(17)).isEqualTo(s);
    assertThatThrownBy(() -> s.withEstimators(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("estimators: 0 (expected: >= 1)");
  }

  @Test
  void withSeed_sklearnKeepsTheLow32Bits() {
    EnsembleSettings s = EXAMPLES.get(5).withSeed((7L << 32) | 11L);
    assertThat(s.seed()).isEqualTo(11);
    assertThat(s.resampling())
        .isEqualTo(Resampling.sklearnCompatible(11, SklearnWeighting.PROBABILITY));
    assertThat(EXAMPLES.get(1).withSeed(5).seed()).isEqualTo(5);
  }

  @Test
  void builder_settingTwice() {
    assertThatThrownBy(() -> EnsembleSettings.newBuilder().alpha(1).alpha(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("alpha");
    assertThatThrownBy(() -> EnsembleSettings.newBuilder().estimators(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("estimators: 0 (expected: >= 1)");
    assertThatThrownBy(() -> EnsembleSettings.newBuilder().resampling(null))
        .isInstanceOf(NullPointerException.class).hasMessage("resampling");
  }

  @Test
  void build_conflicts() {
    assertThatThrownBy(() -> EnsembleSettings.newBuilder().seed(1)
        .resampling(Resampling.sklearnCompatible(2, SklearnWeighting.LEGACY)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed: set to 1");
    assertThatThrownBy(() -> EnsembleSettings.newBuilder().alpha(0).solveForm(SolveForm.DUAL)
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("alpha > 0");
  }

  @Test
  void ensembleBuilder_settingsOrSingleSetters() {
    EnsembleSettings s = EXAMPLES.get(1);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().settings(s).build();
    assertThat(e.settings()).isSameAs(s);
    assertThat(e.alpha()).isEqualTo(0.25);
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().settings(s).alpha(1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("alpha: set already by");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().alpha(1).settings(s))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("settings:");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().settings(null))
        .isInstanceOf(NullPointerException.class).hasMessage("settings");
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}

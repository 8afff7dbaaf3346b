package io.rila.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.SklearnWeighting;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.regression.SolveForm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EnsembleSettingsTest {

  /** The options a task's ensemble takes from the driver's. */
  private static final Set<String> SHIPPED = Set.of("estimators", "alpha", "seed", "resampling",
      "targetTransform", "precision", "nonNegative", "solveForm");

  /**
   * The options that stay on the driver: tasks fit on their own thread, report to Spark, are
   * cancelled through Spark, budget their executor's heap and never checkpoint.
   */
  private static final Set<String> LOCAL = Set.of("executor", "progressListener", "cancellation",
      "memoryBudget", "checkpointFolder", "checkpointEvery", "checkpointStreams");

  @Test
  void of_coversEveryOptionOfTheEnsemble() {
    Set<String> fields = new TreeSet<>();
    for (Field field : BootstrapRidgeEnsemble.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        fields.add(field.getName());
      }
    }
    Set<String> known = new TreeSet<>(SHIPPED);
    known.addAll(LOCAL);
    assertThat(fields).as("an option added to BootstrapRidgeEnsemble must be shipped by"
        + " EnsembleSettings or listed as local").isEqualTo(known);
  }

  @Test
  void ensemble_rebuildsTheSettingsAfterSerialization()
      throws IOException, ClassNotFoundException {
    List<BootstrapRidgeEnsemble> ensembles = List.of(
        BootstrapRidgeEnsemble.newBuilder().build(),
        BootstrapRidgeEnsemble.newBuilder().estimators(17).alpha(0.25).seed(-9)
            .resampling(Resampling.movingBlock(4)).targetTransform(TargetTransform.LOG1P)
            .precision(Precision.DOUBLE).nonNegative(true).build(),
        BootstrapRidgeEnsemble.newBuilder().resampling(Resampling.circularBlock(3))
            .solveForm(SolveForm.DUAL).build(),
        BootstrapRidgeEnsemble.newBuilder().resampling(Resampling.stationary(2.5)).build(),
        BootstrapRidgeEnsemble.newBuilder().resampling(Resampling.poisson()).build(),
        BootstrapRidgeEnsemble.newBuilder()
            .resampling(Resampling.sklearnCompatible(4_000_000_000L,
                SklearnWeighting.PROBABILITY)).build());
    for (BootstrapRidgeEnsemble e : ensembles) {
      BootstrapRidgeEnsemble copy = roundTrip(EnsembleSettings.of(e)).ensemble();
      for (String name : SHIPPED) {
        assertThat(field(copy, name)).as("%s of %s", name, e).isEqualTo(field(e, name));
      }
      Thread[] ran = new Thread[1];
      copy.executor().execute(() -> ran[0] = Thread.currentThread());
      assertThat(ran[0]).as("tasks fit on their own thread").isSameAs(Thread.currentThread());
    }
  }

  private static Object field(BootstrapRidgeEnsemble e, String name) {
    try {
      Field f = BootstrapRidgeEnsemble.class.getDeclaredField(name);
      f.setAccessible(true);
      return f.get(e);
    } catch (ReflectiveOperationException impossible) {
      throw new AssertionError(impossible);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
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

package io.rila.spark;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task of a member-range fit: its partition holds one range {@code [from, to)}, which it fits
 * on the task's thread from the broadcast data. A failure is rethrown with the range in front of
 * the engine's message (which names the member).
 */
final class RangeTask implements SparkJobs.PartitionTask<int[], MemberRange> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<TrainingData> data;

  RangeTask(Broadcast<TrainingData> data) {
    this.data = data;
  }

  @Override
  public MemberRange apply(int partition, Iterator<int[]> ranges) {
    int[] range = ranges.next();
    TrainingData d = data.value();
    BootstrapRidgeEnsemble ensemble = d.ensemble();
    try {
      CoefficientStore store =
          ensemble.fitMembersTransformed(d.x, d.z, d.weights, range[0], range[1]);
      return MemberRange.of(range[0], store);
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      String message = MemberRange.describe(range[0], range[1], ensemble.estimators()) + ": "
          + e.getMessage();
      throw e instanceof IllegalArgumentException ? new IllegalArgumentException(message, e)
          : new IllegalStateException(message, e);
    }
  }
}

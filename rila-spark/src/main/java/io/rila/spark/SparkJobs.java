package io.rila.spark;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleSettings;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs one Spark job whose partition results reach the driver one at a time, as tasks finish
 * ({@code SparkContext.runJob} with a result handler), so that the driver can copy or write each
 * and drop it instead of holding all of them; and turns a failed job back into the exception a
 * local fit would throw.
 */
final class SparkJobs {

  /** The work of one task: a partition's rows in, one result out. */
  interface PartitionTask<T, U> extends Serializable {
    /**
     * Computes a partition's result.
     *
     * @param partition the partition's index
     * @param rows its rows
     * @return the result sent to the driver
     */
    U apply(int partition, Iterator<T> rows);
  }

  private SparkJobs() {}

  /**
   * The ensemble a task fits with: the driver's settings, fitting on the task's own thread. The
   * executor, progress listener, cancellation, memory budget and checkpoint stay on the driver:
   * tasks report to Spark, are cancelled through Spark, and never checkpoint.
   */
  static BootstrapRidgeEnsemble onTaskThread(EnsembleSettings settings) {
    return BootstrapRidgeEnsemble.newBuilder().settings(settings).executor(Runnable::run).build();
  }

  /**
   * Runs {@code task} on every partition of {@code rdd} and hands each result to {@code
   * handler} on the driver, one call at a time, in the order tasks finish.
   *
   * @throws IllegalArgumentException or {@link IllegalStateException} thrown by a task, with its
   *     message (which names the work that failed)
   * @throws UncheckedIOException thrown by the handler
   * @throws CancellationException if the job was cancelled
   */
  static <T, U> void run(JavaRDD<T> rdd, PartitionTask<T, U> task, Class<U> type,
      BiConsumer<Integer, U> handler) {
    ClassTag<U> tag = ClassTag$.MODULE$.apply(type);
    try {
      rdd.context().runJob(rdd.rdd(), new Task<>(task), new Handler<>(handler), tag);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      // SparkException is checked in Java, and Scala's runJob does not declare it.
      throw failure(e);
    }
  }

  /** The exception to rethrow for a failed Spark job. */
  static RuntimeException failure(Exception e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof IllegalArgumentException) {
        return new IllegalArgumentException(c.getMessage(), e);
      }
      if (c instanceof IllegalStateException) {
        return new IllegalStateException(c.getMessage(), e);
      }
      if (c instanceof UncheckedIOException) {
        return new UncheckedIOException(c.getMessage(), ((UncheckedIOException) c).getCause());
      }
      if (c instanceof CancellationException) {
        CancellationException cancelled = new CancellationException(c.getMessage());
        cancelled.initCause(e);
        return cancelled;
      }
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("cancelled")) {
      CancellationException cancelled = new CancellationException(message);
      cancelled.initCause(e);
      return cancelled;
    }
    return new IllegalStateException("Spark job failed: " + message, e);
  }

  /** A task as the Scala function Spark runs; serializable with the task it wraps. */
  private static final class Task<T, U>
      extends AbstractFunction2<TaskContext, scala.collection.Iterator<T>, U>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final PartitionTask<T, U> task;

    Task(PartitionTask<T, U> task) {
      this.task = task;
    }

    @Override
    public U apply(TaskContext context, scala.collection.Iterator<T> rows) {
      return task.apply(context.partitionId(), CollectionConverters.asJava(rows));
    }
  }

  /** The driver-side handler as the Scala function Spark calls; never serialized. */
  private static final class Handler<U> extends AbstractFunction2<Object, U, BoxedUnit> {
    private final BiConsumer<Integer, U> handler;

    Handler(BiConsumer<Integer, U> handler) {
      this.handler = handler;
    }

    @Override
    public BoxedUnit apply(Object partition, U result) {
      handler.accept((Integer) partition, result);
      return BoxedUnit.UNIT;
    }
  }
}

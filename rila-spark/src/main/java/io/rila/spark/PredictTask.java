package io.rila.spark;

import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.SummaryTable;
import io.rila.spark.internal.ModelPayload;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Prediction inside a partition: rows are read lazily in blocks of {@value #BLOCK}, each block is
 * predicted with the broadcast model on the task's thread ({@code EnsembleModel.predict(double[][],
 * double...)}), and the summaries are handed out one by one, so a task holds one block and the
 * model whatever the partition's size.
 */
final class PredictTask {

  /** Rows predicted together. */
  static final int BLOCK = 64;

  private PredictTask() {}

  /** Plain rows to summaries. */
  static final class Rows implements FlatMapFunction<Iterator<double[]>, Summary> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ModelPayload> model;
    private final double[] levels;

    Rows(Broadcast<ModelPayload> model, double[] levels) {
      this.model = model;
      this.levels = levels;
    }

    @Override
    public Iterator<Summary> call(Iterator<double[]> rows) {
      return new Blocks<>(rows, model.value().model(), levels, Function.identity(),
          (row, summary) -> summary);
    }
  }

  /** Keyed rows to keyed summaries. */
  static final class Pairs<K>
      implements PairFlatMapFunction<Iterator<Tuple2<K, double[]>>, K, Summary> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ModelPayload> model;
    private final double[] levels;

    Pairs(Broadcast<ModelPayload> model, double[] levels) {
      this.model = model;
      this.levels = levels;
    }

    @Override
    public Iterator<Tuple2<K, Summary>> call(Iterator<Tuple2<K, double[]>> rows) {
      return new Blocks<>(rows, model.value().model(), levels, Tuple2::_2,
          (pair, summary) -> new Tuple2<>(pair._1(), summary));
    }
  }

  /** The lazy block-by-block iterator of both. */
  private static final class Blocks<T, R> implements Iterator<R> {
    private final Iterator<T> source;
    private final EnsembleModel model;
    private final double[] levels;
    private final Function<T, double[]> rowOf;
    private final BiFunction<T, Summary, R> resultOf;
    private final Object[] items = new Object[BLOCK];
    private final double[][] block = new double[BLOCK][];
    private SummaryTable table;
    private int size;
    private int next;
    private long read;

    Blocks(Iterator<T> source, EnsembleModel model, double[] levels, Function<T, double[]> rowOf,
        BiFunction<T, Summary, R> resultOf) {
      this.source = source;
      this.model = model;
      this.levels = levels;
      this.rowOf = rowOf;
      this.resultOf = resultOf;
    }

    @Override
    public boolean hasNext() {
      if (next < size) {
        return true;
      }
      fill();
      return size > 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int r = next++;
      T item = (T) items[r];
      items[r] = null;
      return resultOf.apply(item, table.summary(r));
    }

    private void fill() {
      size = 0;
      next = 0;
      while (size < BLOCK && source.hasNext()) {
        T item = source.next();
        double[] row = rowOf.apply(item);
        check(row);
        items[size] = item;
        block[size] = row;
        size++;
        read++;
      }
      if (size > 0) {
        double[][] rows = block;
        if (size < BLOCK) {
          rows = new double[size][];
          System.arraycopy(block, 0, rows, 0, size);
        }
        table = model.predict(rows, levels);
      }
    }

    private void check(double[] row) {
      int p = model.features();
      if (row == null || row.length != p) {
        throw new IllegalArgumentException(where() + (row == null ? "null"
            : "length " + row.length) + " (expected: " + p + ", the model's features)");
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(row[j])) {
          throw new IllegalArgumentException(where() + "column " + j + " ("
              + model.featureNames().get(j) + ") is " + row[j] + " (expected: finite)");
        }
      }
    }

    private String where() {
      return "rows: partition " + TaskContext.getPartitionId() + ", row " + read
          + " of the partition: ";
    }
  }
}

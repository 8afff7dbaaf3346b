package io.rila.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The Spark context of a test class: local mode on two threads, bound to loopback, no UI. */
final class LocalSpark {

  private LocalSpark() {}

  static JavaSparkContext start(Class<?> testClass) {
    SparkConf conf = new SparkConf()
        .setMaster("local[2]")
        .setAppName(testClass.getSimpleName())
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    return new JavaSparkContext(conf);
  }
}

package io.rila.examples;

import java.nio.file.Path;

/** The command-line options of {@link ElasticityDemo}. */
record DemoOptions(int estimators, long seed, int threads, Path out, Path data, boolean help) {

  static final int DEFAULT_ESTIMATORS = 10_000;
  static final long DEFAULT_SEED = 42L;
  static final Path DEFAULT_OUT = Path.of("rila-demo-output");

  static String usage() {
    return String.join(System.lineSeparator(),
        "usage: ElasticityDemo [options]",
        "",
        "Builds features, chooses them by AIC under sign rules, fits a bootstrap Ridge ensemble",
        "and prints paired own-rate scenarios (0 to 4.5 by 0.25) with 95% intervals.",
        "",
        "  --estimators N   ensemble members (default " + DEFAULT_ESTIMATORS + ")",
        "  --seed S         random seed for the market and the bootstrap (default "
            + DEFAULT_SEED + ")",
        "  --threads T      worker threads (default: available processors)",
        "  --out DIR        output folder (default " + DEFAULT_OUT + ")",
        "  --data FILE      weekly CSV in the layout of weekly_aggregated.csv",
        "                   (default: a seeded synthetic market with a known elasticity)",
        "  --help           print this text",
        "");
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the option at fault
   */
  static DemoOptions parse(String... args) {
    int estimators = DEFAULT_ESTIMATORS;
    long seed = DEFAULT_SEED;
    int threads = Runtime.getRuntime().availableProcessors();
    Path out = DEFAULT_OUT;
    Path data = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--help", "-h" -> help = true;
        case "--estimators" ->
            estimators = CommandLine.positiveInt(option, value(args, ++i, option));
        case "--seed" -> seed = CommandLine.longValue(option, value(args, ++i, option));
        case "--threads" ->
            threads = CommandLine.positiveInt(option, value(args, ++i, option));
        case "--out" -> out = Path.of(value(args, ++i, option));
        case "--data" -> data = Path.of(value(args, ++i, option));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new DemoOptions(estimators, seed, threads, out, data, help);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}

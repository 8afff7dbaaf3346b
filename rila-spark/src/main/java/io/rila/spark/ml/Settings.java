package io.rila.spark.ml;

import io.rila.bootstrap.EnsembleSettings;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.SklearnWeighting;
import io.rila.bootstrap.TargetTransform;
import java.util.Locale;

/** The text values of the estimator's params, turned into rila's settings. */
final class Settings {

  private Settings() {}

  static TargetTransform transform(String text) {
    switch (text) {
      case "identity":
        return TargetTransform.IDENTITY;
      case "log":
        return TargetTransform.LOG;
      case "log1p":
        return TargetTransform.LOG1P;
      default:
        throw new IllegalArgumentException(
            "targetTransform: '" + text + "' (expected: identity, log or log1p)");
    }
  }

  static Precision precision(String text) {
    switch (text) {
      case "float":
        return Precision.FLOAT;
      case "double":
        return Precision.DOUBLE;
      default:
        throw new IllegalArgumentException(
            "precision: '" + text + "' (expected: float or double)");
    }
  }

  /**
   * A resampling scheme from its text: {@code iid}, {@code poisson},
   * {@code sklearn-legacy:<randomState>}, {@code sklearn-probability:<randomState>},
   * {@code moving-block:<length>}, {@code circular-block:<length>}, {@code stationary:<mean>}.
   */
  static Resampling resampling(String text) {
    int colon = text.indexOf(':');
    String kind = colon < 0 ? text : text.substring(0, colon);
    String arg = colon < 0 ? null : text.substring(colon + 1);
    try {
      switch (kind) {
        case "iid":
          if (arg == null) {
            return Resampling.iid();
          }
          break;
        case "poisson":
          if (arg == null) {
            return Resampling.poisson();
          }
          break;
        case "sklearn-legacy":
          if (arg != null) {
            return Resampling.sklearnCompatible(Long.parseLong(arg), SklearnWeighting.LEGACY);
          }
          break;
        case "sklearn-probability":
          if (arg != null) {
            return Resampling.sklearnCompatible(Long.parseLong(arg),
                SklearnWeighting.PROBABILITY);
          }
          break;
        case "moving-block":
          if (arg != null) {
            return Resampling.movingBlock(Integer.parseInt(arg));
          }
          break;
        case "circular-block":
          if (arg != null) {
            return Resampling.circularBlock(Integer.parseInt(arg));
          }
          break;
        case "stationary":
          if (arg != null) {
            return Resampling.stationary(Double.parseDouble(arg));
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("resampling: '" + text + "' (expected: a number after"
          + " the colon)", e);
    }
    throw new IllegalArgumentException("resampling: '" + text + "' (expected: iid, poisson,"
        + " sklearn-legacy:<randomState>, sklearn-probability:<randomState>,"
        + " moving-block:<length>, circular-block:<length> or stationary:<meanLength>)");
  }

  /**
   * The settings; {@code seed} is null where the user did not set one (the sklearn-compatible
   * schemes carry their own random state, and refuse another seed).
   */
  static EnsembleSettings of(int estimators, double alpha, Long seed, String resampling,
      String transform, String precision, boolean nonNegative) {
    EnsembleSettings.Builder builder = EnsembleSettings.newBuilder();
    if (seed != null) {
      builder.seed(seed);
    }
    return builder
        .estimators(estimators)
        .alpha(alpha)
        .resampling(resampling(resampling.toLowerCase(Locale.ROOT)))
        .targetTransform(transform(transform.toLowerCase(Locale.ROOT)))
        .precision(precision(precision.toLowerCase(Locale.ROOT)))
        .nonNegative(nonNegative)
        .build();
  }
}

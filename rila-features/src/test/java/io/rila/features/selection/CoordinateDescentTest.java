package io.rila.features.selection;

import static io.rila.features.selection.LassoTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import org.junit.jupiter.api.Test;

class CoordinateDescentTest {

  @Test
  void solve_gramAndResidualFormsMatchScikitLearn() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    for (boolean gram : new boolean[] {true, false}) {
      LassoProblem problem = LassoProblem.of(x, y, null, null, gram);
      assertThat(problem.gram != null).isEqualTo(gram);
      CoordinateDescent cd = new CoordinateDescent(problem);
      for (JsonNode c : o.get("fits")) {
        cd.reset();
        cd.solve(c.get("alpha").asDouble(), 1e-12, 100_000);
        assertThat(cd.converged()).isTrue();
        double[] w = new double[problem.p];
        cd.copyCoefficients(w);
        assertClose(w, SharedData.vector(c.get("coef")), 1e-5);
        assertClose(problem.intercept(w), c.get("intercept").asDouble(), 1e-5);
      }
    }
  }

  @Test
  void solve_bothFormsTakeTheSameStepsAtTheDefaultTolerance() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    CoordinateDescent gram = new CoordinateDescent(LassoProblem.of(x, y, null, null, true));
    CoordinateDescent residual = new CoordinateDescent(LassoProblem.of(x, y, null, null, false));
    for (double alpha : new double[] {0.5, 0.1, 0.01}) {
      gram.solve(alpha, 1e-4, 1000);
      residual.solve(alpha, 1e-4, 1000);
      assertThat(gram.iterations()).isEqualTo(residual.iterations());
      assertClose(gram.coefficients(), residual.coefficients(), 1e-10);
      assertThat(gram.gap()).isCloseTo(residual.gap(), within(1e-8));
    }
  }
}

package io.rila.features.selection;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigendecomposition of a real symmetric matrix, by EJML's symmetric QR algorithm
 * (Householder tridiagonalisation, then implicit QR), in the flat row-major layout the Ridge
 * spectrum works in. O(n^3).
 */
final class SymmetricEigen {

  /** Eigenvalues, in no particular order. */
  final double[] values;
  /** Eigenvectors as columns, row-major n x n: component i of vector k at {@code i * n + k}. */
  final double[] vectors;

  private SymmetricEigen(double[] values, double[] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /**
   * Decomposes the symmetric n x n matrix {@code a} (row-major; both triangles read, left
   * untouched).
   *
   * @throws IllegalStateException if the iteration does not converge
   */
  static SymmetricEigen of(double[] a, int n) {
    DMatrixRMaj matrix = DMatrixRMaj.wrap(n, n, a.clone());
    EigenDecomposition_F64<DMatrixRMaj> decomposition = DecompositionFactory_DDRM.eig(n, true, true);
    if (!decomposition.decompose(matrix)) {
      throw new IllegalStateException(
          "eigendecomposition of a " + n + " x " + n + " matrix did not converge");
    }
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int k = 0; k < n; k++) {
      values[k] = decomposition.getEigenvalue(k).getReal();
      DMatrixRMaj v = decomposition.getEigenVector(k);
      for (int i = 0; i < n; i++) {
        vectors[i * n + k] = v.data[i];
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}

/**
 * Progress of long jobs: {@link io.rila.core.progress.ProgressListener}, heard by fits,
 * backtests, coverage studies, subset searches and LassoCV.
 */
package io.rila.core.progress;

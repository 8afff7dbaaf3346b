/**
 * Kernels and helpers that other rila modules use and users should not: allocation-free solver
 * workspaces, argument checks, atomic file writes. No compatibility guarantees.
 */
package io.rila.core.internal;

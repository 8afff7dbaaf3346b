/**
 * Small immutable column-oriented tables ({@link io.rila.core.frame.Frame}) of named {@code
 * double} columns with an optional date index, and their CSV form ({@link
 * io.rila.core.frame.FrameCsv}).
 */
package io.rila.core.frame;

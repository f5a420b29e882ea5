/**
 * The benchmarks run by {@code bench/*.sh}: each boots the platform as the run command does and prints its figures
 * through {@link io.picktartup.bench.Figures}; {@link io.picktartup.bench.Api} and {@link io.picktartup.bench.Database}
 * are the one HTTP and the one JDBC client they share. Never run by the tests.
 */
package io.picktartup.bench;

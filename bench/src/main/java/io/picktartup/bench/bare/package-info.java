/** The bare JAX-RS application of the per-request floor ({@code bench/request.sh}); packed into a WAR at run time. */
package io.picktartup.bench.bare;

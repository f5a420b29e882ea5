/** Operating the platform: starting, scheduling and inspecting the batch jobs, and the batch artifacts the job XMLs name (the batch runtime calls them, as JAX-RS calls a resource). */
package io.picktartup.operations.boundary;

/** Operators' side of the web edge: the jobs page and API, and the admin console's live dashboard. */
package io.picktartup.operations.boundary;

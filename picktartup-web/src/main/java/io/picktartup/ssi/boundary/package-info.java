/** The Startup Success Index over HTTP: a startup's latest score explained, with its history; score-now for admins. */
package io.picktartup.ssi.boundary;

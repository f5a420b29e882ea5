/** Funding rounds and investing over HTTP, and the investor's pages for them. */
package io.picktartup.round.boundary;

/** Joining the waitlist from the landing page or the API. */
package io.picktartup.waitlist.boundary;

/** The web edge of a user's history. */
package io.picktartup.activity.boundary;

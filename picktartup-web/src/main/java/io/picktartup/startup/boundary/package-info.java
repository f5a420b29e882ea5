/** The startup register over HTTP: anyone reads it, admins add to it. */
package io.picktartup.startup.boundary;

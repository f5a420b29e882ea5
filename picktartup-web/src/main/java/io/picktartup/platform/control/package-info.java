/** The web edge's operational plumbing: the request context every log line carries, and the JSON log format. */
package io.picktartup.platform.control;

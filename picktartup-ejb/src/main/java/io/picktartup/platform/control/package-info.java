/** Platform plumbing used inside a caller's transaction: the clock, run-time settings, the audit trail, the database probe. */
package io.picktartup.platform.control;

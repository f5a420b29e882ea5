/**
 * Runs the platform for developers and for the integration tests: PostgreSQL (embedded unless configured), a mail
 * sink, and the application on Payara Micro, each a child that dies with the launcher and stops in reverse order.
 */
package io.picktartup.launcher;

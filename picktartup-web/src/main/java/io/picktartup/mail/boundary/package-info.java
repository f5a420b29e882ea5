/** The admins' view of the mail outbox over the API. */
package io.picktartup.mail.boundary;

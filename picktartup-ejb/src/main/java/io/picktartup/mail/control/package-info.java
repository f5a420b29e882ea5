/** Queuing mails in the caller's transaction, the settings of the mail outbox, and the SMTP adapter behind {@code Mailer}. */
package io.picktartup.mail.control;

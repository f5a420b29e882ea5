/** Delivering the mail outbox: the timer that claims due mails, sends them and records each outcome; admins' view. */
package io.picktartup.mail.boundary;

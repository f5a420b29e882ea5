/** Mails waiting in the outbox, sent or given up, and the retry policy that paces their delivery attempts. */
package io.picktartup.mail.entity;

/** Submitting an identity for KYC, the admins' reviews, and writing the granted level on chain through the outbox. */
package io.picktartup.kyc.boundary;

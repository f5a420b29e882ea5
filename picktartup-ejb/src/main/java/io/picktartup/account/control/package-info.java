/** The cryptography behind accounts: Argon2id password hashing (bounded in memory) and RS256 access tokens with their JWKS. */
package io.picktartup.account.control;

/** Account use cases: signup (with its wallet), login and sessions, the caller's own profile, administration of accounts, and the first admin. */
package io.picktartup.account.boundary;

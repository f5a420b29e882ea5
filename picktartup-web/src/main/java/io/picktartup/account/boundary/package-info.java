/** The web edge of accounts: the one authentication mechanism (Bearer JWT for the API, form login and session for the pages), the identity store, the auth and account API, and the signup, login and my-page pages. */
package io.picktartup.account.boundary;

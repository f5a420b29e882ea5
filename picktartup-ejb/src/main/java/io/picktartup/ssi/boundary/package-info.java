/** Scoring startups (the nightly job's reads and writes, an admin's score-now) and reading stored scores back. */
package io.picktartup.ssi.boundary;

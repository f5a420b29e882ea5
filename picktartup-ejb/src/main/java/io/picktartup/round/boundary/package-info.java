/** Drafting and opening rounds, investing (reserve, sign, deposit), cancelling, and reading progress. */
package io.picktartup.round.boundary;

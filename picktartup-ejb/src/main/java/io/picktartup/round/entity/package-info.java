/** Funding rounds with their escrow contract, and the investments made into them, with the rules that bind both. */
package io.picktartup.round.entity;

/** The chain's pages for operators: the platform's signing keys and their roles as the chain sees them. */
package io.picktartup.chain.boundary;

/** Wallet cryptography: creating, opening and re-encrypting Web3 Secret Storage keystores, within a bounded number of concurrent scrypt derivations. */
package io.picktartup.wallet.control;

/** Custodial wallets: the keystore encrypted with the wallet password, the checksummed address, and their rules. */
package io.picktartup.wallet.entity;

/** The web edge of wallets: the owner's wallet API (address, wallet password change, keystore export). */
package io.picktartup.wallet.boundary;

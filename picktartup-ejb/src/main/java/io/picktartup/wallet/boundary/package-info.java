/** Wallet use cases of its owner: see the wallet, change the wallet password, export the keystore; and the one spot that gives a wallet's PKN balance. */
package io.picktartup.wallet.boundary;

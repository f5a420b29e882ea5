package io.picktartup.wallet.boundary;

import java.util.UUID;

/** A wallet as its owner sees it: the address, and the key-derivation function its keystore uses. */
public record WalletView(UUID accountId, String address, String keystoreFormat) {
}

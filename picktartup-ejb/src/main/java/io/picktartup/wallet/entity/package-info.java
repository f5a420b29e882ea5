/** Custodial wallets: the keystore encrypted with the wallet password, the checksummed address, and their rules. */
@Tables(owns = {"wallet_operation_in_flight", "wallet_hold"})
package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.Tables;

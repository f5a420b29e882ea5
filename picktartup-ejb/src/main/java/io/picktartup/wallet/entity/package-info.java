/** Custodial wallets: the keystore encrypted with the wallet password, the checksummed address, and their rules. */
// read models: the addresses of accounts (a view without the keystore) and the transfers out, for the money history
@Tables(owns = {"wallet_operation_in_flight", "wallet_hold"}, readModels = {"wallet_address", "wallet_transfer"})
package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.Tables;

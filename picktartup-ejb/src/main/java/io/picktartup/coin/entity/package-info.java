/** Buying PKN by card and cashing it out: orders with their payment and mint, the money value objects. */
// owns: the webhook ids seen (no entity: one insert-if-absent); read models: orders and cash-outs, for the money history
@Tables(owns = {"payment_webhook"}, readModels = {"coin_order", "cash_out"})
package io.picktartup.coin.entity;

import io.picktartup.platform.entity.Tables;

/** Buying PKN by card and cashing it out: orders with their payment and mint, the money value objects. */
// read models: orders and cash-outs, for the money history
@Tables(readModels = {"coin_order", "cash_out"})
package io.picktartup.coin.entity;

import io.picktartup.platform.entity.Tables;

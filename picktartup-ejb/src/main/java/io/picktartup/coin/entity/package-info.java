/** Buying PKN by card and cashing it out: orders with their payment and mint, the money value objects. */
package io.picktartup.coin.entity;

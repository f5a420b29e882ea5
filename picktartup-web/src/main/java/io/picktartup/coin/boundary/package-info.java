/** The web edge of buying PKN: the payment gateway's webhook, orders, the checkout return. */
package io.picktartup.coin.boundary;

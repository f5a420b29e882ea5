/** Buying PKN: placing orders, crediting verified payments exactly once, minting through the chain outbox, giving back the card payment of a failed mint. */
package io.picktartup.coin.boundary;

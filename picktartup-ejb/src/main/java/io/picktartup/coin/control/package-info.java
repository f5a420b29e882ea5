/** Talking to the card payment gateway (PortOne V2): payment look-up and cancellation over its REST API, and verification of its signed webhooks. */
package io.picktartup.coin.control;

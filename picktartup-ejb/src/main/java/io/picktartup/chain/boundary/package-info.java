/** Moving chain intents to finality (sign, broadcast, track receipts, confirm, re-price stuck ones), indexing contract events, and reporting the chain's health and metrics. */
package io.picktartup.chain.boundary;

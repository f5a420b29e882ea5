/** Talking to the EVM chain: the JSON-RPC port and its web3j adapter, the signing keys (relayer, minter, round creator) and the roles they may hold, the outbox that business changes write their chain intents into, and revert-reason decoding. */
package io.picktartup.chain.control;

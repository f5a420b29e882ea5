/** The chain's ledger in the database: the outbox of chain transactions with their signed attempts, the relayer's nonce counter, and the indexed contract events. */
package io.picktartup.chain.entity;

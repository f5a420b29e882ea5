/** The chain's ledger in the database: the outbox of chain transactions with their signed attempts, the relayer's nonce counter, and the indexed contract events. */
@Tables(owns = {"chain_contract", "chain_indexer_cursor"})
package io.picktartup.chain.entity;

import io.picktartup.platform.entity.Tables;

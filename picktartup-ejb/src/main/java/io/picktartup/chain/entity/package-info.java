/** The chain's ledger in the database: the outbox of chain transactions with their signed attempts, the relayer's nonce counter, and the indexed contract events. */
// read model: the indexed contract events, as the chain reported them (removed ones flagged, only is_final ones count), for the money history
@Tables(owns = {"chain_contract", "chain_indexer_cursor", "chain_block"}, readModels = "chain_event")
package io.picktartup.chain.entity;

import io.picktartup.platform.entity.Tables;

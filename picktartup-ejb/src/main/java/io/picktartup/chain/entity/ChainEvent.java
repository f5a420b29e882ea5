package io.picktartup.chain.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A contract event as the chain reported it, with its arguments decoded (JSON, numbers as decimal strings). Indexed
 * from the chain's head, it counts once its block is final ({@code isFinal}). A log whose block was reorganised away
 * is flagged {@code removed}, never deleted: audits see what was believed when.
 */
@Entity
@Table(name = "chain_event")
public class ChainEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false, length = 42)
    private String contract;

    @Column(name = "event_name", nullable = false, updatable = false, length = 100)
    private String eventName;

    @Column(name = "block_number", nullable = false, updatable = false)
    private long blockNumber;

    @Column(name = "block_hash", nullable = false, updatable = false, length = 66)
    private String blockHash;

    @Column(name = "tx_hash", nullable = false, updatable = false, length = 66)
    private String txHash;

    @Column(name = "log_index", nullable = false, updatable = false)
    private int logIndex;

    @Column(nullable = false, updatable = false)
    private String topics;

    @Column(nullable = false, updatable = false)
    private String data;

    @Column(nullable = false, updatable = false)
    private String args;

    @Column(nullable = false)
    private boolean removed;

    /** Its block is final (at the confirmation depth or the node's finalized block): only then does it count. */
    @Column(name = "is_final", nullable = false)
    private boolean isFinal;

    @Column(name = "indexed_at", nullable = false, updatable = false)
    private Instant indexedAt;

    protected ChainEvent() {
    }

    public String contract() {
        return contract;
    }

    public String eventName() {
        return eventName;
    }

    public long blockNumber() {
        return blockNumber;
    }

    public String txHash() {
        return txHash;
    }

    public int logIndex() {
        return logIndex;
    }

    public String args() {
        return args;
    }

    public boolean removed() {
        return removed;
    }

    public boolean isFinal() {
        return isFinal;
    }
}

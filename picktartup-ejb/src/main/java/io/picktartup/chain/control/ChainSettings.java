package io.picktartup.chain.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/** The chain settings of this deployment (MicroProfile Config; see README for each one). */
@ApplicationScoped
public class ChainSettings {

    @Inject
    @ConfigProperty(name = "picktartup.chain.rpc-url")
    String rpcUrl;

    @Inject
    @ConfigProperty(name = "picktartup.chain.id")
    long chainId;

    @Inject
    @ConfigProperty(name = "picktartup.chain.token-address")
    Optional<String> tokenAddress;

    @Inject
    @ConfigProperty(name = "picktartup.chain.factory-address")
    Optional<String> factoryAddress;

    @Inject
    @ConfigProperty(name = "picktartup.chain.share-factory-address")
    Optional<String> shareFactoryAddress;

    @Inject
    @ConfigProperty(name = "picktartup.chain.eligibility-registry-address")
    Optional<String> eligibilityRegistryAddress;

    @Inject
    @ConfigProperty(name = "picktartup.chain.confirmations", defaultValue = "15")
    int confirmations;

    @Inject
    @ConfigProperty(name = "picktartup.chain.use-finalized-tag", defaultValue = "true")
    boolean useFinalizedTag;

    @Inject
    @ConfigProperty(name = "picktartup.chain.stuck-after-seconds", defaultValue = "60")
    long stuckAfterSeconds;

    @Inject
    @ConfigProperty(name = "picktartup.chain.gas-price-bump-percent", defaultValue = "15")
    int gasPriceBumpPercent;

    @Inject
    @ConfigProperty(name = "picktartup.chain.max-gas-price-wei", defaultValue = "200000000000")
    BigInteger maxGasPrice;

    @Inject
    @ConfigProperty(name = "picktartup.chain.dispatch-interval-ms", defaultValue = "200")
    long dispatchIntervalMillis;

    @Inject
    @ConfigProperty(name = "picktartup.chain.dispatch-batch", defaultValue = "100")
    int dispatchBatch;

    @Inject
    @ConfigProperty(name = "picktartup.chain.deposit-batch-size", defaultValue = "50")
    int depositBatchSize;

    @Inject
    @ConfigProperty(name = "picktartup.chain.deposit-batch-wait-ms", defaultValue = "1000")
    long depositBatchWaitMillis;

    @Inject
    @ConfigProperty(name = "picktartup.chain.indexer-interval-ms", defaultValue = "1000")
    long indexerIntervalMillis;

    @Inject
    @ConfigProperty(name = "picktartup.chain.indexer-batch-blocks", defaultValue = "2000")
    long indexerBatchBlocks;

    @Inject
    @ConfigProperty(name = "picktartup.chain.roles-check-seconds", defaultValue = "30")
    long rolesCheckSeconds;

    @Inject
    @ConfigProperty(name = "picktartup.chain.fault.halt-after-sign", defaultValue = "false")
    boolean haltAfterSign;

    @Inject
    io.picktartup.platform.control.FaultSwitches faults;

    @Inject
    @ConfigProperty(name = "picktartup.chain.fault.halt-after-broadcast")
    java.util.Optional<String> haltAfterBroadcast;

    public String rpcUrl() {
        return rpcUrl;
    }

    public long chainId() {
        return chainId;
    }

    public Optional<String> tokenAddress() {
        return tokenAddress.filter(s -> !s.isBlank());
    }

    public Optional<String> factoryAddress() {
        return factoryAddress.filter(s -> !s.isBlank());
    }

    /** The share-token factory (issue 20): creates each released round's share token. */
    public Optional<String> shareFactoryAddress() {
        return shareFactoryAddress.filter(s -> !s.isBlank());
    }

    /** The eligibility registry: the KYC level of each wallet, which share transfers require. */
    public Optional<String> eligibilityRegistryAddress() {
        return eligibilityRegistryAddress.filter(s -> !s.isBlank());
    }

    /**
     * Blocks, including its own, before a transaction counts as final when the node gives no {@code finalized} block
     * (or the tag is off). Default 15: BSC's rule before fast finality (more than two thirds of its 21 validators
     * have built on the block); the dev chain and the tests set a small depth explicitly.
     */
    public int confirmations() {
        return Math.max(1, confirmations);
    }

    /** Whether the node's {@code finalized} block decides finality (BSC's fast finality: ~2 blocks). */
    public boolean useFinalizedTag() {
        return useFinalizedTag;
    }

    public Duration stuckAfter() {
        return Duration.ofSeconds(stuckAfterSeconds);
    }

    /**
     * The replacement price: at least {@code bump}% above the last one (nodes require ≥ 10%) and at least the
     * network's price; empty when that would exceed the cap (the transaction then waits, and the metric shows it).
     */
    public Optional<BigInteger> bumped(BigInteger lastPrice, BigInteger networkPrice) {
        int bump = Math.max(11, gasPriceBumpPercent);
        BigInteger raised = lastPrice.multiply(BigInteger.valueOf(100L + bump)).add(BigInteger.valueOf(99))
                .divide(BigInteger.valueOf(100)).max(networkPrice);
        return raised.compareTo(maxGasPrice) <= 0 ? Optional.of(raised) : Optional.empty();
    }

    public BigInteger maxGasPrice() {
        return maxGasPrice;
    }

    public long dispatchIntervalMillis() {
        return Math.max(20, dispatchIntervalMillis);
    }

    public int dispatchBatch() {
        return Math.max(1, dispatchBatch);
    }

    /**
     * The most queued deposits of one escrow one {@code depositBatch} carries (1: every deposit goes alone, as
     * {@code deposit}); at most {@link DepositBatches#MAX_SIZE}, whose gas limit stays under EIP-7825's cap.
     */
    public int depositBatchSize() {
        return Math.max(1, Math.min(DepositBatches.MAX_SIZE, depositBatchSize));
    }

    /** How long a queued deposit waits for others of its escrow to join its batch (a full batch goes at once). */
    public Duration depositBatchWait() {
        return Duration.ofMillis(Math.max(0, depositBatchWaitMillis));
    }

    public long indexerIntervalMillis() {
        return Math.max(100, indexerIntervalMillis);
    }

    public long indexerBatchBlocks() {
        return Math.max(1, indexerBatchBlocks);
    }

    /** How long the signing keys' roles, once checked and right, count as right for readiness. */
    public Duration rolesCheckInterval() {
        return Duration.ofSeconds(Math.max(0, rolesCheckSeconds));
    }

    /** Fault injection for tests: stop the JVM right after signed bytes are committed, before broadcast. */
    public boolean haltAfterSign() {
        return faults.value("picktartup.chain.fault.halt-after-sign",
                        java.util.Optional.of(Boolean.toString(haltAfterSign))).map(String::trim).map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * Fault injection for tests: stop the JVM right after a transaction whose business key starts with this prefix
     * was broadcast and marked sent, before its receipt is read (empty: off).
     */
    public java.util.Optional<String> haltAfterBroadcast() {
        return faults.value("picktartup.chain.fault.halt-after-broadcast", haltAfterBroadcast)
                .map(String::trim).filter(prefix -> !prefix.isEmpty());
    }
}

package io.picktartup.chain.control;

import io.picktartup.chain.contract.FundingRound;
import jakarta.enterprise.context.ApplicationScoped;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import java.math.BigInteger;
import java.util.List;

/** Encodes the funding-round factory's and escrows' calls the platform sends through the outbox or reads. */
@ApplicationScoped
public class RoundCalls {

    /** Gas for creating a round (an EIP-1167 clone with immutable arguments): 122 k measured, with a margin. */
    public static final BigInteger CREATE_GAS = BigInteger.valueOf(250_000);
    /**
     * Gas for one deposit (one consent signature, the round pulls the PKN): 114 k measured for a first-time investor,
     * 148 k for the round's very first deposit, with a margin.
     */
    public static final BigInteger DEPOSIT_GAS = BigInteger.valueOf(220_000);
    /**
     * Gas per deposit inside a batch, plus a fixed part for the transaction. Each item has its own outcome: one that
     * cannot go is skipped with a DepositSkipped event (its error inside), the others are deposited.
     */
    public static final BigInteger DEPOSIT_BATCH_ITEM_GAS = BigInteger.valueOf(150_000);
    public static final BigInteger CANCEL_GAS = BigInteger.valueOf(120_000);

    /** The round's parameters as the factory takes them. */
    public record Parameters(byte[] roundId, String startupWallet, BigInteger goal, BigInteger hardCap,
                             BigInteger minInvestment, BigInteger deadline) {
        List<Type> abi() {
            return List.of(new Bytes32(roundId), new Address(startupWallet), new Uint256(goal), new Uint256(hardCap),
                    new Uint256(minInvestment), new Uint256(deadline));
        }
    }

    public String createRound(Parameters p) {
        return FunctionEncoder.encode(new Function("createRound", p.abi(), List.of()));
    }

    /** {@code predictRound(…)}: the escrow's address before (or after) it is created, to be read with {@link Chain#read}. */
    public String predictRound(Parameters p) {
        return FunctionEncoder.encode(new Function("predictRound", p.abi(), List.of()));
    }

    /** The address a view function returned. */
    public static String address(String result) {
        @SuppressWarnings({"rawtypes", "unchecked"})
        List<Type> values = FunctionReturnDecoder.decode(result, (List) List.of(new TypeReference<Address>() {
        }));
        return values.get(0).toString();
    }

    /** One investor's signed deposit: their EIP-712 {@code Investment} consent, under which the round pulls the PKN. */
    public record Deposit(String investor, BigInteger amount, byte[] termsHash, BigInteger nonce, BigInteger deadline,
                          int v, byte[] r, byte[] s) {
        FundingRound.Deposit abi() {
            return new FundingRound.Deposit(investor, amount, termsHash, nonce, deadline, BigInteger.valueOf(v), r, s);
        }
    }

    public String deposit(Deposit d) {
        return FunctionEncoder.encode(new Function("deposit", List.of(d.abi()), List.of()));
    }

    public String depositBatch(List<Deposit> ds) {
        return FunctionEncoder.encode(new Function("depositBatch",
                List.of(new DynamicArray<>(FundingRound.Deposit.class, ds.stream().map(Deposit::abi).toList())), List.of()));
    }

    public String cancel(String investor, BigInteger nonce, BigInteger deadline, int v, byte[] r, byte[] s) {
        return FunctionEncoder.encode(new Function("cancel", List.of(new Address(investor), new Uint256(nonce),
                new Uint256(deadline), new Uint8(v), new Bytes32(r), new Bytes32(s)), List.of()));
    }

    /** {@code positionOf(investor)} → (amount, nonce), to be read with {@link Chain#read}. */
    public String positionOf(String investor) {
        return FunctionEncoder.encode(new Function("positionOf", List.of(new Address(investor)), List.of()));
    }

    /** The (amount, nonce) {@code positionOf} returned. */
    public static BigInteger[] position(String result) {
        String hex = result.startsWith("0x") ? result.substring(2) : result;
        if (hex.length() < 128) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO};
        }
        return new BigInteger[] {new BigInteger(hex.substring(0, 64), 16), new BigInteger(hex.substring(64, 128), 16)};
    }

    /** Gas for finalizeRound (32.5 k measured) and release (63 k), with margins. */
    public static final BigInteger FINALIZE_GAS = BigInteger.valueOf(80_000);
    public static final BigInteger RELEASE_GAS = BigInteger.valueOf(120_000);

    /**
     * Gas for one refundBatch of {@code count} investors: 14.5 k each used, 30.0 k if the wallet was emptied, but the
     * execution needs more than it finally uses (the refund for the cleared positions comes only at the end): 40 k.
     */
    public static BigInteger refundGas(int count) {
        return BigInteger.valueOf(60_000L + 40_000L * count);
    }

    /**
     * The most investors one refundBatch may carry: {@link #refundGas}(300) = 12.06 M, under the 2^24 (16.78 M)
     * per-transaction gas cap of EIP-7825 with a quarter to spare, and a small part of a BSC block. Measured in the
     * contracts' GasReportTest for the worst case (every wallet emptied into the round): 9.01 M used, 10.62 M needed
     * as the limit (the cleared positions' refund only comes at the end).
     */
    public static final int MAX_REFUND_CHUNK = 300;

    public String finalizeRound() {
        return FunctionEncoder.encode(new Function("finalizeRound", List.of(), List.of()));
    }

    public String release() {
        return FunctionEncoder.encode(new Function("release", List.of(), List.of()));
    }

    public String refundBatch(int maxCount) {
        return FunctionEncoder.encode(new Function("refundBatch", List.of(new Uint256(maxCount)), List.of()));
    }

    /** The escrow's status as its enum ordinal: 0 Funding, 1 Succeeded, 2 Failed, 3 Released. */
    public String status() {
        return FunctionEncoder.encode(new Function("status", List.of(), List.of()));
    }

    public String refundCursor() {
        return FunctionEncoder.encode(new Function("refundCursor", List.of(), List.of()));
    }

    public String investorCount() {
        return FunctionEncoder.encode(new Function("investorCount", List.of(), List.of()));
    }

    /** {@code totalRaised()}, to be read with {@link Chain#read}. */
    public String totalRaised() {
        return FunctionEncoder.encode(new Function("totalRaised", List.of(), List.of()));
    }
}

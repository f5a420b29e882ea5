package io.picktartup.chain.control;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The gas limits the platform gives its round calls, against the figures the contracts' gas report measured. */
class RoundCallsTest {

    /** EIP-7825's per-transaction gas cap (2^24). */
    private static final BigInteger PER_TRANSACTION_CAP = BigInteger.TWO.pow(24);
    /** GasReportTest: the limit a 300-investor refundBatch needs when every investor had emptied their wallet. */
    private static final BigInteger MEASURED_300_WORST = BigInteger.valueOf(10_621_969);

    @Test
    void theLargestRefundChunkGetsEnoughGasAndFitsThePerTransactionCapWithMargin() {
        BigInteger limit = RoundCalls.refundGas(RoundCalls.MAX_REFUND_CHUNK);
        assertThat(RoundCalls.MAX_REFUND_CHUNK).isLessThanOrEqualTo(300);
        assertThat(limit).isGreaterThanOrEqualTo(MEASURED_300_WORST.multiply(BigInteger.valueOf(11)).divide(BigInteger.TEN));
        assertThat(limit).isLessThanOrEqualTo(PER_TRANSACTION_CAP.multiply(BigInteger.valueOf(3)).divide(BigInteger.valueOf(4)));
    }
}

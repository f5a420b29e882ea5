package io.picktartup.chain.control;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's signer gives web3j's bytes exactly (the same deterministic nonce, low s, recovery id and EIP-155
 * v) for many keys, nonces, prices, chain ids and call data from a seeded generator, and the sender recovered from
 * them is the key's address.
 */
class TransactionSignerTest {

    @Test
    void signsAsWeb3jDoesByteForByteAndTheSenderRecoversToTheKey() throws Exception {
        var random = new Random(19_04L);
        int lowParity = 0;
        for (int i = 0; i < 400; i++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            secret[0] &= 0x7f; // below the curve's order
            secret[31] |= 1;   // never zero
            var key = Credentials.create(ECKeyPair.create(secret));
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            byte[] to = new byte[20];
            random.nextBytes(to);
            var transaction = RawTransaction.createTransaction(BigInteger.valueOf(random.nextInt(1_000_000)),
                    BigInteger.valueOf(1 + random.nextInt(Integer.MAX_VALUE)), BigInteger.valueOf(21_000 + random.nextInt(10_000_000)),
                    Numeric.toHexString(to), BigInteger.ZERO, Numeric.toHexString(data));
            long chainId = i % 3 == 0 ? 31337 : i % 3 == 1 ? 56 : 97;

            byte[] ours = TransactionSigner.sign(transaction, chainId, key.getEcKeyPair().getPrivateKey());
            byte[] web3j = TransactionEncoder.signMessage(transaction, chainId, key);

            assertThat(Numeric.toHexString(ours)).as("transaction %d", i).isEqualTo(Numeric.toHexString(web3j));
            var decoded = (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(ours));
            assertThat(decoded.getFrom()).isEqualToIgnoringCase(Keys.toChecksumAddress(key.getAddress()));
            assertThat(decoded.getChainId()).isEqualTo(chainId);
            lowParity += (decoded.getSignatureData().getV()[decoded.getSignatureData().getV().length - 1] & 1) == 0 ? 1 : 0;
        }
        // both recovery ids occurred (the parity fix-up for low s is exercised either way)
        assertThat(lowParity).isBetween(100, 300);
    }
}

package io.picktartup.chain.contract;

import java.math.BigInteger;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * secp256k1 signatures as web3j makes them (RFC 6979 nonces, low s), with the recovery id taken from the nonce point
 * instead of trying public-key recoveries: one point multiplication per signature, which is what lets the fuzzer sign
 * thousands of consents, permits and transactions a minute. {@code RoundFuzzer} checks it against web3j at start.
 */
final class FastSign {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

    private FastSign() {
    }

    /** Signs a 32-byte hash (no prefix, no hashing), v = 27 or 28. */
    static Sign.SignatureData sign(byte[] hash, BigInteger privateKey) {
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, hash);
        BigInteger e = new BigInteger(1, hash);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = MULTIPLIER.multiply(CURVE.getG(), k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = k.modInverse(N).multiply(e.add(privateKey.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = point.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0;
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            if (x.compareTo(N) >= 0) {
                continue; // the recovery id would need the x overflow bit, which Ethereum's v cannot carry
            }
            return new Sign.SignatureData((byte) (27 + recoveryId), Numeric.toBytesPadded(r, 32),
                    Numeric.toBytesPadded(s, 32));
        }
    }

    /** A legacy transaction signed with EIP-155 replay protection, as {@code TransactionEncoder.signMessage}. */
    static byte[] signTransaction(RawTransaction tx, long chainId, Credentials credentials) {
        Sign.SignatureData signature = sign(Hash.sha3(TransactionEncoder.encode(tx, chainId)),
                credentials.getEcKeyPair().getPrivateKey());
        return TransactionEncoder.encode(tx, TransactionEncoder.createEip155SignatureData(signature, chainId));
    }
}

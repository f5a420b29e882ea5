package io.picktartup.chain.control;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

/**
 * Signs legacy (EIP-155) transactions as web3j's {@code TransactionEncoder.signMessage(raw, chainId, credentials)}
 * does, byte for byte (the same RFC 6979 deterministic nonce, the same low-s form), but takes the recovery id from the
 * signature's point R as it is computed instead of recovering the public key from the signature up to four times to
 * find it: the recovery was two thirds of a signature's CPU (chain.sh's profile of the dispatcher).
 */
public final class TransactionSigner {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final FixedPointCombMultiplier BASE = new FixedPointCombMultiplier();

    private TransactionSigner() {
    }

    /** The signed transaction's bytes, as {@code TransactionEncoder.signMessage(transaction, chainId, key)}. */
    public static byte[] sign(RawTransaction transaction, long chainId, BigInteger privateKey) {
        byte[] hash = Hash.sha3(TransactionEncoder.encode(transaction, chainId));
        var signature = TransactionEncoder.createEip155SignatureData(sign(hash, privateKey), chainId);
        return TransactionEncoder.encode(transaction, signature);
    }

    /** ECDSA over secp256k1 of a 32-byte hash: r, s (low) and v = 27 + recovery id, as web3j's Sign.signMessage. */
    static Sign.SignatureData sign(byte[] hash, BigInteger privateKey) {
        var k = new HMacDSAKCalculator(new SHA256Digest());
        k.init(N, privateKey, hash);
        BigInteger e = new BigInteger(1, hash); // a 256-bit hash for a 256-bit order: nothing to truncate
        BigInteger r;
        BigInteger s;
        ECPoint point;
        do {
            BigInteger nonce;
            do {
                nonce = k.nextK();
                point = BASE.multiply(CURVE.getG(), nonce).normalize();
                r = point.getAffineXCoord().toBigInteger().mod(N);
            } while (r.signum() == 0);
            s = nonce.modInverse(N).multiply(e.add(privateKey.multiply(r))).mod(N);
        } while (s.signum() == 0);
        int recoveryId = point.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0;
        if (point.getAffineXCoord().toBigInteger().compareTo(N) >= 0) {
            recoveryId |= 2; // x overflowed the order (probability ~2^-128)
        }
        if (s.compareTo(HALF_N) > 0) {
            // the low-s form (EIP-2) is the point's mirror: the other parity
            s = N.subtract(s);
            recoveryId ^= 1;
        }
        return new Sign.SignatureData((byte) (27 + recoveryId), Numeric.toBytesPadded(r, 32), Numeric.toBytesPadded(s, 32));
    }
}

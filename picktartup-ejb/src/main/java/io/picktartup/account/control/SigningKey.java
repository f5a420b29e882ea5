package io.picktartup.account.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Base64;

/**
 * Reads the RS256 signing key from configuration: a PEM private key (PKCS#8 {@code BEGIN PRIVATE KEY}, or PKCS#1
 * {@code BEGIN RSA PRIVATE KEY}) or a private RSA JWK in JSON. JDK only: Nimbus' own PEM reader needs Bouncy
 * Castle's PKIX jar. The key id is the key's RFC 7638 thumbprint, so it changes exactly when the key does.
 */
public final class SigningKey {

    private SigningKey() {
    }

    public static RSAKey parse(String text) {
        String trimmed = text.trim();
        try {
            RSAKey key;
            if (trimmed.startsWith("{")) {
                key = RSAKey.parse(trimmed);
                if (!key.isPrivate()) {
                    throw new IllegalArgumentException("the JWK holds no private key");
                }
            } else if (trimmed.contains("-----BEGIN PRIVATE KEY-----")) {
                key = fromPkcs8(der(trimmed, "PRIVATE KEY"));
            } else if (trimmed.contains("-----BEGIN RSA PRIVATE KEY-----")) {
                key = fromPkcs8(pkcs1ToPkcs8(der(trimmed, "RSA PRIVATE KEY")));
            } else {
                throw new IllegalArgumentException("expected a PEM RSA private key or an RSA JWK");
            }
            if (key.size() < 2048) {
                throw new IllegalArgumentException("the RSA key must have at least 2048 bits");
            }
            return new RSAKey.Builder(key).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
        } catch (ParseException | JOSEException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable signing key: " + e.getMessage(), e);
        }
    }

    /** A fresh 2048-bit key, for a deployment without a configured one (tokens then end with the process). */
    public static RSAKey generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
                    .keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
        } catch (java.security.GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem, String label) {
        int begin = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("malformed PEM");
        }
        String body = pem.substring(begin + ("-----BEGIN " + label + "-----").length(), end);
        return Base64.getMimeDecoder().decode(body);
    }

    private static RSAKey fromPkcs8(byte[] der) throws java.security.GeneralSecurityException {
        var factory = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
        var publicKey = (RSAPublicKey) factory.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as OCTET STRING). */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = concat(new byte[]{0x04}, length(pkcs1.length), pkcs1);
        byte[] body = concat(version, algorithm, octets);
        return concat(new byte[]{0x30}, length(body.length), body);
    }

    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[]{(byte) n};
        }
        if (n < 0x100) {
            return new byte[]{(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[]{(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[]{(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}

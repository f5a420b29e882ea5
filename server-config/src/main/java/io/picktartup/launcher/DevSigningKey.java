package io.picktartup.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The access-token signing key for development: when the environment gives none
 * ({@code PICKTARTUP_AUTH_SIGNING_KEY}), the run command generates an RSA 2048 key once, keeps it in the run folder
 * (owner-only file) so tokens survive restarts, and passes it to the application as that variable.
 */
public final class DevSigningKey {

    public static final String VARIABLE = "PICKTARTUP_AUTH_SIGNING_KEY";

    private DevSigningKey() {
    }

    /** The PEM (PKCS#8) key in {@code file}, generated first when the file does not exist. */
    public static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "signing-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, generatePem(), StandardCharsets.US_ASCII);
                Files.move(tmp, file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new RSA 2048 private key as PEM ({@code BEGIN PRIVATE KEY}). */
    public static String generatePem() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

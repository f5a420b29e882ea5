package io.picktartup.account.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), OWASP's first choice
 * (m = 19 MiB, t = 2, p = 1), with Bouncy Castle's generator (already on the class path through web3j). Each hash
 * takes 19 MiB for ~40 ms: at most {@code picktartup.auth.hash-concurrency} run at once, so 200 parallel logins
 * need 4 × 19 MiB, not 200 × 19 MiB. Verification uses the parameters stored in the hash, so raising them later
 * keeps old hashes valid ({@link #needsRehash} tells when to upgrade one).
 */
@ApplicationScoped
public class PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "picktartup.auth.hash-concurrency", defaultValue = "4")
    int concurrency;

    private Semaphore gate;
    /** A hash of nothing in particular: verified against when the email is unknown, so timing tells nothing. */
    private String decoy;

    public PasswordHasher() {
    }

    /** For tests and tools outside the container. */
    public PasswordHasher(int concurrency) {
        this.concurrency = concurrency;
        init();
    }

    @PostConstruct
    void init() {
        gate = new Semaphore(Math.max(1, concurrency), true);
        decoy = hash("decoy password that matches nothing " + RANDOM.nextLong());
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password matches the PHC string; false for anything malformed. Constant-time comparison. */
    public boolean verify(String password, String phc) {
        var m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches() || password == null) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (memory > 1024 * 1024 || iterations < 1 || parallelism < 1) {
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = argon2(password, B64D.decode(m.group(4)), memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the same time as a real verification, for unknown emails. */
    public void verifyDecoy(String password) {
        verify(password == null ? "" : password, decoy);
    }

    /** Whether a stored hash uses weaker parameters than today's and should be replaced at the next login. */
    public boolean needsRehash(String phc) {
        return phc == null || !phc.startsWith("$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p="
                + PARALLELISM + "$");
    }

    /** Whether the text is a PHC Argon2id string this class can verify (for a configured admin hash). */
    public static boolean isArgon2id(String phc) {
        return phc != null && PHC.matcher(phc).matches();
    }

    private byte[] argon2(String password, byte[] salt, int memory, int iterations, int parallelism) {
        return argon2(password, salt, memory, iterations, parallelism, HASH_BYTES);
    }

    private byte[] argon2(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        byte[] out = new byte[length];
        // the generator allocates its 19 MiB in init(): inside the gate
        gate.acquireUninterruptibly();
        try {
            var generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            gate.release();
        }
        return out;
    }
}

package io.picktartup.launcher;

import io.picktartup.chain.contract.FundingRound;
import io.picktartup.chain.contract.FundingRoundFactory;
import io.picktartup.chain.contract.PicktartupToken;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The development chain: anvil from npm as a child process, with the platform's contracts deployed on it (token,
 * round implementation, round factory) and their addresses recorded in {@code chain.properties}. With a state file
 * the chain survives restarts like the embedded database does; the contracts are deployed again only when their
 * code is missing. The accounts are anvil's well-known development accounts (from its public test mnemonic):
 * account 0 administers the contracts, account 1 is the relayer. Never use these keys anywhere else.
 */
public final class DevChain implements AutoCloseable {

    public static final long CHAIN_ID = 31337;
    private static final String TEST_MNEMONIC = "test test test test test test test test test test test junk";
    private static final StaticGasProvider DEPLOY_GAS = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L),
            BigInteger.valueOf(8_000_000));

    /** A new admin accepts the contracts' admin role this long after the handover began. */
    private static final BigInteger ADMIN_DELAY = BigInteger.valueOf(Duration.ofDays(1).toSeconds());
    /** PKN the minter may mint per day on the dev chain: out of the way of the benchmarks. */
    private static final BigInteger DEV_MINT_CAP = BigInteger.TEN.pow(18 + 8);

    private final ChildProcess anvil;
    private final String rpcUrl;
    private final Map<String, String> addresses;
    private final Credentials admin;
    private final Credentials relayer;

    private DevChain(ChildProcess anvil, String rpcUrl, Map<String, String> addresses, Credentials admin,
                     Credentials relayer) {
        this.anvil = anvil;
        this.rpcUrl = rpcUrl;
        this.addresses = addresses;
        this.admin = admin;
        this.relayer = relayer;
    }

    public static DevChain start(Path anvilBinary, int port, Path workDir, boolean keepState) throws IOException {
        if (!Files.isExecutable(anvilBinary)) {
            throw new IllegalStateException("No anvil at " + anvilBinary + ": build the contracts module first "
                    + "(mvn package installs it from npm)");
        }
        Ports.requireFree(port, "the dev chain (CHAIN_PORT)");
        Path dir = workDir.resolve("anvil");
        Files.createDirectories(dir);
        var command = new java.util.ArrayList<>(List.of(anvilBinary.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--chain-id", Long.toString(CHAIN_ID),
                // keep recent states in memory (none on disk): with none kept, a read at "latest" racing a new block
                // is refused (BlockOutOfRangeError: block height is N but requested was N-1)
                "--prune-history", "128", "--silent"));
        Path state = dir.resolve("state.json");
        if (keepState) {
            command.addAll(List.of("--state", state.toString(), "--state-interval", "10"));
        } else {
            Files.deleteIfExists(state);
            Files.deleteIfExists(dir.resolve("chain.properties"));
        }
        var process = ChildProcess.start("anvil", command, Map.of(), workDir.resolve("logs").resolve("anvil.log"));
        String url = "http://127.0.0.1:" + port;
        try {
            var web3j = Web3j.build(new HttpService(url));
            try {
                awaitAnswer(web3j, process);
                Credentials admin = account(0);
                Credentials relayer = account(1);
                var addresses = deployIfMissing(web3j, admin, relayer, dir.resolve("chain.properties"));
                return new DevChain(process, url, addresses, admin, relayer);
            } finally {
                web3j.shutdown();
            }
        } catch (RuntimeException | IOException e) {
            process.close();
            throw e;
        }
    }

    private static void awaitAnswer(Web3j web3j, ChildProcess process) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited: " + process.tail(20));
            }
            try {
                if (web3j.ethChainId().send().getChainId().longValue() == CHAIN_ID) {
                    return;
                }
            } catch (IOException | RuntimeException notYet) {
                // starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        throw new IllegalStateException("anvil did not answer within 30 s");
    }

    private static Map<String, String> deployIfMissing(Web3j web3j, Credentials admin, Credentials relayer, Path record)
            throws IOException {
        var recorded = new Properties();
        if (Files.exists(record)) {
            try (var in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
                recorded.load(in);
            }
            String token = recorded.getProperty("token");
            String factory = recorded.getProperty("factory");
            // deployed from this very code: else (the contracts changed since) deploy them anew
            if (token != null && factory != null && codeVersion().equals(recorded.getProperty("code"))
                    && hasCode(web3j, token) && hasCode(web3j, factory)) {
                return Map.of("token", token, "factory", factory,
                        "implementation", recorded.getProperty("implementation", ""));
            }
        }
        var manager = new RawTransactionManager(web3j, admin, CHAIN_ID);
        try {
            // the contracts take a separate key per role (minter, relayer, round creator); the platform signs with one
            // relayer key for now, so on the dev chain that key holds all three
            var token = PicktartupToken.deploy(web3j, manager, DEPLOY_GAS, admin.getAddress(), relayer.getAddress(),
                    ADMIN_DELAY, DEV_MINT_CAP).send();
            var implementation = FundingRound.deploy(web3j, manager, DEPLOY_GAS).send();
            // stray tokens of settled rounds are swept to the admin account on the dev chain
            var factory = FundingRoundFactory.deploy(web3j, manager, DEPLOY_GAS, admin.getAddress(),
                    relayer.getAddress(), relayer.getAddress(), token.getContractAddress(),
                    implementation.getContractAddress(), ADMIN_DELAY, admin.getAddress()).send();
            // the factory registers each round it creates with the token as an escrow (its payouts pass a pause)
            var granted = token.grantRole(token.ESCROW_REGISTRAR_ROLE().send(), factory.getContractAddress()).send();
            if (!granted.isStatusOK()) {
                throw new IllegalStateException("granting the factory the escrow registrar role reverted");
            }
            var addresses = new LinkedHashMap<String, String>();
            addresses.put("token", token.getContractAddress());
            addresses.put("implementation", implementation.getContractAddress());
            addresses.put("factory", factory.getContractAddress());
            var properties = new Properties();
            properties.putAll(addresses);
            properties.setProperty("code", codeVersion());
            try (var out = Files.newBufferedWriter(record, StandardCharsets.UTF_8)) {
                properties.store(out, "Picktartup contracts on the dev chain (chain id " + CHAIN_ID + ")");
            }
            return addresses;
        } catch (Exception e) {
            throw new IllegalStateException("deploying the contracts failed: " + e.getMessage(), e);
        }
    }

    /** A fingerprint of the contracts' bytecode, recorded with their addresses. */
    private static String codeVersion() {
        var codes = new StringBuilder();
        for (String binary : List.of(PicktartupToken.BINARY, FundingRound.BINARY, FundingRoundFactory.BINARY)) {
            codes.append(org.web3j.crypto.Hash.sha3String(binary));
        }
        return org.web3j.crypto.Hash.sha3String(codes.toString()).substring(2, 18);
    }

    private static boolean hasCode(Web3j web3j, String address) throws IOException {
        String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }

    /** Account {@code index} of anvil's public development mnemonic (m/44'/60'/0'/0/index). */
    static Credentials account(int index) {
        var master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(TEST_MNEMONIC, ""));
        int hardened = Bip32ECKeyPair.HARDENED_BIT;
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(master,
                new int[]{44 | hardened, 60 | hardened, hardened, 0, index}));
    }

    /** The application's view of this chain, as environment variables. */
    public Map<String, String> environment(String rpcUrlForApplication) {
        return Map.of(
                "PICKTARTUP_CHAIN_RPC_URL", rpcUrlForApplication,
                "PICKTARTUP_CHAIN_ID", Long.toString(CHAIN_ID),
                "PICKTARTUP_CHAIN_RELAYER_KEY", Numeric.toHexStringWithPrefixZeroPadded(relayer.getEcKeyPair().getPrivateKey(), 64),
                "PICKTARTUP_CHAIN_TOKEN_ADDRESS", addresses.get("token"),
                "PICKTARTUP_CHAIN_FACTORY_ADDRESS", addresses.get("factory"));
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public Map<String, String> addresses() {
        return addresses;
    }

    Credentials admin() {
        return admin;
    }

    Credentials relayer() {
        return relayer;
    }

    @Override
    public void close() {
        anvil.close();
    }
}

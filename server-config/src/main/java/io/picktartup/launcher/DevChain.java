package io.picktartup.launcher;

import io.picktartup.chain.contract.EligibilityRegistry;
import io.picktartup.chain.contract.ShareToken;
import io.picktartup.chain.contract.ShareTokenFactory;
import io.picktartup.launcher.deploy.ContractDeployment;
import io.picktartup.launcher.deploy.DeploymentPlan;
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
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The development chain: anvil from npm as a child process, with the platform's contracts deployed on it (token,
 * round implementation, round factory) by the deploy command's own code and recorded in {@code deployment.json}. With a
 * state file the chain survives restarts like the embedded database does; the contracts are deployed again only when
 * their code changed or is missing. The accounts are anvil's well-known development accounts (from its public test
 * mnemonic), one per key as in production: account 0 deploys and administers the contracts, 1 is the relayer, 4 the
 * minter, 5 the round creator; none of the three holds another's role or the admin's. Never use these keys anywhere
 * else.
 */
public final class DevChain implements AutoCloseable {

    public static final long CHAIN_ID = 31337;
    private static final String TEST_MNEMONIC = "test test test test test test test test test test test junk";
    /**
     * The dev accounts of each part (anvil's mnemonic); 2, 3 and 7 are the benchmarks' and tests' own senders, 8 the
     * second recovery agent.
     */
    public static final int ADMIN = 0;
    public static final int RELAYER = 1;
    public static final int MINTER = 4;
    public static final int ROUND_CREATOR = 5;
    /**
     * The share factory's second recovery agent: approves what the relayer (the first agent) requested. Not account 2,
     * which the benchmarks grant other roles (a second-agent key with another role fails readiness).
     */
    public static final int SECOND_AGENT = 8;

    /** A new admin accepts the contracts' admin role this long after the handover began. */
    private static final BigInteger ADMIN_DELAY = BigInteger.valueOf(Duration.ofDays(1).toSeconds());
    /** PKN the minter may mint per day on the dev chain: out of the way of the benchmarks. */
    private static final BigInteger DEV_MINT_CAP = BigInteger.TEN.pow(18 + 8);

    private final ChildProcess anvil;
    private final String rpcUrl;
    private final Map<String, String> addresses;

    private DevChain(ChildProcess anvil, String rpcUrl, Map<String, String> addresses) {
        this.anvil = anvil;
        this.rpcUrl = rpcUrl;
        this.addresses = addresses;
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
            Files.deleteIfExists(dir.resolve("deployment.json"));
        }
        // anvil keeps states it moves out of memory under $HOME/.foundry/anvil/tmp and removes them only on a clean
        // exit: a chain killed (a crash, kill -9, a test's fault) left ~175 MB each in the user's home for good, and
        // the CI machine's disk filled up. Its home is the work directory's: a stopped chain's leftovers go at the
        // next start (none of them is ever read again) and with the work directory.
        Path home = dir.resolve("home");
        Path leftovers = home.resolve(".foundry").resolve("anvil").resolve("tmp");
        if (Files.isDirectory(leftovers)) {
            try (var stale = Files.walk(leftovers)) {
                stale.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(home);
        var process = ChildProcess.start("anvil", command, Map.of("HOME", home.toString()),
                workDir.resolve("logs").resolve("anvil.log"));
        String url = "http://127.0.0.1:" + port;
        try {
            var web3j = Web3j.build(new HttpService(url));
            try {
                awaitAnswer(web3j, process);
                var addresses = new LinkedHashMap<>(deployIfMissing(web3j, dir.resolve("deployment.json")));
                addresses.putAll(deploySharesIfMissing(web3j, addresses.get(ContractDeployment.FACTORY),
                        dir.resolve("shares.properties")));
                return new DevChain(process, url, Map.copyOf(addresses));
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

    /**
     * Deploys the contracts through the same code as the deploy command ({@link ContractDeployment}), unless the
     * record shows them deployed from this very code on this chain (a kept state); a stale record (other code, or a
     * chain without the contracts) is moved aside first. Verified like a real deployment.
     */
    private static Map<String, String> deployIfMissing(Web3j web3j, Path record) throws IOException {
        if (Files.exists(record)) {
            String code = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.toFile()).path("code").asText();
            var recorded = ContractDeployment.addresses(record);
            if (!code.equals(ContractDeployment.codeVersion()) || !hasCode(web3j, recorded.get(ContractDeployment.TOKEN))
                    || !hasCode(web3j, recorded.get(ContractDeployment.FACTORY))) {
                Files.move(record, record.resolveSibling("deployment.stale.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        var plan = new DeploymentPlan(CHAIN_ID, account(MINTER).getAddress(), account(RELAYER).getAddress(),
                account(ROUND_CREATOR).getAddress(), Optional.empty(), ADMIN_DELAY, DEV_MINT_CAP,
                // stray tokens of settled rounds are swept to the admin account on the dev chain
                account(ADMIN).getAddress());
        var deployment = new ContractDeployment(web3j, account(ADMIN), Optional.of(BigInteger.valueOf(2_000_000_000L)),
                Duration.ofMillis(50), Duration.ofSeconds(30), new PrintStream(OutputStream.nullOutputStream()));
        deployment.apply(plan, record);
        var failures = deployment.verify(plan, record);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the dev chain's contracts are not as planned: " + failures);
        }
        return ContractDeployment.addresses(record);
    }

    /**
     * The share contracts (issue 20): the eligibility registry, the share-token implementation and its factory, for
     * the round factory deployed above (deployed anew when the round factory or their code changed). The registry's
     * compliance agent, the share factory's issuer and its first recovery agent are the relayer's key on the dev
     * chain; the second recovery agent (a recovery needs two different ones) is dev account 8, the platform's
     * second-agent key.
     */
    private static Map<String, String> deploySharesIfMissing(Web3j web3j, String roundFactory, Path record)
            throws IOException {
        String code = sharesCodeVersion();
        if (Files.exists(record)) {
            var recorded = new Properties();
            try (var in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
                recorded.load(in);
            }
            String shareFactory = recorded.getProperty("shareFactory");
            String registry = recorded.getProperty("eligibilityRegistry");
            if (shareFactory != null && registry != null && code.equals(recorded.getProperty("code"))
                    && roundFactory.equalsIgnoreCase(recorded.getProperty("roundFactory"))
                    && account(SECOND_AGENT).getAddress().equalsIgnoreCase(recorded.getProperty("secondAgent"))
                    && hasCode(web3j, shareFactory) && hasCode(web3j, registry)) {
                return Map.of("shareFactory", shareFactory, "eligibilityRegistry", registry,
                        "shareImplementation", recorded.getProperty("shareImplementation", ""));
            }
        }
        var admin = account(ADMIN);
        var relayer = account(RELAYER);
        var manager = new RawTransactionManager(web3j, admin, CHAIN_ID);
        var gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(8_000_000));
        try {
            var registry = EligibilityRegistry.deploy(web3j, manager, gas, admin.getAddress(), relayer.getAddress(),
                    ADMIN_DELAY).send();
            var implementation = ShareToken.deploy(web3j, manager, gas).send();
            var shareFactory = ShareTokenFactory.deploy(web3j, manager, gas, admin.getAddress(),
                    relayer.getAddress(), relayer.getAddress(), account(SECOND_AGENT).getAddress(), registry.getContractAddress(),
                    roundFactory, implementation.getContractAddress(), ADMIN_DELAY).send();
            var addresses = Map.of("eligibilityRegistry", registry.getContractAddress(),
                    "shareImplementation", implementation.getContractAddress(),
                    "shareFactory", shareFactory.getContractAddress());
            var properties = new Properties();
            properties.putAll(addresses);
            properties.setProperty("roundFactory", roundFactory);
            properties.setProperty("secondAgent", account(SECOND_AGENT).getAddress());
            properties.setProperty("code", code);
            try (var out = Files.newBufferedWriter(record, StandardCharsets.UTF_8)) {
                properties.store(out, "Picktartup share contracts on the dev chain (chain id " + CHAIN_ID + ")");
            }
            return addresses;
        } catch (Exception e) {
            throw new IllegalStateException("deploying the share contracts failed: " + e.getMessage(), e);
        }
    }

    /** A fingerprint of the share contracts' bytecode, recorded with their addresses. */
    private static String sharesCodeVersion() {
        var codes = new StringBuilder();
        for (String binary : List.of(EligibilityRegistry.BINARY, ShareToken.BINARY, ShareTokenFactory.BINARY)) {
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

    private static final String DISPATCH_BATCH = "PICKTARTUP_CHAIN_DISPATCH_BATCH";

    /**
     * The application's view of this chain, as environment variables. Anvil mines a block only when a transaction
     * comes, so the dev chain counts a transaction final in its own block (a depth of 1, no finalized tag: anvil's
     * trails the head by 64 blocks); production keeps the defaults (docs/design.md, finality).
     */
    public Map<String, String> environment(String rpcUrlForApplication) {
        var environment = new java.util.HashMap<>(chainEnvironment(rpcUrlForApplication));
        environment.put("PICKTARTUP_CHAIN_CONFIRMATIONS", "1");
        environment.put("PICKTARTUP_CHAIN_USE_FINALIZED_TAG", "false");
        if (System.getenv(DISPATCH_BATCH) == null) {
            // anvil takes JSON-RPC batches of any size and mines each transaction at once: a dispatcher round of 250
            // waits once where rounds of 100 wait two and a half times (bench/chain.sh against the same floor: medians
            // 0.76-1.08x against 0.60-0.71x); a production provider's batch cap keeps the default (100) there
            environment.put(DISPATCH_BATCH, "250");
        }
        return environment;
    }

    private Map<String, String> chainEnvironment(String rpcUrlForApplication) {
        return Map.of(
                "PICKTARTUP_CHAIN_RPC_URL", rpcUrlForApplication,
                "PICKTARTUP_CHAIN_ID", Long.toString(CHAIN_ID),
                "PICKTARTUP_CHAIN_RELAYER_KEY", key(RELAYER),
                "PICKTARTUP_CHAIN_MINTER_KEY", key(MINTER),
                "PICKTARTUP_CHAIN_ROUND_CREATOR_KEY", key(ROUND_CREATOR),
                "PICKTARTUP_CHAIN_SECOND_AGENT_KEY", key(SECOND_AGENT),
                "PICKTARTUP_CHAIN_TOKEN_ADDRESS", addresses.get(ContractDeployment.TOKEN),
                "PICKTARTUP_CHAIN_FACTORY_ADDRESS", addresses.get(ContractDeployment.FACTORY),
                "PICKTARTUP_CHAIN_SHARE_FACTORY_ADDRESS", addresses.get("shareFactory"),
                "PICKTARTUP_CHAIN_ELIGIBILITY_REGISTRY_ADDRESS", addresses.get("eligibilityRegistry"));
    }

    private static String key(int account) {
        return Numeric.toHexStringWithPrefixZeroPadded(account(account).getEcKeyPair().getPrivateKey(), 64);
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public Map<String, String> addresses() {
        return addresses;
    }

    @Override
    public void close() {
        anvil.close();
    }
}

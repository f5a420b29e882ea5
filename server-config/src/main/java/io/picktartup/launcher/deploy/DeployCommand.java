package io.picktartup.launcher.deploy;

import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./deploy.sh}: deploys the platform's contracts to any EVM chain, or checks a deployment, and fails loudly
 * when the result is not as planned. Exit codes: 0 deployed (or already deployed) and verified; 1 the deployment or
 * its verification failed (every failed check is printed); 2 bad arguments (nothing sent).
 * <p>
 * The deployer's private key comes from {@code PICKTARTUP_DEPLOYER_KEY} or from the file named by
 * {@code PICKTARTUP_DEPLOYER_KEY_FILE}, never from an argument (arguments end up in shell history and in
 * {@code ps}). The RPC URL may carry a provider's API key: it can come from {@code PICKTARTUP_DEPLOY_RPC_URL}, and only
 * its host is printed. See docs/deploy.md.
 */
public final class DeployCommand {

    static final String USAGE = """
            usage: ./deploy.sh --chain-id <id> --minter <address> --relayer <address> --round-creator <address>
                              [--rpc-url <url>] [--admin <address>] [--mint-cap-pkn <PKN per day, default 1000000>]
                              [--admin-delay-hours <hours, default 48>] [--gas-price-gwei <gwei>] [--record <file>]
                              [--stray-token-recipient <address, default --admin>]
                              [--receipt-timeout-seconds <s>] [--verify-only]
              deployer key: PICKTARTUP_DEPLOYER_KEY (hex) or PICKTARTUP_DEPLOYER_KEY_FILE (a file holding it)
              RPC URL:      --rpc-url or PICKTARTUP_DEPLOY_RPC_URL
              record:       default deployments/chain-<id>.json""";

    private DeployCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** Runs the command; returns its exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        Map<String, String> options;
        DeploymentPlan plan;
        Credentials deployer;
        String rpcUrl;
        Optional<BigInteger> gasPrice;
        Path record;
        Duration receiptTimeout;
        String host;
        try {
            options = parse(args);
            if (options.containsKey("--help")) {
                out.println(USAGE);
                return 0;
            }
            long chainId = Long.parseLong(required(options, "--chain-id"));
            plan = new DeploymentPlan(chainId, required(options, "--minter"), required(options, "--relayer"),
                    required(options, "--round-creator"), Optional.ofNullable(options.get("--admin")),
                    BigInteger.valueOf(Math.round(Double.parseDouble(options.getOrDefault("--admin-delay-hours", "48"))
                            * 3600)),
                    new BigDecimal(options.getOrDefault("--mint-cap-pkn", "1000000")).movePointRight(18)
                            .toBigIntegerExact(),
                    // a settled round's stray PKN goes to the admin unless another recipient is named
                    Optional.ofNullable(options.get("--stray-token-recipient")).or(() -> Optional.ofNullable(
                            options.get("--admin"))).orElseThrow(() -> new IllegalArgumentException(
                            "--stray-token-recipient (or --admin) is needed")));
            rpcUrl = Optional.ofNullable(options.get("--rpc-url")).or(() -> Optional.ofNullable(
                    env.get("PICKTARTUP_DEPLOY_RPC_URL"))).filter(u -> !u.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException("--rpc-url (or PICKTARTUP_DEPLOY_RPC_URL) is needed"));
            deployer = deployerKey(env);
            String deployerAddress = deployer.getAddress().toLowerCase(java.util.Locale.ROOT);
            plan.keys().forEach((name, address) -> {
                if (address.equals(deployerAddress)) {
                    throw new IllegalArgumentException("the deployer is also the " + name + " key: the deployer is the "
                            + "admin until the handover, and no signing key may be an admin");
                }
            });
            gasPrice = Optional.ofNullable(options.get("--gas-price-gwei"))
                    .map(g -> new BigDecimal(g).movePointRight(9).toBigIntegerExact());
            record = Path.of(options.getOrDefault("--record", "deployments/chain-" + chainId + ".json"));
            receiptTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--receipt-timeout-seconds", "300")));
            host = URI.create(rpcUrl).getHost();
            if (host == null) {
                throw new IllegalArgumentException("the RPC URL has no host");
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            out.println("deploy: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        out.println("deploy: chain " + plan.chainId() + " through " + host + ", deployer " + deployer.getAddress()
                + ", record " + record);
        var web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            // a public chain mines every few seconds: ask for receipts every second; a local one at once
            Duration poll = host.equals("127.0.0.1") || host.equals("localhost")
                    ? Duration.ofMillis(100) : Duration.ofSeconds(1);
            var deployment = new ContractDeployment(web3j, deployer, gasPrice, poll, receiptTimeout, out);
            if (!options.containsKey("--verify-only")) {
                deployment.apply(plan, record);
            }
            var failures = deployment.verify(plan, record);
            if (!failures.isEmpty()) {
                out.println("deploy: VERIFICATION FAILED (" + failures.size() + "):");
                failures.forEach(f -> out.println("  - " + f));
                return 1;
            }
            deployment.recordVerified(record);
            var addresses = ContractDeployment.addresses(record);
            out.println("deploy: verified: code at each address, roles as planned, parameters read back");
            out.println("  PICKTARTUP_CHAIN_ID=" + plan.chainId());
            out.println("  PICKTARTUP_CHAIN_TOKEN_ADDRESS=" + addresses.get(ContractDeployment.TOKEN));
            out.println("  PICKTARTUP_CHAIN_FACTORY_ADDRESS=" + addresses.get(ContractDeployment.FACTORY));
            plan.admin().filter(a -> !a.equalsIgnoreCase(deployer.getAddress())).ifPresent(a -> out.println(
                    "deploy: the admin " + a + " must accept both contracts' admin role (acceptDefaultAdminTransfer) "
                            + "after the delay of " + plan.adminDelay() + " s"));
            return 0;
        } catch (ContractDeployment.DeploymentException e) {
            out.println("deploy: FAILED: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("deploy: FAILED talking to the node: " + e.getMessage());
            return 1;
        } finally {
            web3j.shutdown();
        }
    }

    private static Credentials deployerKey(Map<String, String> env) {
        String key = env.get("PICKTARTUP_DEPLOYER_KEY");
        if ((key == null || key.isBlank()) && env.get("PICKTARTUP_DEPLOYER_KEY_FILE") != null) {
            try {
                key = Files.readString(Path.of(env.get("PICKTARTUP_DEPLOYER_KEY_FILE"))).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read PICKTARTUP_DEPLOYER_KEY_FILE: " + e.getMessage());
            }
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("no deployer key: set PICKTARTUP_DEPLOYER_KEY or PICKTARTUP_DEPLOYER_KEY_FILE");
        }
        if (!key.trim().matches("(0x)?[0-9a-fA-F]{64}")) {
            // never echo the value
            throw new IllegalArgumentException("the deployer key is not a 32-byte hex private key");
        }
        return Credentials.create(key.trim());
    }

    private static Map<String, String> parse(String[] args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            switch (name) {
                case "--verify-only", "--help" -> options.put(name, "true");
                case "--rpc-url", "--chain-id", "--minter", "--relayer", "--round-creator", "--admin", "--mint-cap-pkn",
                        "--admin-delay-hours", "--gas-price-gwei", "--record", "--receipt-timeout-seconds",
                        "--stray-token-recipient" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    options.put(name, args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option " + name
                        + (name.contains("key") ? " (keys come from the environment, never from arguments)" : ""));
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is needed");
        }
        return value;
    }
}

package io.picktartup.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picktartup.chain.contract.FundingRoundFactory;
import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rehearsal of deploying to BSC testnet: a fresh anvil with chain id 97, the deploy command run as an operator runs
 * it (keys from the environment), its verification and its record; a re-run that sends nothing; the admin accepting
 * the handover; a role granted by mistake that the verification names; a node on another chain and bad arguments
 * refused before anything is sent. Prints the gas of each deployment ({@code name: value gas}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployCommandTest {

    private static final long BSC_TESTNET = 97;
    private static final Credentials DEPLOYER = Platform.devAccount(0);
    private static final Credentials RELAYER = Platform.devAccount(1);
    private static final Credentials MINTER = Platform.devAccount(4);
    private static final Credentials ROUND_CREATOR = Platform.devAccount(5);
    private static final Credentials ADMIN = Platform.devAccount(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Process anvil;
    private static String rpcUrl;
    private static Web3j web3j;

    @TempDir
    static Path work;

    private record Run(int exit, String output) {
    }

    @BeforeAll
    static void startBscTestnetRehearsal() throws Exception {
        int port = Ports.free(); // reserved below the ephemeral ports, as the platform's own chain's
        Path binary = Path.of(System.getProperty("picktartup.anvil",
                "../contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"));
        var command = new ArrayList<String>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "TERM", "--"));
        }
        command.addAll(List.of(binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--chain-id", Long.toString(BSC_TESTNET), "--prune-history", "128", "--silent"));
        anvil = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        rpcUrl = "http://127.0.0.1:" + port;
        web3j = Web3j.build(new HttpService(rpcUrl));
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (web3j.ethChainId().send().getChainId().longValue() == BSC_TESTNET) {
                    break;
                }
            } catch (IOException starting) {
                if (Instant.now().isAfter(deadline) || !anvil.isAlive()) {
                    throw new IllegalStateException("anvil did not start", starting);
                }
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (web3j != null) {
            web3j.shutdown();
        }
        if (anvil != null) {
            anvil.destroy();
            anvil.waitFor();
        }
    }

    private static Path record() {
        return work.resolve("deployments/bsc-testnet.json");
    }

    private static Run deploy(String... extra) {
        var args = new ArrayList<>(List.of("--rpc-url", rpcUrl, "--chain-id", "97",
                "--minter", MINTER.getAddress(), "--relayer", RELAYER.getAddress(),
                "--round-creator", ROUND_CREATOR.getAddress(), "--admin", ADMIN.getAddress(),
                "--mint-cap-pkn", "250000", "--admin-delay-hours", "48", "--gas-price-gwei", "1",
                "--record", record().toString()));
        args.addAll(List.of(extra));
        var bytes = new ByteArrayOutputStream();
        int exit;
        try (var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            exit = DeployCommand.run(args.toArray(String[]::new), Map.of("PICKTARTUP_DEPLOYER_KEY",
                    Numeric.toHexStringWithPrefixZeroPadded(DEPLOYER.getEcKeyPair().getPrivateKey(), 64)), out);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return new Run(exit, output);
    }

    private static BigInteger deployerNonce() throws IOException {
        return web3j.ethGetTransactionCount(DEPLOYER.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    private static JsonNode recorded() throws IOException {
        return JSON.readTree(record().toFile());
    }

    private static PicktartupToken token(Credentials as) throws IOException {
        return PicktartupToken.load(recorded().path("contracts").path("token").path("address").asText(), web3j,
                new RawTransactionManager(web3j, as, BSC_TESTNET),
                new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(500_000)));
    }

    private static FundingRoundFactory factory(Credentials as) throws IOException {
        return FundingRoundFactory.load(recorded().path("contracts").path("factory").path("address").asText(), web3j,
                new RawTransactionManager(web3j, as, BSC_TESTNET),
                new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(500_000)));
    }

    @Test
    @Order(1)
    void deploysVerifiesAndRecordsOnAChainWithBscTestnetsId() throws Exception {
        var run = deploy();

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("deploy: verified")
                .contains("PICKTARTUP_CHAIN_TOKEN_ADDRESS=").contains("PICKTARTUP_CHAIN_FACTORY_ADDRESS=")
                .doesNotContain(Numeric.toHexStringNoPrefix(DEPLOYER.getEcKeyPair().getPrivateKey()));
        var record = recorded();
        assertThat(record.path("chainId").asLong()).isEqualTo(BSC_TESTNET);
        assertThat(record.path("deployer").asText()).isEqualToIgnoringCase(DEPLOYER.getAddress());
        assertThat(record.path("deploymentBlock").asLong()).isPositive();
        assertThat(record.path("verified").path("block").asLong()).isGreaterThanOrEqualTo(record.path("deploymentBlock").asLong());
        assertThat(record.path("roles").path("minter").asText()).isEqualToIgnoringCase(MINTER.getAddress());
        assertThat(record.path("roles").path("admin").asText()).isEqualToIgnoringCase(ADMIN.getAddress());
        assertThat(record.path("parameters").path("mintCap").asText()).isEqualTo("250000" + "0".repeat(18));
        // a settled round's stray PKN is swept to the admin unless another recipient is named
        assertThat(record.path("parameters").path("strayTokenRecipient").asText()).isEqualToIgnoringCase(ADMIN.getAddress());
        for (String name : List.of("token", "implementation", "factory")) {
            var contract = record.path("contracts").path(name);
            String address = contract.path("address").asText();
            assertThat(address).matches("0x[0-9a-f]{40}");
            assertThat(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode()).hasSizeGreaterThan(2);
            var receipt = web3j.ethGetTransactionReceipt(contract.path("txHash").asText()).send()
                    .getTransactionReceipt().orElseThrow();
            assertThat(receipt.getContractAddress()).isEqualToIgnoringCase(address);
            assertThat(receipt.getFrom()).isEqualToIgnoringCase(DEPLOYER.getAddress());
            assertThat(receipt.getBlockNumber().longValue()).isEqualTo(contract.path("block").asLong());
            assertThat(contract.path("gasUsed").asLong()).isEqualTo(receipt.getGasUsed().longValue());
            // what a block explorer needs to verify the source: the creation input ends with the constructor arguments
            var creation = web3j.ethGetTransactionByHash(receipt.getTransactionHash()).send().getTransaction().orElseThrow();
            assertThat(creation.getInput()).endsWith(contract.path("constructorArguments").asText());
            // signed with the chain id (EIP-155): v = 35 + 2 * 97 or 36 + 2 * 97
            assertThat(creation.getChainId()).isEqualTo(BSC_TESTNET);
            System.out.println("deploy " + name + ": " + contract.path("gasUsed").asLong() + " gas");
        }

        // read back independently of the command's own check: each key holds its one role, the admin is handed over
        var token = token(DEPLOYER);
        var factory = factory(DEPLOYER);
        assertThat(token.hasRole(token.MINTER_ROLE().send(), MINTER.getAddress()).send()).isTrue();
        assertThat(token.hasRole(token.MINTER_ROLE().send(), RELAYER.getAddress()).send()).isFalse();
        assertThat(factory.hasRole(factory.RELAYER_ROLE().send(), RELAYER.getAddress()).send()).isTrue();
        assertThat(factory.hasRole(factory.ROUND_CREATOR_ROLE().send(), ROUND_CREATOR.getAddress()).send()).isTrue();
        assertThat(factory.hasRole(factory.ROUND_CREATOR_ROLE().send(), RELAYER.getAddress()).send()).isFalse();
        assertThat(token.hasRole(token.PAUSER_ROLE().send(), ADMIN.getAddress()).send()).isTrue();
        assertThat(token.hasRole(token.PAUSER_ROLE().send(), DEPLOYER.getAddress()).send()).isFalse();
        assertThat(token.pendingDefaultAdmin().send().component1()).isEqualToIgnoringCase(ADMIN.getAddress());
        assertThat(factory.pendingDefaultAdmin().send().component1()).isEqualToIgnoringCase(ADMIN.getAddress());
        assertThat(token.mintAllowance().send().component1()).isEqualTo(new BigInteger("250000" + "0".repeat(18)));
        assertThat(token.hasRole(token.ESCROW_REGISTRAR_ROLE().send(), factory.getContractAddress()).send()).isTrue();
    }

    @Test
    @Order(2)
    void aReRunSkipsWhatIsRecordedAndSendsNothing() throws Exception {
        BigInteger nonce = deployerNonce();
        String before = Files.readString(record());

        var run = deploy();

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("skip   token").contains("skip   implementation").contains("skip   factory")
                .contains("skip   tokenAdminHandover").doesNotContain("deploy token:");
        assertThat(deployerNonce()).isEqualTo(nonce);
        assertThat(recorded().path("contracts")).isEqualTo(JSON.readTree(before).path("contracts"));
    }

    @Test
    @Order(3)
    void theAdminAcceptsAfterTheDelayAndTheDeploymentStillVerifies() throws Exception {
        assertThat(succeeds(token(ADMIN).acceptDefaultAdminTransfer())).as("before the delay").isFalse();
        increaseTime(Duration.ofHours(48).plusMinutes(1));
        assertThat(token(ADMIN).acceptDefaultAdminTransfer().send().isStatusOK()).isTrue();
        assertThat(factory(ADMIN).acceptDefaultAdminTransfer().send().isStatusOK()).isTrue();
        BigInteger nonce = deployerNonce();

        var run = deploy("--verify-only");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(token(DEPLOYER).defaultAdmin().send()).isEqualToIgnoringCase(ADMIN.getAddress());
        assertThat(deployerNonce()).isEqualTo(nonce);
    }

    @Test
    @Order(4)
    void aRoleGrantedByMistakeFailsTheVerificationLoudly() throws Exception {
        var token = token(ADMIN);
        byte[] minter = token.MINTER_ROLE().send();
        assertThat(token.grantRole(minter, RELAYER.getAddress()).send().isStatusOK()).isTrue();
        try {
            var run = deploy();

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.output()).contains("VERIFICATION FAILED (1)")
                    .contains("the relayer " + RELAYER.getAddress().toLowerCase() + " holds token MINTER_ROLE, which is not its role");
        } finally {
            assertThat(token.revokeRole(minter, RELAYER.getAddress()).send().isStatusOK()).isTrue();
        }
        assertThat(deploy("--verify-only").exit()).isZero();
    }

    @Test
    @Order(5)
    void aNodeOnAnotherChainAndBadArgumentsSendNothing() throws Exception {
        BigInteger nonce = deployerNonce();

        var mainnet = deploy("--chain-id", "56", "--record", work.resolve("mainnet.json").toString());
        assertThat(mainnet.exit()).isEqualTo(1);
        assertThat(mainnet.output()).contains("the node is on chain 97, not 56");
        assertThat(work.resolve("mainnet.json")).doesNotExist();

        var shared = deploy("--minter", RELAYER.getAddress());
        assertThat(shared.exit()).isEqualTo(2);
        assertThat(shared.output()).contains("are one account");

        var adminIsAKey = deploy("--admin", MINTER.getAddress());
        assertThat(adminIsAKey.exit()).isEqualTo(2);
        assertThat(adminIsAKey.output()).contains("no signing key may administer the contracts");

        var deployerIsAKey = deploy("--relayer", DEPLOYER.getAddress());
        assertThat(deployerIsAKey.exit()).isEqualTo(2);
        assertThat(deployerIsAKey.output()).contains("the deployer is also the relayer key");

        var keyAsArgument = deploy("--deployer-key", "0x" + "11".repeat(32));
        assertThat(keyAsArgument.exit()).isEqualTo(2);
        assertThat(keyAsArgument.output()).contains("keys come from the environment").doesNotContain("1111");

        var otherCap = deploy("--mint-cap-pkn", "1");
        assertThat(otherCap.exit()).isEqualTo(1);
        assertThat(otherCap.output()).contains("the record has mintCap");

        assertThat(deployerNonce()).isEqualTo(nonce);
    }

    private static boolean succeeds(org.web3j.protocol.core.RemoteFunctionCall<
            org.web3j.protocol.core.methods.response.TransactionReceipt> call) {
        try {
            return call.send().isStatusOK();
        } catch (Exception reverted) {
            return false;
        }
    }

    private static void increaseTime(Duration by) throws IOException {
        new Request<>("evm_increaseTime", List.of(by.toSeconds()), new HttpService(rpcUrl), VoidResponse.class).send();
        new Request<>("evm_mine", List.of(), new HttpService(rpcUrl), VoidResponse.class).send();
    }
}

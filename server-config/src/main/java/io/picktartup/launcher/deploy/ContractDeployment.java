package io.picktartup.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.picktartup.chain.contract.FundingRound;
import io.picktartup.chain.contract.FundingRoundFactory;
import io.picktartup.chain.contract.PicktartupToken;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint48;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys the platform's contracts to an EVM chain and proves the result: the token, the round implementation and the
 * round factory, the factory's right to register escrows with the token, each signing key's one role (given to the
 * constructors), and, when an admin is named, the pauser role moved to it and both contracts' admin role handed over
 * with AccessControlDefaultAdminRules' two-step transfer (the admin accepts after the delay). Every step is written
 * to the record file (JSON) as soon as its transaction is sent and again when it is mined, so a re-run skips what is
 * recorded and on chain, waits for what was sent, and repeats nothing. The deployer key signs with the chain id
 * (EIP-155). {@link #verify} reads everything back from the chain and names every check that fails.
 * The run command's dev chain deploys through this very class.
 */
public final class ContractDeployment {

    public static final String TOKEN = "token";
    public static final String IMPLEMENTATION = "implementation";
    public static final String FACTORY = "factory";
    private static final List<String> CONTRACTS = List.of(TOKEN, IMPLEMENTATION, FACTORY);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final byte[] DEFAULT_ADMIN_ROLE = new byte[32];

    private final Web3j web3j;
    private final Credentials deployer;
    private final Optional<BigInteger> fixedGasPrice;
    private final Duration pollInterval;
    private final Duration receiptTimeout;
    private final PrintStream out;

    /**
     * @param gasPrice       a fixed gas price in wei, or empty for the node's {@code eth_gasPrice}
     * @param pollInterval   how often to ask for a receipt (100 ms on a dev chain, seconds on a public one)
     * @param receiptTimeout how long to wait for one transaction to be mined before giving up (a re-run resumes)
     */
    public ContractDeployment(Web3j web3j, Credentials deployer, Optional<BigInteger> gasPrice, Duration pollInterval,
                              Duration receiptTimeout, PrintStream out) {
        this.web3j = web3j;
        this.deployer = deployer;
        this.fixedGasPrice = gasPrice;
        this.pollInterval = pollInterval;
        this.receiptTimeout = receiptTimeout;
        this.out = out;
    }

    /** The deployment failed or its result is not as planned; the message says what, for an operator. */
    public static final class DeploymentException extends RuntimeException {
        public DeploymentException(String message) {
            super(message);
        }

        public DeploymentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A fingerprint of the contracts' bytecode, recorded with their addresses. */
    public static String codeVersion() {
        var codes = new StringBuilder();
        for (String binary : List.of(PicktartupToken.BINARY, FundingRound.BINARY, FundingRoundFactory.BINARY)) {
            codes.append(Hash.sha3String(binary));
        }
        return Hash.sha3String(codes.toString()).substring(2, 18);
    }

    /** The recorded addresses (token, implementation, factory) of a record file. */
    public static Map<String, String> addresses(Path record) throws IOException {
        var root = JSON.readTree(record.toFile());
        var addresses = new LinkedHashMap<String, String>();
        for (String name : CONTRACTS) {
            addresses.put(name, root.path("contracts").path(name).path("address").asText());
        }
        return addresses;
    }

    /**
     * Brings the chain to the plan: performs the steps the record does not show as done on chain, recording each one.
     * Refuses (before sending anything) a node on another chain, a record of another chain, another deployer or other
     * code, and a recorded contract without code (a wrong RPC URL, or a chain that was reset).
     */
    public void apply(DeploymentPlan plan, Path recordFile) throws IOException {
        long nodeChain = web3j.ethChainId().send().getChainId().longValueExact();
        if (nodeChain != plan.chainId()) {
            throw new DeploymentException("the node is on chain " + nodeChain + ", not " + plan.chainId()
                    + ": wrong RPC URL or --chain-id; nothing was sent");
        }
        var record = Files.exists(recordFile) ? (ObjectNode) JSON.readTree(recordFile.toFile()) : JSON.createObjectNode();
        checkRecordFits(record, plan);
        record.put("chainId", plan.chainId());
        record.put("deployer", address(deployer));
        record.put("code", codeVersion());
        var roles = record.putObject("roles");
        plan.keys().forEach(roles::put);
        roles.put("admin", plan.admin().orElse(address(deployer)));
        var parameters = record.putObject("parameters");
        parameters.put("mintCap", plan.mintCap().toString());
        parameters.put("adminDelaySeconds", plan.adminDelay().longValueExact());
        parameters.put("strayTokenRecipient", plan.strayTokenRecipient());
        var contracts = record.has("contracts") ? (ObjectNode) record.get("contracts") : record.putObject("contracts");
        var steps = record.has("steps") ? (ObjectNode) record.get("steps") : record.putObject("steps");
        save(record, recordFile);

        String token = deployContract(record, contracts, TOKEN, recordFile, PicktartupToken.BINARY,
                List.of(new Address(address(deployer)), new Address(plan.minter()), new Uint48(plan.adminDelay()),
                        new Uint256(plan.mintCap())));
        String implementation = deployContract(record, contracts, IMPLEMENTATION, recordFile, FundingRound.BINARY,
                List.of());
        String factory = deployContract(record, contracts, FACTORY, recordFile, FundingRoundFactory.BINARY,
                List.of(new Address(address(deployer)), new Address(plan.relayer()), new Address(plan.roundCreator()),
                        new Address(token), new Address(implementation), new Uint48(plan.adminDelay()),
                        new Address(plan.strayTokenRecipient())));
        record.put("deploymentBlock", CONTRACTS.stream().mapToLong(n -> contracts.path(n).path("block").asLong())
                .min().orElseThrow());
        save(record, recordFile);

        var tokenContract = PicktartupToken.load(token, web3j, readOnly(), new DefaultGasProvider());
        var factoryContract = FundingRoundFactory.load(factory, web3j, readOnly(), new DefaultGasProvider());
        byte[] registrar = call(tokenContract.ESCROW_REGISTRAR_ROLE());
        step(record, steps, "escrowRegistrar", recordFile, token,
                tokenContract.grantRole(registrar, factory).encodeFunctionCall(),
                () -> call(tokenContract.hasRole(registrar, factory)));
        if (plan.admin().isPresent() && !plan.admin().get().equals(address(deployer))) {
            String admin = plan.admin().get();
            byte[] pauser = call(tokenContract.PAUSER_ROLE());
            step(record, steps, "pauserToAdmin", recordFile, token,
                    tokenContract.grantRole(pauser, admin).encodeFunctionCall(),
                    () -> call(tokenContract.hasRole(pauser, admin)));
            step(record, steps, "pauserRenouncedByDeployer", recordFile, token,
                    tokenContract.renounceRole(pauser, address(deployer)).encodeFunctionCall(),
                    () -> !call(tokenContract.hasRole(pauser, address(deployer))));
            step(record, steps, "tokenAdminHandover", recordFile, token,
                    tokenContract.beginDefaultAdminTransfer(admin).encodeFunctionCall(),
                    () -> admin.equalsIgnoreCase(call(tokenContract.defaultAdmin()))
                            || admin.equalsIgnoreCase(call(tokenContract.pendingDefaultAdmin()).component1()));
            step(record, steps, "factoryAdminHandover", recordFile, factory,
                    factoryContract.beginDefaultAdminTransfer(admin).encodeFunctionCall(),
                    () -> admin.equalsIgnoreCase(call(factoryContract.defaultAdmin()))
                            || admin.equalsIgnoreCase(call(factoryContract.pendingDefaultAdmin()).component1()));
        }
    }

    private void checkRecordFits(JsonNode record, DeploymentPlan plan) {
        if (record.isEmpty()) {
            return;
        }
        if (record.path("chainId").asLong() != plan.chainId()) {
            throw new DeploymentException("the record is of chain " + record.path("chainId").asLong() + ", not "
                    + plan.chainId() + ": use another --record file");
        }
        if (!record.path("deployer").asText().equalsIgnoreCase(address(deployer))) {
            throw new DeploymentException("the record was deployed by " + record.path("deployer").asText()
                    + ", not by this deployer key " + address(deployer));
        }
        if (record.path("contracts").path(TOKEN).has("address")
                && !codeVersion().equals(record.path("code").asText())) {
            throw new DeploymentException("the recorded contracts were built from other code (" + record.path("code")
                    .asText() + ", now " + codeVersion() + "): move the record aside to deploy the new code anew");
        }
        var roles = record.path("roles");
        plan.keys().forEach((name, address) -> {
            if (roles.has(name) && !roles.path(name).asText().equalsIgnoreCase(address)) {
                throw new DeploymentException("the record gives the " + name + " role to " + roles.path(name).asText()
                        + ", the plan to " + address + ": rotating a key is an admin's grant and revoke, not a redeploy");
            }
        });
        for (var entry : List.of(List.of("mintCap", plan.mintCap().toString(), "the admin's setMintCap"),
                List.of("adminDelaySeconds", plan.adminDelay().toString(), "the admin's changeDefaultAdminDelay"),
                List.of("strayTokenRecipient", plan.strayTokenRecipient(), "a new factory (it is immutable)"))) {
            var recorded = record.path("parameters").path(entry.get(0));
            if (!recorded.isMissingNode() && !recorded.asText().equals(entry.get(1))) {
                throw new DeploymentException("the record has " + entry.get(0) + " " + recorded.asText()
                        + ", the plan " + entry.get(1) + ": a deployed contract changes it through " + entry.get(2));
            }
        }
    }

    /** Deploys one contract unless the record shows it on chain; returns its address. */
    private String deployContract(ObjectNode record, ObjectNode contracts, String name, Path recordFile, String binary,
                                  List<Type> constructor) throws IOException {
        var entry = contracts.has(name) ? (ObjectNode) contracts.get(name) : contracts.putObject(name);
        if (entry.has("address")) {
            String address = entry.get("address").asText();
            if (!hasCode(address)) {
                throw new DeploymentException("the recorded " + name + " at " + address + " has no code on this chain "
                        + "(wrong RPC URL, or the chain was reset): move the record aside to deploy anew");
            }
            out.println("skip   " + name + " at " + address + " (recorded, code present)");
            return address;
        }
        var receipt = entry.has("txHash") ? resume(entry.get("txHash").asText()) : Optional.<TransactionReceipt>empty();
        if (receipt.isEmpty()) {
            String init = binary + FunctionEncoder.encodeConstructor(constructor);
            String hash = send(null, init);
            entry.put("txHash", hash);
            save(record, recordFile);
            receipt = Optional.of(await(hash, name));
        }
        if (!receipt.get().isStatusOK() || receipt.get().getContractAddress() == null) {
            entry.remove("txHash");
            save(record, recordFile);
            throw new DeploymentException("deploying the " + name + " reverted in " + receipt.get().getTransactionHash());
        }
        String address = receipt.get().getContractAddress().toLowerCase(Locale.ROOT);
        entry.put("address", address);
        entry.put("txHash", receipt.get().getTransactionHash());
        entry.put("block", receipt.get().getBlockNumber().longValueExact());
        entry.put("gasUsed", receipt.get().getGasUsed().longValueExact());
        // ABI-encoded, as a block explorer's source verification asks for them
        entry.put("constructorArguments", FunctionEncoder.encodeConstructor(constructor));
        save(record, recordFile);
        out.println("deploy " + name + ": " + receipt.get().getGasUsed() + " gas, at " + address + " (block "
                + receipt.get().getBlockNumber() + ")");
        return address;
    }

    /** A condition read from the chain (true when the step's effect is there). */
    private interface Condition {
        boolean holds() throws IOException;
    }

    /** Sends one admin call unless its effect is already on chain. */
    private void step(ObjectNode record, ObjectNode steps, String name, Path recordFile, String to, String data,
                      Condition done) throws IOException {
        var entry = steps.has(name) ? (ObjectNode) steps.get(name) : steps.putObject(name);
        if (done.holds()) {
            out.println("skip   " + name + " (on chain)");
            return;
        }
        var receipt = entry.has("txHash") ? resume(entry.get("txHash").asText()) : Optional.<TransactionReceipt>empty();
        if (receipt.isEmpty() || !receipt.get().isStatusOK()) {
            String hash = send(to, data);
            entry.put("txHash", hash);
            save(record, recordFile);
            receipt = Optional.of(await(hash, name));
        }
        if (!receipt.get().isStatusOK()) {
            throw new DeploymentException(name + " reverted in " + receipt.get().getTransactionHash() + ": "
                    + revertReason(to, data));
        }
        entry.put("txHash", receipt.get().getTransactionHash());
        entry.put("block", receipt.get().getBlockNumber().longValueExact());
        entry.put("gasUsed", receipt.get().getGasUsed().longValueExact());
        save(record, recordFile);
        if (!done.holds()) {
            throw new DeploymentException(name + " was mined in " + receipt.get().getTransactionHash()
                    + " but its effect is not on chain");
        }
        out.println("step   " + name + ": " + receipt.get().getGasUsed() + " gas");
    }

    /** The receipt of a transaction sent by an earlier run: waits while the node still knows it; empty if dropped. */
    private Optional<TransactionReceipt> resume(String hash) throws IOException {
        var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
        if (receipt.isPresent()) {
            return receipt;
        }
        if (web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent()) {
            out.println("wait   for " + hash + ", sent by an earlier run");
            return Optional.of(await(hash, "an earlier run's transaction"));
        }
        return Optional.empty();
    }

    /** Signs (EIP-155) and broadcasts a transaction from the deployer; {@code to} null creates a contract. */
    private String send(String to, String data) throws IOException {
        String from = address(deployer);
        BigInteger price = fixedGasPrice.isPresent() ? fixedGasPrice.get() : web3j.ethGasPrice().send().getGasPrice();
        BigInteger balance = web3j.ethGetBalance(from, DefaultBlockParameterName.LATEST).send().getBalance();
        if (balance.signum() == 0) {
            throw new DeploymentException("the deployer " + from + " holds no native coin to pay gas: fund it and run "
                    + "again");
        }
        var estimate = web3j.ethEstimateGas(to == null
                ? Transaction.createContractTransaction(from, null, price, data)
                : Transaction.createFunctionCallTransaction(from, null, price, null, to, data)).send();
        if (estimate.hasError()) {
            throw new DeploymentException("the node refuses the transaction (" + (to == null ? "a deployment" : "to " + to)
                    + "): " + estimate.getError().getMessage() + revertData(estimate.getError()));
        }
        // a fifth more than estimated: the estimate is for the state now, the margin is unspent gas, not paid
        BigInteger limit = estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
        BigInteger needed = limit.multiply(price);
        if (balance.compareTo(needed) < 0) {
            throw new DeploymentException("the deployer " + from + " holds " + balance + " wei, the next transaction "
                    + "may need " + needed + " wei (" + limit + " gas at " + price + " wei): fund it and run again");
        }
        BigInteger nonce = web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
        var transaction = to == null
                ? RawTransaction.createContractTransaction(nonce, price, limit, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(nonce, price, limit, to, BigInteger.ZERO, data);
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(transaction, chainId, deployer));
        var sent = web3j.ethSendRawTransaction(raw).send();
        if (sent.hasError()) {
            throw new DeploymentException("the node refused the transaction: " + sent.getError().getMessage());
        }
        return sent.getTransactionHash();
    }

    private TransactionReceipt await(String hash, String what) throws IOException {
        Instant deadline = Instant.now().plus(receiptTimeout);
        while (Instant.now().isBefore(deadline)) {
            var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("interrupted while waiting for " + hash);
            }
        }
        throw new DeploymentException(what + " (" + hash + ") was not mined within " + receiptTimeout.toSeconds()
                + " s: run again later, it resumes from the record");
    }

    private String revertReason(String to, String data) throws IOException {
        var call = web3j.ethCall(Transaction.createEthCallTransaction(address(deployer), to, data),
                DefaultBlockParameterName.LATEST).send();
        return call.hasError() ? call.getError().getMessage() + revertData(call.getError()) : "no reason on replay";
    }

    private static String revertData(org.web3j.protocol.core.Response.Error error) {
        return error.getData() == null ? "" : " " + error.getData();
    }

    /**
     * Reads everything back and checks it against the plan and the record: the chain id, code at each address, the
     * factory's token and implementation, the mint cap and admin delay, each key's one role and no other, the
     * escrow registrar, and who administers (or is about to administer) both contracts. Returns the failed checks,
     * each one a sentence; empty when the deployment is as planned.
     */
    public List<String> verify(DeploymentPlan plan, Path recordFile) throws IOException {
        var failures = new ArrayList<String>();
        long nodeChain = web3j.ethChainId().send().getChainId().longValueExact();
        if (nodeChain != plan.chainId()) {
            failures.add("the node is on chain " + nodeChain + ", not " + plan.chainId());
            return failures;
        }
        if (!Files.exists(recordFile)) {
            failures.add("no record at " + recordFile);
            return failures;
        }
        var record = JSON.readTree(recordFile.toFile());
        if (record.path("chainId").asLong() != plan.chainId()) {
            failures.add("the record is of chain " + record.path("chainId").asLong());
        }
        var addresses = addresses(recordFile);
        for (var entry : addresses.entrySet()) {
            if (entry.getValue().isEmpty() || !hasCode(entry.getValue())) {
                failures.add("no code for the " + entry.getKey() + " at " + entry.getValue());
            }
        }
        if (!failures.isEmpty()) {
            return failures;
        }
        if (record.path("deploymentBlock").asLong(0) <= 0) {
            failures.add("the record has no deployment block");
        }
        var token = PicktartupToken.load(addresses.get(TOKEN), web3j, readOnly(), new DefaultGasProvider());
        var factory = FundingRoundFactory.load(addresses.get(FACTORY), web3j, readOnly(), new DefaultGasProvider());
        expect(failures, "the factory's token", addresses.get(TOKEN), call(factory.token()));
        expect(failures, "the factory's round implementation", addresses.get(IMPLEMENTATION),
                call(factory.implementation()));
        expect(failures, "the factory's stray token recipient", plan.strayTokenRecipient(),
                call(factory.strayTokenRecipient()));
        // the one account that may ever register escrows (which pull deposits): the factory, fixed for good
        expect(failures, "the token's escrow registrar", addresses.get(FACTORY), call(token.escrowRegistrar()));
        expect(failures, "the token's symbol", "PKN", call(token.symbol()));
        expect(failures, "the token's decimals", BigInteger.valueOf(18), call(token.decimals()));
        expect(failures, "the token's mint cap", plan.mintCap(), call(token.mintAllowance()).component1());
        expect(failures, "the token's admin delay", plan.adminDelay(), call(token.defaultAdminDelay()));
        expect(failures, "the factory's admin delay", plan.adminDelay(), call(factory.defaultAdminDelay()));

        // every role of both contracts, and who must hold it among the accounts this deployment knows
        var roles = new LinkedHashMap<String, RoleCheck>();
        roles.put("token DEFAULT_ADMIN_ROLE", new RoleCheck(token::hasRole, DEFAULT_ADMIN_ROLE));
        roles.put("token MINTER_ROLE", new RoleCheck(token::hasRole, call(token.MINTER_ROLE())));
        roles.put("token PAUSER_ROLE", new RoleCheck(token::hasRole, call(token.PAUSER_ROLE())));
        roles.put("token ESCROW_REGISTRAR_ROLE", new RoleCheck(token::hasRole, call(token.ESCROW_REGISTRAR_ROLE())));
        roles.put("factory DEFAULT_ADMIN_ROLE", new RoleCheck(factory::hasRole, DEFAULT_ADMIN_ROLE));
        roles.put("factory RELAYER_ROLE", new RoleCheck(factory::hasRole, call(factory.RELAYER_ROLE())));
        roles.put("factory ROUND_CREATOR_ROLE", new RoleCheck(factory::hasRole, call(factory.ROUND_CREATOR_ROLE())));
        String deployerAddress = address(deployer);
        String admin = plan.admin().orElse(deployerAddress);
        boolean handedOver = !admin.equals(deployerAddress);
        var accounts = new LinkedHashMap<String, String>(plan.keys());
        accounts.put("factory", addresses.get(FACTORY));
        accounts.put("deployer", deployerAddress);
        if (handedOver) {
            accounts.put("admin", admin);
        }
        var intended = Map.of(
                "minter", List.of("token MINTER_ROLE"),
                "relayer", List.of("factory RELAYER_ROLE"),
                "roundCreator", List.of("factory ROUND_CREATOR_ROLE"),
                "factory", List.of("token ESCROW_REGISTRAR_ROLE"),
                // the deployer stays admin until the new admin accepts; it keeps no pauser role once one is named
                "deployer", handedOver ? List.of("token DEFAULT_ADMIN_ROLE", "factory DEFAULT_ADMIN_ROLE")
                        : List.of("token DEFAULT_ADMIN_ROLE", "token PAUSER_ROLE", "factory DEFAULT_ADMIN_ROLE"),
                "admin", List.of("token DEFAULT_ADMIN_ROLE", "token PAUSER_ROLE", "factory DEFAULT_ADMIN_ROLE"));
        boolean tokenAccepted = handedOver && admin.equalsIgnoreCase(call(token.defaultAdmin()));
        boolean factoryAccepted = handedOver && admin.equalsIgnoreCase(call(factory.defaultAdmin()));
        for (var account : accounts.entrySet()) {
            for (var role : roles.entrySet()) {
                boolean should = intended.get(account.getKey()).contains(role.getKey());
                // during the handover exactly one of deployer and admin holds each admin role: the new admin once
                // it accepted, the deployer until then
                boolean adminSide = account.getKey().equals("admin") || account.getKey().equals("deployer");
                if (handedOver && adminSide && role.getKey().equals("token DEFAULT_ADMIN_ROLE")) {
                    should = account.getKey().equals("admin") == tokenAccepted;
                } else if (handedOver && adminSide && role.getKey().equals("factory DEFAULT_ADMIN_ROLE")) {
                    should = account.getKey().equals("admin") == factoryAccepted;
                }
                boolean holds = role.getValue().holds(account.getValue());
                if (holds != should) {
                    failures.add("the " + account.getKey() + " " + account.getValue() + (holds ? " holds " : " lacks ")
                            + role.getKey() + (holds ? ", which is not its role" : ""));
                }
            }
        }
        if (handedOver) {
            if (!tokenAccepted) {
                expect(failures, "the token's pending admin", admin, call(token.pendingDefaultAdmin()).component1());
            }
            if (!factoryAccepted) {
                expect(failures, "the factory's pending admin", admin, call(factory.pendingDefaultAdmin()).component1());
            }
        }
        return failures;
    }

    /** Records the verification in the record file: when, at which block. */
    public void recordVerified(Path recordFile) throws IOException {
        var record = (ObjectNode) JSON.readTree(recordFile.toFile());
        var verified = record.putObject("verified");
        verified.put("at", Instant.now().toString());
        verified.put("block", web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
        save(record, recordFile);
    }

    private interface HasRole {
        org.web3j.protocol.core.RemoteFunctionCall<Boolean> hasRole(byte[] role, String account);
    }

    private record RoleCheck(HasRole contract, byte[] role) {
        boolean holds(String account) throws IOException {
            return call(contract.hasRole(role, account));
        }
    }

    private static void expect(List<String> failures, String what, Object expected, Object actual) {
        boolean same = expected instanceof String e && actual instanceof String a ? e.equalsIgnoreCase(a)
                : expected.equals(actual);
        if (!same) {
            failures.add(what + " is " + actual + ", expected " + expected);
        }
    }

    private boolean hasCode(String address) throws IOException {
        String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }

    private ReadonlyTransactionManager readOnly() {
        return new ReadonlyTransactionManager(web3j, address(deployer));
    }

    private static <T> T call(org.web3j.protocol.core.RemoteFunctionCall<T> call) throws IOException {
        try {
            return call.send();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("reading the chain failed: " + e.getMessage(), e);
        }
    }

    private static String address(Credentials credentials) {
        return credentials.getAddress().toLowerCase(Locale.ROOT);
    }

    /** Writes the record atomically (a crash never leaves half a file). */
    private static void save(JsonNode record, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".deployment", ".json");
        Files.writeString(temporary, JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

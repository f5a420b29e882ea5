package io.picktartup.it;

import io.picktartup.chain.contract.FundingRoundFactory;
import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.DevChain;
import io.picktartup.launcher.Platform;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Separate keys on the running platform: a mint goes out from the minter, a new round's escrow from the round
 * creator, and neither is the relayer; the relayer key cannot create a round or mint (the contracts answer with
 * OpenZeppelin's AccessControlUnauthorizedAccount); readiness goes DOWN, naming the key and the role, when a key is
 * granted a role that is not its own, and UP again once it is revoked.
 */
@ExtendWith(RunningPlatform.class)
class ChainKeysIT {

    /** {@code AccessControlUnauthorizedAccount(address account, bytes32 neededRole)}. */
    private static final String UNAUTHORIZED = "0xe2517d3f";
    private static final Credentials ADMIN = Platform.devAccount(DevChain.ADMIN);
    private static final String RELAYER = address(DevChain.RELAYER);
    private static final String MINTER = address(DevChain.MINTER);
    private static final String ROUND_CREATOR = address(DevChain.ROUND_CREATOR);
    private static Web3j web3j;
    private static PicktartupToken token;
    private static FundingRoundFactory factory;

    @BeforeAll
    static synchronized void connect() {
        if (web3j != null) {
            return;
        }
        web3j = Web3j.build(new HttpService(RunningPlatform.platform().chainRpcUrl()));
        // the contracts' admin (dev account 0): only this test's grant and revoke are sent with it
        var admin = new RawTransactionManager(web3j, ADMIN, DevChain.CHAIN_ID);
        var gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(200_000));
        token = PicktartupToken.load(RunningPlatform.platform().contracts().get("token"), web3j, admin, gas);
        factory = FundingRoundFactory.load(RunningPlatform.platform().contracts().get("factory"), web3j, admin, gas);
    }

    private static String address(int account) {
        return Platform.devAccount(account).getAddress().toLowerCase(Locale.ROOT);
    }

    @Test
    void eachIntentGoesOutFromTheKeyOfItsRole() throws Exception {
        var startup = Funding.startup("Keyring");
        var round = Funding.openRound(startup, "1000", "2000", "10", 10_000, Funding.inDays(10));
        String wallet = ChainIT.newAddress();
        Funding.fund(wallet, 3);

        assertThat(senderOf("round-open:" + round.getString("id"))).isEqualTo(ROUND_CREATOR);
        var mints = ChainIT.strings("select from_address from chain_transaction where kind = 'mint' and status = 'CONFIRMED'");
        assertThat(mints).isNotEmpty().containsOnly(MINTER);
        // the relayer's, the minter's and the round creator's nonces are counted apart
        assertThat(ChainIT.strings("select address from relayer_nonce")).contains(MINTER, ROUND_CREATOR);

        var data = chainCheck().getJsonObject("data");
        assertThat(data.getString("relayer")).isEqualTo(RELAYER);
        assertThat(data.getString("minter")).isEqualTo(MINTER);
        assertThat(data.getString("round-creator")).isEqualTo(ROUND_CREATOR);
        var metrics = Http.get("/metrics?scope=application", Map.of("Accept", "text/plain")).body();
        assertThat(metrics).containsPattern("(?m)^chain_minter_balance\\{[^}]*} [1-9]")
                .containsPattern("(?m)^chain_round_creator_balance\\{[^}]*} [1-9]");
    }

    /** The transaction's sender as mined (from the receipt, not from the outbox row). */
    private static String senderOf(String businessKey) throws Exception {
        String hash = ChainIT.row(businessKey).get("tx_hash");
        assertThat(hash).as("tx of " + businessKey).isNotNull();
        return web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElseThrow().getFrom()
                .toLowerCase(Locale.ROOT);
    }

    @Test
    void theRelayerKeyCanNeitherCreateARoundNorMint() throws Exception {
        String wallet = ChainIT.newAddress();
        // chain time, which other tests may have moved ahead of the clock
        BigInteger now = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp();
        String createRound = factory.createRound(ChainIT.randomId(), wallet, Funding.PKN, Funding.PKN.multiply(BigInteger.TWO),
                Funding.PKN, now.add(BigInteger.valueOf(Duration.ofDays(30).toSeconds()))).encodeFunctionCall();
        String mint = token.mint(wallet, Funding.PKN, ChainIT.randomId()).encodeFunctionCall();

        assertThat(revert(RELAYER, factory.getContractAddress(), createRound))
                .isEqualTo(unauthorized(RELAYER, factory.ROUND_CREATOR_ROLE().send()));
        assertThat(revert(RELAYER, token.getContractAddress(), mint))
                .isEqualTo(unauthorized(RELAYER, token.MINTER_ROLE().send()));
        // nor can the minter open rounds, or the round creator mint
        assertThat(revert(MINTER, factory.getContractAddress(), createRound))
                .isEqualTo(unauthorized(MINTER, factory.ROUND_CREATOR_ROLE().send()));
        assertThat(revert(ROUND_CREATOR, token.getContractAddress(), mint))
                .isEqualTo(unauthorized(ROUND_CREATOR, token.MINTER_ROLE().send()));
        // while each key's own call goes through
        assertThat(revert(ROUND_CREATOR, factory.getContractAddress(), createRound)).isEmpty();
        assertThat(revert(MINTER, token.getContractAddress(), mint)).isEmpty();
    }

    /**
     * The call from {@code from} against the latest state, as the node runs it for that account's signed transaction;
     * the revert data, or empty when it would succeed. (No transaction is sent: the keys' nonces are the platform's.)
     */
    private static String revert(String from, String to, String data) throws Exception {
        var call = web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), DefaultBlockParameterName.LATEST)
                .send();
        if (!call.hasError()) {
            return "";
        }
        // web3j 4.13 keeps the JSON quotes around the error data
        return String.valueOf(call.getError().getData()).replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static String unauthorized(String account, byte[] role) {
        return UNAUTHORIZED + "0".repeat(24) + account.substring(2) + Numeric.toHexStringNoPrefix(role);
    }

    @Test
    void readinessGoesDownWhileAKeyHoldsARoleThatIsNotItsOwn() throws Exception {
        assertThat(chainCheck().getString("status")).isEqualTo("UP");
        byte[] minterRole = token.MINTER_ROLE().send();
        assertThat(token.grantRole(minterRole, RELAYER).send().isStatusOK()).isTrue();
        try {
            var down = awaitChainCheck("DOWN");
            assertThat(down.getJsonObject("data").getString("problem"))
                    .isEqualTo("the relayer key " + RELAYER + " holds MINTER_ROLE on the token, which is not its role");
            assertThat(Http.get("/health/ready").statusCode()).isEqualTo(503);
        } finally {
            // keep the shared platform healthy for the other tests
            assertThat(token.revokeRole(minterRole, RELAYER).send().isStatusOK()).isTrue();
        }
        awaitChainCheck("UP");

        // a role of the admin's: a round creator that could pause the token
        byte[] pauser = token.PAUSER_ROLE().send();
        assertThat(token.grantRole(pauser, ROUND_CREATOR).send().isStatusOK()).isTrue();
        try {
            assertThat(awaitChainCheck("DOWN").getJsonObject("data").getString("problem"))
                    .contains("the round-creator key " + ROUND_CREATOR + " holds PAUSER_ROLE on the token");
        } finally {
            assertThat(token.revokeRole(pauser, ROUND_CREATOR).send().isStatusOK()).isTrue();
        }
        assertThat(awaitChainCheck("UP").getJsonObject("data").containsKey("problem")).isFalse();
        assertThat(Http.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void theSecondRecoveryAgentKeyMustHoldTheShareFactorysAgentRole() throws Exception {
        String agent = address(DevChain.SECOND_AGENT);
        assertThat(chainCheck().getJsonObject("data").getString("second-agent")).isEqualTo(agent);
        assertThat(agent).isNotEqualTo(RELAYER); // the first agent: a recovery needs two keys
        var admin = new RawTransactionManager(web3j, ADMIN, DevChain.CHAIN_ID);
        var gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(200_000));
        var shares = io.picktartup.chain.contract.ShareTokenFactory.load(
                RunningPlatform.platform().contracts().get("shareFactory"), web3j, admin, gas);
        byte[] agentRole = shares.AGENT_ROLE().send();
        assertThat(shares.hasRole(agentRole, agent).send()).isTrue();
        assertThat(shares.revokeRole(agentRole, agent).send().isStatusOK()).isTrue();
        try {
            assertThat(awaitChainCheck("DOWN").getJsonObject("data").getString("problem"))
                    .contains("the second-agent key " + agent + " lacks AGENT_ROLE on the share factory");
        } finally {
            assertThat(shares.grantRole(agentRole, agent).send().isStatusOK()).isTrue();
        }
        assertThat(awaitChainCheck("UP").getJsonObject("data").containsKey("problem")).isFalse();
    }

    private static JsonObject chainCheck() {
        var response = Http.get("/health/ready");
        return Http.json(response).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("chain")).findFirst().orElseThrow();
    }

    private static JsonObject awaitChainCheck(String status) throws Exception {
        JsonObject[] last = new JsonObject[1];
        ChainIT.await("the chain check is " + status, () -> {
            last[0] = chainCheck();
            return status.equals(last[0].getString("status"));
        }, Duration.ofSeconds(30));
        return last[0];
    }
}

package io.picktartup.chain.contract;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The contracts as the platform deploys them (token, round implementation, factory) on a {@link Chain}, with the
 * platform's accounts (admin, relayer) and the helpers tests need to act as the platform and its users.
 */
final class Platform {

    static final BigInteger PKN = BigInteger.TEN.pow(18);
    static final long HOUR = 3600;
    static final long DAY = 24 * HOUR;
    /** How long a new admin waits before accepting the handover. */
    static final long ADMIN_DELAY = 2 * DAY;
    /** The minter's cap per day: high enough for every test but the cap's own. */
    static final BigInteger MINT_CAP = PKN.multiply(BigInteger.valueOf(10_000_000));

    final Chain chain;
    final Credentials admin;
    final Credentials relayer;
    final Credentials stranger;
    /** Separate keys, as in production: the minter mints, the round creator opens rounds, the relayer relays. */
    final Credentials minter;
    final Credentials roundCreator;
    /** Where settled rounds' stray tokens are swept to (fixed in the factory at deployment). */
    final Credentials treasury;
    final PicktartupToken token;
    final FundingRound implementation;
    final FundingRoundFactory factory;
    final TransactionReceipt tokenDeploy;
    final TransactionReceipt implementationDeploy;
    final TransactionReceipt factoryDeploy;
    private long ids;

    Platform(Chain chain) {
        this.chain = chain;
        this.admin = chain.account(0);
        this.relayer = chain.account(1);
        this.stranger = chain.account(2);
        this.minter = chain.newWallet();
        this.roundCreator = chain.newWallet();
        this.treasury = chain.newWallet();
        chain.setEthBalance(minter.getAddress(), PKN.multiply(BigInteger.valueOf(10_000)));
        chain.setEthBalance(roundCreator.getAddress(), PKN.multiply(BigInteger.valueOf(10_000)));
        try {
            token = PicktartupToken.deploy(chain.web3j(), chain.txManager(admin), chain.gas(), admin.getAddress(),
                    minter.getAddress(), BigInteger.valueOf(ADMIN_DELAY), MINT_CAP).send();
            implementation = FundingRound.deploy(chain.web3j(), chain.txManager(admin), chain.gas()).send();
            factory = FundingRoundFactory.deploy(chain.web3j(), chain.txManager(admin), chain.gas(),
                    admin.getAddress(), relayer.getAddress(), roundCreator.getAddress(), token.getContractAddress(),
                    implementation.getContractAddress(), BigInteger.valueOf(ADMIN_DELAY), treasury.getAddress()).send();
            // the factory registers each round it creates as an escrow (whose payouts pass a pause)
            chain.send(admin, token.getContractAddress(), token.grantRole(token.ESCROW_REGISTRAR_ROLE().send(),
                    factory.getContractAddress()).encodeFunctionCall());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        tokenDeploy = token.getTransactionReceipt().orElseThrow();
        implementationDeploy = implementation.getTransactionReceipt().orElseThrow();
        factoryDeploy = factory.getTransactionReceipt().orElseThrow();
    }

    static BigInteger pkn(long whole) {
        return PKN.multiply(BigInteger.valueOf(whole));
    }

    /** A unique 32-byte business id whose first byte is zero (to catch any leading-zero loss). */
    byte[] newId(String kind) {
        byte[] id = sha256(kind + ":" + (++ids) + ":" + System.nanoTime());
        id[0] = 0;
        return id;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    TransactionReceipt mint(String to, BigInteger amount) {
        return chain.send(minter, token.getContractAddress(), token.mint(to, amount, newId("payment")).encodeFunctionCall());
    }

    BigInteger balanceOf(String address) {
        try {
            return token.balanceOf(address).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A round as the platform opens it; returns the loaded wrapper (relayer as sender). */
    Round createRound(String startupWallet, BigInteger goal, BigInteger hardCap, BigInteger minInvestment,
            long secondsToDeadline) {
        long deadline = chain.now() + secondsToDeadline;
        byte[] roundId = newId("round");
        TransactionReceipt receipt = chain.send(roundCreator, factory.getContractAddress(),
                factory.createRound(roundId, startupWallet, goal, hardCap, minInvestment, BigInteger.valueOf(deadline))
                        .encodeFunctionCall());
        String address = FundingRoundFactory.getRoundCreatedEvents(receipt).get(0).round;
        return new Round(FundingRound.load(address, chain.web3j(), chain.txManager(relayer), chain.gas()), deadline,
                receipt);
    }

    record Round(FundingRound contract, long deadline, TransactionReceipt creation) {
        String address() {
            return contract.getContractAddress();
        }
    }

    /** The investor's signed consent for depositing {@code amount} into the round, as the relayer carries it. */
    FundingRound.Deposit signedDeposit(Credentials investor, String round, BigInteger amount, byte[] termsHash,
            BigInteger consentNonce, long deadline) {
        BigInteger dl = BigInteger.valueOf(deadline);
        Sign.SignatureData consent = Signatures.investment(investor, chain.chainId(), round, amount, termsHash,
                consentNonce, dl);
        return new FundingRound.Deposit(investor.getAddress(), amount, termsHash, consentNonce, dl,
                Signatures.v(consent), consent.getR(), consent.getS());
    }

    TransactionReceipt deposit(Round round, FundingRound.Deposit d) {
        return chain.send(relayer, round.address(), round.contract().deposit(d).encodeFunctionCall());
    }

    TransactionReceipt depositBatch(Round round, List<FundingRound.Deposit> ds) {
        return chain.send(relayer, round.address(), round.contract().depositBatch(ds).encodeFunctionCall());
    }

    TransactionReceipt cancel(Round round, Credentials investor, BigInteger nonce, long deadline) {
        Sign.SignatureData sig = Signatures.cancel(investor, chain.chainId(), round.address(), nonce,
                BigInteger.valueOf(deadline));
        return chain.send(relayer, round.address(), round.contract().cancel(investor.getAddress(), nonce,
                BigInteger.valueOf(deadline), Signatures.v(sig), sig.getR(), sig.getS()).encodeFunctionCall());
    }

    String cancelData(Round round, Credentials investor, BigInteger nonce, long deadline) {
        Sign.SignatureData sig = Signatures.cancel(investor, chain.chainId(), round.address(), nonce,
                BigInteger.valueOf(deadline));
        return round.contract().cancel(investor.getAddress(), nonce, BigInteger.valueOf(deadline), Signatures.v(sig),
                sig.getR(), sig.getS()).encodeFunctionCall();
    }

    BigInteger consentNonce(Round round, String investor) {
        return call(() -> round.contract().positionOf(investor).send().component2());
    }

    BigInteger position(Round round, String investor) {
        return call(() -> round.contract().positionOf(investor).send().component1());
    }

    static String hex(byte[] bytes) {
        return Numeric.toHexString(bytes);
    }

    interface Call<T> {
        T get() throws Exception;
    }

    static <T> T call(Call<T> call) {
        try {
            return call.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.picktartup.chain.contract;

import static io.picktartup.chain.contract.Platform.DAY;
import static io.picktartup.chain.contract.Platform.pkn;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The share contracts as the platform deploys them next to a {@link Platform} (eligibility registry, share-token
 * implementation, factory), its compliance agent, issuer and two recovery agents, and a released round to issue.
 */
final class Shares {

    /** One share costs 10 PKN in the rounds made here. */
    static final BigInteger PRICE = pkn(10);
    static final long LOCKUP = 180 * DAY;

    final Platform platform;
    final Chain chain;
    final Credentials compliance;
    final Credentials issuer;
    final Credentials agent;
    final Credentials secondAgent;
    final EligibilityRegistry registry;
    final ShareToken implementation;
    final ShareTokenFactory factory;
    final TransactionReceipt registryDeploy;
    final TransactionReceipt implementationDeploy;
    final TransactionReceipt factoryDeploy;
    private long identities;

    Shares(Platform platform) {
        this.platform = platform;
        this.chain = platform.chain;
        this.compliance = funded();
        this.issuer = funded();
        this.agent = funded();
        this.secondAgent = funded();
        Credentials admin = platform.admin;
        try {
            registry = EligibilityRegistry.deploy(chain.web3j(), chain.txManager(admin), chain.gas(),
                    admin.getAddress(), compliance.getAddress(), BigInteger.valueOf(Platform.ADMIN_DELAY)).send();
            implementation = ShareToken.deploy(chain.web3j(), chain.txManager(admin), chain.gas()).send();
            factory = ShareTokenFactory.deploy(chain.web3j(), chain.txManager(admin), chain.gas(), admin.getAddress(),
                    issuer.getAddress(), agent.getAddress(), secondAgent.getAddress(), registry.getContractAddress(),
                    platform.factory.getContractAddress(), implementation.getContractAddress(),
                    BigInteger.valueOf(Platform.ADMIN_DELAY)).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        registryDeploy = registry.getTransactionReceipt().orElseThrow();
        implementationDeploy = implementation.getTransactionReceipt().orElseThrow();
        factoryDeploy = factory.getTransactionReceipt().orElseThrow();
    }

    private Credentials funded() {
        Credentials c = chain.newWallet();
        chain.setEthBalance(c.getAddress(), pkn(10_000));
        return c;
    }

    /** A new identity key (what the platform derives from an account id). */
    BigInteger newIdentity() {
        return new BigInteger(1, Platform.sha256("identity:" + (++identities) + ":" + System.nanoTime()))
                .shiftRight(8);
    }

    TransactionReceipt setLevel(String wallet, BigInteger identity, int level) {
        return chain.send(compliance, registry.getContractAddress(),
                registry.setLevel(wallet, identity, BigInteger.valueOf(level)).encodeFunctionCall());
    }

    /** A round whose investors each deposited their amount, then finalized and released (by a stranger). */
    Platform.Round releasedRound(List<Credentials> investors, List<BigInteger> amounts) {
        BigInteger total = amounts.stream().reduce(BigInteger.ZERO, BigInteger::add);
        Platform.Round round = platform.createRound(chain.newWallet().getAddress(), PRICE, total.max(PRICE).multiply(
                BigInteger.TWO), PRICE, 3 * DAY);
        List<FundingRound.Deposit> deposits = new ArrayList<>();
        for (int i = 0; i < investors.size(); i++) {
            Credentials investor = investors.get(i);
            platform.mint(investor.getAddress(), amounts.get(i));
            deposits.add(platform.signedDeposit(investor, round.address(), amounts.get(i), Platform.sha256("terms"),
                    platform.consentNonce(round, investor.getAddress()), chain.now() + DAY));
        }
        for (int from = 0; from < deposits.size(); from += 50) {
            platform.depositBatch(round, deposits.subList(from, Math.min(deposits.size(), from + 50)));
        }
        chain.increaseTime(round.deadline() - chain.now());
        chain.send(platform.stranger, round.address(), round.contract().finalizeRound().encodeFunctionCall());
        chain.send(platform.stranger, round.address(), round.contract().release().encodeFunctionCall());
        return round;
    }

    record Created(ShareToken token, TransactionReceipt receipt, long lockupEnd) {
        String address() {
            return token.getContractAddress();
        }
    }

    Created create(Platform.Round round) {
        TransactionReceipt receipt = chain.send(issuer, factory.getContractAddress(),
                factory.createShareToken(round.address(), PRICE).encodeFunctionCall());
        var event = ShareTokenFactory.getShareTokenCreatedEvents(receipt).get(0);
        return new Created(ShareToken.load(event.shareToken, chain.web3j(), chain.txManager(platform.stranger),
                chain.gas()), receipt, event.lockupEnd.longValueExact());
    }

    TransactionReceipt issueNext(Created shares, long maxCount) {
        return chain.send(platform.stranger, shares.address(),
                shares.token().issueNext(BigInteger.valueOf(maxCount)).encodeFunctionCall());
    }

    String transferBySigData(Created shares, Credentials from, String to, BigInteger amount, BigInteger nonce,
            long deadline) {
        Sign.SignatureData sig = Signatures.shareTransfer(from, chain.chainId(), shares.address(), to, amount, nonce,
                BigInteger.valueOf(deadline));
        return shares.token().transferBySig(from.getAddress(), to, amount, nonce, BigInteger.valueOf(deadline),
                Signatures.v(sig), sig.getR(), sig.getS()).encodeFunctionCall();
    }

    String transferData(Created shares, String to, long amount) {
        return shares.token().transfer(to, BigInteger.valueOf(amount)).encodeFunctionCall();
    }

    BigInteger balanceOf(Created shares, String holder) {
        return Platform.call(() -> shares.token().balanceOf(holder).send());
    }

    BigInteger totalSupply(Created shares) {
        return Platform.call(() -> shares.token().totalSupply().send());
    }
}

package io.picktartup.round.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.account.entity.Account;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.RoundCalls;
import io.picktartup.chain.control.TypedData;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.round.control.ContractDocuments;
import io.picktartup.round.control.RoundSettings;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.InvestmentContractTerms;
import io.picktartup.round.entity.InvestmentStateException;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.wallet.boundary.SignedMovement;
import io.picktartup.wallet.boundary.Signing;
import io.picktartup.wallet.boundary.Spending;
import io.picktartup.wallet.entity.TokenAmount;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Steps 2 and 3 of investing, and taking it back. Read: the contract document is generated once and kept. Sign: the
 * investor's key, opened once with the wallet password for this request ({@link Spending}), signs the EIP-712
 * consent over the document's SHA-256 for exactly that amount (one signature: the round pulls the PKN under it, no
 * permit); the relayer carries the deposit
 * through the chain outbox. Cancel: a signed cancel takes the investor's whole position back, until 48 hours before
 * the deadline.
 */
@Stateless
@DeclareRoles({"INVESTOR", "STARTUP", "ADMIN"})
public class InvestmentSigning {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    StartupRegister startups;

    @EJB
    Investments investments;

    @EJB
    Spending spending;

    @Inject
    RoundSettings settings;

    @Inject
    ContractDocuments documents;

    @Inject
    ChainSettings chainSettings;

    @Inject
    TypedData typedData;

    @Inject
    RoundCalls roundCalls;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The investment contract document (generated once, then kept); for the investor, the CEO and admins. */
    @PermitAll
    public byte[] document(UUID investmentId) {
        var investment = investments.find(investmentId);
        if (investment.hasDocument()) {
            return investment.document().orElseThrow();
        }
        if (!investment.belongsTo(Caller.accountId(context.getCallerPrincipal()).orElse(null))
                || investment.status() != Investment.Status.RESERVED) {
            throw new NotFoundException("Contract document", investmentId);
        }
        var locked = em.find(Investment.class, investmentId, LockModeType.PESSIMISTIC_WRITE);
        if (!locked.hasDocument()) {
            generateDocument(locked);
        }
        return locked.document().orElseThrow();
    }

    private void generateDocument(Investment investment) {
        var round = em.find(FundingRound.class, investment.roundId());
        var startup = startups.find(round.startupId());
        var investor = em.find(Account.class, investment.accountId());
        var terms = new InvestmentContractTerms(investment.id(),
                LocalDate.ofInstant(investment.createdAt(), Reservations.SEOUL), investor.name(), investor.email(),
                investment.investorAddress(), startup.name(), startup.ceoName(), startup.walletAddress(), round.name(),
                round.contractAddress().orElseThrow(), chainSettings.chainId(), investment.amount().baseUnits(),
                investment.amountKrw(), investment.shares(), round.pricePerShareKrw(), round.preMoneyValuationKrw(),
                round.deadline(), round.cancelCutoff(), round.terms());
        byte[] pdf = documents.render(terms);
        investment.document(pdf, ContractDocuments.sha256Hex(pdf));
    }

    /**
     * Signs the consent over the document's hash with the caller's key and queues the deposit. A
     * wrong password signs and queues nothing; a repeated click on a signed investment changes nothing.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Investment sign(UUID investmentId, String walletPassword) {
        if (walletPassword == null || walletPassword.isEmpty()) {
            throw new InvalidInputException("walletPassword", FieldRule.REQUIRED);
        }
        UUID investor = caller();
        var read = em.find(Investment.class, investmentId);
        if (read == null || !read.belongsTo(investor)) {
            throw new NotFoundException("Investment", investmentId);
        }
        if (read.status() == Investment.Status.PENDING || read.status() == Investment.Status.CONFIRMED) {
            return read; // signed already: a repeated click changes nothing
        }
        read.requireReserved(clock.now());
        if (!read.hasDocument()) {
            // its own short transaction (through the container, not this call), before the key is opened
            context.getBusinessObject(InvestmentSigning.class).document(investmentId);
        }
        return spending.sign(investor, walletPassword, new SignedMovement<Investment>() {
            public Optional<Investment> done() {
                var investment = em.find(Investment.class, investmentId, LockModeType.PESSIMISTIC_WRITE);
                var status = investment.status();
                return status == Investment.Status.PENDING || status == Investment.Status.CONFIRMED
                        ? Optional.of(investment) : Optional.empty();
            }

            public IntentKey key() {
                return read.depositIntent();
            }

            public TokenAmount newHold() {
                return TokenAmount.ZERO; // held since the reservation
            }

            public boolean usesNonce() {
                return true;
            }

            public Investment carry(Signing signing) {
                var investment = em.find(Investment.class, investmentId, LockModeType.PESSIMISTIC_WRITE);
                var now = signing.now();
                investment.requireReserved(now);
                var round = em.find(FundingRound.class, investment.roundId());
                String escrow = round.contractAddress().orElseThrow();
                String wallet = investment.investorAddress();
                BigInteger consentNonce = RoundCalls.position(signing.read(escrow, roundCalls.positionOf(wallet)))[1];
                BigInteger deadline = BigInteger.valueOf(now.plus(settings.signatureValidity()).getEpochSecond())
                        .min(BigInteger.valueOf(round.deadline().getEpochSecond()));
                BigInteger amount = investment.amount().baseUnits();
                byte[] termsHash = Numeric.hexStringToByteArray(investment.termsHash().orElseThrow());
                var consent = signing.sign(typedData.investment(escrow, wallet, amount, termsHash, consentNonce,
                        deadline));
                // one signature: the round verifies the consent and pulls the PKN under it (no permit)
                var deposit = new RoundCalls.Deposit(wallet, amount, termsHash, consentNonce, deadline, consent.v(),
                        consent.r(), consent.s());
                signing.enqueue(investment.depositIntent(), escrow, roundCalls.deposit(deposit),
                        RoundCalls.DEPOSIT_GAS);
                investment.signed(consentNonce, now);
                audit.record(investor.toString(), "investment.signed", "investment", investmentId.toString(),
                        "RESERVED", "PENDING, terms " + investment.termsHash().orElseThrow());
                return investment;
            }
        });
    }

    /**
     * Cancels the caller's whole position in the round of {@code investmentId} (the escrow returns it at once), until
     * 48 hours before the deadline.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Investment> cancel(UUID investmentId, String walletPassword) {
        if (walletPassword == null || walletPassword.isEmpty()) {
            throw new InvalidInputException("walletPassword", FieldRule.REQUIRED);
        }
        UUID investor = caller();
        var investment = em.find(Investment.class, investmentId);
        if (investment == null || !investment.belongsTo(investor)) {
            throw new NotFoundException("Investment", investmentId);
        }
        var round = em.find(FundingRound.class, investment.roundId());
        round.requireCancellable(clock.now());
        String escrow = round.contractAddress().orElseThrow();
        String wallet = investment.investorAddress();
        return spending.sign(investor, walletPassword, new SignedMovement<List<Investment>>() {
            /** Names the position's consent nonce, read and signed in {@link #carry}. */
            private IntentKey cancelKey;

            public IntentKey key() {
                return cancelKey;
            }

            public TokenAmount newHold() {
                return TokenAmount.ZERO; // the PKN come back into the wallet
            }

            public boolean usesNonce() {
                return true;
            }

            public List<Investment> carry(Signing signing) {
                var now = signing.now();
                round.requireCancellable(now);
                var position = em.createQuery("""
                                select i from Investment i where i.roundId = :round and i.accountId = :account
                                and i.status in :holding order by i.createdAt""", Investment.class)
                        .setParameter("round", round.id()).setParameter("account", investor)
                        .setParameter("holding", Investment.Status.HOLDING)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList();
                if (position.stream().anyMatch(i -> i.status() == Investment.Status.PENDING)) {
                    throw new InvestmentStateException("investment.pending",
                            "A deposit of yours into this round is still on its way; cancel once it is confirmed.");
                }
                var confirmed = position.stream().filter(i -> i.status() == Investment.Status.CONFIRMED).toList();
                if (confirmed.isEmpty()) {
                    throw new InvestmentStateException("investment.not-cancellable",
                            "Only a confirmed investment can be cancelled; this one is " + investment.status() + ".");
                }
                BigInteger nonce = RoundCalls.position(signing.read(escrow, roundCalls.positionOf(wallet)))[1];
                cancelKey = IntentKey.of(IntentKind.CANCEL, round.id(), investor, nonce);
                BigInteger deadline = BigInteger.valueOf(now.plus(settings.signatureValidity()).getEpochSecond());
                var signature = signing.sign(typedData.cancel(escrow, wallet, nonce, deadline));
                signing.enqueue(cancelKey, escrow, roundCalls.cancel(wallet, nonce, deadline, signature.v(),
                        signature.r(), signature.s()), RoundCalls.CANCEL_GAS);
                confirmed.forEach(i -> i.cancelling(cancelKey));
                audit.record(investor.toString(), "investment.cancelling", "funding_round", round.id().toString(),
                        "CONFIRMED", confirmed.size() + " investment(s), " + cancelKey);
                return confirmed;
            }
        });
    }

    private UUID caller() {
        return Caller.accountId(context.getCallerPrincipal())
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
    }
}

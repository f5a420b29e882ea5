package io.picktartup.chain.contract;

import static io.picktartup.chain.contract.Platform.call;
import static io.picktartup.chain.contract.Platform.hex;
import static io.picktartup.chain.contract.Platform.pkn;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

@ExtendWith(AnvilExtension.class)
class PicktartupTokenTest {

    private static Platform platform;
    private static Chain chain;
    private static PicktartupToken token;
    private static String tokenAddress;

    @BeforeAll
    static void deploy(Chain c) {
        chain = c;
        platform = new Platform(c);
        token = platform.token;
        tokenAddress = token.getContractAddress();
    }

    @Test
    void isAnEighteenDecimalTokenNamedPkn() {
        assertThat(call(() -> token.name().send())).isEqualTo("Picktartup Token");
        assertThat(call(() -> token.symbol().send())).isEqualTo("PKN");
        assertThat(call(() -> token.decimals().send())).isEqualTo(BigInteger.valueOf(18));
    }

    @Test
    void minterMintsOncePerPaymentId() {
        Credentials holder = chain.newWallet();
        byte[] paymentId = platform.newId("payment");
        TransactionReceipt receipt = chain.send(platform.minter, tokenAddress,
                token.mint(holder.getAddress(), pkn(100), paymentId).encodeFunctionCall());

        assertThat(platform.balanceOf(holder.getAddress())).isEqualTo(pkn(100));
        var minted = PicktartupToken.getMintedEvents(receipt).get(0);
        assertThat(minted.to).isEqualToIgnoringCase(holder.getAddress());
        assertThat(minted.amount).isEqualTo(pkn(100));
        assertThat(minted.paymentId).isEqualTo(paymentId);
        assertThat(call(() -> token.paymentProcessed(paymentId).send())).isTrue();

        Reverted again = chain.expectRevert(platform.minter, tokenAddress,
                token.mint(holder.getAddress(), pkn(100), paymentId).encodeFunctionCall());
        assertThat(again.name()).isEqualTo("PaymentAlreadyProcessed");
        assertThat(again.word(0)).isEqualTo(hex(paymentId).substring(2));
        assertThat(platform.balanceOf(holder.getAddress())).isEqualTo(pkn(100));
    }

    @Test
    void onlyTheMinterMints() {
        Reverted reverted = chain.expectRevert(platform.stranger, tokenAddress,
                token.mint(platform.stranger.getAddress(), pkn(1), platform.newId("payment")).encodeFunctionCall());
        assertThat(reverted.name()).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(reverted.addressArg(0)).isEqualToIgnoringCase(platform.stranger.getAddress());
        assertThat(reverted.word(1)).isEqualTo(hex(call(() -> token.MINTER_ROLE().send())).substring(2));

        Reverted admin = chain.expectRevert(platform.admin, tokenAddress,
                token.mint(platform.admin.getAddress(), pkn(1), platform.newId("payment")).encodeFunctionCall());
        assertThat(admin.name()).isEqualTo("AccessControlUnauthorizedAccount");
        // the relayer carries users' signatures; minting is another key's
        Reverted relayer = chain.expectRevert(platform.relayer, tokenAddress,
                token.mint(platform.relayer.getAddress(), pkn(1), platform.newId("payment")).encodeFunctionCall());
        assertThat(relayer.name()).isEqualTo("AccessControlUnauthorizedAccount");
    }

    @Test
    void theMinterMintsAtMostTheCapPerPeriod() {
        var before = call(() -> token.mintAllowance().send());
        BigInteger mintedThisPeriod = before.component1().subtract(before.component2());
        String holder = chain.newWallet().getAddress();
        assertThat(chain.expectRevert(platform.minter, tokenAddress, token.setMintCap(pkn(1)).encodeFunctionCall())
                .name()).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(chain.expectRevert(platform.admin, tokenAddress, token.setMintCap(BigInteger.TWO.pow(96))
                .encodeFunctionCall()).name()).isEqualTo("MintCapTooLarge");

        chain.send(platform.admin, tokenAddress, token.setMintCap(mintedThisPeriod.add(pkn(100))).encodeFunctionCall());
        try {
            assertThat(call(() -> token.mintAllowance().send()).component2()).isEqualTo(pkn(100));
            platform.mint(holder, pkn(60));
            Reverted over = chain.expectRevert(platform.minter, tokenAddress,
                    token.mint(holder, pkn(50), platform.newId("payment")).encodeFunctionCall());
            assertThat(over.name()).isEqualTo("MintCapExceeded");
            assertThat(over.uintArg(0)).isEqualTo(pkn(50));
            assertThat(over.uintArg(1)).isEqualTo(pkn(40));
            platform.mint(holder, pkn(40));
            assertThat(chain.expectRevert(platform.minter, tokenAddress,
                    token.mint(holder, BigInteger.ONE, platform.newId("payment")).encodeFunctionCall()).name())
                    .isEqualTo("MintCapExceeded");

            // the next period brings the full cap again
            chain.increaseTime(call(() -> token.MINT_PERIOD().send()).longValueExact());
            chain.send(platform.admin, tokenAddress, token.setMintCap(pkn(100)).encodeFunctionCall());
            assertThat(call(() -> token.mintAllowance().send()).component2()).isEqualTo(pkn(100));
            platform.mint(holder, pkn(100));
            assertThat(platform.balanceOf(holder)).isEqualTo(pkn(200));

            // a cap lowered below what was minted this period stops minting, it does not break it
            chain.send(platform.admin, tokenAddress, token.setMintCap(pkn(50)).encodeFunctionCall());
            assertThat(call(() -> token.mintAllowance().send()).component2()).isZero();
            assertThat(chain.expectRevert(platform.minter, tokenAddress,
                    token.mint(holder, BigInteger.ONE, platform.newId("payment")).encodeFunctionCall()).uintArg(1))
                    .isZero();
        } finally {
            chain.send(platform.admin, tokenAddress, token.setMintCap(Platform.MINT_CAP).encodeFunctionCall());
        }
    }

    @Test
    void theAdminIsOneAccountHandedOverInTwoStepsAfterADelay() {
        Platform own = new Platform(chain); // a handover of its own, not the shared token's
        PicktartupToken t = own.token;
        String address = t.getContractAddress();
        Credentials successor = chain.newWallet();
        chain.setEthBalance(successor.getAddress(), Platform.PKN);
        byte[] adminRole = new byte[32];
        assertThat(call(() -> t.defaultAdmin().send())).isEqualToIgnoringCase(own.admin.getAddress());
        assertThat(call(() -> t.defaultAdminDelay().send())).isEqualTo(BigInteger.valueOf(Platform.ADMIN_DELAY));

        // no second admin, and no handover in one step
        assertThat(chain.expectRevert(own.admin, address, t.grantRole(adminRole, successor.getAddress())
                .encodeFunctionCall()).name()).isEqualTo("AccessControlEnforcedDefaultAdminRules");
        chain.send(own.admin, address, t.beginDefaultAdminTransfer(successor.getAddress()).encodeFunctionCall());
        Reverted early = chain.expectRevert(successor, address, t.acceptDefaultAdminTransfer().encodeFunctionCall());
        assertThat(early.name()).isEqualTo("AccessControlEnforcedDefaultAdminDelay");
        assertThat(chain.expectRevert(platform.stranger, address, t.acceptDefaultAdminTransfer().encodeFunctionCall())
                .name()).isEqualTo("AccessControlInvalidDefaultAdmin");

        chain.increaseTime(Platform.ADMIN_DELAY + 1);
        chain.send(successor, address, t.acceptDefaultAdminTransfer().encodeFunctionCall());
        assertThat(call(() -> t.defaultAdmin().send())).isEqualToIgnoringCase(successor.getAddress());
        assertThat(call(() -> t.hasRole(adminRole, own.admin.getAddress()).send())).isFalse();
        assertThat(chain.expectRevert(own.admin, address, t.setMintCap(pkn(1)).encodeFunctionCall()).name())
                .isEqualTo("AccessControlUnauthorizedAccount");
        chain.send(successor, address, t.setMintCap(pkn(1)).encodeFunctionCall());
    }

    @Test
    void refusesAZeroMint() {
        Reverted reverted = chain.expectRevert(platform.minter, tokenAddress,
                token.mint(platform.stranger.getAddress(), BigInteger.ZERO, platform.newId("payment")).encodeFunctionCall());
        assertThat(reverted.name()).isEqualTo("ZeroAmount");
    }

    @Test
    void cashOutBurnsWithTheHoldersSignatureOncePerId() {
        Credentials holder = chain.newWallet();
        platform.mint(holder.getAddress(), pkn(50));
        BigInteger supplyBefore = call(() -> token.totalSupply().send());
        byte[] cashOutId = platform.newId("cashout");
        long deadline = chain.now() + Platform.HOUR;

        TransactionReceipt receipt = chain.send(platform.relayer, tokenAddress,
                cashOutCall(holder, holder, pkn(20), cashOutId, deadline));

        assertThat(platform.balanceOf(holder.getAddress())).isEqualTo(pkn(30));
        assertThat(call(() -> token.totalSupply().send())).isEqualTo(supplyBefore.subtract(pkn(20)));
        var event = PicktartupToken.getCashedOutEvents(receipt).get(0);
        assertThat(event.holder).isEqualToIgnoringCase(holder.getAddress());
        assertThat(event.amount).isEqualTo(pkn(20));
        assertThat(event.cashOutId).isEqualTo(cashOutId);
        assertThat(call(() -> token.cashOutProcessed(holder.getAddress(), cashOutId).send())).isTrue();
        // gasless for the holder: the relayer paid
        assertThat(chain.ethBalance(holder.getAddress())).isZero();
        assertThat(chain.transactionCount(holder.getAddress())).isZero();

        Reverted replay = chain.expectRevert(platform.relayer, tokenAddress,
                cashOutCall(holder, holder, pkn(20), cashOutId, deadline));
        assertThat(replay.name()).isEqualTo("CashOutAlreadyProcessed");
        assertThat(replay.addressArg(0)).isEqualToIgnoringCase(holder.getAddress());
        assertThat(replay.word(1)).isEqualTo(hex(cashOutId).substring(2));
    }

    @Test
    void aCashOutIdBelongsToItsHolder() {
        Credentials victim = chain.newWallet();
        Credentials griefer = chain.newWallet();
        platform.mint(victim.getAddress(), pkn(10));
        platform.mint(griefer.getAddress(), pkn(1));
        byte[] victimsId = platform.newId("cashout");
        long deadline = chain.now() + Platform.HOUR;

        // someone who saw the victim's pending cash-out burns 1 wei of their own under the same id
        chain.send(platform.stranger, tokenAddress, cashOutCall(griefer, griefer, BigInteger.ONE, victimsId, deadline));
        assertThat(call(() -> token.cashOutProcessed(griefer.getAddress(), victimsId).send())).isTrue();
        assertThat(call(() -> token.cashOutProcessed(victim.getAddress(), victimsId).send())).isFalse();

        // the victim's cash-out under that id still goes through
        chain.send(platform.relayer, tokenAddress, cashOutCall(victim, victim, pkn(4), victimsId, deadline));
        assertThat(platform.balanceOf(victim.getAddress())).isEqualTo(pkn(6));
        assertThat(call(() -> token.cashOutProcessed(victim.getAddress(), victimsId).send())).isTrue();
    }

    @Test
    void aCashOutCarriedBySomeoneElseBurnsOnceAndIsRecordedForTheHolder() {
        Credentials holder = chain.newWallet();
        platform.mint(holder.getAddress(), pkn(10));
        byte[] id = platform.newId("cashout");
        String relayed = cashOutCall(holder, holder, pkn(3), id, chain.now() + Platform.HOUR);

        // a front-runner copies the relayer's pending transaction: the burn is the holder's, as signed
        TransactionReceipt copied = chain.send(platform.stranger, tokenAddress, relayed);
        var event = PicktartupToken.getCashedOutEvents(copied).get(0);
        assertThat(event.holder).isEqualToIgnoringCase(holder.getAddress());
        assertThat(event.amount).isEqualTo(pkn(3));
        assertThat(event.cashOutId).isEqualTo(id);
        // the relayer's own copy now reverts; the platform reads the event (or this flag) instead of failing
        assertThat(chain.expectRevert(platform.relayer, tokenAddress, relayed).name())
                .isEqualTo("CashOutAlreadyProcessed");
        assertThat(call(() -> token.cashOutProcessed(holder.getAddress(), id).send())).isTrue();
        assertThat(platform.balanceOf(holder.getAddress())).isEqualTo(pkn(7));
    }

    @Test
    void transferWithPermitMovesThePermittedValueOnceAndOnlyForTheNamedSpender() {
        Credentials owner = chain.newWallet();
        String to = chain.newWallet().getAddress();
        platform.mint(owner.getAddress(), pkn(10));
        BigInteger deadline = BigInteger.valueOf(chain.now() + Platform.HOUR);
        Sign.SignatureData permit = Signatures.permit(owner, chain.chainId(), tokenAddress,
                platform.relayer.getAddress(), pkn(4), BigInteger.ZERO, deadline);
        String relayed = token.transferWithPermit(owner.getAddress(), to, pkn(4), deadline, Signatures.v(permit),
                permit.getR(), permit.getS()).encodeFunctionCall();

        // copied by someone else: the permit does not name them, and they have no allowance
        Reverted copied = chain.expectRevert(platform.stranger, tokenAddress, relayed);
        assertThat(copied.name()).isEqualTo("ERC2612InvalidSigner");

        TransactionReceipt receipt = chain.send(platform.relayer, tokenAddress, relayed);
        assertThat(PicktartupToken.getTransferEvents(receipt)).hasSize(1);
        assertThat(platform.balanceOf(owner.getAddress())).isEqualTo(pkn(6));
        assertThat(platform.balanceOf(to)).isEqualTo(pkn(4));
        assertThat(call(() -> token.allowance(owner.getAddress(), platform.relayer.getAddress()).send())).isZero();
        assertThat(call(() -> token.nonces(owner.getAddress()).send())).isEqualTo(BigInteger.ONE);

        // the same signature again: used up
        assertThat(chain.expectRevert(platform.relayer, tokenAddress, relayed).name()).isEqualTo("ERC2612InvalidSigner");
        assertThat(platform.balanceOf(to)).isEqualTo(pkn(4));
    }

    @Test
    void aFrontRunPermitDoesNotBlockTheTransferWithPermit() {
        Credentials owner = chain.newWallet();
        String to = chain.newWallet().getAddress();
        platform.mint(owner.getAddress(), pkn(10));
        BigInteger deadline = BigInteger.valueOf(chain.now() + Platform.HOUR);
        Sign.SignatureData permit = Signatures.permit(owner, chain.chainId(), tokenAddress,
                platform.relayer.getAddress(), pkn(4), BigInteger.ZERO, deadline);

        // someone lifts the permit out of the pending transaction and carries it on its own first
        chain.send(platform.stranger, tokenAddress, token.permit(owner.getAddress(), platform.relayer.getAddress(),
                pkn(4), deadline, Signatures.v(permit), permit.getR(), permit.getS()).encodeFunctionCall());
        assertThat(call(() -> token.allowance(owner.getAddress(), platform.relayer.getAddress()).send())).isEqualTo(pkn(4));

        chain.send(platform.relayer, tokenAddress, token.transferWithPermit(owner.getAddress(), to, pkn(4), deadline,
                Signatures.v(permit), permit.getR(), permit.getS()).encodeFunctionCall());
        assertThat(platform.balanceOf(to)).isEqualTo(pkn(4));
        assertThat(platform.balanceOf(owner.getAddress())).isEqualTo(pkn(6));
        assertThat(call(() -> token.allowance(owner.getAddress(), platform.relayer.getAddress()).send())).isZero();
        // nothing more can be moved with it
        assertThat(chain.expectRevert(platform.relayer, tokenAddress, token.transferWithPermit(owner.getAddress(), to,
                pkn(4), deadline, Signatures.v(permit), permit.getR(), permit.getS()).encodeFunctionCall()).name())
                .isEqualTo("ERC2612InvalidSigner");
    }

    @Test
    void transferWithPermitRefusesAnExpiredOrTamperedPermit() {
        Credentials owner = chain.newWallet();
        String to = chain.newWallet().getAddress();
        platform.mint(owner.getAddress(), pkn(10));
        BigInteger past = BigInteger.valueOf(chain.now() - 1);
        Sign.SignatureData expired = Signatures.permit(owner, chain.chainId(), tokenAddress,
                platform.relayer.getAddress(), pkn(4), BigInteger.ZERO, past);
        Reverted late = chain.expectRevert(platform.relayer, tokenAddress, token.transferWithPermit(owner.getAddress(),
                to, pkn(4), past, Signatures.v(expired), expired.getR(), expired.getS()).encodeFunctionCall());
        assertThat(late.name()).isEqualTo("ERC2612ExpiredSignature");

        BigInteger deadline = BigInteger.valueOf(chain.now() + Platform.HOUR);
        Sign.SignatureData forFour = Signatures.permit(owner, chain.chainId(), tokenAddress,
                platform.relayer.getAddress(), pkn(4), BigInteger.ZERO, deadline);
        Reverted tampered = chain.expectRevert(platform.relayer, tokenAddress, token.transferWithPermit(
                owner.getAddress(), to, pkn(9), deadline, Signatures.v(forFour), forFour.getR(), forFour.getS())
                .encodeFunctionCall());
        assertThat(tampered.name()).isEqualTo("ERC2612InvalidSigner");
        assertThat(platform.balanceOf(owner.getAddress())).isEqualTo(pkn(10));
    }

    @Test
    void cashOutRefusesAForeignOrTamperedOrExpiredSignature() {
        Credentials holder = chain.newWallet();
        Credentials thief = chain.newWallet();
        platform.mint(holder.getAddress(), pkn(10));
        long deadline = chain.now() + Platform.HOUR;

        Reverted foreign = chain.expectRevert(platform.relayer, tokenAddress,
                cashOutCall(holder, thief, pkn(10), platform.newId("cashout"), deadline));
        assertThat(foreign.name()).isEqualTo("InvalidSigner");
        assertThat(foreign.addressArg(0)).isEqualToIgnoringCase(thief.getAddress());
        assertThat(foreign.addressArg(1)).isEqualToIgnoringCase(holder.getAddress());

        byte[] id = platform.newId("cashout");
        Sign.SignatureData signedForFive = Signatures.cashOut(holder, holder.getAddress(), chain.chainId(), tokenAddress, pkn(5), id,
                BigInteger.valueOf(deadline));
        Reverted tampered = chain.expectRevert(platform.relayer, tokenAddress, token.cashOut(holder.getAddress(),
                pkn(10), id, BigInteger.valueOf(deadline), Signatures.v(signedForFive), signedForFive.getR(),
                signedForFive.getS()).encodeFunctionCall());
        assertThat(tampered.name()).isEqualTo("InvalidSigner");

        long past = chain.now() - 1;
        Reverted expired = chain.expectRevert(platform.relayer, tokenAddress,
                cashOutCall(holder, holder, pkn(1), platform.newId("cashout"), past));
        assertThat(expired.name()).isEqualTo("SignatureExpired");
        assertThat(expired.uintArg(0)).isEqualTo(BigInteger.valueOf(past));
        assertThat(platform.balanceOf(holder.getAddress())).isEqualTo(pkn(10));
    }

    @Test
    void cashOutCannotBurnMoreThanTheBalance() {
        Credentials holder = chain.newWallet();
        platform.mint(holder.getAddress(), pkn(1));
        Reverted reverted = chain.expectRevert(platform.relayer, tokenAddress,
                cashOutCall(holder, holder, pkn(2), platform.newId("cashout"), chain.now() + 60));
        assertThat(reverted.name()).isEqualTo("ERC20InsufficientBalance");
    }

    @Test
    void permitAndPullWithPermitShareOneNonce() {
        Credentials owner = chain.newWallet();
        Credentials spender = platform.stranger;
        platform.mint(owner.getAddress(), pkn(10));
        BigInteger deadline = BigInteger.valueOf(chain.now() + Platform.HOUR);

        Sign.SignatureData first = Signatures.permit(owner, chain.chainId(), tokenAddress, spender.getAddress(),
                pkn(4), BigInteger.ZERO, deadline);
        chain.send(spender, tokenAddress, token.pullWithPermit(owner.getAddress(), pkn(4), deadline,
                Signatures.v(first), first.getR(), first.getS()).encodeFunctionCall());
        assertThat(platform.balanceOf(owner.getAddress())).isEqualTo(pkn(6));
        assertThat(call(() -> token.allowance(owner.getAddress(), spender.getAddress()).send())).isZero();
        assertThat(call(() -> token.nonces(owner.getAddress()).send())).isEqualTo(BigInteger.ONE);

        // the same signature can be used neither again nor through the classic permit
        Reverted replay = chain.expectRevert(spender, tokenAddress, token.pullWithPermit(owner.getAddress(), pkn(4),
                deadline, Signatures.v(first), first.getR(), first.getS()).encodeFunctionCall());
        assertThat(replay.name()).isEqualTo("ERC2612InvalidSigner");
        Reverted asPermit = chain.expectRevert(spender, tokenAddress, token.permit(owner.getAddress(),
                spender.getAddress(), pkn(4), deadline, Signatures.v(first), first.getR(), first.getS())
                .encodeFunctionCall());
        assertThat(asPermit.name()).isEqualTo("ERC2612InvalidSigner");

        // a permit naming someone else cannot be pulled by the caller
        Sign.SignatureData forAdmin = Signatures.permit(owner, chain.chainId(), tokenAddress,
                platform.admin.getAddress(), pkn(1), BigInteger.ONE, deadline);
        Reverted wrongSpender = chain.expectRevert(spender, tokenAddress, token.pullWithPermit(owner.getAddress(),
                pkn(1), deadline, Signatures.v(forAdmin), forAdmin.getR(), forAdmin.getS()).encodeFunctionCall());
        assertThat(wrongSpender.name()).isEqualTo("ERC2612InvalidSigner");

        // the classic permit still works
        chain.send(platform.relayer, tokenAddress, token.permit(owner.getAddress(), platform.admin.getAddress(),
                pkn(1), deadline, Signatures.v(forAdmin), forAdmin.getR(), forAdmin.getS()).encodeFunctionCall());
        assertThat(call(() -> token.allowance(owner.getAddress(), platform.admin.getAddress()).send())).isEqualTo(pkn(1));

        BigInteger past = BigInteger.valueOf(chain.now() - 1);
        Sign.SignatureData expired = Signatures.permit(owner, chain.chainId(), tokenAddress, spender.getAddress(),
                pkn(1), BigInteger.TWO, past);
        Reverted late = chain.expectRevert(spender, tokenAddress, token.pullWithPermit(owner.getAddress(), pkn(1),
                past, Signatures.v(expired), expired.getR(), expired.getS()).encodeFunctionCall());
        assertThat(late.name()).isEqualTo("ERC2612ExpiredSignature");
    }

    @Test
    void aPauseStopsMintsTransfersAndCashOutsAndLapsesOnItsOwnUnlessRenewed() {
        Credentials holder = chain.newWallet();
        platform.mint(holder.getAddress(), pkn(5));
        chain.setEthBalance(holder.getAddress(), Platform.PKN);
        long duration = call(() -> token.PAUSE_DURATION().send()).longValueExact();
        assertThat(duration).isEqualTo(3 * Platform.DAY);

        Reverted byStranger = chain.expectRevert(platform.stranger, tokenAddress, token.pause().encodeFunctionCall());
        assertThat(byStranger.name()).isEqualTo("AccessControlUnauthorizedAccount");

        TransactionReceipt paused = chain.send(platform.admin, tokenAddress, token.pause().encodeFunctionCall());
        try {
            long until = PicktartupToken.getPausedEvents(paused).get(0).until.longValueExact();
            assertThat(until).isEqualTo(chain.blockTime(paused) + duration);
            assertThat(call(() -> token.pausedUntil().send()).longValueExact()).isEqualTo(until);
            assertPaused(holder);
            assertThat(chain.expectRevert(platform.stranger, tokenAddress, token.unpause().encodeFunctionCall()).name())
                    .isEqualTo("AccessControlUnauthorizedAccount");

            // renewed before it lapses: it lasts PAUSE_DURATION from the renewal
            chain.increaseTime(duration - Platform.HOUR);
            assertPaused(holder);
            chain.send(platform.admin, tokenAddress, token.pause().encodeFunctionCall());
            chain.increaseTime(2 * Platform.HOUR);
            assertPaused(holder);

            // not renewed: it lapses by itself, without anyone unpausing
            chain.increaseTime(duration);
            assertThat(call(() -> token.paused().send())).isFalse();
            chain.send(holder, tokenAddress, token.transfer(platform.stranger.getAddress(), pkn(1)).encodeFunctionCall());
            platform.mint(holder.getAddress(), pkn(1));
            assertThat(platform.balanceOf(holder.getAddress())).isEqualTo(pkn(5));

            // and the pauser may lift a pause early
            chain.send(platform.admin, tokenAddress, token.pause().encodeFunctionCall());
            assertPaused(holder);
        } finally {
            chain.send(platform.admin, tokenAddress, token.unpause().encodeFunctionCall());
        }
        assertThat(call(() -> token.paused().send())).isFalse();
        chain.send(holder, tokenAddress, token.transfer(platform.stranger.getAddress(), pkn(1)).encodeFunctionCall());
        assertThat(platform.balanceOf(holder.getAddress())).isEqualTo(pkn(4));
    }

    @Test
    void onlyTheRegistrarMarksEscrows() {
        String somewhere = chain.newWallet().getAddress();
        Reverted reverted = chain.expectRevert(platform.stranger, tokenAddress,
                token.registerEscrow(somewhere).encodeFunctionCall());
        assertThat(reverted.name()).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(chain.expectRevert(platform.relayer, tokenAddress, token.registerEscrow(somewhere)
                .encodeFunctionCall()).name()).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(call(() -> token.hasRole(token.ESCROW_REGISTRAR_ROLE().send(),
                platform.factory.getContractAddress()).send())).isTrue();
        assertThat(call(() -> token.isEscrow(somewhere).send())).isFalse();
    }

    private static void assertPaused(Credentials holder) {
        assertThat(call(() -> token.paused().send())).isTrue();
        assertThat(chain.expectRevert(holder, tokenAddress,
                token.transfer(platform.stranger.getAddress(), pkn(1)).encodeFunctionCall()).name())
                .isEqualTo("EnforcedPause");
        assertThat(chain.expectRevert(platform.minter, tokenAddress,
                token.mint(holder.getAddress(), pkn(1), platform.newId("payment")).encodeFunctionCall()).name())
                .isEqualTo("EnforcedPause");
        assertThat(chain.expectRevert(platform.relayer, tokenAddress,
                cashOutCall(holder, holder, pkn(1), platform.newId("cashout"), chain.now() + 60)).name())
                .isEqualTo("EnforcedPause");
    }

    private static String cashOutCall(Credentials holder, Credentials signer, BigInteger amount, byte[] id,
            long deadline) {
        Sign.SignatureData sig = Signatures.cashOut(signer, holder.getAddress(), chain.chainId(), tokenAddress, amount, id,
                BigInteger.valueOf(deadline));
        return token.cashOut(holder.getAddress(), amount, id, BigInteger.valueOf(deadline), Signatures.v(sig),
                sig.getR(), sig.getS()).encodeFunctionCall();
    }
}

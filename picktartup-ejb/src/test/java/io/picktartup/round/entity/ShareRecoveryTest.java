package io.picktartup.round.entity;

import io.picktartup.chain.entity.IntentKind;
import io.picktartup.platform.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A recovery's two approvals by two people, in order, each step with its own intent; a freeze needs its reason. */
class ShareRecoveryTest {

    private static final Instant NOW = Instant.parse("2027-06-01T00:00:00Z");
    private static final String LOST = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String NEW = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    private static ShareRecovery asked() {
        return new ShareRecovery(UUID.randomUUID(), UUID.randomUUID(), "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                LOST, NEW, 3, NOW);
    }

    @Test
    void theRequesterCannotApproveAndAnotherAdminCanOnceTheRequestIsOnChain() {
        var recovery = asked();
        var request = recovery.request("admin-a", NOW);
        assertThat(request.kind()).isEqualTo(IntentKind.RECOVERY_REQUEST);
        assertThat(request.value()).isEqualTo("recovery-request:" + recovery.id() + ":1");
        // not yet final on chain: no approval
        assertThatThrownBy(() -> recovery.approve("admin-b", NOW)).isInstanceOf(ShareRecoveryRefusedException.class)
                .satisfies(e -> assertThat(((ShareRecoveryRefusedException) e).code()).isEqualTo("shares.recovery-state"));
        recovery.settled(IntentKind.RECOVERY_REQUEST, true, "0xaa", null, NOW);
        assertThat(recovery.status()).isEqualTo(ShareRecovery.Status.REQUESTED);

        assertThatThrownBy(() -> recovery.approve("admin-a", NOW)).isInstanceOf(ShareRecoveryRefusedException.class)
                .satisfies(e -> assertThat(((ShareRecoveryRefusedException) e).code()).isEqualTo("shares.recovery-same-admin"));
        assertThat(recovery.status()).isEqualTo(ShareRecovery.Status.REQUESTED);
        var approve = recovery.approve("admin-b", NOW);
        assertThat(approve.kind()).isEqualTo(IntentKind.RECOVERY_APPROVE);
        assertThat(approve.value()).endsWith(":2");
        recovery.settled(IntentKind.RECOVERY_APPROVE, true, "0xbb", null, NOW);
        assertThat(recovery.status()).isEqualTo(ShareRecovery.Status.RECOVERED);
        assertThat(recovery.open()).isFalse();
        assertThatThrownBy(() -> recovery.cancel("admin-a", NOW)).isInstanceOf(ShareRecoveryRefusedException.class);
    }

    @Test
    void aFailedStepGoesBackWithItsReasonAndTheRetryIsANewIntent() {
        var recovery = asked();
        recovery.request("admin-a", NOW);
        recovery.settled(IntentKind.RECOVERY_REQUEST, false, null, "reverted: NothingToRecover", NOW);
        assertThat(recovery.status()).isEqualTo(ShareRecovery.Status.ASKED);
        assertThat(recovery.failure()).contains("reverted: NothingToRecover");
        assertThat(recovery.requestedBy()).isEmpty();
        assertThat(recovery.request("admin-c", NOW).value()).endsWith(":2");
        recovery.settled(IntentKind.RECOVERY_REQUEST, true, "0xaa", null, NOW);
        recovery.approve("admin-a", NOW);
        recovery.settled(IntentKind.RECOVERY_APPROVE, false, null, "reverted: IdentityMismatch", NOW);
        assertThat(recovery.status()).isEqualTo(ShareRecovery.Status.REQUESTED);
        assertThat(recovery.approvedBy()).isEmpty();
        // a settlement of another step, or a repeated one, changes nothing
        recovery.settled(IntentKind.RECOVERY_APPROVE, true, "0xcc", null, NOW);
        assertThat(recovery.status()).isEqualTo(ShareRecovery.Status.REQUESTED);
    }

    @Test
    void cancellingARequestOnChainQueuesItsWithdrawalAnAskedOneNothing() {
        var asked = asked();
        assertThat(asked.cancel("admin-a", NOW)).isEmpty();
        assertThat(asked.status()).isEqualTo(ShareRecovery.Status.CANCELLED);

        var requested = asked();
        requested.request("admin-a", NOW);
        assertThatThrownBy(() -> requested.cancel("admin-a", NOW)).isInstanceOf(ShareRecoveryRefusedException.class);
        requested.settled(IntentKind.RECOVERY_REQUEST, true, "0xaa", null, NOW);
        assertThat(requested.cancel("admin-b", NOW)).hasValueSatisfying(
                key -> assertThat(key.kind()).isEqualTo(IntentKind.RECOVERY_CANCEL));
    }

    @Test
    void aFreezeNeedsAReasonAndEachChangeHasItsOwnIntents() {
        assertThatThrownBy(() -> new ShareFreeze(LOST, true, " ", "admin-a", NOW))
                .isInstanceOf(InvalidInputException.class);
        var freeze = new ShareFreeze(LOST, true, "court order", "admin-a", NOW);
        UUID round = UUID.randomUUID();
        assertThat(freeze.intent(round).value()).isEqualTo("share-freeze:" + LOST.toLowerCase() + ":1:" + round);
        freeze.change(false, "lifted", "admin-b", NOW);
        assertThat(freeze.frozen()).isFalse();
        assertThat(freeze.intent(round).value()).isEqualTo("share-freeze:" + LOST.toLowerCase() + ":2:" + round);
    }
}

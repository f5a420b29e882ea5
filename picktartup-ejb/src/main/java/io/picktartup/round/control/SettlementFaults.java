package io.picktartup.round.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Fault injection for tests only (off by default, never set in production): halts the JVM at a chosen point of a
 * round's settlement, as a power cut would, so a test can prove the next run resumes from there and finishes exactly
 * once. {@code picktartup.settlement.fault.halt-at}: {@code after-finalize} (the escrow's finalisation is confirmed,
 * the round has not recorded it) or {@code after-release} (the release is confirmed, the round has neither recorded it
 * nor queued its mails); {@code picktartup.settlement.fault.rounds} limits it to these round ids (empty: any round).
 * The third point, after a refund chunk's broadcast and before its receipt, is the chain's
 * {@code picktartup.chain.fault.halt-after-broadcast}.
 */
@ApplicationScoped
public class SettlementFaults {

    private static final Logger LOG = Logger.getLogger(SettlementFaults.class.getName());

    /** The points a settlement can be halted at. */
    public enum Point { AFTER_FINALIZE, AFTER_RELEASE }

    @Inject
    @ConfigProperty(name = "picktartup.settlement.fault.halt-at")
    Optional<String> haltAt;

    @Inject
    @ConfigProperty(name = "picktartup.settlement.fault.rounds")
    Optional<String> rounds;

    @Inject
    io.picktartup.platform.control.FaultSwitches faults;

    /** Halts the JVM (exit 137, no shutdown hooks, no commit) when the switch names this point and round. */
    public void reached(Point point, UUID roundId) {
        if (armed(point, roundId)) {
            LOG.severe(() -> "Fault injection: halting the settlement of round " + roundId + " "
                    + point.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            Runtime.getRuntime().halt(137);
        }
    }

    boolean armed(Point point, UUID roundId) {
        var at = faults.value("picktartup.settlement.fault.halt-at", haltAt).map(String::trim).filter(v -> !v.isEmpty());
        if (at.isEmpty() || !at.get().equalsIgnoreCase(point.name().replace('_', '-'))) {
            return false;
        }
        Set<String> only = faults.value("picktartup.settlement.fault.rounds", rounds)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()))
                .orElse(Set.of());
        return only.isEmpty() || only.contains(roundId.toString());
    }
}

package io.picktartup.kyc.control;

import io.picktartup.kyc.entity.KycReview;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The development sandbox: answers at once, GREEN for any document number except those starting with {@code RED}
 * (a rejected check) or {@code PENDING} (no answer yet), so both outcomes can be tried. Its applicant id is derived
 * from the user id and the document, so a repeated submission is the same applicant. No contracted provider yet:
 * this is the only implementation.
 */
@ApplicationScoped
public class SandboxIdentityProvider implements IdentityProvider {

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public String createApplicant(Applicant applicant) {
        byte[] digest = org.web3j.crypto.Hash.sha3((applicant.externalUserId() + ":" + applicant.documentNumber())
                .getBytes(StandardCharsets.UTF_8));
        return "sbx_" + HexFormat.of().formatHex(digest, 0, 12) + ":" + answerFor(applicant.documentNumber());
    }

    @Override
    public KycReview.Answer reviewAnswer(String applicantId) {
        return KycReview.Answer.valueOf(applicantId.substring(applicantId.indexOf(':') + 1));
    }

    private static String answerFor(String document) {
        String upper = document.toUpperCase(Locale.ROOT);
        return upper.startsWith("RED") ? "RED" : upper.startsWith("PENDING") ? "PENDING" : "GREEN";
    }
}

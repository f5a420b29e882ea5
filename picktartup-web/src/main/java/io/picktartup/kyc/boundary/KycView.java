package io.picktartup.kyc.boundary;

import io.picktartup.kyc.entity.KycReview;

/** A KYC review as the API shows it (no personal data: none is kept). */
public record KycView(String id, String accountId, String walletAddress, String provider, String providerAnswer,
                      String status, int level, String reason, String createdAt, String decidedAt) {

    static KycView of(KycReview r) {
        return new KycView(r.id().toString(), r.accountId().toString(), r.walletAddress(), r.provider(),
                r.providerAnswer().name(), r.status().name(), r.level(), r.reason().orElse(null),
                r.createdAt().toString(), r.decidedAt().map(Object::toString).orElse(null));
    }
}

package io.picktartup.kyc.control;

import io.picktartup.kyc.entity.KycReview;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the platform needs from an identity-verification provider, in the shape such providers' APIs have (an
 * applicant created for our user id with the person's data and document, then a review answer GREEN/RED): the
 * person's data goes to the provider and is not kept here.
 */
public interface IdentityProvider {

    /** The person as submitted. */
    record Applicant(UUID externalUserId, String fullName, LocalDate birthDate, String documentNumber) {
    }

    String name();

    /** Creates the applicant; returns the provider's applicant id. */
    String createApplicant(Applicant applicant);

    /** The provider's current answer for the applicant. */
    KycReview.Answer reviewAnswer(String applicantId);
}

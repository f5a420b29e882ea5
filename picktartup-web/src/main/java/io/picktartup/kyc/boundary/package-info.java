/** The KYC API: an investor's own review, and the admins' reviews. */
package io.picktartup.kyc.boundary;

/** KYC reviews of investors' identities and the level each account reached (which the eligibility registry carries on chain). */
package io.picktartup.kyc.entity;

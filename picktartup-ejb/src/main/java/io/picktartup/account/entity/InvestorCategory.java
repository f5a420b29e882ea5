package io.picktartup.account.entity;

/** The investor's legal category, which sets the investment limits; only an admin changes it. */
public enum InvestorCategory {
    GENERAL, QUALIFIED, PROFESSIONAL
}

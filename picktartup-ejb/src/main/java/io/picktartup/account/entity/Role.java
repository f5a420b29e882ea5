package io.picktartup.account.entity;

/** What an account may do. Also the group name the authentication mechanism reports, and the role name in web.xml. */
public enum Role {
    /** Buys fractions of startups; the default. */
    INVESTOR,
    /** A startup's CEO, who manages the startup's profile and rounds. */
    STARTUP,
    /** Operates the platform. */
    ADMIN
}

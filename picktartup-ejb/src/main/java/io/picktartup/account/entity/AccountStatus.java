package io.picktartup.account.entity;

/** Whether an account may log in: ACTIVE, or DISABLED by an admin (every session ended at once). */
public enum AccountStatus {
    ACTIVE, DISABLED
}

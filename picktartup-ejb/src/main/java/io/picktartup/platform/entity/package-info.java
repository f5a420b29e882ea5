/** The platform's shared kernel: the business exception hierarchy, the application settings and the append-only audit trail every component uses. */
@Tables(owns = {"auth_throttle", "flyway_schema_history", "worker_lease"})
package io.picktartup.platform.entity;

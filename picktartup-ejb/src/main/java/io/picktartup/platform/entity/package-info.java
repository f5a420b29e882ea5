/** The platform's shared kernel: the business exception hierarchy, the application settings and the append-only audit trail every component uses. */
package io.picktartup.platform.entity;

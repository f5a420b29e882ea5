/** Platform-wide use cases: schema migration at startup, health of the platform, what the platform says about itself. */
package io.picktartup.platform.boundary;

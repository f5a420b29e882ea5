/** Platform-wide use cases and the web edge every page shares: what the platform says about itself, the landing page, language choice, error pages, security headers. */
package io.picktartup.platform.boundary;

/** Registering startups (admins) and reading them (everyone). */
package io.picktartup.startup.boundary;

/** People who asked to hear when Picktartup opens its first funding rounds. */
package io.picktartup.waitlist.entity;

/** The work behind funding rounds that needs no transaction of its own: rendering the investment contract PDF. */
package io.picktartup.round.control;

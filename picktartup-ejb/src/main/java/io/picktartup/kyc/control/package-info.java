/** The identity-verification provider behind an interface, with the development sandbox beside it. */
package io.picktartup.kyc.control;

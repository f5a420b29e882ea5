/**
 * The startup component's workers: turning what a user types into a text-search query (and knowing how
 * common the catalogue's words are, to plan it), reading uploaded figures.
 */
package io.picktartup.startup.control;

/** The startup component's workers: turning what a user types into a text-search query. */
package io.picktartup.startup.control;

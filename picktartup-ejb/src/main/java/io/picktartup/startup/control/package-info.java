/** The startup component's workers: turning what a user types into a text-search query, reading uploaded figures. */
package io.picktartup.startup.control;

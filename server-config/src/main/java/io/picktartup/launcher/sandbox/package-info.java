/** The sandbox payment gateway of the run command and the tests: PortOne V2's REST API for the calls the platform makes, a checkout page, and Standard Webhooks-signed webhooks with PortOne's retry schedule; state in memory. */
package io.picktartup.launcher.sandbox;

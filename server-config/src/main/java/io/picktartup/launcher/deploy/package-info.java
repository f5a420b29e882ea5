/** Deploying the platform's contracts to an EVM chain (BSC testnet, mainnet, the dev chain): the deploy command, the deployment steps with their record, and the verification of the result. */
package io.picktartup.launcher.deploy;

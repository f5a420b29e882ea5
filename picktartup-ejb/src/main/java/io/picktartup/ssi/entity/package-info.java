/**
 * The Startup Success Index model: a startup's raw facts, the features drawn from them, the sector baselines they
 * are compared with, and the versioned scoring that turns them into four pillars, an overall index and an
 * explanation. Pure Java, no container: docs/ssi-model.md documents every input.
 */
package io.picktartup.ssi.entity;

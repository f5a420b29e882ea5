/**
 * The Startup Success Index model: a startup's raw facts, the features drawn from them, the sector baselines they
 * are compared with, and the versioned scoring that turns them into four pillars, an overall index and an
 * explanation. Pure Java, no container: docs/ssi-model.md documents every input. The scoring stores its tables in
 * SQL only (no entities).
 */
@Tables(owns = {"ssi_feature", "ssi_sector_baseline", "ssi_score"})
package io.picktartup.ssi.entity;

import io.picktartup.platform.entity.Tables;

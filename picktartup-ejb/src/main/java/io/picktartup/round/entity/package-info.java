/**
 * Funding rounds with their escrow contract, and the investments made into them, with the rules that bind both.
 * Other components read rounds in SQL only through the view {@code round_summary} (migration V25: rounds whose escrow
 * exists, with {@code open_until} for "open at now").
 */
@Tables(owns = "round_reconciliation", readModels = "round_summary")
package io.picktartup.round.entity;

import io.picktartup.platform.entity.Tables;

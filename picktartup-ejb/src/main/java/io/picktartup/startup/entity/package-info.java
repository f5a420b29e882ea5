/**
 * The startup register: who raises money on the platform, its CEO and the wallet its funds are released to, and the
 * information investors read (profile, team, monthly figures, outside rounds). Read models: the tables the SSI job
 * draws its features from, set-based over the whole catalogue, and the news crawl matches names against (columns
 * as documented in migrations V8 and V15); other components read them, never write them.
 */
@Tables(readModels = {"startup", "startup_member", "startup_figure", "external_funding"})
package io.picktartup.startup.entity;

import io.picktartup.platform.entity.Tables;

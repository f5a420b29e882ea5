/** One history per user: purchases, transfers sent and received, and later cash-outs and investments, with amounts, status, time and chain transaction. */
package io.picktartup.activity.boundary;

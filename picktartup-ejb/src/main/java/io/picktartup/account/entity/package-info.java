/** Accounts and their rules: who may sign up with what, roles and investor categories, password policy, login sessions (refresh-token families). */
package io.picktartup.account.entity;

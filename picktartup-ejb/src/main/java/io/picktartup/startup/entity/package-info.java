/** The startup register: who raises money on the platform, its CEO and the wallet its funds are released to. */
package io.picktartup.startup.entity;

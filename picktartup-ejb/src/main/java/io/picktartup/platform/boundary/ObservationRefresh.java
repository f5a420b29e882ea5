package io.picktartup.platform.boundary;

import io.picktartup.platform.control.ObservationSwitches;
import io.picktartup.platform.control.Settings;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Every 2 s on every instance (a non-persistent timer), reads the observation switches from {@code app_setting} into
 * {@link ObservationSwitches}: an operator's change made through another instance holds here within that time, and
 * one row read per switch every 2 s replaces a read per request.
 */
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@DependsOn("SchemaMigration")
@Lock(LockType.READ)
public class ObservationRefresh {

    @Inject
    Settings settings;

    @Inject
    ObservationSwitches switches;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false, info = "observation-switches")
    void refresh() {
        long seen = switches.generation();
        var stored = new java.util.LinkedHashMap<String, java.util.Optional<String>>();
        for (String key : PlatformSwitches.OBSERVATION) {
            stored.put(key, settings.find(key));
        }
        switches.refreshed(seen, stored);
    }
}

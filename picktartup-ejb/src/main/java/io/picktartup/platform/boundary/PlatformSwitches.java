package io.picktartup.platform.boundary;

import io.picktartup.platform.control.ObservationSwitches;
import io.picktartup.platform.control.Settings;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.Setting;
import io.picktartup.platform.entity.SettingChanged;
import io.picktartup.platform.entity.SwitchedOffException;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators' switches, stored as settings (table {@code app_setting}) so that a change holds at once on every
 * instance and survives restarts: whether new investments are taken (closed: new reservations are refused with 409
 * {@code investments.closed}; reservations already made can still be signed, and rounds settle as usual) and
 * whether new accounts can sign up (closed: 409 {@code signups.closed}); whether the instances feed the per-request
 * metrics and write the access log (unset: the configuration's value; see {@link ObservationSwitches}). Each change
 * is audited.
 */
@Stateless
public class PlatformSwitches {

    public static final String INVESTMENTS_OPEN = PlatformInfo.INVESTMENTS_OPEN;
    public static final String SIGNUPS_OPEN = "platform.signups-open";
    /** Whether this platform's instances feed the request metrics and write the access log (see ObservationSwitches). */
    public static final List<String> OBSERVATION = List.of(ObservationSwitches.REQUEST_METRICS, ObservationSwitches.ACCESS_LOG);
    public static final List<String> SWITCHES = List.of(INVESTMENTS_OPEN, SIGNUPS_OPEN,
            ObservationSwitches.REQUEST_METRICS, ObservationSwitches.ACCESS_LOG);

    @Inject
    Settings settings;

    @Inject
    ObservationSwitches observation;

    @Inject
    Event<SettingChanged> changes;

    @Resource
    SessionContext context;

    /**
     * Every switch with its value, who set it and when, in the order of {@link #SWITCHES}; an observation switch no
     * operator has set yet shows the configuration's value (changed by "configuration", no time).
     */
    public List<Setting> list() {
        Map<String, Setting> stored = new HashMap<>();
        settings.all().stream().filter(s -> SWITCHES.contains(s.key())).forEach(s -> stored.put(s.key(), s));
        var list = new ArrayList<Setting>();
        for (String key : SWITCHES) {
            if (stored.containsKey(key)) {
                list.add(stored.get(key));
            } else if (OBSERVATION.contains(key)) {
                list.add(Setting.configured(key, Boolean.toString(observation.configured(key))));
            }
        }
        return list;
    }

    /** Turns a switch on or off ("true" or "false"); audited with the old and the new value. */
    public Setting set(String key, String value) {
        if (key == null || !SWITCHES.contains(key)) {
            throw new InvalidInputException("key", FieldRule.SETTING_SWITCH, String.join(", ", SWITCHES));
        }
        String checked = value == null ? "" : value.trim();
        if (!checked.equals("true") && !checked.equals("false")) {
            throw new InvalidInputException("value", FieldRule.BOOLEAN);
        }
        var setting = settings.put(Caller.actor(context.getCallerPrincipal()), key, checked);
        changes.fire(new SettingChanged(key, checked));
        return setting;
    }

    /** Refuses a new investment while the operators have closed investing. */
    public void requireInvestmentsOpen() {
        if (!settings.flag(INVESTMENTS_OPEN)) {
            throw new SwitchedOffException("investments.closed", "New investments are closed for now.");
        }
    }

    /** Refuses a signup while the operators have closed signups. */
    public void requireSignupsOpen() {
        if (!settings.flag(SIGNUPS_OPEN)) {
            throw new SwitchedOffException("signups.closed", "New signups are closed for now.");
        }
    }
}

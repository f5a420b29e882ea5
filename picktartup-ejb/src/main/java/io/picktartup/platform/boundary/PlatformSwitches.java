package io.picktartup.platform.boundary;

import io.picktartup.platform.control.Settings;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.Setting;
import io.picktartup.platform.entity.SwitchedOffException;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The operators' switches, stored as settings (table {@code app_setting}) so that a change holds at once on every
 * instance and survives restarts: whether new investments are taken (closed: new reservations are refused with 409
 * {@code investments.closed}; reservations already made can still be signed, and rounds settle as usual) and
 * whether new accounts can sign up (closed: 409 {@code signups.closed}). Each change is audited.
 */
@Stateless
public class PlatformSwitches {

    public static final String INVESTMENTS_OPEN = PlatformInfo.INVESTMENTS_OPEN;
    public static final String SIGNUPS_OPEN = "platform.signups-open";
    public static final List<String> SWITCHES = List.of(INVESTMENTS_OPEN, SIGNUPS_OPEN);

    @Inject
    Settings settings;

    @Resource
    SessionContext context;

    /** Every switch with its value, who set it and when. */
    public List<Setting> list() {
        return settings.all().stream().filter(s -> SWITCHES.contains(s.key())).toList();
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
        return settings.put(Caller.actor(context.getCallerPrincipal()), key, checked);
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

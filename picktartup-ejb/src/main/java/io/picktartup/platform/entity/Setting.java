package io.picktartup.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * An application setting that operators change at run time (unlike MicroProfile Config, which is fixed at boot):
 * e.g. whether new investments are accepted. Keys are dotted lower-case words; values are text.
 */
@Entity
@Table(name = "app_setting")
public class Setting {

    @Id
    @Column(name = "setting_key", length = 100)
    private String key;

    @Column(name = "setting_value", nullable = false, length = 2000)
    private String value;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "changed_by", length = 100)
    private String changedBy;

    @Version
    private long version;

    protected Setting() {
    }

    public Setting(String key, String value, Instant now) {
        if (key == null || !key.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*") || key.length() > 100) {
            throw new InvalidInputException("key", FieldRule.SETTING_KEY);
        }
        this.key = key;
        change(value, now);
    }

    /**
     * A switch no operator has set: its value comes from the configuration. Never stored; changed by
     * "configuration", with no time.
     */
    public static Setting configured(String key, String value) {
        var setting = new Setting();
        setting.key = key;
        setting.value = value;
        setting.changedBy = "configuration";
        return setting;
    }

    /** Sets a new value; returns the previous one for the audit trail. */
    public String change(String newValue, Instant now) {
        Objects.requireNonNull(newValue, "value");
        if (newValue.length() > 2000) {
            throw new InvalidInputException("value", FieldRule.MAX_LENGTH, 2000);
        }
        String old = this.value;
        this.value = newValue;
        this.updatedAt = now;
        return old;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    /** Who set the current value (an account id, "system" or "migration"); empty for values older than the column. */
    public java.util.Optional<String> changedBy() {
        return java.util.Optional.ofNullable(changedBy);
    }

    public void changedBy(String actor) {
        this.changedBy = actor;
    }

    /** When the value was set; null for a {@link #configured} value. */
    public Instant updatedAt() {
        return updatedAt;
    }
}

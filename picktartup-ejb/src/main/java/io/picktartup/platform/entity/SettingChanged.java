package io.picktartup.platform.entity;

/** An operator switch was set: fired in the setting's transaction, observed after it commits. */
public record SettingChanged(String key, String value) {
}

package dev.flywheel.config;

/** A configuration value that cannot be used; the message starts with the offending key. */
public final class ConfigException extends IllegalArgumentException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

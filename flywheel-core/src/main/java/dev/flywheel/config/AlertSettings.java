package dev.flywheel.config;

import java.util.Set;

/**
 * {@code alerts}: where alerts go beyond {@code GET /v1/alerts} and the gauges.
 *
 * @param webhook where each alert raised while the engine runs is POSTed; null when none is configured
 */
public record AlertSettings(WebhookSettings webhook) {
    static AlertSettings from(ConfigTree s) {
        s.only(Set.of("webhook"));
        return new AlertSettings(WebhookSettings.from(s.section("webhook")));
    }
}

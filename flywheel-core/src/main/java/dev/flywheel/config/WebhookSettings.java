package dev.flywheel.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * {@code alerts.webhook}: where each new alert is POSTed, and how hard delivery tries.
 *
 * @param url        an http or https address
 * @param retries    attempts after the first when the receiver is down, overloaded (5xx, 429) or slow
 * @param backoff    the wait before the first retry; each further retry waits twice as long
 * @param maxBackoff the longest wait between two attempts
 * @param timeout    how long one attempt may take, connecting included
 * @param queue      the most alerts waiting to be sent; beyond it the oldest is dropped
 */
public record WebhookSettings(URI url, int retries, Duration backoff, Duration maxBackoff, Duration timeout, int queue) {
    static final Set<String> KEYS = Set.of("url", "retries", "backoff", "max_backoff", "timeout", "queue");

    public WebhookSettings {
        if (url == null || backoff == null || maxBackoff == null || timeout == null) {
            throw new IllegalArgumentException("url, backoff, max_backoff and timeout are required");
        }
        if (retries < 0 || queue < 1 || !positive(backoff) || maxBackoff.compareTo(backoff) < 0 || !positive(timeout)) {
            throw new IllegalArgumentException("retries >= 0, queue >= 1, 0 < backoff <= max_backoff, timeout > 0");
        }
    }

    /** The wait before retry {@code n} (1 for the first): the backoff doubled n - 1 times, at most max_backoff. */
    public Duration backoffBefore(int n) {
        Duration d = backoff;
        for (int i = 1; i < n && d.compareTo(maxBackoff) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxBackoff) < 0 ? d : maxBackoff;
    }

    /** Reads the section; null when it names no url (no webhook), though its other keys are still checked. */
    static WebhookSettings from(ConfigTree s) {
        s.only(KEYS);
        int retries = s.integer("retries", 5, 0, 20);
        Duration backoff = positive(s, "backoff", Duration.ofSeconds(1));
        Duration maxBackoff = positive(s, "max_backoff", Duration.ofSeconds(60));
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new ConfigException(s.keyOf("max_backoff"), "must not be shorter than backoff (" + backoff + "), got " + maxBackoff);
        }
        Duration timeout = positive(s, "timeout", Duration.ofSeconds(5));
        int queue = s.integer("queue", 10_000, 1, 1_000_000);
        String url = s.string("url", null);
        return url == null ? null : new WebhookSettings(url(s, url), retries, backoff, maxBackoff, timeout, queue);
    }

    private static URI url(ConfigTree s, String url) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(s.keyOf("url"), "is not a URL: " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(s.keyOf("url"), "must be an http or https URL, got '" + url + "'");
        }
        if (u.getHost() == null) throw new ConfigException(s.keyOf("url"), "must name a host, got '" + url + "'");
        return u;
    }

    private static Duration positive(ConfigTree s, String name, Duration dflt) {
        Duration d = s.duration(name, dflt);
        if (!positive(d)) throw new ConfigException(s.keyOf(name), "must be positive, got " + d);
        return d;
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}

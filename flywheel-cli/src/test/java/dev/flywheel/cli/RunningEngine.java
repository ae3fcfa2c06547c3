package dev.flywheel.cli;

import dev.flywheel.auth.ApiKeys;
import dev.flywheel.auth.IssuedKey;
import dev.flywheel.auth.Scope;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.sim.client.FlywheelClient;
import dev.flywheel.store.file.FileKeyStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** A real engine on a random port with one key per scope, as tests need it. */
final class RunningEngine implements AutoCloseable {
    static final String ADMIN_SECRET = "test-admin-secret-0123456789";
    final Engine engine;
    final URI base;
    final Path dir;
    private final Map<Scope, String> secrets = new EnumMap<>(Scope.class);

    RunningEngine(Path dir, Map<String, ?> config) {
        this(dir, config, Clock.systemUTC());
    }

    RunningEngine(Path dir, Map<String, ?> config, Clock clock) {
        this.dir = dir;
        FileKeyStore keys = new FileKeyStore(dir);
        dir.toFile().mkdirs();
        for (Scope s : Scope.values()) {
            if (s == Scope.ADMIN) continue;
            IssuedKey k = ApiKeys.issue(Set.of(s), "test-" + s.wireName(), Instant.now());
            keys.put(k.key());
            secrets.put(s, k.secret());
        }
        secrets.put(Scope.ADMIN, ADMIN_SECRET);
        engine = Engine.open(dir, FlywheelConfig.from(config).withPort(0), clock, ADMIN_SECRET);
        base = URI.create("http://127.0.0.1:" + engine.start());
    }

    FlywheelClient client(Scope scope) {
        return new FlywheelClient(base, secrets.get(scope));
    }

    FlywheelClient anonymous() {
        return new FlywheelClient(base, null);
    }

    @Override
    public void close() {
        engine.close();
    }
}

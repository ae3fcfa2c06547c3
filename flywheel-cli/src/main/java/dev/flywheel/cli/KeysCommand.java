package dev.flywheel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.auth.ApiKey;
import dev.flywheel.auth.ApiKeys;
import dev.flywheel.auth.IssuedKey;
import dev.flywheel.auth.Scope;
import dev.flywheel.store.file.FileKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flywheel keys}: make, list and revoke API keys in a data directory (works beside a running server). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static FileKeyStore store(Path data) {
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("--data: no such directory: " + data);
        return new FileKeyStore(data);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make a key; prints the secret once.")
    static final class Create implements Runnable {
        @Option(names = "--data", required = true, description = "data directory") Path data;
        @Option(names = "--scope", required = true, description = "ingest, decide, admin or review (repeatable)") List<String> scopes;
        @Option(names = "--name", defaultValue = "", description = "a label for the key") String name;
        @Option(names = "--json", description = "print JSON") boolean json;

        @Override
        public void run() {
            Set<Scope> s = EnumSet.noneOf(Scope.class);
            for (String x : scopes) {
                for (String part : x.split(",")) {
                    try {
                        s.add(Scope.parse(part.trim()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--scope: " + e.getMessage());
                    }
                }
            }
            IssuedKey k = ApiKeys.issue(s, name, Instant.now());
            store(data).put(k.key());
            if (json) {
                ObjectNode o = describe(k.key());
                o.put("key", k.secret());
                System.out.println(o);
            } else {
                System.err.println("created key " + k.key().id() + " with scopes " + scopeNames(k.key()) + "; it is shown only now:");
                System.out.println(k.secret());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
    static final class ListKeys implements Runnable {
        @Option(names = "--data", required = true, description = "data directory") Path data;
        @Option(names = "--json", description = "print JSON") boolean json;

        @Override
        public void run() {
            List<ApiKey> keys = store(data).all();
            if (json) {
                ObjectNode o = new ObjectMapper().createObjectNode();
                ArrayNode arr = o.putArray("keys");
                keys.forEach(k -> arr.add(describe(k)));
                System.out.println(o);
                return;
            }
            System.out.printf("%-10s %-24s %-8s %-25s %s%n", "ID", "SCOPES", "REVOKED", "CREATED", "NAME");
            for (ApiKey k : keys) {
                System.out.printf("%-10s %-24s %-8s %-25s %s%n", k.id(), scopeNames(k), k.revoked() ? "yes" : "no", k.created(), k.name());
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id.")
    static final class Revoke implements Runnable {
        @Option(names = "--data", required = true, description = "data directory") Path data;
        @Parameters(index = "0", description = "key id") String id;

        @Override
        public void run() {
            if (!store(data).revoke(id)) throw new IllegalArgumentException("no key with id " + id);
            System.err.println("revoked key " + id);
        }
    }

    static String scopeNames(ApiKey k) {
        return String.join(",", k.scopes().stream().map(Scope::wireName).sorted().toList());
    }

    static ObjectNode describe(ApiKey k) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("id", k.id()).put("name", k.name()).put("created", k.created().toString()).put("revoked", k.revoked());
        ArrayNode s = o.putArray("scopes");
        k.scopes().stream().map(Scope::wireName).sorted().forEach(s::add);
        return o;
    }
}

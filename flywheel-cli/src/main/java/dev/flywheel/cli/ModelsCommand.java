package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.sim.client.FlywheelClient;
import java.io.FileNotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flywheel models}: a loop's model versions on a running engine: list, show, train, promote, roll back. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List, show, train, promote and roll back model versions.",
        subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.Show.class, ModelsCommand.Train.class,
            ModelsCommand.Promote.class, ModelsCommand.Rollback.class})
public final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The loop's versions and who serves which arm.")
    static final class ListVersions implements Runnable {
        @Mixin RemoteOptions remote;
        @Option(names = "--loop", required = true) String loop;

        @Override
        public void run() {
            JsonNode r = RemoteOptions.ok(remote.client().get("/v1/loops/" + loop + "/versions"));
            if (remote.json) {
                System.out.println(r);
                return;
            }
            System.out.printf("%-8s %-12s %-8s %-8s %-12s %-14s %s%n", "version", "status", "mode", "parent", "trigger", "dataset", "created");
            for (JsonNode v : r.get("versions")) {
                System.out.printf("%-8s %-12s %-8s %-8s %-12s %-14s %s%n", v.get("version").asText(), v.get("status").asText(),
                        v.get("mode").asText(), v.path("parent").asText("-"), v.get("trigger").asText(),
                        v.path("dataset").isNull() ? "-" : v.get("dataset").asText().substring(0, 12), v.get("created").asText());
            }
            JsonNode s = r.get("state");
            System.out.printf("%nperiod %d: champion %s, challenger %s (%s), baseline %s%n", s.get("period").asInt(),
                    s.get("champion").asText(), s.path("challenger").asText("-"), s.path("stage").asText("-"), s.path("baseline").asText("-"));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One version: lineage, metrics and its audit records.")
    static final class Show implements Runnable {
        @Mixin RemoteOptions remote;
        @Option(names = "--loop", required = true) String loop;
        @Parameters(index = "0", description = "the version, e.g. v3") String version;

        @Override
        public void run() {
            JsonNode r = RemoteOptions.ok(remote.client().get("/v1/loops/" + loop + "/versions/" + version));
            System.out.println(remote.json ? r.toString() : r.toPrettyString());
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a version from a training snapshot (a new one unless --snapshot), register it and start it in shadow.",
                "With --factors, the version takes its collaborative factorisation from a file trained outside the engine "
                    + "(SparkTrainer) on that --snapshot."})
    static final class Train implements Runnable {
        @Mixin RemoteOptions remote;
        @Option(names = "--loop", required = true) String loop;
        @Option(names = "--snapshot", description = "the snapshot id (default: cut one now)") String snapshot;
        @Option(names = "--factors", description = "a factors file trained on --snapshot (e.g. by flywheel-spark's SparkTrainer)")
        Path factors;
        @Option(names = "--start", defaultValue = "shadow", description = "shadow or none (default: ${DEFAULT-VALUE})") String start;
        @Option(names = "--mode", description = "frozen or online (default: the loop's rollout.retrain.mode)") String mode;
        @Option(names = "--reason", defaultValue = "trained from the command line") String reason;

        @Override
        public void run() {
            JsonNode r = RemoteOptions.ok(factors == null ? trainHere() : withFactors());
            if (remote.json) System.out.println(r);
            else System.out.printf("registered %s (%s, %s) from snapshot %s%s%n", r.get("version").asText(), r.get("status").asText(),
                    r.get("mode").asText(), r.get("dataset").asText(),
                    r.at("/params/collaborative.trainer").isMissingNode() ? "" : ", factors by " + r.at("/params/collaborative.trainer").asText());
        }

        private FlywheelClient.Answer trainHere() {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("start", start, "reason", reason));
            if (snapshot != null) body.put("snapshot", snapshot);
            if (mode != null) body.put("mode", mode);
            return remote.client().post("/v1/loops/" + loop + "/versions", body);
        }

        /** Posts the file as it is: the engine checks it was trained on the snapshot and on its users and items. */
        private FlywheelClient.Answer withFactors() {
            if (snapshot == null) throw new IllegalArgumentException("--factors requires --snapshot (the snapshot the factors were trained on)");
            if (mode != null) throw new IllegalArgumentException("--mode: a version with given factors is always frozen; leave --mode out");
            if (!Files.isRegularFile(factors)) throw new IllegalArgumentException("--factors: no such file " + factors);
            FlywheelClient client = remote.client();
            // a refusal before the upload would cut a large file's upload short: check the snapshot first
            RemoteOptions.ok(client.get("/v1/snapshots/" + encode(snapshot)));
            String query = "snapshot=" + encode(snapshot) + "&start=" + encode(start) + "&reason=" + encode(reason);
            try {
                return client.postFile("/v1/loops/" + loop + "/versions/factors?" + query, factors);
            } catch (FileNotFoundException e) {
                throw new IllegalArgumentException("--factors: cannot read " + factors + ": " + e.getMessage());
            }
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Make a version champion (recorded with your key).")
    static final class Promote implements Runnable {
        @Mixin RemoteOptions remote;
        @Option(names = "--loop", required = true) String loop;
        @Option(names = "--reason", defaultValue = "promoted from the command line") String reason;
        @Parameters(index = "0") String version;

        @Override
        public void run() {
            change(remote, loop, version, "promote", reason);
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Roll back the challenger, or the champion to the version it replaced.")
    static final class Rollback implements Runnable {
        @Mixin RemoteOptions remote;
        @Option(names = "--loop", required = true) String loop;
        @Option(names = "--reason", defaultValue = "rolled back from the command line") String reason;
        @Parameters(index = "0") String version;

        @Override
        public void run() {
            change(remote, loop, version, "rollback", reason);
        }
    }

    private static void change(RemoteOptions remote, String loop, String version, String action, String reason) {
        JsonNode r = RemoteOptions.ok(remote.client().post("/v1/loops/" + loop + "/versions/" + version + "/" + action,
                Map.of("reason", reason)));
        if (remote.json) {
            System.out.println(r);
            return;
        }
        JsonNode s = r.get("state");
        System.out.printf("%s %s: champion %s, challenger %s, period %d%n", action, version, s.get("champion").asText(),
                s.path("challenger").asText("-"), s.get("period").asInt());
    }
}

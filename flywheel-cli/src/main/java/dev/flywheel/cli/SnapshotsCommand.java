package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flywheel snapshots}: cut, list and show a loop's training snapshots on a running engine. */
@Command(name = "snapshots", mixinStandardHelpOptions = true, description = "Cut, list and show training snapshots.",
        subcommands = {SnapshotsCommand.Create.class, SnapshotsCommand.ListSnapshots.class, SnapshotsCommand.Show.class})
public final class SnapshotsCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Cut a snapshot of everything whose outcome closed.")
    static final class Create implements Runnable {
        @Mixin RemoteOptions remote;
        @Option(names = "--loop", required = true) String loop;

        @Override
        public void run() {
            print(remote, RemoteOptions.ok(remote.client().post("/v1/loops/" + loop + "/snapshots", Map.of())));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The loop's snapshots, oldest first.")
    static final class ListSnapshots implements Runnable {
        @Mixin RemoteOptions remote;
        @Option(names = "--loop", required = true) String loop;

        @Override
        public void run() {
            JsonNode r = RemoteOptions.ok(remote.client().get("/v1/loops/" + loop + "/snapshots"));
            if (remote.json) {
                System.out.println(r);
                return;
            }
            System.out.printf("%-64s %8s %10s %s%n", "id", "rows", "to_seq", "created");
            for (JsonNode s : r.get("snapshots")) {
                System.out.printf("%-64s %8d %10d %s%n", s.get("id").asText(), s.get("rows").asLong(), s.get("to_seq").asLong(),
                        s.get("created").asText());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A snapshot's manifest and where its Parquet file is.")
    static final class Show implements Runnable {
        @Mixin RemoteOptions remote;
        @Parameters(index = "0") String id;

        @Override
        public void run() {
            print(remote, RemoteOptions.ok(remote.client().get("/v1/snapshots/" + id)));
        }
    }

    private static void print(RemoteOptions remote, JsonNode r) {
        System.out.println(remote.json ? r.toString() : r.toPrettyString());
    }
}

package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.analysis.UpliftLedger;
import dev.flywheel.rollout.Allocation;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.LoopLifecycle;
import dev.flywheel.server.LedgerJson;
import dev.flywheel.store.duckdb.DuckDbRolloutData;
import dev.flywheel.store.file.FileAuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flywheel analyze ledger --data DIR --loop L}: the uplift ledger of a stopped engine's data
 * directory: the registry folded from its audit log, the arms' rewards from its store.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Per model version: exposures, uplift vs its parent and vs the holdout (95 % intervals), attributed value.")
public final class LedgerCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "the engine's data directory (the engine stopped)") Path data;
    @Option(names = "--loop", required = true) String loop;
    @Option(names = "--json", description = "print JSON") boolean json;

    @Override
    public Integer call() throws Exception {
        Path auditFile = data.resolve("audit.log");
        if (!Files.isRegularFile(auditFile)) throw new IllegalArgumentException("--data: no audit log in " + data + " (no model versions yet)");
        LoopLifecycle l = new LoopLifecycle(loop, Allocation.DEFAULT);
        try (FileAuditLog audit = new FileAuditLog(auditFile)) {
            for (AuditRecord r : audit.readAll()) if (r.loop().equals(loop)) l.apply(r);
        }
        if (l.versions().isEmpty()) throw new IllegalArgumentException("--loop: no versions of loop " + loop + " in " + auditFile);
        try (StoreAccess store = StoreAccess.open(data)) {
            DuckDBConnection c = (DuckDBConnection) store.connection();
            UpliftLedger.Ledger ledger = UpliftLedger.compute(UpliftLedger.Registry.of(l),
                    new DuckDbRolloutData(c::duplicate, () -> -1), lastDecision(c));
            if (json) System.out.println(LedgerJson.render(new ObjectMapper(), ledger));
            else print(ledger);
        }
        return 0;
    }

    private Instant lastDecision(DuckDBConnection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT epoch_ms(max(ts)) FROM decisions WHERE loop = '" + loop.replace("'", "''") + "'")) {
            r.next();
            return r.getObject(1) == null ? Instant.now() : Instant.ofEpochMilli(r.getLong(1));
        }
    }

    private static void print(UpliftLedger.Ledger ledger) {
        System.out.printf("ledger of %s (%s per decision; 95 %% intervals)%n", ledger.loop(), ledger.metric());
        System.out.printf("%-7s %-7s %-12s %-12s %9s %9s  %-28s %-28s %s%n", "version", "parent", "trigger", "status", "exposures",
                "champion", "uplift vs parent", "uplift vs holdout", "attributed value");
        for (UpliftLedger.Line x : ledger.versions()) {
            System.out.printf("%-7s %-7s %-12s %-12s %9d %8dh  %-28s %-28s %s%n", x.version(), x.parent() == null ? "-" : x.parent(),
                    x.trigger(), x.status(), x.exposures(), x.timeAsChampion().toHours(), text(x.upliftVsParent()),
                    text(x.upliftVsHoldout()), text(x.attributedValue()));
        }
    }

    private static String text(UpliftLedger.Estimate e) {
        return e == null ? "-" : String.format("%+.4f [%+.4f, %+.4f]", e.estimate(), e.low(), e.high());
    }
}

package dev.flywheel.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.flywheel.event.Event;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import dev.flywheel.outcome.contract.OutcomeStoreContract;
import dev.flywheel.outcome.contract.UnjoinedStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The outcome and unjoined tables pass the contracts of their ports, and keep a row written twice once. */
class PostgresOutcomeStoresTest {
    static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private final Reopening db = new Reopening();

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Nested
    class Outcomes extends OutcomeStoreContract {
        @Override
        protected OutcomeStore open() {
            return new PostgresOutcomeStore(db.open());
        }
    }

    @Nested
    class UnjoinedFeedback extends UnjoinedStoreContract {
        @Override
        protected UnjoinedStore open() {
            return new PostgresUnjoinedStore(db.open());
        }
    }

    private static Outcome outcome(String decision, String item, int position) {
        return new Outcome(decision, "feed", "u1", item, position, 0.5, null, "m1", "champion", T.plusSeconds(position), 3,
                List.of("click"), 1, false, 0);
    }

    @Test
    void outcomesASinkWritesAgainAfterARestoreAreKeptOnceAndNumberingStaysDense() {
        OutcomeStore s = new PostgresOutcomeStore(db.open());
        Outcome a = outcome("d1", "x", 1);
        Outcome b = outcome("d1", "y", 2);
        Outcome c = outcome("d2", "x", 3);
        s.append(List.of(a, b));
        s.append(List.of(b, c, c));
        assertEquals(List.of(a, b, c), s.query("feed", Instant.EPOCH, T.plusSeconds(60), 10));
        s.keepFirst(2);
        assertEquals(List.of(a, b), s.query("feed", Instant.EPOCH, T.plusSeconds(60), 10), "c was the third row, not the fourth");
    }

    @Test
    void unjoinedFeedbackWrittenAgainAfterARestoreIsKeptOnce() {
        UnjoinedStore s = new PostgresUnjoinedStore(db.open());
        Unjoined late = new Unjoined(new Event("e1", "like", T, "u1", null, "d1", "feed", "x", null, null), Unjoined.Reason.LATE, "d1");
        Unjoined orphan = new Unjoined(new Event("e2", "click", T.plusSeconds(1), "u1", null, null, null, "y", null, null),
                Unjoined.Reason.ORPHAN, null);
        s.append(List.of(late));
        s.append(List.of(late, orphan));
        assertEquals(Map.of(Unjoined.Reason.LATE, 1L, Unjoined.Reason.ORPHAN, 1L), s.counts());
        s.keepFirst(1);
        assertEquals(List.of(late), s.query(null, 10), "the orphan was the second row");
    }

    @Test
    void tiesInTimeComeBackInCodePointOrderOfTheirIdsOnAServerWithAnEnglishCollation() throws Exception {
        List<String> ids = List.of("d-b", "dB", "da", "d\u00e9");
        try (PostgresDatabase english = PostgresDatabase.open(englishCollation())) {
            OutcomeStore outcomes = new PostgresOutcomeStore(english);
            UnjoinedStore unjoined = new PostgresUnjoinedStore(english);
            for (String id : ids) {
                outcomes.append(List.of(new Outcome(id, "feed", "u1", "x", 1, 0.5, null, "m1", "a", T, 1, List.of(), 0, true, 0)));
                unjoined.append(List.of(new Unjoined(new Event(id, "click", T, "u1", null, null, null, "x", null, null),
                        Unjoined.Reason.ORPHAN, null)));
            }
            List<Outcome> got = outcomes.query("feed", Instant.EPOCH, T.plusSeconds(1), 10);
            assertEquals(ids, got.stream().map(Outcome::decision).toList(), "code-point order, as the embedded store sorts");
            assertEquals(ids, unjoined.query(null, 10).stream().map(u -> u.event().id()).toList());
            assertNotEquals(ids, serverOrder(english), "the server's own collation sorts them otherwise");
        }
    }

    private static List<String> serverOrder(PostgresDatabase db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT decision_id FROM outcomes ORDER BY decision_id")) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    /**
     * A schema in a database created with an English ICU collation as its default, as a server set up
     * with an English locale has (the embedded server's default is C.UTF-8, which sorts by code point).
     */
    private static synchronized PostgresSettings englishCollation() throws SQLException {
        LocalPostgres server = LocalPostgres.shared();
        try (Connection c = DriverManager.getConnection(server.url("postgres")); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'english'")) {
                if (!r.next()) s.execute("CREATE DATABASE english TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'");
            }
        }
        return new PostgresSettings(server.url("english"), server.freshSchema("t", 4).schema(), 4);
    }
}

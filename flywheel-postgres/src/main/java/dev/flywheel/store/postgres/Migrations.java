package dev.flywheel.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of a Flywheel schema, as numbered migrations. Opening a database applies those not yet
 * recorded in {@code schema_migrations}, in order, in the opening transaction, under an advisory lock
 * on the schema's name: processes that open the same schema at once apply each migration once. A
 * later change is a new migration appended to {@link #STEPS}, never an edit of one applied.
 */
final class Migrations {
    private Migrations() { }

    /** Timestamps are {@code timestamptz} (UTC, to the microsecond); {@code seq} is a row's log position. */
    private static final String RECORDS = """
            CREATE TABLE meta (key text PRIMARY KEY, value bigint NOT NULL);
            INSERT INTO meta VALUES ('applied_seq', -1), ('events.rows', 0), ('decisions.rows', 0),
              ('quarantine.rows', 0), ('outcomes.rows', 0), ('unjoined.rows', 0),
              ('decision_features.last_seq', -1), ('review_tasks.last_id', 0), ('audit.last_seq', 0), ('keys.version', 0);
            CREATE TABLE events (seq bigint PRIMARY KEY, received timestamptz NOT NULL, id text NOT NULL, type text NOT NULL,
              ts timestamptz NOT NULL, user_id text NOT NULL, session_id text, decision_id text, loop text, item text,
              value double precision, props text);
            CREATE TABLE decisions (seq bigint PRIMARY KEY, received timestamptz NOT NULL, id text NOT NULL, loop text NOT NULL,
              user_id text NOT NULL, ts timestamptz NOT NULL, model text NOT NULL, arm text NOT NULL, candidates text[] NOT NULL,
              context text, arm_probability double precision, period integer NOT NULL);
            CREATE TABLE decision_items (seq bigint NOT NULL, decision_id text NOT NULL, position integer NOT NULL,
              item text NOT NULL, score double precision, propensity double precision NOT NULL, PRIMARY KEY (seq, position));
            CREATE TABLE decision_shadows (seq bigint NOT NULL, decision_id text NOT NULL, version text NOT NULL,
              position integer NOT NULL, item text NOT NULL, score double precision, propensity double precision NOT NULL,
              PRIMARY KEY (seq, version, position));
            CREATE TABLE quarantine (seq bigint PRIMARY KEY, received timestamptz NOT NULL, source text NOT NULL,
              idx integer NOT NULL, record_id text, error_fields text[] NOT NULL, error_messages text[] NOT NULL, raw text);
            CREATE TABLE items (seq bigint PRIMARY KEY, received timestamptz NOT NULL, id text NOT NULL, title text,
              body text, topics text[] NOT NULL, attributes text, published timestamptz);
            """;

    private static final String DERIVED = """
            CREATE TABLE outcomes (ordinal bigint PRIMARY KEY, decision_id text NOT NULL, loop text NOT NULL,
              user_id text NOT NULL, item text NOT NULL, position integer NOT NULL, propensity double precision,
              score double precision, model text NOT NULL, arm text NOT NULL, decided_at timestamptz NOT NULL,
              candidates integer NOT NULL, reactions text[] NOT NULL, reward double precision NOT NULL,
              ignored boolean NOT NULL, late_count integer NOT NULL, UNIQUE (decision_id, item));
            CREATE INDEX outcomes_by_loop_time ON outcomes (loop, decided_at);
            CREATE TABLE unjoined (ordinal bigint PRIMARY KEY, reason text NOT NULL, for_decision text, id text NOT NULL UNIQUE,
              type text NOT NULL, ts timestamptz NOT NULL, user_id text NOT NULL, session_id text, decision_id text,
              loop text, item text, value double precision, props text);
            CREATE TABLE decision_features (seq bigint NOT NULL, decision_id text NOT NULL, loop text NOT NULL,
              item text NOT NULL, position integer NOT NULL, features double precision[] NOT NULL,
              PRIMARY KEY (decision_id, position));
            """;

    private static final String METADATA = """
            CREATE TABLE review_tasks (id bigint PRIMARY KEY, created timestamptz NOT NULL, loop text NOT NULL,
              alert_id bigint NOT NULL, monitor text NOT NULL, subject_kind text NOT NULL, subject text NOT NULL,
              reason text NOT NULL, status text NOT NULL, UNIQUE (loop, alert_id, subject_kind, subject));
            CREATE TABLE audit (seq bigint PRIMARY KEY, at timestamptz NOT NULL, loop text NOT NULL, action text NOT NULL,
              version text, actor text NOT NULL, record bytea NOT NULL);
            CREATE TABLE model_states (id text PRIMARY KEY, state bytea NOT NULL);
            CREATE TABLE checkpoints (seq bigint PRIMARY KEY, taken_seconds bigint NOT NULL, taken_nanos integer NOT NULL);
            CREATE TABLE checkpoint_states (seq bigint NOT NULL REFERENCES checkpoints ON DELETE CASCADE, name text NOT NULL,
              state bytea NOT NULL, crc32c bigint NOT NULL, PRIMARY KEY (seq, name));
            CREATE TABLE api_keys (id text PRIMARY KEY, sha256 text NOT NULL, scopes text[] NOT NULL, name text NOT NULL,
              created timestamptz NOT NULL, revoked boolean NOT NULL);
            """;

    /** The alerts the Flink job's monitors raised, by id (the servers of the distributed shape read them). */
    private static final String ALERTS = """
            CREATE TABLE alerts (id bigint PRIMARY KEY, loop text NOT NULL, monitor text NOT NULL,
              window_start timestamptz NOT NULL, window_end timestamptz NOT NULL, statistic text NOT NULL,
              value double precision NOT NULL, threshold double precision NOT NULL, detail text NOT NULL,
              users text[] NOT NULL, items text[] NOT NULL, seq bigint NOT NULL);
            """;

    /**
     * Each loop's feature state by key (kind: 0 global, 1 item, 2 user), as of a position of the Flink
     * job's stream; {@code state} null for a key that has none any more (a forgotten user).
     */
    private static final String FEATURE_STATES = """
            CREATE TABLE feature_states (loop text NOT NULL, kind smallint NOT NULL, key text NOT NULL, seq bigint NOT NULL,
              after_idle boolean NOT NULL, state bytea, PRIMARY KEY (loop, kind, key));
            """;

    /**
     * Whether a checkpoint was taken after an idle at its position (a start from it then idles without
     * writing another), as the embedded checkpoint file records it.
     */
    private static final String CHECKPOINT_AFTER_IDLE = """
            ALTER TABLE checkpoints ADD COLUMN after_idle boolean NOT NULL DEFAULT false;
            """;

    /**
     * The rest of the serving state the Flink job publishes beside {@code feature_states}: each loop's
     * learner state and each user's consumed items as of a position (newest wins, as feature states),
     * the catalog's entries by the job's seq ({@code entry}: the log's binary form), and per partition
     * of the log topic the highest offset applied.
     */
    private static final String SERVING_STATE = """
            CREATE TABLE learner_states (loop text PRIMARY KEY, seq bigint NOT NULL, after_idle boolean NOT NULL, state bytea NOT NULL);
            CREATE TABLE consumed_items (loop text NOT NULL, user_id text NOT NULL, seq bigint NOT NULL, after_idle boolean NOT NULL,
              items bytea NOT NULL, PRIMARY KEY (loop, user_id));
            CREATE TABLE catalog_entries (seq bigint PRIMARY KEY, entry bytea NOT NULL);
            CREATE TABLE applied_offsets (log_partition integer PRIMARY KEY, log_offset bigint NOT NULL);
            """;

    /**
     * 6: the collaborative learner's published models per loop ({@code PublishedCollaborative}), each
     * user's latest interactions ({@code InteractionHistory}) and each loop's learner status
     * ({@code LoopStatus}), replaced by newer positions only.
     */
    private static final String COLLABORATIVE = """
            CREATE TABLE collaborative_models (loop text PRIMARY KEY, seq bigint NOT NULL, after_idle boolean NOT NULL, state bytea NOT NULL);
            CREATE TABLE loop_status (loop text PRIMARY KEY, seq bigint NOT NULL, after_idle boolean NOT NULL, state bytea NOT NULL);
            CREATE TABLE interaction_histories (loop text NOT NULL, user_id text NOT NULL, seq bigint NOT NULL, after_idle boolean NOT NULL,
              history bytea NOT NULL, PRIMARY KEY (loop, user_id));
            """;

    /** Migration n is {@code STEPS.get(n - 1)}. */
    static final List<String> STEPS = List.of(RECORDS + DERIVED + METADATA, ALERTS, FEATURE_STATES, CHECKPOINT_AFTER_IDLE,
            SERVING_STATE, COLLABORATIVE);

    static void apply(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "flywheel:" + schema);
                lock.execute();
            }
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                    + "applied timestamptz NOT NULL DEFAULT now())");
            int done = applied(s);
            for (int v = done + 1; v <= STEPS.size(); v++) {
                s.execute(STEPS.get(v - 1));
                s.execute("INSERT INTO schema_migrations (version) VALUES (" + v + ")");
            }
        }
    }

    private static int applied(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")) {
            r.next();
            int v = r.getInt(1);
            if (v > STEPS.size()) {
                throw new SQLException("the schema is at migration " + v + ", newer than this Flywheel (" + STEPS.size() + ")");
            }
            return v;
        }
    }
}

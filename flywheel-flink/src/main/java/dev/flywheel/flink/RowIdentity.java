package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;

/**
 * What makes each row the job emits itself, for tables that upsert: the columns of a primary key.
 * The keys written here join those columns with a separator no id may hold, for tables keyed by
 * one string.
 *
 * <ul>
 *   <li>outcome: (decision, item) — a decision shows an item once, and an exposure's decision id is
 *       {@code <impression id>@<loop>}</li>
 *   <li>unjoined feedback: (event id, reason, decision) — an event is routed once</li>
 *   <li>served features: (decision, item)</li>
 *   <li>alert: id — dense in the order the monitors raised them, the same in a replay</li>
 * </ul>
 */
public final class RowIdentity {
    private static final char SEP = '\u0000';

    private RowIdentity() { }

    public static String of(Outcome o) {
        return o.decision() + SEP + o.item();
    }

    public static String of(Unjoined u) {
        return u.event().id() + SEP + u.reason() + SEP + u.decision();
    }

    public static String of(ServedFeatures f) {
        return f.decision() + SEP + f.item();
    }

    public static String of(Alert a) {
        return Long.toString(a.id());
    }
}

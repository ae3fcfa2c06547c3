package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The slots an {@link EventMapping} needs, checked against the file: where each event field is read
 * from (a slot index, or -1 when the field is unmapped or a constant), and a slot beside each
 * converted value that keeps the raw text of values that could not be converted.
 */
final class EventPlan {
    final EventMapping mapping;
    final List<Slot> slots = new ArrayList<>();
    final int id;
    final int user;
    final int session;
    final int decision;
    final int loop;
    final int item;
    final int ts;
    final int tsRaw;
    final int props;
    final int propsRaw;
    final int[] when;
    final int[] type;
    final int[] value;
    final int[] valueRaw;
    private final Binder binder;

    EventPlan(EventMapping m, Binder binder) {
        this.mapping = m;
        this.binder = binder;
        id = text(m.id(), "id");
        user = text(m.user(), "user");
        session = text(m.session(), "session");
        decision = text(m.decision(), "decision");
        loop = text(m.loop(), "loop");
        item = text(m.item(), "item");
        String tsType = binder.typeOf(m.timestamp().field());
        String micros = m.timestamp().micros(tsType);
        ts = add(new Slot("ts", Slot.Type.LONG, micros), m.timestamp().field().key());
        tsRaw = add(Slot.unreadable("ts_raw", m.timestamp().field().sql(), micros), m.timestamp().field().key());
        if (m.props() == null) {
            props = -1;
            propsRaw = -1;
        } else {
            String json = JsonFields.objectText(m.props(), binder.typeOf(m.props()));
            props = add(new Slot("props", Slot.Type.TEXT, json), m.props().key());
            propsRaw = add(Slot.unreadable("props_raw", m.props().sql(), json), m.props().key());
        }
        int n = m.emit().size();
        when = new int[n];
        type = new int[n];
        value = new int[n];
        valueRaw = new int[n];
        for (int r = 0; r < n; r++) rule(r, m.emit().get(r));
    }

    private void rule(int r, EmitRule rule) {
        when[r] = rule.when() == null ? -1 : condition(r, rule);
        type[r] = text(rule.type(), "type" + r);
        if (rule.value() == null) {
            value[r] = -1;
            valueRaw[r] = -1;
            return;
        }
        binder.typeOf(rule.value());
        String number = "TRY_CAST(" + rule.value().sql() + " AS DOUBLE)";
        value[r] = add(new Slot("value" + r, Slot.Type.DOUBLE, number), rule.value().key());
        valueRaw[r] = add(Slot.unreadable("value_raw" + r, rule.value().sql(), number), rule.value().key());
    }

    private int condition(int r, EmitRule rule) {
        String type = binder.typeOf("(" + rule.when() + ")", rule.whenKey(), rule.when());
        if (!type.equals("BOOLEAN")) {
            throw new ConfigException(rule.whenKey(), "must be a condition (true or false), but \"" + rule.when() + "\" gives " + type);
        }
        return add(new Slot("when" + r, Slot.Type.BOOL, "(" + rule.when() + ")"), rule.whenKey());
    }

    /** A text field read from the row; constants stay out of the table and come from the mapping. */
    private int text(FieldSpec f, String name) {
        if (f == null || f.kind() == FieldSpec.Kind.CONSTANT) return -1;
        binder.typeOf(f);
        return add(new Slot(name, Slot.Type.TEXT, f.sql()), f.key());
    }

    /** Adds the slot after checking that its final expression compiles, naming the mapping key if not. */
    private int add(Slot s, String key) {
        binder.typeOf(s.sql(), key, s.sql());
        slots.add(s.keyed(key));
        return slots.size() - 1;
    }

    static String constant(FieldSpec f) {
        return f != null && f.kind() == FieldSpec.Kind.CONSTANT ? f.text() : null;
    }
}

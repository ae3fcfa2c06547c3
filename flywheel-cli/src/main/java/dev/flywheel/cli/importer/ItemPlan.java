package dev.flywheel.cli.importer;

import java.util.ArrayList;
import java.util.List;

/** The slots an {@link ItemMapping} needs, checked against the file; -1 for an unmapped field. */
final class ItemPlan {
    final ItemMapping mapping;
    final List<Slot> slots = new ArrayList<>();
    final int id;
    final int title;
    final int body;
    final int topics;
    final int attributes;
    final int attributesRaw;
    final int published;
    final int publishedRaw;
    private final Binder binder;

    ItemPlan(ItemMapping m, Binder binder) {
        this.mapping = m;
        this.binder = binder;
        id = text(m.id(), "id");
        title = text(m.title(), "title");
        body = text(m.body(), "body");
        topics = m.topics() == null ? -1
                : add(new Slot("topics", Slot.Type.TEXT, "to_json(" + m.topicsSql(binder.typeOf(m.topics())) + ")"), m.topics().key());
        if (m.attributes() == null) {
            attributes = -1;
            attributesRaw = -1;
        } else {
            String json = JsonFields.objectText(m.attributes(), binder.typeOf(m.attributes()));
            attributes = add(new Slot("attributes", Slot.Type.TEXT, json), m.attributes().key());
            attributesRaw = add(Slot.unreadable("attributes_raw", m.attributes().sql(), json), m.attributes().key());
        }
        if (m.published() == null) {
            published = -1;
            publishedRaw = -1;
        } else {
            FieldSpec f = m.published().field();
            String micros = m.published().micros(binder.typeOf(f));
            published = add(new Slot("published", Slot.Type.LONG, micros), f.key());
            publishedRaw = add(Slot.unreadable("published_raw", f.sql(), micros), f.key());
        }
    }

    private int text(FieldSpec f, String name) {
        if (f == null) return -1;
        binder.typeOf(f);
        return add(new Slot(name, Slot.Type.TEXT, f.sql()), f.key());
    }

    private int add(Slot s, String key) {
        binder.typeOf(s.sql(), key, s.sql());
        slots.add(s.keyed(key));
        return slots.size() - 1;
    }
}

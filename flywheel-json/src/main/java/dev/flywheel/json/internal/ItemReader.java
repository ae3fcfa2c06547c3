package dev.flywheel.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.json.JsonRecords.Parsed;
import dev.flywheel.json.Fields;
import dev.flywheel.json.RecordReader;
import dev.flywheel.catalog.Item;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one catalog item from JSON. */
public final class ItemReader implements RecordReader {
    private static final Set<String> FIELDS = Set.of("id", "title", "body", "topics", "attributes", "published");

    @Override
    public String source() {
        return "item";
    }

    @Override
    public String batchField() {
        return "items";
    }

    @Override
    public Parsed read(JsonNode node) {
        if (!node.isObject()) return Parsed.failed(null, List.of(new FieldError("item", "must be a JSON object")));
        List<FieldError> errors = new ArrayList<>(2);
        Fields f = new Fields(node, "", errors);
        f.only(FIELDS, "; put other attributes under attributes");
        String id = f.key("id");
        String title = f.text("title");
        String body = f.text("body");
        List<String> topics = topics(f.array("topics"), errors);
        String attributes = f.object("attributes");
        Instant published = f.timestamp("published");
        try {
            Item item = new Item(id, title, body, topics, attributes, published);
            return errors.isEmpty() ? Parsed.ok(item) : Parsed.failed(id, errors);
        } catch (InvalidRecordException ex) {
            return Parsed.failed(id, Fields.merge(errors, ex.errors()));
        }
    }

    private static List<String> topics(JsonNode arr, List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        if (arr == null) return out;
        for (int i = 0; i < arr.size(); i++) {
            if (arr.get(i).isTextual()) out.add(arr.get(i).textValue());
            else errors.add(new FieldError("topics[" + i + "]", "must be a string"));
        }
        return out;
    }
}

package dev.flywheel.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.catalog.Item;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns one mapped row into a catalog item, validated by the {@link Item} constructor as the API does. */
final class ItemBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ItemPlan plan;

    ItemBuilder(ItemPlan plan) {
        this.plan = plan;
    }

    /** The item, or the row's failure in {@code failure[0]}. */
    Item build(MappedCursor c, RowNumbers rows, RowFailure[] failure) {
        String id = text(c, plan.id);
        List<FieldError> errors = new ArrayList<>();
        Instant published = null;
        if (plan.published >= 0 && !c.isNull(plan.published)) published = instant(c.longValue(plan.published));
        String rawTime = plan.publishedRaw >= 0 ? c.text(plan.publishedRaw) : null;
        if (rawTime != null) {
            errors.add(new FieldError("published", "cannot read '" + rawTime + "' as " + plan.mapping.published().expected()
                    + from(plan.mapping.published().field())));
        }
        String rawAttributes = plan.attributesRaw >= 0 ? c.text(plan.attributesRaw) : null;
        if (rawAttributes != null) {
            errors.add(new FieldError("attributes", "must be a JSON object, got '" + rawAttributes + "'"
                    + from(plan.mapping.attributes())));
        }
        try {
            Item item = new Item(id, text(c, plan.title), text(c, plan.body), topics(c), text(c, plan.attributes), published);
            if (errors.isEmpty()) return item;
        } catch (InvalidRecordException e) {
            for (FieldError f : e.errors()) {
                if (errors.stream().noneMatch(x -> x.field().equals(f.field()))) {
                    errors.add(new FieldError(f.field(), f.message() + from(spec(f.field()))));
                }
            }
        }
        failure[0] = new RowFailure(c.rowid(), rows.fileRow(c.rowid()), id, errors);
        return null;
    }

    private List<String> topics(MappedCursor c) {
        String json = text(c, plan.topics);
        if (json == null) return List.of();
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(json)) out.add(n.isNull() ? null : n.asText());
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e); // DuckDB wrote this JSON list itself
        }
    }

    private FieldSpec spec(String field) {
        ItemMapping m = plan.mapping;
        String name = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
        return switch (name) {
            case "id" -> m.id();
            case "title" -> m.title();
            case "body" -> m.body();
            case "topics" -> m.topics();
            default -> null;
        };
    }

    private static String from(FieldSpec f) {
        return f == null ? "" : " (from " + f.origin() + ")";
    }

    private static String text(MappedCursor c, int slot) {
        return slot >= 0 ? c.text(slot) : null;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}

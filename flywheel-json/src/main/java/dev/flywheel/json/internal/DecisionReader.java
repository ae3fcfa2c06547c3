package dev.flywheel.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.json.JsonRecords.Parsed;
import dev.flywheel.json.Fields;
import dev.flywheel.json.RecordReader;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import dev.flywheel.ingest.Admission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one decision (what a product showed, with propensities) from JSON. */
public final class DecisionReader implements RecordReader {
    private static final Set<String> FIELDS = Set.of("id", "loop", "user", "timestamp", "model", "arm",
            "items", "candidates", "context");
    private static final Set<String> ITEM_FIELDS = Set.of("item", "position", "score", "propensity");
    private final Admission admission;

    public DecisionReader(Admission admission) {
        this.admission = admission;
    }

    @Override
    public String source() {
        return "decision";
    }

    @Override
    public String batchField() {
        return "decisions";
    }

    @Override
    public Parsed read(JsonNode node) {
        if (!node.isObject()) return Parsed.failed(null, List.of(new FieldError("decision", "must be a JSON object")));
        List<FieldError> errors = new ArrayList<>(2);
        Fields f = new Fields(node, "", errors);
        f.only(FIELDS, "");
        String id = f.key("id");
        String loop = f.text("loop");
        String user = f.key("user");
        Instant ts = f.timestamp("timestamp");
        String model = f.text("model");
        String arm = f.text("arm");
        List<ServedItem> items = items(f.array("items"), errors);
        List<String> candidates = candidates(f.array("candidates"), errors);
        String context = f.object("context");
        try {
            Decision d = new Decision(id, loop, user, ts, model, arm, items, candidates, context);
            if (!errors.isEmpty()) return Parsed.failed(id, errors);
            List<FieldError> refused = admission.check(d);
            return refused.isEmpty() ? Parsed.ok(d) : Parsed.failed(id, refused);
        } catch (InvalidRecordException ex) {
            return Parsed.failed(id, Fields.merge(errors, ex.errors()));
        }
    }

    private static List<ServedItem> items(JsonNode arr, List<FieldError> errors) {
        if (arr == null) return null;
        if (arr.size() > Decision.MAX_ITEMS) {
            errors.add(new FieldError("items", "must hold at most " + Decision.MAX_ITEMS + " items"));
            return null;
        }
        List<ServedItem> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            ServedItem s = item(arr.get(i), "items[" + i + "].", i + 1, errors);
            if (s != null) out.add(s);
        }
        return out;
    }

    private static ServedItem item(JsonNode n, String path, int defaultPosition, List<FieldError> errors) {
        if (!n.isObject()) {
            errors.add(new FieldError(path.substring(0, path.length() - 1), "must be a JSON object"));
            return null;
        }
        int before = errors.size();
        Fields f = new Fields(n, path, errors);
        f.only(ITEM_FIELDS, "");
        String item = f.key("item");
        Double pos = f.number("position");
        Double score = f.number("score");
        Double p = f.number("propensity");
        if (item == null || item.isBlank()) f.fail("item", "is required");
        if (pos != null && (pos != Math.rint(pos) || pos < 1 || pos > Decision.MAX_ITEMS)) {
            f.fail("position", "must be a whole number from 1 to " + Decision.MAX_ITEMS);
        }
        if (score != null && !Double.isFinite(score)) f.fail("score", "must be a finite number");
        if (p == null) f.fail("propensity", "is required: the probability that the serving policy showed this item here");
        else if (!(p > 0 && p <= 1)) f.fail("propensity", "must be in (0, 1]");
        if (errors.size() > before) return null;
        return new ServedItem(item, pos == null ? defaultPosition : pos.intValue(), score, p);
    }

    private static List<String> candidates(JsonNode arr, List<FieldError> errors) {
        if (arr == null) return List.of();
        if (arr.size() > Decision.MAX_CANDIDATES) {
            errors.add(new FieldError("candidates", "must hold at most " + Decision.MAX_CANDIDATES + " items"));
            return List.of();
        }
        List<String> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonNode c = arr.get(i);
            if (c.isTextual() && !c.textValue().isBlank()) out.add(c.textValue());
            else if (c.isIntegralNumber()) out.add(c.asText());
            else errors.add(new FieldError("candidates[" + i + "]", "must be a non-empty string"));
        }
        return out;
    }
}

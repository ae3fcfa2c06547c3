package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.sim.articles.ArticleWorld;
import dev.flywheel.sim.client.FlywheelClient;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's view of the engine's alerts: after each round it asks {@code GET /v1/alerts} for what is
 * new, prints each alert with the engine's response, and keeps them for the JSON report beside the
 * world's truth (which the engine never sees).
 */
final class DemoAlerts {
    private final FlywheelClient client;
    private final boolean print;
    private final boolean excludes;
    private final ArrayNode alerts = new ObjectMapper().createArrayNode();
    private final Set<String> namedUsers = new TreeSet<>();
    private final Set<String> namedItems = new TreeSet<>();
    private long lastId;

    /** @param excludes whether the engine leaves flagged feedback out of training (its configured response) */
    DemoAlerts(FlywheelClient client, boolean print, boolean excludes) {
        this.client = client;
        this.print = print;
        this.excludes = excludes;
    }

    /** Reads the alerts raised since the last call; {@code round} counts from 1. */
    void poll(int round) {
        FlywheelClient.Answer a = client.get("/v1/alerts?after=" + lastId);
        if (!a.ok()) throw new IllegalStateException("GET /v1/alerts answered " + a.status() + ": " + a.text());
        for (JsonNode alert : a.body().get("alerts")) {
            lastId = Math.max(lastId, alert.get("id").asLong());
            ObjectNode o = alerts.addObject();
            o.put("monitor", alert.get("monitor").asText()).put("round", round).put("loop", alert.get("loop").asText())
                    .put("statistic", alert.get("statistic").asText());
            o.set("value", alert.get("value"));
            o.set("threshold", alert.get("threshold"));
            o.set("window", alert.get("window"));
            o.set("users", alert.get("users"));
            o.set("items", alert.get("items"));
            o.put("detail", alert.get("detail").asText());
            alert.get("users").forEach(u -> namedUsers.add(u.asText()));
            alert.get("items").forEach(i -> namedItems.add(i.asText()));
            if (print) System.out.println(line(round, alert));
        }
    }

    private String line(int round, JsonNode alert) {
        String monitor = alert.get("monitor").asText();
        int users = alert.get("users").size();
        int items = alert.get("items").size();
        String who = users > 0 ? users + " users " + preview(alert.get("users"))
                : items > 0 ? items + " items " + preview(alert.get("items")) : "";
        String response = switch (monitor) {
            case "bots" -> excludes ? "their feedback is left out of learning and training snapshots" : "none (monitors only watch)";
            case "clickbait" -> excludes ? "their feedback is left out of training snapshots" : "none (monitors only watch)";
            default -> "listed at /v1/alerts and in the metrics";
        };
        return String.format("  ! round %d: %s alert on %s: %s; %s%s%n      response: %s", round, monitor,
                alert.get("loop").asText(), alert.get("detail").asText(), who.isEmpty() ? "" : "names ", who, response);
    }

    private static String preview(JsonNode ids) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < Math.min(5, ids.size()); i++) b.append(i == 0 ? "" : ", ").append(ids.get(i).asText());
        return b.append(ids.size() > 5 ? ", …]" : "]").toString();
    }

    /** The alerts, the world's truth, and how well the named users and items match it. */
    void report(ObjectNode out, ArticleWorld world, java.time.Duration roundLength) {
        out.set("alerts", alerts);
        ArticleWorld.FaultTruth t = world.faultTruth();
        ObjectNode truth = out.putObject("truth");
        t.bots().forEach(truth.putArray("bots")::add);
        t.pushed().forEach(truth.putArray("pushed")::add);
        t.injectedClickbait().forEach(truth.putArray("clickbait")::add);
        t.clickbait().stream().filter(id -> !t.injectedClickbait().contains(id)).forEach(truth.putArray("native_clickbait")::add);
        truth.put("drift_round", t.driftRound());
        ObjectNode detection = out.putObject("detection");
        detection.set("bots", score(namedUsers, Set.copyOf(t.bots()), Set.copyOf(t.bots())));
        // a native clickbait article named is named rightly; recall is of what was injected
        detection.set("clickbait", score(namedItems, Set.copyOf(t.clickbait()), Set.copyOf(t.injectedClickbait())));
        JsonNode outcomes = outcomes();
        if (outcomes == null) return;
        ObjectNode clickbait = (ObjectNode) detection.get("clickbait");
        clickbait.set("injected_seen_by_people", exposure(outcomes, Set.copyOf(t.injectedClickbait()), Set.copyOf(t.bots())));
        wronglyNamed(clickbait, world, outcomes, t);
        pushed((ObjectNode) detection.get("bots"), outcomes, Set.copyOf(t.pushed()), peers(t), Set.copyOf(t.bots()),
                new Rounds(world.config().start(), roundLength));
    }

    /** Every outcome of the demo's loop, or null when the engine does not answer. */
    private JsonNode outcomes() {
        FlywheelClient.Answer a = client.get("/v1/outcomes?loop=" + DemoCommand.LOOP + "&limit=1000000");
        return a.ok() ? a.body().get("outcomes") : null;
    }

    /**
     * What people did with each of {@code items}, from the engine's outcomes: an article the policy
     * stopped showing after a few dislikes gives the monitor little to judge.
     */
    private ObjectNode exposure(JsonNode outcomes, Set<String> items, Set<String> bots) {
        java.util.Map<String, long[]> seen = new java.util.TreeMap<>();
        items.forEach(i -> seen.put(i, new long[3]));
        for (JsonNode o : outcomes) {
            long[] c = seen.get(o.get("item").asText());
            if (c == null || bots.contains(o.get("user").asText())) continue;
            c[0]++;
            for (JsonNode r : o.get("reactions")) {
                if (r.asText().equals("click")) c[1]++;
                if (r.asText().equals("dislike")) c[2]++;
            }
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        seen.forEach((item, c) -> out.putObject(item).put("impressions", c[0]).put("clicks", c[1]).put("dislikes", c[2])
                .put("named", namedItems.contains(item)));
        return out;
    }

    /**
     * Each honest article named clickbait, with what people did with it, its hidden quality and
     * whether the bots pushed it: what a failed precision needs to be read.
     */
    private void wronglyNamed(ObjectNode into, ArticleWorld world, JsonNode outcomes, ArticleWorld.FaultTruth t) {
        Set<String> wrong = new TreeSet<>(namedItems);
        wrong.removeAll(t.clickbait());
        ObjectNode out = exposure(outcomes, wrong, Set.copyOf(t.bots()));
        wrong.forEach(id -> {
            ObjectNode o = ((ObjectNode) out.get(id)).put("quality", world.article(id).quality()).put("pushed", t.pushed().contains(id));
            JsonNode alert = firstNaming(id);
            o.put("named_in_round", alert.get("round").asInt()).set("alert_value", alert.get("value"));
        });
        into.set("wrongly_named", out);
    }

    /** The first alert that named {@code item}. */
    private JsonNode firstNaming(String item) {
        for (JsonNode a : alerts) {
            for (JsonNode i : a.get("items")) if (i.asText().equals(item)) return a;
        }
        throw new IllegalStateException("no alert named " + item);
    }

    /** Which round (from 1) a decision was made in: rounds start {@code length} apart from {@code start}. */
    record Rounds(java.time.Instant start, java.time.Duration length) {
        int of(JsonNode outcome) {
            java.time.Instant at = java.time.Instant.parse(outcome.get("decided_at").asText());
            return (int) (java.time.Duration.between(start, at).toMillis() / length.toMillis()) + 1;
        }
    }

    /** The pushed articles' peers: the other articles the bots' targets were drawn among. */
    private static Set<String> peers(ArticleWorld.FaultTruth t) {
        Set<String> peers = new TreeSet<>(t.pushPool());
        peers.removeAll(t.pushed());
        return peers;
    }

    /**
     * The share of people's impressions that went to the articles the bots push, what the attack won:
     * over the run and per round (the monitors can only act from the rounds after they named the bots),
     * with the impressions of the pushed articles' peers per round beside it (what articles like them get).
     */
    private static void pushed(ObjectNode into, JsonNode outcomes, Set<String> pushed, Set<String> peers, Set<String> bots,
                               Rounds rounds) {
        if (pushed.isEmpty()) return;
        java.util.SortedMap<Integer, long[]> byRound = new java.util.TreeMap<>();
        for (JsonNode o : outcomes) {
            if (bots.contains(o.get("user").asText())) continue;
            long[] c = byRound.computeIfAbsent(rounds.of(o), r -> new long[3]);
            c[0]++;
            String item = o.get("item").asText();
            if (pushed.contains(item)) c[1]++;
            if (peers.contains(item)) c[2]++;
        }
        long people = byRound.values().stream().mapToLong(c -> c[0]).sum();
        long onPushed = byRound.values().stream().mapToLong(c -> c[1]).sum();
        into.put("pushed_share_of_people_impressions", people == 0 ? 0 : (double) onPushed / people);
        into.put("pushed_articles", pushed.size()).put("peer_articles", peers.size());
        ArrayNode perRound = into.putArray("pushed_by_round");
        byRound.forEach((round, c) -> perRound.addObject().put("round", round).put("people_impressions", c[0]).put("pushed", c[1])
                .put("peers", c[2]));
    }

    private static ObjectNode score(Set<String> named, Set<String> right, Set<String> injected) {
        long correct = named.stream().filter(right::contains).count();
        long found = named.stream().filter(injected::contains).count();
        ObjectNode o = new ObjectMapper().createObjectNode().put("named", named.size()).put("correct", correct)
                .put("injected", injected.size()).put("injected_named", found);
        if (named.isEmpty()) o.putNull("precision"); else o.put("precision", (double) correct / named.size());
        if (injected.isEmpty()) o.putNull("recall"); else o.put("recall", (double) found / injected.size());
        return o;
    }
}

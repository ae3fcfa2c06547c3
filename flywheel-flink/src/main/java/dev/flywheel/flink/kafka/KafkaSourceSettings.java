package dev.flywheel.flink.kafka;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.kafka.KafkaSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code kafka} plug-in's options ({@code --set kafka.KEY=VALUE}): the servers' {@code kafka}
 * section ({@link KafkaSettings#from}, read the same way: bootstrap required, every error naming its
 * key), and the job's own two.
 *
 * @param kafka   the brokers, the topics' prefix and the quarantine writer's producer settings, as the servers'
 * @param groupId {@code kafka.group_id} (default {@code <prefix>.flink}): the consumer group whose
 *                committed offsets a job started without state begins at (the earliest when it has none)
 * @param bounded {@code kafka.bounded} (default false): read up to the offsets at the start, then end
 *                (a backfill; the end of the input is an idle, as at an engine's start)
 */
public record KafkaSourceSettings(KafkaSettings kafka, String groupId, boolean bounded) {
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public KafkaSourceSettings {
        if (groupId == null || !GROUP.matcher(groupId).matches()) {
            throw new ConfigException("kafka.group_id", "must be 1-200 of A-Z a-z 0-9 . _ -, got '" + groupId + "'");
        }
    }

    /** Reads the options; values are typed as in the YAML file (a whole number is a number). */
    public static KafkaSourceSettings from(Map<String, String> options) {
        Map<String, Object> section = new LinkedHashMap<>();
        options.forEach((k, v) -> section.put(k, WHOLE.matcher(v).matches() ? (Object) Long.parseLong(v) : v));
        Object group = section.remove("group_id");
        Object bounded = section.remove("bounded");
        if (bounded != null && !"true".equals(bounded) && !"false".equals(bounded)) {
            throw new ConfigException("kafka.bounded", "must be true or false, got '" + bounded + "'");
        }
        KafkaSettings k = KafkaSettings.from(new ConfigTree("kafka", section));
        return new KafkaSourceSettings(k, group == null ? k.topicPrefix() + ".flink" : group.toString(), "true".equals(bounded));
    }
}

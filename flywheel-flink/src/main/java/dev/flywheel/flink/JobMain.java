package dev.flywheel.flink;

import dev.flywheel.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job jar's entry point ({@code flink run flywheel-flink-job.jar ...}):
 * <pre>
 *   --config flywheel.yaml          the engine's configuration (loops, suites inline)
 *   --source NAME                   the plug-in that reads the log (kafka)
 *   --tables NAME[,NAME]            the plug-ins that keep the rows (postgres, parquet)
 *   --set NAME.KEY=VALUE            an option of a plug-in (repeatable)
 *   --flink KEY=VALUE               a job setting: checkpoint_interval, quiet, flush_interval, chunk,
 *                                   dedupe_horizon (repeatable)
 * </pre>
 * Every bad argument stops the submission with the option named.
 */
public final class JobMain {
    private JobMain() { }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        JobSettings settings = JobSettings.from(read(a.one("--config")), a.flink);
        Map<String, JobPlugin> plugins = new HashMap<>();
        ServiceLoader.load(JobPlugin.class).forEach(p -> plugins.put(p.name(), p));
        String sourceName = a.one("--source");
        JobPlugin source = plugin(plugins, "--source", sourceName);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlinkJob.configure(env, settings);
        DataStream<SourcedEntry> entries = source.sourcedEntries(env, a.options(sourceName), settings);
        if (entries == null) throw new ConfigException("--source", sourceName + " reads no log entries");
        JobOutputs out = FlinkJob.wireSourced(entries, settings, true);
        for (String name : a.one("--tables").split(",")) {
            Tables t = plugin(plugins, "--tables", name).tables(a.options(name));
            if (t == null) throw new ConfigException("--tables", name + " keeps no tables");
            out.commitTo(name, t);
            if (t.servingState() != null) ServingStateSink.attach(out, t.servingState());
        }
        env.execute("flywheel");
    }

    private static JobPlugin plugin(Map<String, JobPlugin> plugins, String option, String name) {
        JobPlugin p = plugins.get(name);
        if (p == null) throw new ConfigException(option, "no plug-in named " + name + " in the job jar; there are " + plugins.keySet());
        return p;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The command line, checked option by option. */
    record Args(Map<String, String> single, Map<String, Object> flink, List<String[]> sets) {
        static Args parse(String[] args) {
            Map<String, String> single = new LinkedHashMap<>();
            Map<String, Object> flink = new LinkedHashMap<>();
            List<String[]> sets = new ArrayList<>();
            for (int i = 0; i < args.length; i += 2) {
                String option = args[i];
                if (i + 1 >= args.length) throw new ConfigException(option, "needs a value");
                String value = args[i + 1];
                switch (option) {
                    case "--config", "--source", "--tables" -> single.put(option, value);
                    case "--flink" -> flink.put(keyOf(option, value), scalar(value.substring(value.indexOf('=') + 1)));
                    case "--set" -> sets.add(new String[] {keyOf(option, value), value.substring(value.indexOf('=') + 1)});
                    default -> throw new ConfigException(option, "unknown option; known: --config --source --tables --set --flink");
                }
            }
            return new Args(single, flink, sets);
        }

        /**
         * A value as the configuration file would have read it: a whole number, a number, true or false,
         * else text ({@code chunk=500} was the text "500", which a whole-number setting refused).
         */
        static Object scalar(String v) {
            if (v.matches("[-+]?\\d{1,18}")) return Long.parseLong(v);
            if (v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) return Double.parseDouble(v);
            if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
            return v;
        }

        private static String keyOf(String option, String value) {
            int eq = value.indexOf('=');
            if (eq < 1) throw new ConfigException(option, "must be KEY=VALUE, got " + value);
            return value.substring(0, eq);
        }

        String one(String option) {
            String v = single.get(option);
            if (v == null || v.isBlank()) throw new ConfigException(option, "is required");
            return v;
        }

        /** The options of plug-in {@code name}: {@code --set name.key=value} as key → value. */
        Map<String, String> options(String name) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String[] s : sets) if (s[0].startsWith(name + ".")) out.put(s[0].substring(name.length() + 1), s[1]);
            return out;
        }
    }
}

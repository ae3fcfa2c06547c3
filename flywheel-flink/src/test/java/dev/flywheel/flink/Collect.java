package dev.flywheel.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Every record that reached it, in order, across restarts (not transactional: what an at-least-once sink sees). */
final class Collect<T> implements Sink<T> {
    private static final Map<String, List<Object>> SEEN = new ConcurrentHashMap<>();
    private final String name;

    Collect(String name) {
        this.name = name;
        SEEN.put(name, java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> seen(String name) {
        synchronized (SEEN.get(name)) {
            return new ArrayList<>((List<T>) (List<?>) SEEN.get(name));
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> into = SEEN.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                into.add(element);
            }

            @Override
            public void flush(boolean endOfInput) { }

            @Override
            public void close() { }
        };
    }
}

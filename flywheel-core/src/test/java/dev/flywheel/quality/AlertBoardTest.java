package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscribers hear what is raised once the board is live, not what a start's replay raises again. */
class AlertBoardTest {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    private static Alert drift(long seq) {
        return new Alert(0, "feed", "drift", T0, T0.plusSeconds(3_600), "like_rate_change", -0.4, -0.25, "", null, null, seq);
    }

    @Test
    void alertsRaisedBeforeLiveAreListedButNotDelivered() {
        AlertBoard board = new AlertBoard();
        List<Alert> heard = new ArrayList<>();
        board.subscribe(heard::add);
        board.raise(drift(10)); // the replay
        board.raise(drift(20));
        assertEquals(List.of(), heard);
        board.live();
        board.raise(drift(30));
        assertEquals(1, heard.size());
        assertEquals(3, heard.get(0).id(), "numbered after the replayed ones");
        assertEquals(30, heard.get(0).seq());
        assertEquals(3, board.list(null, null, 0).size(), "the replayed alerts are still listed");
    }

    @Test
    void aSubscriberAddedAfterLiveHearsOnlyWhatFollows() {
        AlertBoard board = new AlertBoard();
        board.live();
        board.raise(drift(1));
        List<Alert> heard = new ArrayList<>();
        board.subscribe(heard::add);
        board.raise(drift(2));
        assertEquals(List.of(2L), heard.stream().map(Alert::id).toList());
    }

    @Test
    void recordedAlertsKeepTheirIdsAndMustRise() {
        AlertBoard board = new AlertBoard();
        Alert fifth = new Alert(5, "feed", "drift", T0, T0.plusSeconds(60), "like_rate_change", -0.4, -0.25, "d", null, null, 7);
        board.record(fifth);
        assertEquals(List.of(fifth), board.list(null, null, 0), "kept as given, id included");
        assertEquals(5, board.lastId());
        assertEquals(List.of(), board.list(null, null, 5));
        assertThrows(IllegalArgumentException.class, () -> board.record(fifth), "an id already recorded");
        assertEquals(1, board.size());
    }
}

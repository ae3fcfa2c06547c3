package dev.flywheel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.quality.AlertBoard;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoLocalOperatorsTest {
    @Test
    void aServerWithoutOperatorsWaitsForNothingAndShowsOnlyTheAlertsItIsGiven() {
        AlertBoard board = new AlertBoard();
        Set<String> loops = new HashSet<>(Set.of("feed"));
        NoLocalOperators view = new NoLocalOperators(board, loops);
        loops.add("later");
        long start = System.nanoTime();
        assertTrue(view.awaitCurrent(60_000));
        assertTrue(view.awaitSeq(1_000_000, 60_000));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "no wait");
        assertEquals(-1, view.appliedSeq());
        assertSame(board, view.alerts());
        assertEquals(Set.of("feed"), view.alertLoops(), "the loops as given, not changed afterwards");
        assertEquals(0, view.openWindows());
        assertEquals(Map.of(), view.unknownLoops());
        assertEquals(Map.of(), view.unjoined());
        assertTrue(view.loops().isEmpty());
        assertEquals(Map.of(), view.exclusions());
        assertEquals(Map.of(), view.checkpoints());
    }
}

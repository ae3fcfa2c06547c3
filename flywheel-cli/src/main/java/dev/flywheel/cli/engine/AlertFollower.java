package dev.flywheel.cli.engine;

import dev.flywheel.quality.Alert;
import dev.flywheel.quality.AlertBoard;
import dev.flywheel.quality.AlertLog;
import java.util.List;

/**
 * Keeps a server's {@link AlertBoard} up to date with the alerts the Flink job wrote to its
 * {@link AlertLog}: each poll reads what lies above the newest id the board holds, so a failed poll
 * loses nothing and the next one resumes there. The board is then at most one poll interval (plus a
 * poll's duration) behind the log; the log itself trails the job by its checkpoint interval.
 */
final class AlertFollower {
    /** Alerts read per query: a poll after a long absence reads in pages rather than in one result. */
    static final int PAGE = 1_000;
    private final AlertLog log;
    private final AlertBoard board;

    AlertFollower(AlertLog log, AlertBoard board) {
        this.log = log;
        this.board = board;
    }

    /** Records every alert the log holds above the board's newest; returns how many. */
    synchronized int poll() {
        int read = 0;
        while (true) {
            List<Alert> page = log.after(board.lastId(), PAGE);
            page.forEach(board::record);
            read += page.size();
            if (page.size() < PAGE) return read;
        }
    }

    AlertBoard board() {
        return board;
    }
}

package dev.flywheel.stats;

import dev.flywheel.stats.internal.PairIndex;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * A log of {@link LoggedDecision}s held as primitive columns. It is a {@code List<LoggedDecision>}
 * (rows are made on {@link #get}), so every estimator accepts it; the estimators themselves read the
 * columns, which is what makes a log of millions of rows cheap (a record per row and boxed map keys
 * per row were most of the time of an evaluation of 3M rows).
 *
 * <p>Rows are appended with {@link #add(int, int, double, double, double)}, checked as the record
 * checks them; {@link #of} turns any list into columns (or returns it when it already is one).
 */
public final class LoggedDecisions extends AbstractList<LoggedDecision> {
    private int n;
    private int[] context = new int[64];
    private int[] action = new int[64];
    private double[] propensity = new double[64];
    private double[] reward = new double[64];
    private double[] target = new double[64];
    private Cells cells; // built on first use, dropped on add

    /** Appends one row; the checks and messages are those of {@link LoggedDecision}. */
    public void add(int context, int action, double propensity, double reward, double targetProbability) {
        LoggedDecision.check(action, propensity, reward, targetProbability);
        if (n == this.context.length) {
            grow();
        }
        this.context[n] = context;
        this.action[n] = action;
        this.propensity[n] = propensity;
        this.reward[n] = reward;
        this.target[n] = targetProbability;
        n++;
        cells = null;
    }

    @Override
    public boolean add(LoggedDecision d) {
        add(d.context(), d.action(), d.propensity(), d.reward(), d.targetProbability());
        return true;
    }

    /** {@code log} itself when it holds columns already, else a columnar copy. */
    public static LoggedDecisions of(List<LoggedDecision> log) {
        if (log instanceof LoggedDecisions columns) {
            return columns;
        }
        LoggedDecisions out = new LoggedDecisions();
        for (LoggedDecision d : log) {
            out.add(d);
        }
        return out;
    }

    @Override
    public LoggedDecision get(int i) {
        return new LoggedDecision(context(i), action(i), propensity[checked(i)], reward[i], target[i]);
    }

    @Override
    public int size() {
        return n;
    }

    public int context(int i) {
        return context[checked(i)];
    }

    public int action(int i) {
        return action[checked(i)];
    }

    public double reward(int i) {
        return reward[checked(i)];
    }

    /** The importance weight of row {@code i}, computed as {@link LoggedDecision#weight()} does. */
    public double weight(int i) {
        return target[checked(i)] / propensity[i];
    }

    /** The (context, action) cells of the log, numbered in order of first appearance. */
    Cells cells() {
        if (cells == null) {
            cells = new Cells(this);
        }
        return cells;
    }

    private int checked(int i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("row " + i + " of " + n);
        }
        return i;
    }

    private void grow() {
        int m = n * 2;
        context = Arrays.copyOf(context, m);
        action = Arrays.copyOf(action, m);
        propensity = Arrays.copyOf(propensity, m);
        reward = Arrays.copyOf(reward, m);
        target = Arrays.copyOf(target, m);
    }

    /**
     * Per row its context number and cell number, both dense and in order of first appearance, with
     * the context and action of every cell: what the reward model and the per-context sums of the
     * estimators index arrays by.
     */
    static final class Cells {
        final PairIndex contextIndex = new PairIndex(); // (context, 0)
        final PairIndex cellIndex = new PairIndex(); // (context, action)
        final int[] rowContext;
        final int[] rowCell;
        final int[] contextKey;
        final int[] cellContext;
        final int[] cellAction;

        private Cells(LoggedDecisions log) {
            PairIndex contexts = contextIndex;
            PairIndex cells = cellIndex;
            rowContext = new int[log.n];
            rowCell = new int[log.n];
            int[] contextOfCell = new int[16];
            int known = 0;
            for (int i = 0; i < log.n; i++) {
                int cell = cells.add(log.context[i], log.action[i]);
                if (cell == known) { // a new cell: its context is looked up once per cell, not per row
                    known++;
                    if (cell == contextOfCell.length) {
                        contextOfCell = Arrays.copyOf(contextOfCell, cell * 2);
                    }
                    contextOfCell[cell] = contexts.add(log.context[i], 0);
                }
                rowCell[i] = cell;
                rowContext[i] = contextOfCell[cell];
            }
            contextKey = new int[contexts.size()];
            for (int x = 0; x < contextKey.length; x++) {
                contextKey[x] = (int) contexts.first(x);
            }
            cellContext = Arrays.copyOf(contextOfCell, cells.size());
            cellAction = new int[cells.size()];
            for (int c = 0; c < cellAction.length; c++) {
                cellAction[c] = (int) cells.second(c);
            }
        }

        int contexts() {
            return contextKey.length;
        }

        int cells() {
            return cellContext.length;
        }
    }
}

/**
 * Data quality: expectation suites with Great Expectations' semantics, and drift monitors
 * ({@link dev.flywheel.quality.DriftMonitor}: tumbling windows against a reference window, judged by
 * {@link dev.flywheel.stats.DriftTests} with Evidently's defaults, memory bounded by a reservoir per
 * window) and the contamination monitor ({@link dev.flywheel.quality.ContaminationMonitor}: bots and
 * clickbait as robust outliers of the population), with the statistics of the self-reinforcement and
 * position-bias monitors ({@link dev.flywheel.quality.ExposureConcentration},
 * {@link dev.flywheel.quality.PositionBias}) and of label noise ({@link dev.flywheel.quality.ConflictingFeedback}).
 *
 * <p>Text drifts too: {@link dev.flywheel.quality.EmbeddingDrift} compares two windows of text (requests,
 * item texts) by their vectors from a {@link dev.flywheel.quality.TextEmbedder} (the in-process MiniLM
 * lives in the command's module; core holds only the interface and stays free of ONNX), with
 * Evidently's embedding methods and defaults: a domain classifier's ROC AUC on held-out rows (drift
 * above 0.55) and the share of components that drift as numeric columns (drift above 0.2), with the
 * distance of the mean vectors and the centroids' cosine distance for dashboards. Where it departs from
 * Evidently (a split per window, a converged ridge logistic regression for SGD, no bootstrapped
 * threshold, components tested by reference size because Wasserstein at every size calls unchanged
 * text drift below about 1,000 rows) the class says so and why.
 *
 * <p>An {@link dev.flywheel.quality.ExpectationSuite} is a named list of
 * {@link dev.flywheel.quality.Expectation}s, each a GX type name (exactly GX's), its kwargs and, for
 * column map expectations, a {@code mostly} tolerance. {@link dev.flywheel.quality.SuiteReader} reads a
 * parsed GX suite (0.x {@code expectation_type} or 1.x {@code type} layout) or the same fields written
 * in YAML; {@link dev.flywheel.quality.SuiteValidator} runs a suite over a
 * {@link dev.flywheel.quality.RowBatch} (rows as maps of column to value) and returns GX's per
 * expectation result; {@link dev.flywheel.quality.ExpectationSuite#rowViolations} judges one row, for
 * quarantining an event naming the expectation it broke.
 *
 * <p>Contract:
 * <ul>
 *   <li>A suite that loads can run: an unsupported type is refused by name with the expectation's index
 *       ({@code expectations[4] (expect_foo): unsupported expectation type 'expect_foo'}), and so is a kwarg
 *       the expectation does not take (a silently ignored {@code row_condition} would check other rows),
 *       a missing or ill-typed kwarg, an unknown type name, a bad regex. Errors are
 *       {@link dev.flywheel.config.ConfigException}s whose key names the place.</li>
 *   <li>Missing values are null, an absent key, or NaN. Column map expectations count the non-missing
 *       values only, except {@code expect_column_values_to_(not_)be_null}, which count every row; an
 *       expectation succeeds when (counted − unexpected) / counted ≥ {@code mostly}, or when nothing was
 *       counted. {@code unexpected_percent} is 100 × unexpected / counted; the partial list holds the
 *       first 20 unexpected values in row order.</li>
 *   <li>Values compare as GX on pandas: numbers by value whatever their Java type; dates and times
 *       against ISO-8601 text bounds (times without an offset are UTC); regexes search
 *       ({@code find}, not a full match) in the value's text; uniqueness marks every occurrence of a
 *       repeated value. Type names map to value kinds case-insensitively (GxType in {@code .internal}):
 *       int/int64/INTEGER/BIGINT… → integral numbers; float/float64/FLOAT/DOUBLE/DECIMAL… → floating and
 *       decimal numbers (an integer is not a float); str/string/STRING/VARCHAR/TEXT → text;
 *       bool/BOOLEAN → booleans; datetime/datetime64/TIMESTAMP → java.time date-times; date/DATE →
 *       LocalDate.</li>
 *   <li>Deviations from GX, each because the same suite must judge single events on the stream: types
 *       are judged per value (GX on pandas judges the column's dtype, so one null makes an int column
 *       float there); a value that cannot be compared with a bound (text against a number) is unexpected
 *       rather than an error; a missing column fails the expectation with the reason instead of raising;
 *       a between with neither bound is refused; {@code column_index}, {@code row_condition} and
 *       {@code parse_strings_as_datetimes} are refused.</li>
 * </ul>
 *
 * <p>On the stream: {@link dev.flywheel.quality.LoopMonitors} (one per loop whose {@link dev.flywheel.quality.QualitySpec}
 * is enabled) counts the loop's closed outcomes per window of decision time and judges a window once
 * event time has passed its end by the reward window: its rates against the reference windows
 * (RateDrift: variance clustered by decision, alpha spent over windows) and the contamination
 * monitor's flags. {@link dev.flywheel.quality.SuiteWindows} judges an {@link dev.flywheel.quality.EventSuite}'s
 * window-level expectations per window of event time from running aggregates
 * ({@link dev.flywheel.quality.SuiteAccumulator}, equal to {@code SuiteValidator} on the window's rows);
 * its row-level ones refuse events at ingest
 * ({@code ingest.Admission}). Both raise {@link dev.flywheel.quality.Alert}s on the
 * {@link dev.flywheel.quality.AlertBoard}. Contract:
 * <ul>
 *   <li>Everything is a function of the log up to the entry reached: a replay raises the same alerts
 *       with the same ids, and flags the same users from the same entry on; the board is rebuilt,
 *       not stored, and subscribers hear only alerts raised after {@link dev.flywheel.quality.AlertBoard#live()}.</li>
 *   <li>With the {@code exclude} action, a flagged bot's decisions, events and outcomes leave the
 *       loop's learners and features from the window that flagged it on, and flagged users' and
 *       clickbait items' rows leave training snapshots (the manifest counts them); nothing leaves the log.</li>
 *   <li>Memory is bounded per monitor: the open windows (a reward window's worth) and the reference
 *       windows as counts; per-decision counts until a window is judged; the contamination monitor's
 *       counters per user and per (item, user); a suite window's running aggregates, whose exact
 *       sets of distinct values (uniqueness, distinct counts) hold at most {@code max_rows} values.</li>
 * </ul>
 * Pure computation: no I/O; callers parse suite files and read rows.
 */
package dev.flywheel.quality;

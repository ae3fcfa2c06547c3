package dev.flywheel.quality.internal;

import dev.flywheel.config.ConfigException;
import java.util.List;

/** The supported GX expectation types, by their GX names, and the rule each builds. */
public final class Rules {
    /** In the order the docs list them: row level first, then the batch (window) level. */
    public static final List<String> SUPPORTED = List.of(
            "expect_column_values_to_not_be_null", "expect_column_values_to_be_null",
            "expect_column_values_to_be_between", "expect_column_values_to_be_in_set",
            "expect_column_values_to_not_be_in_set", "expect_column_values_to_match_regex",
            "expect_column_values_to_be_of_type", "expect_column_values_to_be_in_type_list",
            "expect_column_to_exist", "expect_table_row_count_to_be_between", "expect_column_values_to_be_unique",
            "expect_column_proportion_of_unique_values_to_be_between",
            "expect_column_unique_value_count_to_be_between", "expect_column_mean_to_be_between");

    private Rules() {
    }

    /**
     * The rule of expectation {@code prefix} ({@code expectations[3]}); an unsupported type is refused
     * by name, a kwarg that does not fit by its full key.
     */
    public static Rule of(String type, Kwargs kw, String prefix) {
        return switch (type) {
            case "expect_column_values_to_not_be_null" -> ValueRules.notNull(kw);
            case "expect_column_values_to_be_null" -> ValueRules.isNull(kw);
            case "expect_column_values_to_be_between" -> ValueRules.between(kw, prefix);
            case "expect_column_values_to_be_in_set" -> ValueRules.inSet(kw, true);
            case "expect_column_values_to_not_be_in_set" -> ValueRules.inSet(kw, false);
            case "expect_column_values_to_match_regex" -> ValueRules.matchRegex(kw);
            case "expect_column_values_to_be_of_type" -> ValueRules.ofType(kw);
            case "expect_column_values_to_be_in_type_list" -> ValueRules.inTypeList(kw);
            case "expect_column_values_to_be_unique" -> new Uniqueness(kw);
            case "expect_column_to_exist" -> TableRules.columnExists(kw);
            case "expect_table_row_count_to_be_between" -> TableRules.rowCount(kw, prefix);
            case "expect_column_proportion_of_unique_values_to_be_between" -> TableRules.uniqueProportion(kw, prefix);
            case "expect_column_unique_value_count_to_be_between" -> TableRules.uniqueValueCount(kw, prefix);
            case "expect_column_mean_to_be_between" -> TableRules.mean(kw, prefix);
            default -> throw new ConfigException(prefix, "unsupported expectation type '" + type
                    + "'; supported: " + String.join(", ", SUPPORTED));
        };
    }
}

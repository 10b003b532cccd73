package io.leakwatch.statement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/**
 * What changed from one version to another, per language, as the lines of a unified diff (three lines of context).
 * Empty lists when the words are the same.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementDiff(String incidentId, int from, int to, Lines diff) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lines(List<String> id, List<String> en) {}

    static List<String> unified(String language, int from, int to, String original, String revised) {
        List<String> originalLines = original.lines().toList();
        List<String> revisedLines = revised.lines().toList();
        return UnifiedDiffUtils.generateUnifiedDiff(
                "v" + from + "." + language,
                "v" + to + "." + language,
                originalLines,
                DiffUtils.diff(originalLines, revisedLines),
                3);
    }
}

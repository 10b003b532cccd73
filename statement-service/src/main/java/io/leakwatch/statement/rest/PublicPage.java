package io.leakwatch.statement.rest;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A published statement laid out for a page: the first line is its heading, the numbered points a list, every other
 * line a paragraph. Words are passed through as they are (the template escapes them).
 */
@TemplateData
public record PublicPage(
        String lang,
        String otherLang,
        String incidentId,
        String heading,
        List<Block> blocks,
        int version,
        String publishedAt,
        List<Previous> previous) {

    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)\\. (.*)$");

    /** A paragraph ({@code items} empty) or a numbered list ({@code text} null). */
    @TemplateData
    public record Block(String text, List<String> items) {

        public boolean list() {
            return !items.isEmpty();
        }
    }

    /** An earlier published version, still public. */
    @TemplateData
    public record Previous(int version, String publishedAt) {}

    static String heading(String text) {
        return text.lines()
                .filter(line -> !line.isBlank())
                .findFirst()
                .orElse("")
                .strip();
    }

    static List<Block> blocks(String text) {
        List<String> lines = text.lines().map(String::strip).toList();
        List<Block> blocks = new ArrayList<>();
        List<String> items = new ArrayList<>();
        boolean headingSkipped = false;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            if (!headingSkipped) {
                headingSkipped = true;
                continue;
            }
            Matcher numbered = NUMBERED.matcher(line);
            if (numbered.matches()) {
                items.add(numbered.group(2));
                continue;
            }
            if (!items.isEmpty()) {
                blocks.add(new Block(null, List.copyOf(items)));
                items.clear();
            }
            blocks.add(new Block(line, List.of()));
        }
        if (!items.isEmpty()) {
            blocks.add(new Block(null, List.copyOf(items)));
        }
        return List.copyOf(blocks);
    }
}

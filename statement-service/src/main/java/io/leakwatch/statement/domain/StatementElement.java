package io.leakwatch.statement.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every version of a holding statement must say, in each language, before it may be approved: the four numbered
 * points of the 2021 statement, the three elements of a notice under UU PDP Art. 46(2) (which data; when and how;
 * handling and recovery), and what the 2021 statement lacked (what members can do now, the next update, a contact).
 * An element is present when a line of the text starts with its label and says something after it; a still unknown
 * fact is present when the text says that it is unknown. The drafting templates write exactly these labels.
 */
public enum StatementElement {
    CLAIM("1. ", "1. "),
    VERIFICATION("2. ", "2. "),
    SAFEGUARDS("3. ", "3. "),
    AUTHORITIES("4. ", "4. "),
    WHICH_DATA("Data yang terpapar:", "Which data:"),
    WHEN_AND_HOW("Waktu dan cara:", "When and how:"),
    HANDLING_AND_RECOVERY("Penanganan dan pemulihan:", "Handling and recovery:"),
    MEMBER_ADVICE("Yang dapat dilakukan peserta sekarang:", "What participants can do now:"),
    NEXT_UPDATE("Pembaruan berikutnya:", "Next update:"),
    CONTACT("Kontak:", "Contact:");

    private final String labelId;
    private final String labelEn;

    StatementElement(String labelId, String labelEn) {
        this.labelId = labelId;
        this.labelEn = labelEn;
    }

    /** The elements missing from a version, each as {@code element (language)}, e.g. {@code CONTACT (en)}. */
    public static List<String> missing(String textId, String textEn) {
        // Each text's lines are stripped and lower-cased once, not once per element: a replay does this per version.
        List<String> linesId = lines(textId);
        List<String> linesEn = lines(textEn);
        List<String> missing = new ArrayList<>();
        for (StatementElement element : values()) {
            if (!present(linesId, element.labelId)) {
                missing.add(element.name() + " (id)");
            }
            if (!present(linesEn, element.labelEn)) {
                missing.add(element.name() + " (en)");
            }
        }
        return List.copyOf(missing);
    }

    private static List<String> lines(String text) {
        return text == null
                ? List.of()
                : text.lines()
                        .map(line -> line.strip().toLowerCase(Locale.ROOT))
                        .toList();
    }

    private static boolean present(List<String> lines, String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        for (String line : lines) {
            if (line.startsWith(wanted) && !line.substring(wanted.length()).isBlank()) {
                return true;
            }
        }
        return false;
    }
}

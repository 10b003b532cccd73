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
        List<String> missing = new ArrayList<>();
        for (StatementElement element : values()) {
            if (!present(textId, element.labelId)) {
                missing.add(element.name() + " (id)");
            }
            if (!present(textEn, element.labelEn)) {
                missing.add(element.name() + " (en)");
            }
        }
        return List.copyOf(missing);
    }

    private static boolean present(String text, String label) {
        if (text == null) {
            return false;
        }
        return text.lines()
                .map(String::strip)
                .anyMatch(line ->
                        line.toLowerCase(Locale.ROOT).startsWith(label.strip().toLowerCase(Locale.ROOT))
                                && !line.substring(label.strip().length()).isBlank());
    }
}

package jp.kakekin.print;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 rows ending in {@code \n}: a field is quoted only when it holds a comma, a quote or a line
 * break, so the common row is plain text. The reader is the report's own check of what was written.
 */
public final class Csv {

    private Csv() {
    }

    static String row(String... fields) {
        StringBuilder b = new StringBuilder(160);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            field(b, fields[i]);
        }
        return b.append('\n').toString();
    }

    private static void field(StringBuilder b, String s) {
        if (s == null || s.isEmpty()) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            b.append(s);
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                b.append('"');
            }
            b.append(c);
        }
        b.append('"');
    }

    /** The next record (a quoted field may span lines), or null at the end. */
    public static List<String> read(BufferedReader in) throws IOException {
        int c = in.read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("CSV ends inside a quoted field");
                }
                if (c == '"') {
                    in.mark(1);
                    int n = in.read();
                    if (n == '"') {
                        f.append('"');
                    } else {
                        quoted = false;
                        if (n != -1) {
                            in.reset();
                        }
                    }
                } else {
                    f.append((char) c);
                }
            } else if (c == '"' && f.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\n' || c == -1) {
                fields.add(f.toString());
                return fields;
            } else if (c != '\r') {
                f.append((char) c);
            }
            c = in.read();
        }
    }
}

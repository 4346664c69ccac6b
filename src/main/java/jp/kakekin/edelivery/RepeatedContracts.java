package jp.kakekin.edelivery;

import jp.kakekin.ledger.LedgerLines;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contract numbers that occur on more than one line of a run's ledger, found by one pass that reads only
 * each line's {@code contractNo}. Only the first certificate of a contract is delivered (decided when the
 * package is assembled, across partitions); the partitions archive a delivered document at once unless its
 * contract is one of these, whose archive copy waits for that decision — so no document is archived that is
 * not delivered.
 */
final class RepeatedContracts {

    static final String FILE = "repeated-contracts.txt";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RepeatedContracts() {
    }

    /** Scans {@code ledger} and writes the repeated numbers, one a line, to {@code target} (whole or not at all). */
    static int scan(Path ledger, Path target, int maxLineBytes) throws IOException {
        BitSet once = new BitSet(10_000_000);
        Set<String> others = new HashSet<>();
        Set<String> repeated = new TreeSet<>();
        try (LedgerLines lines = LedgerLines.open(ledger, maxLineBytes)) {
            for (LedgerLines.Line l; (l = lines.next()) != null; ) {
                if (l.blank() || l.utf8() == null) {
                    continue;
                }
                String no = contractNo(l.utf8());
                if (no == null) {
                    continue;
                }
                boolean seen;
                if (no.length() == 7 && no.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    int n = Integer.parseInt(no);
                    seen = once.get(n);
                    once.set(n);
                } else {
                    seen = !others.add(no);
                }
                if (seen) {
                    repeated.add(no);
                }
            }
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String no : repeated) {
                w.write(no);
                w.write('\n');
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return repeated.size();
    }

    static Set<String> read(Path file) throws IOException {
        Set<String> s = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String l; (l = in.readLine()) != null; ) {
                s.add(l);
            }
        }
        return s;
    }

    /** The top-level {@code contractNo} string of a JSON object, or null (not JSON, no such field). */
    static String contractNo(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t; (t = p.nextToken()) == JsonToken.PROPERTY_NAME; ) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("contractNo".equals(name)) {
                    return v == JsonToken.VALUE_STRING ? p.getString() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

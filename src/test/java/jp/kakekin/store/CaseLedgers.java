package jp.kakekin.store;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden cases' ledgers (src/test/resources/cases) as test input for the store and the reissue channel. */
public final class CaseLedgers {

    public static final Path DIR = Path.of("src/test/resources/cases");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CaseLedgers() {
    }

    /** Every case's ledger as one JSON line, in file-name order. */
    public static List<String> lines() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(p -> ledgerNode(p).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One case's ledger as a JSON line, e.g. {@code line("S14-address-cutoff")}. */
    public static String line(String caseId) {
        return ledgerNode(DIR.resolve(caseId + ".json")).toString();
    }

    public static Ledger ledger(String caseId) {
        LedgerRecord r = LedgerReader.parseOne(caseId, line(caseId));
        return ((LedgerRecord.Valid) r).ledger();
    }

    /** The same ledger under another contract number and check digits. */
    public static String renumbered(String line, String contractNo, String checkDigits) {
        ObjectNode n = (ObjectNode) JSON.readTree(line);
        n.put("contractNo", contractNo);
        n.put("checkDigits", checkDigits);
        return n.toString();
    }

    /** The same ledger with the holder's name replaced. */
    public static String renamed(String line, String name) {
        ObjectNode n = (ObjectNode) JSON.readTree(line);
        ((ObjectNode) n.get("holder")).put("name", name);
        return n.toString();
    }

    private static JsonNode ledgerNode(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)).get("ledger");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package jp.kakekin.edelivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EtaxCharacters} must agree with gen:str of General.xsd, which is what the schema validation of
 * 氏名 and 住所 applies. Checked against the schema itself through a one-element test schema.
 */
class EtaxCharactersTest {

    private static final Teg850Schema STR = Teg850Schema.compile("edelivery/gen-str.xsd");

    private static boolean schemaAccepts(String text) {
        String xml = "<t xmlns=\"urn:kakekin:test\">" + text.replace("&", "&amp;").replace("<", "&lt;") + "</t>";
        return STR.validate(xml.getBytes(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void everyCharacterWeAllowTheSchemaAllows() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0x20; cp <= 0xFFFD; cp++) {
            if (EtaxCharacters.allowed(cp) && !Character.isSurrogate((char) cp)) {
                all.appendCodePoint(cp);
            }
        }
        assertThat(all.length()).isGreaterThan(20_000);
        assertThat(schemaAccepts(all.toString())).isTrue();
    }

    @Test
    void charactersWeRefuseTheSchemaRefuses() {
        List<Integer> probes = new ArrayList<>(List.of(0x20BB7 /* 𠮷 */, 0xFF71 /* ｱ */, 0xFF66, 0xFF9F, 0x0085,
                0x3400 /* CJK Ext A */, 0x1F600 /* emoji */, 0x2E80, 0xAC00 /* Hangul */, 0x2FFF, 0x7F));
        for (int cp = 0x80; cp <= 0xFFFD; cp++) {
            boolean edge = EtaxCharacters.allowed(cp - 1) != EtaxCharacters.allowed(cp)
                    || EtaxCharacters.allowed(cp + 1) != EtaxCharacters.allowed(cp);
            if (!EtaxCharacters.allowed(cp) && !Character.isSurrogate((char) cp) && (edge || cp % 257 == 0)) {
                probes.add(cp);
            }
        }
        for (int cp : probes) {
            assertThat(EtaxCharacters.allowed(cp)).as(EtaxCharacters.describe(cp)).isFalse();
            assertThat(schemaAccepts("a" + new String(Character.toChars(cp)))).as(EtaxCharacters.describe(cp)).isFalse();
        }
    }

    @Test
    void namesOfEverydayJapanese() {
        assertThat(EtaxCharacters.firstDisallowed("髙橋 太郎")).isEmpty();
        assertThat(EtaxCharacters.firstDisallowed("山﨑　ヶ丘・ー々〒")).isEmpty();
        assertThat(EtaxCharacters.firstDisallowed("𠮷田 花子")).contains(0x20BB7);
        assertThat(EtaxCharacters.firstDisallowed("ｶｽﾐｶﾞｾｷ")).contains((int) 'ｶ');
    }
}

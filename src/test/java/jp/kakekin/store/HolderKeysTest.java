package jp.kakekin.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HolderKeysTest {

    @Test
    void namesMeetWhateverSpacingWidthOrCommonVariantWasTyped() {
        String stored = HolderKeys.name("髙橋 太郎");
        assertThat(HolderKeys.name("高橋太郎")).isEqualTo(stored);
        assertThat(HolderKeys.name("高橋　太郎")).isEqualTo(stored);
        assertThat(HolderKeys.name(" 髙橋  太郎 ")).isEqualTo(stored);
        assertThat(HolderKeys.name("山﨑 花子")).isEqualTo(HolderKeys.name("山崎花子"));
        assertThat(HolderKeys.name("𠮷田 一郎")).isEqualTo(HolderKeys.name("吉田一郎"));
        assertThat(HolderKeys.name("高橋 次郎")).isNotEqualTo(stored);
    }

    @Test
    void kanaReadingsMeetInHiraganaKatakanaOrHalfWidth() {
        String stored = HolderKeys.name("タカハシ タロウ");
        assertThat(HolderKeys.name("たかはしたろう")).isEqualTo(stored);
        assertThat(HolderKeys.name("ﾀｶﾊｼ ﾀﾛｳ")).isEqualTo(stored);
    }

    @Test
    void phonesAreComparedAsDigits() {
        assertThat(HolderKeys.phone("03-1234-5678")).isEqualTo("0312345678");
        assertThat(HolderKeys.phone("０３（１２３４）５６７８")).isEqualTo("0312345678");
        assertThat(HolderKeys.phone("+81 3 1234 5678")).isEqualTo("0312345678");
        assertThat(HolderKeys.phone(null)).isNull();
    }
}

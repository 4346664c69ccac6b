package jp.kakekin.document;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class YenTest {

    @Test
    void groupsByThousandsWithCommasWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Yen.format(0)).isEqualTo("0円");
            assertThat(Yen.format(500)).isEqualTo("500円");
            assertThat(Yen.format(1_000)).isEqualTo("1,000円");
            assertThat(Yen.format(831_306)).isEqualTo("831,306円");
            assertThat(Yen.format(8_000_000)).isEqualTo("8,000,000円");
            assertThat(Yen.group(-12_345)).isEqualTo("-12,345");
        } finally {
            Locale.setDefault(before);
        }
    }
}

package jp.kakekin.statement;

import jp.kakekin.document.FormEdition;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kakekin.statement.*}: the revisable parts of the corporate forms ({@link FormEdition});
 * docs/safety-statements.md.
 *
 * @param corporateSchedule the 別表 of 「特定の基金に対する負担金等の損金算入に関する明細書」 (default 別表十(六))
 * @param applicationCode   the 適用額明細書 区分番号 of 措法66条の11第1項 (default 00374)
 */
@ConfigurationProperties("kakekin.statement")
public record StatementProperties(String corporateSchedule, String applicationCode) {

    public FormEdition edition() {
        return new FormEdition(corporateSchedule != null ? corporateSchedule : FormEdition.DEFAULTS.corporateSchedule(),
                applicationCode != null ? applicationCode : FormEdition.DEFAULTS.applicationCode());
    }
}

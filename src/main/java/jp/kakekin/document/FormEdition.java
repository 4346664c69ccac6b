package jp.kakekin.document;

import java.util.Objects;

/**
 * The parts of the corporate tax forms that change when the NTA revises them, kept as configuration
 * ({@code kakekin.statement.*}, docs/safety-statements.md).
 *
 * @param corporateSchedule the 別表 whose section is 「特定の基金に対する負担金等の損金算入に関する明細書」:
 *                          別表十(六) for 事業年度 ending from 平成28年4月1日 (SMRJ FAQ); it has been
 *                          numbered 十(七) and others in other editions
 * @param applicationCode   the 区分番号 of 租税特別措置法第66条の11第1項 on the 適用額明細書
 */
public record FormEdition(String corporateSchedule, String applicationCode) {

    public static final FormEdition DEFAULTS = new FormEdition("別表十(六)", "00374");

    public FormEdition {
        Objects.requireNonNull(corporateSchedule, "kakekin.statement.corporate-schedule");
        Objects.requireNonNull(applicationCode, "kakekin.statement.application-code");
    }
}

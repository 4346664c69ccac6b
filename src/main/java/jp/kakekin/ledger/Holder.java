package jp.kakekin.ledger;

import java.time.LocalDate;

/**
 * @param corporate          SAFETY only: true for a 法人
 * @param fiscalYearEndMonth SAFETY corporations: month (1-12) in which the 事業年度 ends, else null
 */
public record Holder(String name, String nameKana, LocalDate birthDate, String phone,
                     boolean corporate, Integer fiscalYearEndMonth) {
}

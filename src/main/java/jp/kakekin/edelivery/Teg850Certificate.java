package jp.kakekin.edelivery;

import java.time.LocalDate;

/**
 * The content of one TEG850 document (小規模企業共済等掛金控除証明書), field by field, in the order of the
 * schema. Years and dates are kept as calendar values; {@link Teg850Writer} writes them in 和暦.
 * The same record comes back out of {@link Teg850Reader}, so a round trip compares like with like.
 *
 * @param certificateYear     WPA 証明年分
 * @param name                WPC 氏名
 * @param address             WPD 住所
 * @param contractNumber      WPE 共済契約者番号 (the 9 digits the holder quotes: number + check digits)
 * @param paymentYear         WPF 払込年分
 * @param paidThroughMonth    WPG00010 払込済額 期間（至）: 9 (November issue) or 12 (February issue)
 * @param paid                WPG00020 払込済額
 * @param scheduledFromMonth  WPH00010 払込予定額 期間（自）, null when there is no 予定額 (February issue)
 * @param scheduledToMonth    WPH00020 払込予定額 期間（至）, null with scheduledFromMonth
 * @param scheduled           WPH00030 払込予定額, null with scheduledFromMonth
 * @param deduction           WPI 控除合計額
 * @param discount            WPJ 前納減額金
 * @param contractDate        WPK00010 契約年月日
 * @param monthlyPremium      WPK00020 掛金月額
 * @param paymentMethod       WPK00030 払込方法 (月払い / 半年払い / 年払い), null when unknown
 * @param paymentMonths       WPK00040 払込月 (毎月 / 3月・9月 / 12月), null when unknown
 * @param certifiedOn         WPN 証明日
 * @param issuer              WPO 発行者
 * @param uniqueCode          WPP ユニークコード (the code printed on the paper certificate)
 */
public record Teg850Certificate(
        int certificateYear,
        String name,
        String address,
        String contractNumber,
        int paymentYear,
        int paidThroughMonth,
        long paid,
        Integer scheduledFromMonth,
        Integer scheduledToMonth,
        Long scheduled,
        long deduction,
        long discount,
        LocalDate contractDate,
        long monthlyPremium,
        String paymentMethod,
        String paymentMonths,
        LocalDate certifiedOn,
        String issuer,
        String uniqueCode) {

    /** kubun_CD of WPB 掛金種別: 1 = 小規模企業共済掛金 (2 would be iDeCo, which kakekin does not issue). */
    public static final int KIND_SHOKIBO = 1;
    /** kubun_NM that the NTA's CSV template fills in for kubun_CD 1. */
    public static final String KIND_SHOKIBO_NAME = "小規模企業共済掛金";

    public boolean hasSchedule() {
        return scheduled != null;
    }
}

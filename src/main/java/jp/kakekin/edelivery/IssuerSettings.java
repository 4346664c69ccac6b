package jp.kakekin.edelivery;

/**
 * Who issues the electronic certificate.
 *
 * @param issuer    WPO 発行者, as printed on the paper certificate
 * @param sakuseiNM the root's sakuseiNM (作成者名)
 * @param softNM    the root's softNM (ソフト名)
 */
public record IssuerSettings(String issuer, String sakuseiNM, String softNM) {

    public IssuerSettings {
        EDeliveryEligibility.textProblem("WPO00000 発行者", issuer, 100).ifPresent(p -> {
            throw new IllegalArgumentException("kakekin.e-delivery.issuer: " + p);
        });
        if (sakuseiNM == null || sakuseiNM.isBlank() || softNM == null || softNM.isBlank()) {
            throw new IllegalArgumentException("kakekin.e-delivery.sakusei-nm and soft-nm are required by TEG850");
        }
    }
}

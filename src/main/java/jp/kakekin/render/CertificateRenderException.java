package jp.kakekin.render;

/**
 * One document (a certificate, a statement) could not be rendered; the print run reports it and goes
 * on with the others.
 * The message names the contract and what is wrong.
 */
public class CertificateRenderException extends RuntimeException {

    private final String contractNo;

    public CertificateRenderException(String contractNo, String message) {
        super("contract " + contractNo + ": " + message);
        this.contractNo = contractNo;
    }

    public CertificateRenderException(String contractNo, String message, Throwable cause) {
        super("contract " + contractNo + ": " + message, cause);
        this.contractNo = contractNo;
    }

    public String contractNo() {
        return contractNo;
    }
}

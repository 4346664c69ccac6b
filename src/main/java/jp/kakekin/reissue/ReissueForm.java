package jp.kakekin.reissue;

/**
 * What a holder types on {@code /reissue}. Field names are fixed: the browser test and external checks
 * post {@code contractNumber}, {@code name}, {@code birthDate} (YYYY-MM-DD) and {@code phone}.
 * Deliberately without {@code toString}: nothing here may reach a log.
 */
public class ReissueForm {

    private String contractNumber;
    private String name;
    private String birthDate;
    private String phone;

    public String getContractNumber() {
        return contractNumber;
    }

    public void setContractNumber(String contractNumber) {
        this.contractNumber = contractNumber;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(String birthDate) {
        this.birthDate = birthDate;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    @Override
    public String toString() {
        return "ReissueForm[personal data withheld]";
    }
}

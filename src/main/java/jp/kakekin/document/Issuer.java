package jp.kakekin.document;

import java.util.Objects;

/**
 * Who certifies: printed in the issuer block of every certificate ({@code kakekin.issuer.*}).
 *
 * @param contact the line holders call (共済相談室), printed with the guidance
 */
public record Issuer(String name, String postalCode, String address, String contact) {

    public Issuer {
        Objects.requireNonNull(name, "kakekin.issuer.name");
        postalCode = postalCode == null ? "" : postalCode;
        address = address == null ? "" : address;
        contact = contact == null ? "" : contact;
    }
}

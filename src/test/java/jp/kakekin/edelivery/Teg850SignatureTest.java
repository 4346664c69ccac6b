package jp.kakekin.edelivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Teg850SignatureTest {

    @Test
    void signedDocumentValidatesAndVerifiesWithOurVerifierAndXmlsec1() {
        var c = Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"));
        byte[] xml = Fixtures.signed(c);
        System.out.println(new String(xml, StandardCharsets.UTF_8));
        var v = new Teg850Verifier().verify("test", xml);
        v.checks().forEach(System.out::println);
        assertTrue(v.ok(), v.failures().toString());
        var x = Xmlsec1.verify(xml);
        assertTrue(x.ok(), x.output());
        assertEquals(c, v.certificate());
    }

    @Test
    void changedAmountFailsBoth() {
        var c = Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"));
        String xml = new String(Fixtures.signed(c), StandardCharsets.UTF_8);
        byte[] tampered = xml.replace("<WPI00000>360000</WPI00000>", "<WPI00000>460000</WPI00000>")
                .getBytes(StandardCharsets.UTF_8);
        var v = new Teg850Verifier().verify("test", tampered);
        assertFalse(v.ok());
        assertFalse(Xmlsec1.verify(tampered).ok());
    }
}

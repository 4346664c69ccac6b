package jp.kakekin.edelivery;

import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The NTA schema of TEG850 (kyotsu/TEG850-001.xsd with the general/ types it imports), compiled once
 * from the copies on the class path ({@code nta/}). Imports are resolved from the class path too, so
 * validation never reaches for the network or the file system, in a jar or not.
 */
public final class Teg850Schema {

    static final String ROOT_XSD = "nta/kyotsu/TEG850-001.xsd";

    private static volatile Teg850Schema shared;

    private final Schema schema;

    private Teg850Schema(Schema schema) {
        this.schema = schema;
    }

    /** The schema shipped with kakekin (compiled on first use, then shared: a Schema is thread-safe). */
    public static Teg850Schema load() {
        Teg850Schema s = shared;
        if (s == null) {
            synchronized (Teg850Schema.class) {
                s = shared;
                if (s == null) {
                    s = shared = compile(ROOT_XSD);
                }
            }
        }
        return s;
    }

    /** Compiles the schema whose entry point is the class-path resource {@code rootXsd}. */
    public static Teg850Schema compile(String rootXsd) {
        ClassLoader cl = Teg850Schema.class.getClassLoader();
        URL root = cl.getResource(rootXsd);
        if (root == null) {
            throw new IllegalStateException("schema " + rootXsd + " is not on the class path");
        }
        String base = rootXsd.substring(0, rootXsd.lastIndexOf('/') + 1);
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        try {
            // TEG850-001.xsd restricts gen:kubun with local elements of its own namespace (kubun_CD in
            // kyotsu, not in general), which strict "full checking" of particle restrictions rejects
            // (rcase-Recurse.2). Documents are still validated against the derived types as written,
            // which is what the NTA's own sample (kubun_CD in the kyotsu namespace) expects.
            f.setFeature("http://apache.org/xml/features/validation/schema-full-checking", false);
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's schema factory no longer knows schema-full-checking", e);
        }
        f.setResourceResolver(new ClassPathResolver(cl, base));
        try (InputStream in = root.openStream()) {
            return new Teg850Schema(f.newSchema(new StreamSource(in, "classpath:/" + rootXsd)));
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + rootXsd + " does not compile: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every schema violation of the document, each with its line and column; empty when valid. */
    public List<String> validate(byte[] xml) {
        return validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    public List<String> validate(Source source) {
        List<String> errors = new ArrayList<>();
        Validator v = schema.newValidator();
        try {
            v.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(describe(e));
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(describe(e));
            }
        });
        try {
            v.validate(source);
        } catch (SAXException e) {
            if (errors.isEmpty()) {
                errors.add(e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors;
    }

    public Schema schema() {
        return schema;
    }

    private static String describe(SAXParseException e) {
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
    }

    /** Resolves {@code ../general/General.xsd} and friends against the class-path folder of the root schema. */
    private record ClassPathResolver(ClassLoader cl, String base) implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespaceURI, String publicId, String systemId,
                                       String baseURI) {
            if (systemId == null) {
                return null;
            }
            String from = baseURI != null && baseURI.startsWith("classpath:/")
                    ? baseURI.substring("classpath:/".length(), baseURI.lastIndexOf('/') + 1) : base;
            String path = normalise(from + systemId);
            InputStream in = cl.getResourceAsStream(path);
            if (in == null) {
                throw new IllegalStateException("schema part " + systemId + " (" + path + ") is not on the class path");
            }
            return new Input(publicId, "classpath:/" + path, baseURI, in);
        }

        private static String normalise(String path) {
            List<String> parts = new ArrayList<>();
            for (String p : path.split("/")) {
                if (p.equals("..")) {
                    parts.removeLast();
                } else if (!p.isEmpty() && !p.equals(".")) {
                    parts.add(p);
                }
            }
            return String.join("/", parts);
        }
    }

    private static final class Input implements LSInput {
        private String publicId;
        private String systemId;
        private String baseURI;
        private InputStream in;

        Input(String publicId, String systemId, String baseURI, InputStream in) {
            this.publicId = publicId;
            this.systemId = systemId;
            this.baseURI = baseURI;
            this.in = in;
        }

        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader r) { }
        @Override public InputStream getByteStream() { return in; }
        @Override public void setByteStream(InputStream byteStream) { this.in = byteStream; }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { this.systemId = systemId; }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { this.publicId = publicId; }
        @Override public String getBaseURI() { return baseURI; }
        @Override public void setBaseURI(String baseURI) { this.baseURI = baseURI; }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}

package jp.kakekin.archive;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.Map;

/**
 * Makes the archive copy of a rendered document: PDF/A-3b (ISO 19005-3, level B) — the fonts are already
 * embedded by the renderer; this adds the sRGB output intent (the JDK's own sRGB ICC profile), the XMP
 * metadata (PDF/A identification, Dublin Core, the 電子帳簿保存法 search keys in kakekin's own schema
 * declared as a PDF/A extension schema, the Info dictionary kept equal to it) and, when given, one
 * associated file ({@code /AF}, {@code AFRelationship /Data}) such as the signed TEG850 XML.
 * Deterministic: the same input gives the same bytes.
 */
public final class PdfA3 {

    /** kakekin's XMP schema for the search keys (declared in the file, as PDF/A requires of a custom schema). */
    public static final String KAKEKIN_NS = "https://kakekin.example.jp/ns/archive/1.0/";
    public static final String KAKEKIN_PREFIX = "kk";

    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    /** The sRGB profile compressed once (FlateDecode), copied into every file as it is. */
    private static final byte[] SRGB_DEFLATED = deflate(SRGB);

    private PdfA3() {
    }

    public static byte[] archiveCopy(byte[] renderedPdf, ArchiveMetadata meta, Attachment attachment) {
        try (PDDocument doc = Loader.loadPDF(renderedPdf)) {
            return archiveCopy(doc, sha256(renderedPdf), meta, attachment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the archive copy of " + meta.uniqueCode() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The archive copy of a document already open in PDFBox (a page taken out of a print batch, docs/archive.md
     * "Cost"), converted in place and saved once: no second parse. The document's streams that were not changed
     * (page content, fonts) are written as they are, not decoded and compressed again.
     *
     * @param idSeed the bytes the file identifier is derived from (the same input gives the same bytes)
     */
    public static byte[] archiveCopy(PDDocument doc, byte[] idSeed, ArchiveMetadata meta, Attachment attachment) {
        try {
            // PDF/A-3 is PDF 1.7; the renderer (OpenPDF 3) writes a 2.0 header, which PDDocument.setVersion
            // would keep (it never lowers a version), so both header and catalog are set here.
            doc.getDocument().setVersion(1.7f);
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            catalog.getCOSObject().removeItem(COSName.VERSION);
            Calendar created = GregorianCalendar.from(meta.archivedAt().toZonedDateTime());

            dropCidSets(doc);

            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(meta.title());
            info.setProducer("kakekin");
            info.setCreationDate(created);
            info.setModificationDate(created);
            doc.setDocumentInformation(info);

            PDOutputIntent intent = srgbIntent(doc);
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            catalog.getOutputIntents().clear();
            catalog.addOutputIntent(intent);

            if (attachment != null) {
                attach(doc, catalog, attachment, created);
            }

            PDMetadata metadata = new PDMetadata(doc);
            metadata.importXMPMetadata(xmp(meta, attachment).getBytes(StandardCharsets.UTF_8));
            catalog.setMetadata(metadata);

            // The file identifier PDF/A requires; derived from the content so the copy is reproducible.
            COSArray id = new COSArray();
            byte[] digest = sha256(idSeed);
            byte[] half = java.util.Arrays.copyOf(digest, 16);
            id.add(new COSString(half));
            id.add(new COSString(half));
            doc.getDocument().getTrailer().setItem(COSName.ID, id);

            ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the archive copy of " + meta.uniqueCode() + ": " + e.getMessage(), e);
        }
    }

    /** The sRGB output intent, its profile stream written from the bytes compressed once (no ICC parse, no deflate). */
    private static PDOutputIntent srgbIntent(PDDocument doc) throws IOException {
        COSStream profile = doc.getDocument().createCOSStream();
        profile.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        profile.setInt(COSName.N, 3);
        try (java.io.OutputStream os = profile.createRawOutputStream()) {
            os.write(SRGB_DEFLATED);
        }
        COSDictionary dict = new COSDictionary();
        dict.setItem(COSName.TYPE, COSName.OUTPUT_INTENT);
        dict.setItem(COSName.S, COSName.GTS_PDFA1);
        dict.setItem(COSName.DEST_OUTPUT_PROFILE, profile);
        return new PDOutputIntent(dict);
    }

    private static byte[] deflate(byte[] bytes) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
        try {
            d.setInput(bytes);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /**
     * The renderer's subset fonts carry a CIDSet that lists the CIDs used, not every CID of the subset
     * program, which PDF/A-2/3 reject when present (6.2.11.4.2); the CIDSet is optional there, so it goes.
     */
    public static void dropCidSets(PDDocument doc) {
        java.util.Set<org.apache.pdfbox.cos.COSBase> seen = new java.util.HashSet<>();
        for (org.apache.pdfbox.pdmodel.PDPage page : doc.getPages()) {
            PDResources res = page.getResources();
            dropCidSets(res == null ? null : res.getCOSObject(), seen);
        }
    }

    /**
     * The fonts of these resources and of the form XObjects in them (a batch page may wrap its content in one),
     * read as plain dictionaries: no font program is parsed.
     */
    private static void dropCidSets(COSDictionary res, java.util.Set<org.apache.pdfbox.cos.COSBase> seen) {
        if (res == null || !seen.add(res)) {
            return;
        }
        if (res.getDictionaryObject(COSName.FONT) instanceof COSDictionary fonts) {
            for (COSName name : fonts.keySet()) {
                if (fonts.getDictionaryObject(name) instanceof COSDictionary font
                        && COSName.TYPE0.equals(font.getCOSName(COSName.SUBTYPE))
                        && font.getDictionaryObject(COSName.DESCENDANT_FONTS) instanceof COSArray descendants) {
                    for (int i = 0; i < descendants.size(); i++) {
                        if (descendants.getObject(i) instanceof COSDictionary cid
                                && cid.getDictionaryObject(COSName.FONT_DESC) instanceof COSDictionary descriptor) {
                            descriptor.removeItem(COSName.CID_SET);
                        }
                    }
                }
            }
        }
        if (res.getDictionaryObject(COSName.XOBJECT) instanceof COSDictionary xobjects) {
            for (COSName name : xobjects.keySet()) {
                if (xobjects.getDictionaryObject(name) instanceof COSStream form
                        && COSName.FORM.equals(form.getCOSName(COSName.SUBTYPE))
                        && form.getDictionaryObject(COSName.RESOURCES) instanceof COSDictionary formRes) {
                    dropCidSets(formRes, seen);
                }
            }
        }
    }

    private static void attach(PDDocument doc, PDDocumentCatalog catalog, Attachment a, Calendar created) throws IOException {
        PDEmbeddedFile ef = new PDEmbeddedFile(doc, new ByteArrayInputStream(a.bytes()));
        ef.setSubtype(a.mimeType());
        ef.setSize(a.bytes().length);
        ef.setCreationDate(created);
        ef.setModDate(created);
        PDComplexFileSpecification fs = new PDComplexFileSpecification();
        fs.setFile(a.fileName());
        fs.setFileUnicode(a.fileName());
        fs.setEmbeddedFile(ef);
        fs.setEmbeddedFileUnicode(ef);
        if (a.description() != null) {
            fs.setFileDescription(a.description());
        }
        fs.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");

        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(a.fileName(), fs));
        PDDocumentNameDictionary names = catalog.getNames();
        if (names == null) {
            names = new PDDocumentNameDictionary(catalog);
            catalog.setNames(names);
        }
        names.setEmbeddedFiles(tree);
        COSArray af = new COSArray();
        af.add(fs.getCOSObject());
        catalog.getCOSObject().setItem(COSName.getPDFName("AF"), af);
    }

    /** The XMP packet. Written as text: every property it uses is a standard one or declared below. */
    static String xmp(ArchiveMetadata m, Attachment attachment) {
        String date = m.archivedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
                   <pdfaid:part>3</pdfaid:part>
                   <pdfaid:conformance>B</pdfaid:conformance>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <dc:format>application/pdf</dc:format>
                   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%1$s</rdf:li></rdf:Alt></dc:title>
                   <dc:identifier>%2$s</dc:identifier>
                   <dc:publisher><rdf:Bag><rdf:li>%3$s</rdf:li></rdf:Bag></dc:publisher>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                   <xmp:CreateDate>%4$s</xmp:CreateDate>
                   <xmp:ModifyDate>%4$s</xmp:ModifyDate>
                   <xmp:MetadataDate>%4$s</xmp:MetadataDate>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
                   <pdf:Producer>kakekin</pdf:Producer>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:%5$s="%6$s">
                   <%5$s:UniqueCode>%2$s</%5$s:UniqueCode>
                   <%5$s:TransactionDate>%7$s</%5$s:TransactionDate>
                   <%5$s:Amount>%8$s</%5$s:Amount>
                   <%5$s:Counterparty>%9$s</%5$s:Counterparty>
                   <%5$s:EmbeddedData>%10$s</%5$s:EmbeddedData>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                      xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
                   <pdfaExtension:schemas>
                    <rdf:Bag>
                     <rdf:li rdf:parseType="Resource">
                      <pdfaSchema:schema>kakekin archive search keys (電子帳簿保存法: 取引年月日, 取引金額, 取引先)</pdfaSchema:schema>
                      <pdfaSchema:namespaceURI>%6$s</pdfaSchema:namespaceURI>
                      <pdfaSchema:prefix>%5$s</pdfaSchema:prefix>
                      <pdfaSchema:property>
                       <rdf:Seq>
                        %11$s
                       </rdf:Seq>
                      </pdfaSchema:property>
                     </rdf:li>
                    </rdf:Bag>
                   </pdfaExtension:schemas>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>
                """.formatted(esc(m.title()), esc(m.uniqueCode()), esc(m.issuer()), date, KAKEKIN_PREFIX, KAKEKIN_NS,
                m.documentDate().toString(), m.amount() == null ? "" : m.amount().toString(), esc(m.counterparty()),
                attachment == null ? "" : esc(attachment.fileName()),
                PROPERTIES);
    }

    /** The declaration of kakekin's properties in the XMP extension schema: the same in every file, made once. */
    private static final String PROPERTIES = property("UniqueCode", "Text", "the document's unique code")
            + property("TransactionDate", "Text", "取引年月日: the date the document states, YYYY-MM-DD")
            + property("Amount", "Text", "取引金額 in yen; empty when the document states none")
            + property("Counterparty", "Text", "取引先: 共済契約者番号 and name")
            + property("EmbeddedData", "Text", "name of the associated data file, if any");

    private static String property(String name, String type, String description) {
        return """
                <rdf:li rdf:parseType="Resource">
                 <pdfaProperty:name>%s</pdfaProperty:name>
                 <pdfaProperty:valueType>%s</pdfaProperty:valueType>
                 <pdfaProperty:category>external</pdfaProperty:category>
                 <pdfaProperty:description>%s</pdfaProperty:description>
                </rdf:li>
                """.formatted(name, type, esc(description));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The associated files of a PDF (name → bytes), as {@code archive verify} reads them back. */
    public static Map<String, byte[]> attachments(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            java.util.LinkedHashMap<String, byte[]> out = new java.util.LinkedHashMap<>();
            if (names == null || names.getEmbeddedFiles() == null || names.getEmbeddedFiles().getNames() == null) {
                return out;
            }
            for (var e : names.getEmbeddedFiles().getNames().entrySet()) {
                PDEmbeddedFile ef = e.getValue().getEmbeddedFile();
                if (ef != null) {
                    out.put(e.getKey(), ef.toByteArray());
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable PDF: " + e.getMessage(), e);
        }
    }

    /** The value of one of kakekin's XMP properties in an archive copy, or null. */
    public static String property(byte[] pdf, String name) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDMetadata m = doc.getDocumentCatalog().getMetadata();
            if (m == null) {
                return null;
            }
            String xmp = new String(m.toByteArray(), StandardCharsets.UTF_8);
            var matcher = java.util.regex.Pattern.compile("<" + KAKEKIN_PREFIX + ":" + name + ">([^<]*)</").matcher(xmp);
            return matcher.find() ? matcher.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&amp;", "&") : null;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable PDF: " + e.getMessage(), e);
        }
    }

}

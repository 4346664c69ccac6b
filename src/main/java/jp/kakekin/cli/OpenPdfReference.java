package jp.kakekin.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jp.kakekin.document.CertificateView;
import org.openpdf.text.Document;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The reference of {@code bench-render}: what OpenPDF alone costs for the same certificate page — the
 * fixed part (headings, labels, the figures table's rules, the guidance text) drawn once per file as a
 * form XObject, then per page only the holder's fields (the amounts right-aligned) and the QR code, at
 * positions written into the code. Not a renderer of kakekin: the distance to it is what a layout
 * engine costs on top of the PDF itself.
 */
final class OpenPdfReference {

    private static final Map<EncodeHintType, Object> QR_HINTS = Map.of(EncodeHintType.ERROR_CORRECTION,
            ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4, EncodeHintType.QR_MASK_PATTERN, 2,
            EncodeHintType.CHARACTER_SET, "UTF-8");
    private static final float MM = 72 / 25.4f;

    private final BaseFont font;

    OpenPdfReference(Path fontsDir) throws Exception {
        byte[] bytes = Files.readAllBytes(fontsDir.resolve("BIZUDGothic-Regular.ttf"));
        font = BaseFont.createFont("BIZUDGothic-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null);
        font.setCompressionLevel(1);
    }

    int batch(List<CertificateView> views, OutputStream out) throws Exception {
        Document document = new Document(PageSize.A4, 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setCompressionLevel(1);
        document.open();
        PdfTemplate fixed = null;
        for (CertificateView v : views) {
            if (fixed != null) {
                document.newPage();
            }
            PdfContentByte cb = writer.getDirectContent();
            if (fixed == null) {
                fixed = fixedPart(cb);
            }
            cb.addTemplate(fixed, 0, 0);
            text(cb, v.postalCode(), 24, 22, 10.5f, false);
            text(cb, v.addressLine1(), 24, 27, 10.5f, false);
            text(cb, v.addressLine2(), 24, 32, 10.5f, false);
            text(cb, v.holderName() + " 様", 24, 42, 15, false);
            text(cb, "共済契約者番号 " + v.contractNumber(), 24, 48, 8.5f, false);
            float[] rows = {118, 127, 136, 145, 154, 163, 173};
            String[] values = {v.contractNumber(), v.holderName() + " 様", v.monthlyPremium(), v.paid(), v.scheduled(),
                    v.discountPaid(), v.deduction()};
            for (int i = 0; i < rows.length; i++) {
                text(cb, values[i], 185, rows[i], i == 6 ? 14 : 11.5f, true);
            }
            text(cb, "ユニークコード " + v.uniqueCode(), 22, 262, 8, false);
            Image qr = qr(v.qrUrl());
            qr.scaleAbsolute(24 * MM, 24 * MM);
            qr.setAbsolutePosition(165 * MM, PageSize.A4.getHeight() - 39 * MM);
            cb.addImage(qr);
        }
        document.close();
        return views.size();
    }

    private PdfTemplate fixedPart(PdfContentByte cb) {
        PdfTemplate t = cb.createTemplate(PageSize.A4.getWidth(), PageSize.A4.getHeight());
        text(t, "令和8年分", 105, 68, 12, false);
        text(t, "小規模企業共済掛金控除証明書", 60, 76, 17, false);
        text(t, "下記のとおり、令和8年中に払い込まれた小規模企業共済掛金（10月から12月までに払い込まれる予定の", 22, 92, 10, false);
        text(t, "掛金を含みます。）の額を証明します。", 22, 98, 10, false);
        String[] labels = {"共済契約者番号", "共済契約者氏名", "掛金月額 （9月現在）", "① お払込み済額 （1月～9月）",
                "② お払込み予定額 （10月～12月）", "③ 前納減額金お支払額", "控除額 （①＋②－③）"};
        for (int i = 0; i < labels.length; i++) {
            text(t, labels[i], 25, 118 + 9 * i + (i == 6 ? 1 : 0), 10, false);
            t.rectangle(22 * MM, PageSize.A4.getHeight() - (112 + 9 * i) * MM, 166 * MM, -9 * MM);
        }
        t.stroke();
        String[] issuer = {"令和8年11月20日", "証明者", "独立行政法人中小企業基盤整備機構", "〒105-8453",
                "東京都港区虎ノ門3丁目5番1号 虎ノ門37森ビル", "共済相談室 050-5541-7171"};
        for (int i = 0; i < issuer.length; i++) {
            text(t, issuer[i], 114, 190 + 5 * i, 9.5f, false);
        }
        String[] guidance = {"年末調整・確定申告でのご利用について",
                "この証明書は、所得税の「小規模企業共済等掛金控除」を受けるための書類です。給与所得者の方は年末調整の際に「給与",
                "所得者の保険料控除申告書」に添えて勤務先へ提出し、確定申告をされる方は申告書に控除額を記入のうえ、この証明書を",
                "添付または提示してください。",
                "②お払込み予定額は、10月から12月までの掛金が予定どおり払い込まれた場合の額です。払込みがなかった月があるとき",
                "は、実際に払い込まれた額で申告してください。"};
        for (int i = 0; i < guidance.length; i++) {
            text(t, guidance[i], 22, 228 + 4.5f * i, 8.5f, false);
        }
        text(t, "証明書の再発行・内容の確認は", 163, 42, 6.5f, false);
        text(t, "こちらから", 171, 45, 6.5f, false);
        return t;
    }

    private void text(PdfContentByte cb, String s, float xMm, float baselineMm, float size, boolean rightAligned) {
        if (s == null || s.isEmpty()) {
            return;
        }
        float x = xMm * MM - (rightAligned ? font.getWidthPoint(s, size) : 0);
        cb.beginText();
        cb.setFontAndSize(font, size);
        cb.setTextMatrix(x, PageSize.A4.getHeight() - baselineMm * MM);
        cb.showText(s);
        cb.endText();
    }

    private static Image qr(String text) throws Exception {
        BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, QR_HINTS);
        byte[] pixels = new byte[m.getWidth() * m.getHeight()];
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                pixels[y * m.getWidth() + x] = m.get(x, y) ? 0 : (byte) 0xFF;
            }
        }
        return Image.getInstance(m.getWidth(), m.getHeight(), 1, 8, pixels);
    }
}

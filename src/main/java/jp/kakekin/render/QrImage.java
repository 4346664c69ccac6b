package jp.kakekin.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.openpdf.text.BadElementException;
import org.openpdf.text.Image;

import java.util.Map;

/**
 * A QR code as a grey image, one pixel per module: a few hundred bytes in the PDF once deflated, no
 * PNG encoding, and sharp at any print resolution (interpolation off). Not 1 bit per pixel: OpenPDF
 * re-encodes such images as CCITT G4, which costs more than the whole QR encoding.
 */
final class QrImage {

    /** The four-module quiet zone the QR standard asks for, kept inside the image. */
    static final int QUIET_ZONE = 4;

    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            // M survives a fold or smudge across the code and keeps the symbol small.
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE,
            // A fixed mask skips ZXing's trial of all eight, most of the cost of encoding; any mask
            // decodes, the trial only evens out light and dark areas a little.
            EncodeHintType.QR_MASK_PATTERN, 2,
            EncodeHintType.CHARACTER_SET, "UTF-8");

    private QrImage() {
    }

    static Image of(String text) {
        if (QrEncoder.byteMode(text)) {
            int[] side = new int[1];
            byte[] bits = QrEncoder.packed(text, QUIET_ZONE, side);
            if (bits != null) {
                return raw(side[0], bits);
            }
        }
        return zxing(text);
    }

    /** The same image through ZXing's encoder (the reference QrEncoder is tested against). */
    static Image zxing(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as QR code: " + text, e);
        }
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        byte[] pixels = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = matrix.get(x, y) ? 0 : (byte) 0xFF;
            }
        }
        return image(width, height, pixels);
    }

    /**
     * One bit per module, rows padded to the byte, 0 black (DeviceGray): an eighth of the grey image to
     * deflate and store. Made as a raw image: {@code Image.getInstance} would re-encode it as CCITT G4.
     */
    static Image bilevel(int side, boolean[] modules) {
        int stride = (side + 7) / 8;
        byte[] bits = new byte[stride * side];
        java.util.Arrays.fill(bits, (byte) 0xFF);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                if (modules[y * side + x]) {
                    bits[y * stride + (x >> 3)] &= (byte) ~(0x80 >> (x & 7));
                }
            }
        }
        return raw(side, bits);
    }

    /** The packed modules ({@link #bilevel}'s layout) as an image. */
    private static Image raw(int side, byte[] bits) {
        try {
            Image image = new org.openpdf.text.ImgRaw(side, side, 1, 1, bits);
            image.setInterpolation(false);
            return image;
        } catch (BadElementException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Image image(int width, int height, byte[] pixels) {
        try {
            Image image = Image.getInstance(width, height, 1, 8, pixels);
            image.setInterpolation(false);
            return image;
        } catch (BadElementException e) {
            throw new IllegalStateException(e);
        }
    }
}

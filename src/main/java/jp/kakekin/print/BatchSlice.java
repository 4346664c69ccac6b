package jp.kakekin.print;

import java.util.List;

/** The certificates of one print batch, in postal order. */
record BatchSlice(int batch, List<IssuedCertificate> certificates) {
}

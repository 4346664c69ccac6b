package jp.kakekin.print;

import java.nio.file.Path;

/** A batch rendered to its temporary file, waiting to be published by the writer. */
record PrintedSlice(int batch, Path tmpPdf, CertificatePrinter.PrintedBatch printed) {
}

package jp.kakekin.print;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

/** Renders one batch into {@code batch-NNNNN.pdf.tmp}; the writer publishes it. */
class BatchPrintingProcessor implements ItemProcessor<BatchSlice, PrintedSlice> {

    private final RunFolder folder;
    private final CertificatePrinter printer;
    private final LocalDate runDate;
    private final boolean trial;

    BatchPrintingProcessor(RunFolder folder, CertificatePrinter printer, LocalDate runDate, boolean trial) {
        this.trial = trial;
        this.folder = folder;
        this.printer = printer;
        this.runDate = runDate;
    }

    @Override
    public PrintedSlice process(BatchSlice slice) throws Exception {
        Path tmp = AtomicFiles.tmp(folder.batchPdf(slice.batch()));
        CertificatePrinter.PrintedBatch printed;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            printed = printer.print(slice.certificates(), runDate, trial, new KeepOpen(out));
            out.flush();
            ch.force(false);
        }
        if (printed.placed().size() + printed.failed().size() != slice.certificates().size()) {
            throw new IllegalStateException("batch %d: the renderer placed %d and failed %d of %d certificates"
                    .formatted(slice.batch(), printed.placed().size(), printed.failed().size(), slice.certificates().size()));
        }
        if (printed.placed().isEmpty()) {
            Files.deleteIfExists(tmp);
        }
        return new PrintedSlice(slice.batch(), tmp, printed);
    }

    /** PDF writers close their stream when the document ends; the file must stay open to be forced to disk. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}

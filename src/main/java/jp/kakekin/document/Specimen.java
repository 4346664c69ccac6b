package jp.kakekin.document;

import jp.kakekin.calc.Figures;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * A document printed by a trial run: the same view, marked 見本 (not valid) on every page. The layouts
 * read the view under its usual name and {@code specimen} as true (see templates/specimen-mark.html).
 */
public record Specimen(DocumentView view) implements DocumentView {

    public Specimen {
        Objects.requireNonNull(view);
        if (view instanceof Specimen) {
            throw new IllegalArgumentException("already a specimen");
        }
    }

    @Override
    public Figures figures() {
        return view.figures();
    }

    @Override
    public UniqueCode uniqueCode() {
        return view.uniqueCode();
    }

    @Override
    public LocalDate issuedOn() {
        return view.issuedOn();
    }

    @Override
    public String layout() {
        return view.layout();
    }

    @Override
    public String layoutVariable() {
        return view.layoutVariable();
    }

    @Override
    public Map<String, String> textFields() {
        return view.textFields();
    }
}

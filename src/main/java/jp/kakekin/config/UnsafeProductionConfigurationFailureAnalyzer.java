package jp.kakekin.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up on the production profile with development secrets: one line saying what, no stack trace. */
class UnsafeProductionConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<ProductionProfile.UnsafeProductionConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionProfile.UnsafeProductionConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Configure the production keys as docs/security.md (\"Production keys\") describes.", cause);
    }
}

package jp.kakekin.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module boundaries of docs/architecture.md (HOUSE.md), checked on the compiled classes:
 * <ul>
 * <li>no cycles between the modules (the top-level packages under jp.kakekin);</li>
 * <li>the domain core — ledger, calc, document, issuance — is plain Java: no Spring, and it uses no
 *     channel, no store, no renderer;</li>
 * <li>no channel reaches into another channel: print, reissue, edelivery, statement and calculation each
 *     use the core, the store and the renderer, never each other (cli, config and web wire them).</li>
 * </ul>
 */
class ModuleBoundariesTest {

    static final List<String> CORE = List.of("ledger", "calc", "document", "issuance");
    static final List<String> CHANNELS = List.of("print", "reissue", "edelivery", "statement", "calculation",
            "correction");

    /**
     * Known crossings, each named with where it should go; the list only shrinks. It is empty: the last one
     * (web.OperationsHealth reading the e-私書箱 key store) moved to edelivery.SigningCertificateHealth.
     */
    static final List<String> KNOWN_CROSSINGS = List.of();

    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass>
            KNOWN = com.tngtech.archunit.base.DescribedPredicate.describe("a known crossing",
            c -> KNOWN_CROSSINGS.stream().anyMatch(k -> c.getName().equals(k) || c.getName().startsWith(k + "$")));

    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass>
            COMPOSITION_ROOT = com.tngtech.archunit.base.DescribedPredicate.describe("the composition root (cli, config)",
            c -> c.getPackageName().startsWith("jp.kakekin.cli") || c.getPackageName().startsWith("jp.kakekin.config"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("jp.kakekin");

    @Test
    void theModulesHaveNoCycles() {
        slices().matching("jp.kakekin.(*)..").should().beFreeOfCycles()
                .ignoreDependency(KNOWN, com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
                // cli/ and config/ are the composition root: they wire every module (and channels read their
                // shared settings, e.g. kakekin.ledger.*), so what they depend on is not a module's cycle.
                .ignoreDependency(COMPOSITION_ROOT, com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
                .check(CLASSES);
    }

    @Test
    void theDomainCoreIsPlainJava() {
        String[] core = CORE.stream().map(m -> "jp.kakekin." + m + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(core)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .because("the domain core knows nothing of Spring (HOUSE.md)")
                .check(CLASSES);
        String[] outside = List.of("print", "reissue", "edelivery", "statement", "calculation", "correction", "store", "render", "cli",
                "config", "web", "synthetic").stream().map(m -> "jp.kakekin." + m + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(core)
                .should().dependOnClassesThat().resideInAnyPackage(outside)
                .because("data flows one way: the channels use the core, never the reverse")
                .check(CLASSES);
    }

    @Test
    void noChannelReachesIntoAnother() {
        for (String channel : CHANNELS) {
            String[] others = CHANNELS.stream().filter(c -> !c.equals(channel)).map(c -> "jp.kakekin." + c + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("jp.kakekin." + channel + "..").and(
                            com.tngtech.archunit.base.DescribedPredicate.not(KNOWN))
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a channel maps the issuance core's outcome; what two channels share belongs below them")
                    .check(CLASSES);
        }
    }
}

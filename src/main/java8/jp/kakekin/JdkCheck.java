package jp.kakekin;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's start class, compiled for Java 8 (src/main/java8): on a JDK older than 21 it says so in one
 * line instead of dying with an UnsupportedClassVersionError; otherwise it hands over to {@code jp.kakekin.Main}.
 * It must stay Java 8 source: no var, no records, no Runtime.version().
 */
public final class JdkCheck {

    static final int REQUIRED = 21;

    private JdkCheck() {
    }

    public static void main(String[] args) throws Throwable {
        String spec = System.getProperty("java.specification.version", "0");
        int feature = feature(spec);
        if (feature < REQUIRED) {
            System.err.println("kakekin needs a JDK " + REQUIRED + " or newer; this is Java " + spec + " ("
                    + System.getProperty("java.home") + "): set JAVA_HOME or use src/main/sh/kakekin");
            System.exit(1);
        }
        try {
            Class.forName("jp.kakekin.Main", true, JdkCheck.class.getClassLoader())
                    .getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** "1.8" → 8, "17" → 17. */
    static int feature(String spec) {
        String s = spec.startsWith("1.") ? spec.substring(2) : spec;
        int dot = s.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? s : s.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

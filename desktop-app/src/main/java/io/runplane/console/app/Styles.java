package io.runplane.console.app;

/** The console's stylesheet. */
public final class Styles {

    private static final String STYLESHEET = "/io/runplane/console/console.css";

    private Styles() {
    }

    public static String stylesheet() {
        return Styles.class.getResource(STYLESHEET).toExternalForm();
    }
}

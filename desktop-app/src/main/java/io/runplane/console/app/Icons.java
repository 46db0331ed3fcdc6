package io.runplane.console.app;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons, sized and styled by the stylesheet through their style classes. */
public final class Icons {

    private Icons() {
    }

    public static FontIcon icon(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("icon");
        return icon;
    }

    public static FontIcon icon(Ikon ikon, String styleClass) {
        FontIcon icon = icon(ikon);
        icon.getStyleClass().add(styleClass);
        return icon;
    }
}

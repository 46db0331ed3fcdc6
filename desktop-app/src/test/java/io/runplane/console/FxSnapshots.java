package io.runplane.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes a node as a PNG (works headless under Monocle): for looking at the console from tests. */
public final class FxSnapshots {

    private FxSnapshots() {
    }

    /** Call on the FX thread. */
    public static Path write(Node node, Path file) throws IOException {
        WritableImage image = node.snapshot(null, null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        return file;
    }
}

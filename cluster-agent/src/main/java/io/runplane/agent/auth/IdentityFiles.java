package io.runplane.agent.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.runplane.agent.store.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads and writes identity files (YAML), strictly: an unknown field is an error, not ignored. */
public final class IdentityFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private IdentityFiles() {
    }

    public static IdentityFile read(Path file) throws IdentityFileException {
        try {
            IdentityFile identities = YAML.readValue(file.toFile(), IdentityFile.class);
            return identities == null ? new IdentityFile(null, null) : identities;
        } catch (UnrecognizedPropertyException e) {
            // Records buffer unknown properties and report them at the object's end, so the path, not the line.
            throw new IdentityFileException(file + ": " + pathOf(e) + ": unknown field (known: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ")", e);
        } catch (JsonMappingException e) {
            throw new IdentityFileException(file + ": " + where(e) + pathOf(e) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("invalid"), e);
        } catch (JsonProcessingException e) {
            throw new IdentityFileException(file + ": " + where(e) + e.getOriginalMessage()
                    .lines().findFirst().orElse("not YAML"), e);
        } catch (IOException e) {
            throw new IdentityFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Writes the file atomically: readers see the old content or the new, never half of it. */
    public static void write(Path file, IdentityFile identities) throws IOException {
        AtomicFiles.write(file, YAML.writeValueAsBytes(identities));
    }

    /** Where the offending token starts (the parser's current location may already be past it). */
    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getProcessor() instanceof JsonParser parser
                ? parser.currentTokenLocation() : e.getLocation();
        return location == null || location.getLineNr() < 0 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}

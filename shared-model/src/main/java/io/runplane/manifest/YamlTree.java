package io.runplane.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.runplane.manifest.ManifestNode.ListNode;
import io.runplane.manifest.ManifestNode.MapNode;
import io.runplane.manifest.ManifestNode.ScalarKind;
import io.runplane.manifest.ManifestNode.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses YAML (or JSON, which is YAML) into {@link ManifestNode} trees, one per document. Any
 * failure, including an unexpected one inside the parser, becomes a {@link ManifestException}.
 */
final class YamlTree {

    private static final int MAX_DEPTH = 64;
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTree() {
    }

    static List<ManifestNode> parse(String source, String text) throws ManifestException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            List<ManifestNode> documents = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                documents.add(node(source, parser, token, 0));
            }
            return documents;
        } catch (JsonProcessingException e) {
            throw syntax(source, e.getLocation(), e.getOriginalMessage());
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new ManifestException(new ManifestProblem(source, 0, 0, "", "unreadable YAML: " + firstLine(e)));
        }
    }

    private static ManifestNode node(String source, JsonParser parser, JsonToken token, int depth)
            throws IOException, ManifestException {
        Location at = location(parser.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new ManifestException(new ManifestProblem(source, at.line(), at.column(), "",
                    "nested more than " + MAX_DEPTH + " levels deep"));
        }
        return switch (token) {
            case START_OBJECT -> map(source, parser, at, depth);
            case START_ARRAY -> list(source, parser, at, depth);
            case VALUE_STRING, VALUE_EMBEDDED_OBJECT -> scalar(at, ScalarKind.STRING, parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalar(at, ScalarKind.NUMBER, parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> scalar(at, ScalarKind.BOOLEAN, parser.getText());
            case VALUE_NULL -> scalar(at, ScalarKind.NULL, "");
            default -> throw new ManifestException(new ManifestProblem(source, at.line(), at.column(), "",
                    "unexpected " + token));
        };
    }

    private static MapNode map(String source, JsonParser parser, Location at, int depth)
            throws IOException, ManifestException {
        Map<String, ManifestNode> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = location(parser.currentTokenLocation());
            if (key == null || entries.containsKey(key)) {
                throw new ManifestException(new ManifestProblem(source, keyAt.line(), keyAt.column(), "",
                        "duplicate key " + key));
            }
            entries.put(key, node(source, parser, parser.nextToken(), depth + 1));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new ManifestException(new ManifestProblem(source, at.line(), at.column(), "", "unterminated mapping"));
        }
        return new MapNode(at, entries);
    }

    private static ListNode list(String source, JsonParser parser, Location at, int depth)
            throws IOException, ManifestException {
        List<ManifestNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new ManifestException(new ManifestProblem(source, at.line(), at.column(), "", "unterminated list"));
            }
            items.add(node(source, parser, token, depth + 1));
        }
        return new ListNode(at, items);
    }

    private static ScalarNode scalar(Location at, ScalarKind kind, String text) {
        return new ScalarNode(at, kind, text == null ? "" : text);
    }

    private static Location location(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return Location.UNKNOWN;
        }
        return new Location(location.getLineNr(), Math.max(location.getColumnNr(), 0));
    }

    private static ManifestException syntax(String source, JsonLocation where, String message) {
        Location at = location(where);
        return new ManifestException(new ManifestProblem(source, at.line(), at.column(), "",
                "syntax error: " + firstLine(message)));
    }

    private static String firstLine(Throwable e) {
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "malformed document";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}

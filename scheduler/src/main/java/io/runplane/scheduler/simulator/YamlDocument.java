package io.runplane.scheduler.simulator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A parsed YAML document that remembers the line of every field and list item, by JSON pointer. */
final class YamlDocument {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    static YamlDocument parse(String text) throws ScenarioException {
        try {
            JsonNode root = MAPPER.readTree(text);
            return new YamlDocument(root, lines(text));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String line = where != null && where.getLineNr() > 0 ? "line " + where.getLineNr() + ": " : "";
            throw new ScenarioException(line + "YAML syntax error: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ScenarioException("cannot read YAML: " + e.getMessage());
        }
    }

    /** The line of the field or item at a JSON pointer, or of its nearest ancestor; 0 if unknown. */
    int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                return 0;
            }
            p = p.substring(0, slash);
        }
    }

    private static Map<String, Integer> lines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    context = context.getParent();
                }
                if (context != null) {
                    lines.putIfAbsent(context.pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}

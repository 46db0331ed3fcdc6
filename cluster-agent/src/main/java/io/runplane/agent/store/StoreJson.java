package io.runplane.agent.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.runplane.api.v1.WorkloadSpec;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** The JSON form of stored state: fields as they are, instants as ISO-8601, specs in protobuf JSON. */
final class StoreJson {

    private StoreJson() {
    }

    static ObjectMapper mapper() {
        // A workload is stored on every change but its spec never changes: print each spec once.
        Map<WorkloadSpec, String> printed = Collections.synchronizedMap(new WeakHashMap<>());
        JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
        SimpleModule specs = new SimpleModule("workload-spec")
                .addSerializer(WorkloadSpec.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(WorkloadSpec value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                        String json = printed.get(value);
                        if (json == null) {
                            json = printer.print(value);
                            printed.put(value, json);
                        }
                        gen.writeRawValue(json);
                    }
                })
                .addDeserializer(WorkloadSpec.class, new JsonDeserializer<>() {
                    @Override
                    public WorkloadSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        String json = p.readValueAsTree().toString();
                        WorkloadSpec.Builder builder = WorkloadSpec.newBuilder();
                        try {
                            JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
                        } catch (InvalidProtocolBufferException e) {
                            throw new IOException("stored workload spec is not valid: " + e.getMessage(), e);
                        }
                        return builder.build();
                    }
                });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .registerModule(specs)
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}

package dev.switchboard.sender.outbound;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code media_urls} (a JSON array) read as text: Hibernate Reactive's JSON type only reads JSON objects, and the
 * column is written by {@link OutboundLog}'s insert, never through the entity.
 */
@Converter
class MediaUrlsColumn implements AttributeConverter<List<String>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(List<String> urls) {
        try {
            return JSON.writeValueAsString(urls == null ? List.of() : urls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> convertToEntityAttribute(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("media_urls is not a JSON array of strings: " + json, e);
        }
    }
}

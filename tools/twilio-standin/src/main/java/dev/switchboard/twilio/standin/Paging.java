package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Twilio's list paging, shared by the 2010 API and Conversations v1: {@code PageSize} (default 50, 1 to 1000),
 * {@code Page} (0, 1, 2 ...) and {@code PageToken}, which Twilio puts in its next and previous links ({@code PA} +
 * the SID of the last record of the page before, {@code PB} + the SID of the first record of the page after). A
 * token is followed where its record still is; otherwise {@code Page} alone places the page. Links repeat the
 * request's filters, so following them walks the same filtered list.
 */
final class Paging {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    private static final Set<String> PAGE_PARAMS = Set.of("PageSize", "Page", "PageToken");

    /**
     * One page of a list.
     *
     * @param records    this page's records
     * @param start      the position of its first record in the whole list
     * @param nextQuery  the query string of the next page, null on the last page
     * @param prevQuery  the query string of the page before, null on the first page
     * @param firstQuery the query string of the first page
     * @param query      the query string of this page
     */
    record Page<T>(List<T> records, int page, int pageSize, int start, String query, String firstQuery,
                   String nextQuery, String prevQuery) {

        int end() {
            return records.isEmpty() ? start : start + records.size() - 1;
        }

        /** The 2010 API's envelope: the records under {@code key}, links as URIs (paths) under {@code path}. */
        Map<String, Object> v2010(String key, String path) {
            String uri = path + "?";
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(key, records);
            values.put("end", end());
            values.put("first_page_uri", uri + firstQuery);
            values.put("next_page_uri", nextQuery == null ? null : uri + nextQuery);
            values.put("page", page);
            values.put("page_size", pageSize);
            values.put("previous_page_uri", prevQuery == null ? null : uri + prevQuery);
            values.put("start", start);
            values.put("uri", uri + query);
            return values;
        }

        /** Conversations v1's {@code meta}: links as absolute URLs under {@code url}. */
        Map<String, Object> v1Meta(String key, String url) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("page", page);
            meta.put("page_size", pageSize);
            meta.put("first_page_url", url + "?" + firstQuery);
            meta.put("previous_page_url", prevQuery == null ? null : url + "?" + prevQuery);
            meta.put("url", url + "?" + query);
            meta.put("next_page_url", nextQuery == null ? null : url + "?" + nextQuery);
            meta.put("key", key);
            return meta;
        }
    }

    private Paging() {
    }

    /** The page of {@code ordered} the request asks for; a PageSize or Page that is not allowed is Twilio's 400. */
    static <T extends JsonNode> Page<T> of(StandInRequest request, List<T> ordered) {
        int pageSize = pageSize(request);
        int page = page(request);
        int byPage = (int) Math.min((long) page * pageSize, ordered.size());
        int start = request.queryParam("PageToken").map(token -> fromToken(token, ordered, pageSize))
                .filter(position -> position >= 0).orElse(byPage);
        return slice(request, pageSize, page, ordered, start, start);
    }

    /**
     * The page after a {@code PA} token's record, given only what follows that record in the list, up to one more
     * than a page (so a next page shows): a walk's next page without reading the whole list again. Its
     * {@code start} is Page × PageSize, as the walk's page numbers place it.
     */
    static <T extends JsonNode> Page<T> afterToken(StandInRequest request, List<T> following) {
        int pageSize = pageSize(request);
        int page = page(request);
        return slice(request, pageSize, page, following, 0, (int) Math.min((long) page * pageSize, Integer.MAX_VALUE));
    }

    /** A PageSize that is not allowed is Twilio's 400. */
    static int pageSize(StandInRequest request) {
        return number(request, "PageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    }

    private static int page(StandInRequest request) {
        return number(request, "Page", 0, 0, Integer.MAX_VALUE);
    }

    /** The page of {@code ordered} from {@code from}, reported as starting at {@code start} of the whole list. */
    private static <T extends JsonNode> Page<T> slice(StandInRequest request, int pageSize, int page, List<T> ordered,
                                                      int from, int start) {
        int end = Math.min(ordered.size(), from + pageSize);
        List<T> records = List.copyOf(ordered.subList(from, end));
        String filters = filters(request);
        String next = end < ordered.size()
                ? link(filters, pageSize, page + 1, "PA" + sid(ordered.get(end - 1))) : null;
        String previous = page > 0 && start > 0 && !records.isEmpty()
                ? link(filters, pageSize, page - 1, "PB" + sid(records.get(0))) : null;
        return new Page<>(records, page, pageSize, start,
                link(filters, pageSize, page, request.queryParam("PageToken").orElse(null)),
                link(filters, pageSize, 0, null), next, previous);
    }

    /** Where a page starts after (PA) or ends before (PB) the token's record; -1 when the record is gone. */
    private static int fromToken(String token, List<? extends JsonNode> ordered, int pageSize) {
        String sid = token.length() > 2 ? token.substring(2) : "";
        for (int i = 0; i < ordered.size(); i++) {
            if (sid(ordered.get(i)).equals(sid)) {
                return token.startsWith("PB") ? Math.max(0, i - pageSize) : i + 1;
            }
        }
        return -1;
    }

    private static int number(StandInRequest request, String name, int absent, int min, int max) {
        String value = request.queryParam(name).orElse(null);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as any other value out of range
        }
        throw new TwilioException(400, 20001, "Invalid " + name + ": " + value);
    }

    private static String sid(JsonNode record) {
        return record.path("sid").asText();
    }

    /** The request's own query parameters but the paging ones, in the order given. */
    private static String filters(StandInRequest request) {
        return request.queryParams().entrySet().stream()
                .filter(param -> !PAGE_PARAMS.contains(param.getKey()))
                .flatMap(param -> param.getValue().stream().map(value -> Map.entry(param.getKey(), value)))
                .map(param -> encode(param.getKey()) + "=" + encode(param.getValue()) + "&")
                .collect(Collectors.joining());
    }

    private static String link(String filters, int pageSize, int page, String token) {
        return filters + "PageSize=" + pageSize + "&Page=" + page + (token == null ? "" : "&PageToken=" + encode(token));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

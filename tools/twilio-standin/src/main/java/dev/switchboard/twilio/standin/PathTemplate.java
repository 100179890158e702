package dev.switchboard.twilio.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An OpenAPI-style path template: each {@code {Name}} matches one path segment. */
record PathTemplate(String template, Pattern pattern, List<String> names) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    static PathTemplate of(String template) {
        List<String> names = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(template.substring(last, placeholder.start()))).append("([^/]+)");
            names.add(placeholder.group(1));
            last = placeholder.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new PathTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names));
    }

    /** The decoded parameter values, if {@code path} matches. */
    Optional<Map<String, String>> match(String path) {
        Matcher matcher = pattern.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
        }
        return Optional.of(params);
    }
}

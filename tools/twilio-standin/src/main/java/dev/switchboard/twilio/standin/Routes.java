package dev.switchboard.twilio.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Method + path template to the endpoint that answers it. */
final class Routes {

    /** Answers one request; {@code path} holds the template's parameters. */
    @FunctionalInterface
    interface Endpoint {
        StandInResponse answer(StandInRequest request, Map<String, String> path);
    }

    private record Route(String method, PathTemplate template, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();

    Routes add(String method, String template, Endpoint endpoint) {
        routes.add(new Route(method, PathTemplate.of(template), endpoint));
        return this;
    }

    Optional<StandInResponse> answer(StandInRequest request) {
        for (Route route : routes) {
            if (route.method().equals(request.method())) {
                Optional<Map<String, String>> params = route.template().match(request.path());
                if (params.isPresent()) {
                    return Optional.of(route.endpoint().answer(request, params.get()));
                }
            }
        }
        return Optional.empty();
    }
}

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

    /**
     * The five routes of a Conversations collection: create (POST) and list (GET) at {@code collection}; fetch (GET),
     * update (POST) and delete (DELETE) of one at {@code collection/{Sid}}.
     */
    Routes collection(String collection, Endpoint create, Endpoint list, Endpoint fetch, Endpoint update,
                      Endpoint delete) {
        String one = collection + "/{Sid}";
        return add("POST", collection, create).add("GET", collection, list)
                .add("GET", one, fetch).add("POST", one, update).add("DELETE", one, delete);
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

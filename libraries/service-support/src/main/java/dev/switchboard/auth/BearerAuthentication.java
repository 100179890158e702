package dev.switchboard.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} for every service's REST API: the token is verified ({@link TokenVerifier}),
 * its subject found among the users ({@link UserDirectory}), and the request's identity carries the {@link Caller}
 * and the token's role, so that {@code @RolesAllowed("service_role")} and {@link Callers} work. A refusal keeps its
 * problem (invalid-token 401, unknown-user 403) for service-support's ProblemResponses to answer.
 */
@ApplicationScoped
public class BearerAuthentication implements HttpAuthenticationMechanism, IdentityProvider<TokenAuthenticationRequest> {

    private static final String BEARER = "bearer ";

    private final TokenVerifier tokens;
    private final UserDirectory users;

    BearerAuthentication(TokenVerifier tokens, UserDirectory users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        String token = header.substring(BEARER.length()).trim();
        return identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return tokens.verify(request.getToken().getToken())
                .chain(token -> users.callerFor(token).map(caller -> identity(token, caller)))
                .onFailure(e -> !(e instanceof AuthenticationFailedException))
                .transform(e -> new AuthenticationFailedException(e.getMessage(), e));
    }

    private static SecurityIdentity identity(VerifiedToken token, Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.principal()))
                .addRole(caller.isServiceRole() ? Caller.SERVICE_ROLE : Caller.AUTHENTICATED)
                .addAttribute(Callers.ATTRIBUTE, caller)
                .addAttribute(VerifiedToken.class.getName(), token)
                .build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}

package shop.platform.security;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

/** Who sent a request: the token's subject (the customer id) and its roles. */
public record Requester(String id, List<String> roles) {

    public static Requester of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new Requester(jwt.getSubject(), roles == null ? List.of() : List.copyOf(roles));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /**
     * Whether this requester is the resource's owner or holds one of the {@code staffRoles} that reach every
     * customer's. Each resource names its own staff: a token's other roles must not widen what one of them allows
     * (a customer who is also fulfilment staff may read every order, but cancel only their own).
     */
    public boolean isOwnerOrHasAny(String ownerId, String... staffRoles) {
        if (id.equals(ownerId)) {
            return true;
        }
        for (String role : staffRoles) {
            if (has(role)) {
                return true;
            }
        }
        return false;
    }
}

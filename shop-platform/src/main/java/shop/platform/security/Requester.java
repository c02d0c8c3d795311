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

    /** Staff see every customer's resources; a customer only their own. */
    public boolean maySee(String ownerId) {
        return id.equals(ownerId) || has(Roles.OPS) || has(Roles.FULFILMENT);
    }
}

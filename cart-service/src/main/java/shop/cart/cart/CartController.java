package shop.cart.cart;

import java.net.URI;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import shop.cart.cart.CartRequests.AddItemRequest;
import shop.cart.cart.CartRequests.ChangeQuantityRequest;
import shop.cart.cart.CartRequests.CheckoutRequest;
import shop.cart.cart.CartRequests.OpenCartRequest;
import shop.cart.cart.domain.Cart;
import shop.cart.cart.domain.CartCommands.AddItemToCart;
import shop.cart.cart.domain.CartCommands.ChangeCartItemQuantity;
import shop.cart.cart.domain.CartCommands.CheckOutCart;
import shop.cart.cart.domain.CartCommands.OpenCart;
import shop.cart.cart.domain.CartCommands.RemoveItemFromCart;
import shop.cart.catalog.Product;
import shop.cart.catalog.ProductCatalog;
import shop.contracts.view.CartView;
import shop.contracts.view.ViewKeys;
import shop.platform.security.Requester;
import shop.platform.view.ViewReader;
import shop.platform.view.ViewReader.StoredView;
import shop.platform.web.IfMatch;

/**
 * Commands go to the Cart aggregate and answer its new version; the cart view is read from Redis, where the
 * projector keeps it. {@code GET /api/carts/{id}?minVersion=N} waits (bounded) until the view has caught up
 * with version N: read-your-writes for a client that just sent a command.
 */
@RestController
@RequestMapping(path = "/api/carts", produces = MediaType.APPLICATION_JSON_VALUE)
class CartController {

    private final CommandGateway commands;
    private final ProductCatalog catalog;
    private final ViewReader views;

    CartController(CommandGateway commands, ProductCatalog catalog, ViewReader views) {
        this.commands = commands;
        this.catalog = catalog;
        this.views = views;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // as the ResponseEntity says; the OpenAPI document reads it here
    ResponseEntity<Created> open(@AuthenticationPrincipal Jwt token,
                                 @Valid @RequestBody(required = false) OpenCartRequest request) {
        String customerId = token.getSubject();
        if (request != null && request.customerId() != null && !request.customerId().equals(customerId)) {
            throw new AccessDeniedException("customerId must be the token's subject");
        }
        String cartId = UUID.randomUUID().toString();
        commands.sendAndWait(new OpenCart(cartId, customerId));
        // the first event of an aggregate has sequence number 0
        return ResponseEntity.created(URI.create("/api/carts/" + cartId)).body(new Created(cartId, 0));
    }

    @PostMapping("/{cartId}/items")
    Version addItem(@AuthenticationPrincipal Jwt token, @PathVariable @Size(max = 64) String cartId,
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                    @Valid @RequestBody AddItemRequest request) {
        Product product = catalog.product(request.sku());
        return new Version(commands.sendAndWait(new AddItemToCart(cartId, token.getSubject(), product.sku(), product.name(),
                product.unitPrice(), product.currency(), request.quantity(), IfMatch.expectedVersion(ifMatch))));
    }

    @PutMapping("/{cartId}/items/{sku}")
    Version changeQuantity(@AuthenticationPrincipal Jwt token, @PathVariable @Size(max = 64) String cartId,
                           @PathVariable @Size(max = 64) String sku,
                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                           @Valid @RequestBody ChangeQuantityRequest request) {
        return new Version(commands.sendAndWait(new ChangeCartItemQuantity(cartId, token.getSubject(), sku,
                request.quantity(), IfMatch.expectedVersion(ifMatch))));
    }

    @DeleteMapping("/{cartId}/items/{sku}")
    Version removeItem(@AuthenticationPrincipal Jwt token, @PathVariable @Size(max = 64) String cartId,
                       @PathVariable @Size(max = 64) String sku,
                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return new Version(commands.sendAndWait(new RemoveItemFromCart(cartId, token.getSubject(), sku,
                IfMatch.expectedVersion(ifMatch))));
    }

    @PostMapping("/{cartId}/checkout")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<CheckedOut> checkout(@AuthenticationPrincipal Jwt token, @PathVariable @Size(max = 64) String cartId,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @Valid @RequestBody CheckoutRequest request) {
        long version = commands.sendAndWait(new CheckOutCart(cartId, token.getSubject(),
                request.shippingAddress().toShippingAddress(), IfMatch.expectedVersion(ifMatch)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new CheckedOut(version, Cart.orderIdFor(cartId)));
    }

    @GetMapping("/{cartId}")
    @ApiResponse(responseCode = "200", description = "the cart view, as the projector stored it",
            content = @Content(schema = @Schema(implementation = CartView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "the view's version, for If-Match"))
    ResponseEntity<String> view(@AuthenticationPrincipal Jwt token, @PathVariable @Size(max = 64) String cartId,
                                @RequestParam(required = false) @PositiveOrZero Long minVersion) {
        StoredView view = views.readOwned(ViewKeys.Family.CARTS, cartId, "cart " + cartId, minVersion, Requester.of(token));
        return ResponseEntity.ok().eTag(IfMatch.etag(view.version())).body(view.json());
    }

    record Created(String cartId, long version) {
    }

    record Version(long version) {
    }

    record CheckedOut(long version, String orderId) {
    }
}

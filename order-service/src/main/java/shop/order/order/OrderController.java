package shop.order.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.util.RawValue;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import shop.contracts.view.OrderView;
import shop.contracts.view.ViewKeys;
import shop.order.order.OrderRequests.CancellationRequest;
import shop.order.order.OrderRequests.PaymentRequest;
import shop.order.order.OrderRequests.ShipmentRequest;
import shop.order.order.domain.OrderCommands.CancelOrder;
import shop.order.order.domain.OrderCommands.ConfirmPayment;
import shop.order.order.domain.OrderCommands.ConfirmShipment;
import shop.platform.domain.NotFound;
import shop.platform.security.Requester;
import shop.platform.security.Roles;
import shop.platform.view.ViewReader;
import shop.platform.view.ViewReader.StoredView;
import shop.platform.web.IfMatch;

/**
 * Orders are placed from checked-out carts (see {@code shop.order.checkout}); here they are paid, shipped or
 * cancelled, each command answering the aggregate's new version. Order views and a customer's order list
 * are read from Redis, where the projector keeps them. {@code GET /api/orders/{id}?minVersion=N} waits
 * (bounded) until the view has caught up with version N: read-your-writes for a client that just sent a command.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    static final int MAX_PAGE_SIZE = 100;

    private final CommandGateway commands;
    private final ViewReader views;
    private final StringRedisTemplate redis;

    OrderController(CommandGateway commands, ViewReader views, StringRedisTemplate redis) {
        this.commands = commands;
        this.views = views;
        this.redis = redis;
    }

    @PostMapping("/orders/{orderId}/payment")
    Version pay(@PathVariable @Size(max = 64) String orderId,
                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                @Valid @RequestBody PaymentRequest request) {
        return new Version(commands.sendAndWait(new ConfirmPayment(orderId, request.amount(), request.currency(),
                request.reference(), IfMatch.expectedVersion(ifMatch))));
    }

    @PostMapping("/orders/{orderId}/shipment")
    Version ship(@PathVariable @Size(max = 64) String orderId,
                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                 @Valid @RequestBody ShipmentRequest request) {
        return new Version(commands.sendAndWait(new ConfirmShipment(orderId, request.carrier(), request.trackingNumber(),
                IfMatch.expectedVersion(ifMatch))));
    }

    @PostMapping("/orders/{orderId}/cancellation")
    Version cancel(@AuthenticationPrincipal Jwt token, @PathVariable @Size(max = 64) String orderId,
                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                   @Valid @RequestBody CancellationRequest request) {
        Requester requester = Requester.of(token);
        if (!requester.has(Roles.OPS)) {
            // a customer cancels only their own order; to anyone else it does not exist
            views.readOwned(ViewKeys.Family.ORDERS, orderId, "order " + orderId, null, requester);
        }
        return new Version(commands.sendAndWait(new CancelOrder(orderId, request.reason(), IfMatch.expectedVersion(ifMatch))));
    }

    @GetMapping("/orders/{orderId}")
    @ApiResponse(responseCode = "200", description = "the order view, as the projector stored it",
            content = @Content(schema = @Schema(implementation = OrderView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "the view's version, for If-Match"))
    ResponseEntity<String> view(@AuthenticationPrincipal Jwt token, @PathVariable @Size(max = 64) String orderId,
                                @RequestParam(required = false) @PositiveOrZero Long minVersion) {
        StoredView view = views.readOwned(ViewKeys.Family.ORDERS, orderId, "order " + orderId, minVersion, Requester.of(token),
                Roles.FULFILMENT, Roles.OPS);
        return ResponseEntity.ok().eTag(IfMatch.etag(view.version())).body(view.json());
    }

    /**
     * A page of the customer's orders, newest first: the page's ids by reverse rank from the customer's sorted
     * set, then the views of all of them in one pipelined read. An id whose view is gone is left out.
     */
    @GetMapping("/customers/{customerId}/orders")
    OrderPage customerOrders(@AuthenticationPrincipal Jwt token, @PathVariable @Size(max = 64) String customerId,
                             @RequestParam(defaultValue = "0") @PositiveOrZero int page,
                             @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        if (!Requester.of(token).isOwnerOrHasAny(customerId, Roles.FULFILMENT, Roles.OPS)) {
            throw new NotFound("no customer " + customerId);
        }
        String key = ViewKeys.Family.CUSTOMER_ORDERS.key(views.currentGeneration(ViewKeys.Family.CUSTOMER_ORDERS), customerId);
        Long total = redis.opsForZSet().zCard(key);
        long totalElements = total == null ? 0 : total;
        long first = (long) page * size;
        List<RawValue> orders = new ArrayList<>();
        if (first < totalElements) {
            Set<String> orderIds = redis.opsForZSet().reverseRange(key, first, first + size - 1);
            if (orderIds != null && !orderIds.isEmpty()) {
                for (Object json : viewsOf(views.currentGeneration(ViewKeys.Family.ORDERS), List.copyOf(orderIds))) {
                    if (json != null) {
                        orders.add(new RawValue((String) json));
                    }
                }
            }
        }
        return new OrderPage(orders, page, size, totalElements, (totalElements + size - 1) / size);
    }

    private List<Object> viewsOf(long generation, List<String> orderIds) {
        return redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                for (String orderId : orderIds) {
                    operations.opsForHash().get((K) ViewKeys.Family.ORDERS.key(generation, orderId), ViewKeys.JSON_FIELD);
                }
                return null;
            }
        });
    }

    record Version(long version) {
    }

    /** {@code orders} are the stored views, served as they are. */
    record OrderPage(@ArraySchema(schema = @Schema(implementation = OrderView.class)) List<RawValue> orders,
                     int page, int size, long totalElements, long totalPages) {
    }
}

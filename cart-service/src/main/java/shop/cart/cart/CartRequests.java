package shop.cart.cart;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import shop.cart.cart.domain.Cart;
import shop.contracts.cart.ShippingAddress;

/** The bodies the cart API accepts; anything else is a 400 naming the field. */
final class CartRequests {

    private CartRequests() {
    }

    /** The body is optional: the customer is the token's subject; a customerId sent anyway must equal it. */
    record OpenCartRequest(@Schema(example = "alice") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String customerId) {
    }

    /** No control characters in a sku: the catalog's PostgreSQL cannot even compare one holding NUL. */
    record AddItemRequest(@Schema(example = "MUG-CQRS") @NotBlank @Size(max = 64)
                          @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters") String sku,
                          @Schema(example = "2") @NotNull @Min(Cart.MIN_QUANTITY) @Max(Cart.MAX_QUANTITY) Integer quantity) {
    }

    record ChangeQuantityRequest(@Schema(example = "3", description = "0 removes the line") @NotNull @Min(0) @Max(Cart.MAX_QUANTITY) Integer quantity) {
    }

    record CheckoutRequest(@NotNull @Valid Address shippingAddress) {
    }

    record Address(@Schema(example = "Alice Example") @NotBlank @Size(max = 200) String name,
                   @Schema(example = "Main St 1") @NotBlank @Size(max = 200) String street,
                   @Schema(example = "Berlin") @NotBlank @Size(max = 100) String city,
                   @Schema(example = "10115") @NotBlank @Size(max = 20) String postalCode,
                   @Schema(example = "DE") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {

        ShippingAddress toShippingAddress() {
            return new ShippingAddress(name, street, city, postalCode, country);
        }
    }
}

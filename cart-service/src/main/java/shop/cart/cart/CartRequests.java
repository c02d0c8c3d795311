package shop.cart.cart;

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

    record OpenCartRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String customerId) {
    }

    record AddItemRequest(@NotBlank @Size(max = 64) String sku,
                          @NotNull @Min(Cart.MIN_QUANTITY) @Max(Cart.MAX_QUANTITY) Integer quantity) {
    }

    record ChangeQuantityRequest(@NotNull @Min(0) @Max(Cart.MAX_QUANTITY) Integer quantity) {
    }

    record CheckoutRequest(@NotNull @Valid Address shippingAddress) {
    }

    record Address(@NotBlank @Size(max = 200) String name,
                   @NotBlank @Size(max = 200) String street,
                   @NotBlank @Size(max = 100) String city,
                   @NotBlank @Size(max = 20) String postalCode,
                   @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {

        ShippingAddress toShippingAddress() {
            return new ShippingAddress(name, street, city, postalCode, country);
        }
    }
}

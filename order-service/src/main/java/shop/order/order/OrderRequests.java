package shop.order.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The bodies the order API accepts; anything else is a 400 naming the field. */
final class OrderRequests {

    private OrderRequests() {
    }

    /** {@code amount} in minor units of {@code currency}, e.g. 1290 for 12.90 EUR. */
    record PaymentRequest(@NotNull @PositiveOrZero Long amount,
                          @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                          @NotBlank @Size(max = 200) String reference) {
    }

    record ShipmentRequest(@NotBlank @Size(max = 100) String carrier,
                           @NotBlank @Size(max = 200) String trackingNumber) {
    }

    record CancellationRequest(@NotBlank @Size(max = 500) String reason) {
    }
}

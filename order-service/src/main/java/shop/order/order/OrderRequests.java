package shop.order.order;

import io.swagger.v3.oas.annotations.media.Schema;
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
    record PaymentRequest(@Schema(example = "9360") @NotNull @PositiveOrZero Long amount,
                          @Schema(example = "EUR") @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                          @Schema(example = "PAY-2026-0001") @NotBlank @Size(max = 200) String reference) {
    }

    record ShipmentRequest(@Schema(example = "DHL") @NotBlank @Size(max = 100) String carrier,
                           @Schema(example = "JD014600006281234567") @NotBlank @Size(max = 200) String trackingNumber) {
    }

    record CancellationRequest(@Schema(example = "ordered by mistake") @NotBlank @Size(max = 500) String reason) {
    }
}

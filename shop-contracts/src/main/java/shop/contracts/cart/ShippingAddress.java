package shop.contracts.cart;

public record ShippingAddress(String name, String street, String city, String postalCode, String country) {
}

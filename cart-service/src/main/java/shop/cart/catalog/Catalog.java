package shop.cart.catalog;

import java.util.List;

/** The whole catalog as one cached value (a list alone would lose its element type in the cache). */
record Catalog(List<Product> products) {

    Catalog {
        products = List.copyOf(products);
    }
}

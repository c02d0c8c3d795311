package shop.cart.catalog;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import shop.platform.domain.NotFound;

/** The catalog in PostgreSQL behind a Redis cache-aside: the shop's hot reads. */
@Service
public class ProductCatalog {

    static final String PRODUCTS = "products";
    static final String CATALOG = "catalog";

    private final JdbcClient jdbc;

    ProductCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Cacheable(cacheNames = PRODUCTS)
    public Product product(String sku) {
        return productFromDatabase(sku);
    }

    @Cacheable(cacheNames = CATALOG, key = "'all'")
    public Catalog catalog() {
        return catalogFromDatabase();
    }

    Product productFromDatabase(String sku) {
        return jdbc.sql("select sku, name, unit_price, currency from product where sku = ?")
                .param(sku)
                .query(Product.class)
                .optional()
                .orElseThrow(() -> new NotFound("no product with sku " + sku));
    }

    Catalog catalogFromDatabase() {
        return new Catalog(jdbc.sql("select sku, name, unit_price, currency from product order by sku")
                .query(Product.class)
                .list());
    }

    @Transactional
    @Caching(evict = {
            @CacheEvict(cacheNames = PRODUCTS, key = "#sku"),
            @CacheEvict(cacheNames = CATALOG, key = "'all'")})
    public Product changePrice(String sku, long unitPrice) {
        int updated = jdbc.sql("update product set unit_price = ? where sku = ?").param(unitPrice).param(sku).update();
        if (updated == 0) {
            throw new NotFound("no product with sku " + sku);
        }
        return productFromDatabase(sku);
    }
}

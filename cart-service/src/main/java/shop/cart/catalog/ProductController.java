package shop.cart.catalog;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping(path = "/api/products", produces = MediaType.APPLICATION_JSON_VALUE)
class ProductController {

    private final ProductCatalog catalog;
    private final CatalogProperties properties;

    ProductController(ProductCatalog catalog, CatalogProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @GetMapping
    @SecurityRequirements // public: no token
    List<Product> products() {
        return catalog.catalog().products();
    }

    @GetMapping("/{sku}")
    @SecurityRequirements
    ResponseEntity<Product> product(@PathVariable @Size(max = 64) String sku,
                                    @RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
        if (properties.cacheBypassHeader() && "no-cache".equals(cacheControl)) {
            // says where the answer came from, so a benchmark can tell that the bypass is on
            return ResponseEntity.ok().header("X-Catalog-Source", "database").body(catalog.productFromDatabase(sku));
        }
        return ResponseEntity.ok(catalog.product(sku));
    }

    @PutMapping("/{sku}/price")
    Product changePrice(@PathVariable @Size(max = 64) String sku, @Valid @RequestBody PriceChange change) {
        return catalog.changePrice(sku, change.unitPrice());
    }

    record PriceChange(@NotNull @PositiveOrZero @Max(100_000_000) Long unitPrice) {
    }
}

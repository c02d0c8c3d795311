package shop.tools.bench;

import picocli.CommandLine.Option;

/** Where cart-service and the dev issuer are, for every tool that goes through the REST API; defaults to the local stack. */
final class ShopApiOptions {

    @Option(names = "--url", defaultValue = "http://localhost:8081", description = "cart-service (default: ${DEFAULT-VALUE})")
    String baseUrl;

    @Option(names = "--issuer", defaultValue = "http://127.0.0.1:8090", description = "dev issuer (default: ${DEFAULT-VALUE})")
    String issuer;

    ShopApi api() {
        return new ShopApi(baseUrl, issuer);
    }
}

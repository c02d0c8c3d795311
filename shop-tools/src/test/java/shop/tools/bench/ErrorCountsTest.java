package shop.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The error summary the load and the benchmarks print: counts by kind, sorted by kind. */
class ErrorCountsTest {

    @Test
    void countsByKindAndPrintsThemSorted() {
        ErrorCounts errors = new ErrorCounts();
        assertThat(errors.isEmpty()).isTrue();

        errors.add("view: HTTP 500");
        errors.add("command: HttpTimeoutException");
        errors.add("view: HTTP 500");
        errors.add("never answered", 3);

        assertThat(errors.total()).isEqualTo(6);
        assertThat(errors).hasToString("{command: HttpTimeoutException=1, never answered=3, view: HTTP 500=2}");
    }
}

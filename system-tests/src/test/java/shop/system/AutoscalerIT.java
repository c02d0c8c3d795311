package shop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import shop.testsupport.SharedContainers;
import shop.tools.bench.LoadCommand;
import shop.tools.verify.ViewVerifier;

/**
 * The autoscaler's supervisor against the real shop: cart-service, order-service and the autoscaler run as
 * processes, the autoscaler starts and stops real cache-projector worker processes, and {@code ./shop load}'s
 * generator sends shop traffic through the REST API meanwhile. The predictive policy is given a low assumed
 * per-worker rate that it learns only slowly, so that this machine's traffic (tens of commands/s, where one
 * worker could project thousands of events/s) makes it scale up to 3 workers, and back down to 1 when the
 * traffic drops while events still flow. Afterwards every view equals
 * the fold of the event store: no event lost or applied twice across the rebalances.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoscalerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ServiceProcess cartService;
    static ServiceProcess orderService;
    static ServiceProcess autoscaler;

    @BeforeAll
    static void startTheShop() {
        SharedContainers.start();
        cartService = ServiceProcess.start("cart-service");
        orderService = ServiceProcess.start("order-service");
        autoscaler = ServiceProcess.start("autoscaler",
                "--shop.autoscaler.workers.jar=" + System.getProperty("shop.jar.cache-projector"),
                "--shop.autoscaler.workers.log-directory=target/service-logs/workers",
                "--shop.autoscaler.poll-interval=1s",
                "--shop.autoscaler.mode=predictive",
                "--shop.autoscaler.predictive.max-workers=3",
                "--shop.autoscaler.predictive.initial-worker-rate=5",
                "--shop.autoscaler.predictive.learning-rate=0.01",
                "--shop.autoscaler.predictive.scale-down-delay=5s",
                "--shop.autoscaler.predictive.rebalance-pause=2s",
                "--shop.autoscaler.predictive.max-actions-per-minute=10");
    }

    @AfterAll
    static void stopTheShop() {
        for (ServiceProcess service : new ServiceProcess[]{autoscaler, orderService, cartService}) {
            if (service != null) {
                service.stop();
            }
        }
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(autoscaler.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Sends shop traffic at {@code rate} commands/s, in 10 s runs of the load generator, until {@code done}. */
    static void loadUntil(int rate, Duration timeout, java.util.concurrent.Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.call()) {
            assertThat(System.nanoTime()).as("still waiting after %s of load at %d/s; timeline %s", timeout, rate,
                    get("/api/autoscaler/timeline")).isLessThan(deadline);
            int exit = new CommandLine(new LoadCommand()).execute("--url", cartService.baseUrl(), "--issuer", TestIssuer.baseUrl(),
                    "--rate", Integer.toString(rate), "--duration", "10", "--customers", "5");
            assertThat(exit).isZero();
        }
    }

    /** When, since {@code since}, the group first consumed with at least {@code workers} workers, if it has. */
    static Optional<Instant> firstConsumingWith(int workers, Instant since) throws Exception {
        for (JsonNode sample : get("/api/autoscaler/timeline")) {
            Instant at = Instant.parse(sample.get("at").asText());
            if (!at.isBefore(since) && sample.get("consumeRate").asDouble() > 0 && sample.get("workers").asInt() >= workers) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    @Test
    @Order(1)
    void workersScaleUpAndDownWhileEventsFlowAndEveryViewEqualsTheFoldOfTheEvents() throws Exception {
        assertThat(get("/api/autoscaler").get("mode").asText()).isEqualTo("predictive");
        // workers start slowly on a loaded machine: the phases end on what the autoscaler shows, not on a clock
        Instant start = Instant.now();
        loadUntil(30, Duration.ofMinutes(8), () -> firstConsumingWith(2, start).isPresent());
        // from the timeline, not the clock: the scale-down may come while the burst's last load run still goes
        Instant scaledUp = firstConsumingWith(2, start).orElseThrow();
        loadUntil(1, Duration.ofMinutes(6), () -> {
            JsonNode state = get("/api/autoscaler");
            return state.get("workers").asInt() == 1 && state.get("produceRate").asDouble() > 0;
        });
        JsonNode timeline = get("/api/autoscaler/timeline");
        boolean scaledDownWhileFlowing = false;
        for (JsonNode sample : timeline) {
            if (Instant.parse(sample.get("at").asText()).isAfter(scaledUp) && sample.get("workers").asInt() == 1
                    && sample.get("produceRate").asDouble() > 0) {
                scaledDownWhileFlowing = true;
            }
        }
        assertThat(scaledDownWhileFlowing).as("back to 1 worker while events still flowed; timeline %s", timeline).isTrue();

        // the group catches up, and then every cart and order view equals the fold of its events
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> get("/api/autoscaler").get("totalLag").asLong() == 0);
        ViewVerifier verifier = new ViewVerifier(SharedContainers.POSTGRES.getJdbcUrl(), SharedContainers.POSTGRES.getUsername(),
                SharedContainers.POSTGRES.getPassword(), "redis://" + SharedContainers.redisHost() + ":" + SharedContainers.redisPort());
        ViewVerifier.Report[] report = new ViewVerifier.Report[1];
        // the relay and order-service may still be writing the last events: verify until clean, at most a minute
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            report[0] = verifier.verify(null, null);
            return report[0].clean();
        });
        assertThat(report[0].drifted()).as(report[0].lastLine()).isEmpty();
        assertThat(report[0].checked()).as("views checked").isGreaterThan(100);
    }

    @Test
    @Order(2)
    void theLivePageDrawsTheTimelineInHeadlessChromium() throws Exception {
        Path screenshot = Path.of("target", "autoscaler-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        String url = autoscaler.baseUrl() + "/";
        // the timeline only grows (up to its 1800 samples): the page must draw at least what it held before loading
        int held = get("/api/autoscaler/timeline").size();
        assertThat(held).as("timeline samples after the scaling test").isGreaterThan(10);
        String dom = chromium("--dump-dom", url);
        chromium("--screenshot=" + screenshot, url);

        // every chart drew the whole timeline, and a non-empty line per series
        for (String chart : List.of("chart-lag", "chart-lag-seconds", "chart-rates", "chart-workers")) {
            Matcher points = Pattern.compile("id=\"" + chart + "\" data-points=\"(\\d+)\"").matcher(dom);
            assertThat(points.find()).as("chart %s in %s", chart, dom).isTrue();
            assertThat(Integer.parseInt(points.group(1))).as("samples drawn in %s", chart).isGreaterThanOrEqualTo(held);
        }
        // a line per series (lag seconds has gaps where the drain time was unknown)
        Matcher lines = Pattern.compile("<polyline points=\"([^\"]*)\"").matcher(dom);
        int drawn = 0;
        while (lines.find()) {
            assertThat(lines.group(1).split(" ")).as("points of a series").hasSizeGreaterThan(5);
            drawn++;
        }
        assertThat(drawn).as("series drawn").isEqualTo(6);
        assertThat(dom).contains("mode <b>predictive</b>");

        // and the screenshot shows them: enough pixels in the lag (red) and workers (orange) colours
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(pixels(image, 0xd62728)).as("lag line pixels").isGreaterThan(200);
        assertThat(pixels(image, 0xff7f0e)).as("workers line pixels").isGreaterThan(200);
        assertThat(pixels(image, 0x2ca02c)).as("consume rate line pixels").isGreaterThan(200);
    }

    /** Runs headless Chromium on a page, giving its scripts time to fetch and draw; answers what it printed. */
    static String chromium(String action, String url) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,900", "--user-data-dir=" + profile,
                "--virtual-time-budget=10000", action, url));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("no chromium on the PATH: run infra/bootstrap.sh (it installs Debian's chromium)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium exit status").isZero();
        return out;
    }

    /** Pixels within a small distance of a colour (anti-aliasing blends line edges). */
    static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                int dr = ((pixel >> 16) & 0xff) - ((rgb >> 16) & 0xff);
                int dg = ((pixel >> 8) & 0xff) - ((rgb >> 8) & 0xff);
                int db = (pixel & 0xff) - (rgb & 0xff);
                if (dr * dr + dg * dg + db * db < 40 * 40) {
                    count++;
                }
            }
        }
        return count;
    }
}

package shop.autoscaler.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The autoscaler's state, its timeline as JSON (for the page at {@code /}), as CSV and as a PNG chart (for records). */
@RestController
@RequestMapping("/api/autoscaler")
class AutoscalerController {

    private final AtomicReference<AutoscalerState> state;
    private final Timeline timeline;
    private final AutoscalerProperties properties;

    AutoscalerController(AtomicReference<AutoscalerState> state, Timeline timeline, AutoscalerProperties properties) {
        this.state = state;
        this.timeline = timeline;
        this.properties = properties;
    }

    @GetMapping
    AutoscalerState state() {
        return state.get();
    }

    @GetMapping("/timeline")
    List<Sample> timeline() {
        return timeline.samples();
    }

    @GetMapping(value = "/timeline.csv", produces = "text/csv")
    ResponseEntity<String> timelineCsv() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"autoscaler-timeline.csv\"")
                .body(timeline.csv());
    }

    @GetMapping(value = "/timeline.png", produces = MediaType.IMAGE_PNG_VALUE)
    byte[] timelinePng() throws IOException {
        Path file = Files.createTempFile("autoscaler-timeline", ".png");
        try {
            timeline.png(file, "cache-projector autoscaler (" + properties.mode().label() + "), group " + properties.group());
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

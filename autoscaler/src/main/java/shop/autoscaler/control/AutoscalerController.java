package shop.autoscaler.control;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The autoscaler's state, its timeline as JSON (for the page at {@code /}) and as CSV (for charts and records). */
@RestController
@RequestMapping("/api/autoscaler")
class AutoscalerController {

    private final AtomicReference<AutoscalerState> state;
    private final Timeline timeline;

    AutoscalerController(AtomicReference<AutoscalerState> state, Timeline timeline) {
        this.state = state;
        this.timeline = timeline;
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
}

package shop.autoscaler.simulate;

import java.time.Duration;
import java.util.Locale;

/**
 * Traffic shapes, as events/s over time, in units of the peak rate. Every run starts with one
 * worker and no backlog, so steady measures a cold start.
 */
enum Trace {

    /** 40 % of the peak throughout. */
    STEADY(Duration.ofMinutes(30)) {
        @Override
        double share(double t, double duration) {
            return 0.4;
        }

    },
    /** 5 % of the peak, then from a third of the run on 60 %. */
    STEP(Duration.ofMinutes(45)) {
        @Override
        double share(double t, double duration) {
            return t < duration / 3 ? 0.05 : 0.6;
        }
    },
    /** 5 % of the peak with the full peak for two minutes after a quarter of the run. */
    SPIKE(Duration.ofMinutes(40)) {
        @Override
        double share(double t, double duration) {
            return t >= duration / 4 && t < duration / 4 + 120 ? 1.0 : 0.05;
        }
    },
    /** One day: 5 % at midnight rising to 95 % at noon and back (a raised cosine). */
    DIURNAL(Duration.ofHours(24)) {
        @Override
        double share(double t, double duration) {
            return 0.05 + 0.9 * (1 - Math.cos(2 * Math.PI * t / duration)) / 2;
        }
    };

    private final Duration defaultDuration;

    Trace(Duration defaultDuration) {
        this.defaultDuration = defaultDuration;
    }

    /** The rate at {@code t} seconds as a share of the peak rate. */
    abstract double share(double t, double duration);

    Duration defaultDuration() {
        return defaultDuration;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

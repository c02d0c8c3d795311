package shop.autoscaler.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Starts and stops cache-projector worker processes. Scaling down sends SIGTERM to the newest workers and
 * waits for them: each finishes its batch, commits and leaves the group (a worker killed after
 * {@code stopTimeout} only costs a redelivery of its last batch, which the views' versions make harmless).
 * Closing the supervisor stops every worker, so stopping the autoscaler leaves none behind.
 */
public final class WorkerSupervisor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkerSupervisor.class);

    /** One running worker process. */
    public record Worker(int id, long pid, Instant started, Path log) {
    }

    private record Running(Worker worker, Process process) {
    }

    private final WorkerProperties properties;
    // read by health checks and HTTP while a scale-down waits, so not guarded by the scaling lock
    private final Deque<Running> running = new ConcurrentLinkedDeque<>();
    private int nextId = 1;

    public WorkerSupervisor(WorkerProperties properties) {
        this.properties = properties;
    }

    /** The workers alive now, oldest first; a worker that exited on its own is dropped (and logged). */
    public List<Worker> workers() {
        running.removeIf(entry -> {
            if (entry.process().isAlive()) {
                return false;
            }
            log.warn("worker {} (pid {}) exited on its own with status {}; see {}", entry.worker().id(),
                    entry.worker().pid(), entry.process().exitValue(), entry.worker().log());
            return true;
        });
        return running.stream().map(Running::worker).toList();
    }

    /** The worker count the bounds allow for a group whose largest topic has {@code partitions} partitions. */
    public int bound(int desired, int partitions) {
        int max = partitions > 0 ? partitions : Integer.MAX_VALUE;
        if (properties.max() > 0) {
            max = Math.min(max, properties.max());
        }
        return Math.max(properties.min(), Math.min(max, desired));
    }

    /** Starts or stops workers until {@code count} run; returns when the stopped ones have exited. */
    public synchronized void scaleTo(int count) {
        int alive = workers().size();
        for (int i = alive; i < count; i++) {
            start();
        }
        List<Running> stopping = new ArrayList<>();
        for (int i = count; i < alive; i++) {
            stopping.add(running.removeLast());
        }
        stopAll(stopping);
    }

    private void start() {
        int id = nextId++;
        Path logFile = properties.logDirectory().resolve("cache-projector-worker-" + id + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties.jvmOptions());
        command.add("-jar");
        command.add(properties.jar().toString());
        command.addAll(properties.arguments());
        try {
            Files.createDirectories(properties.logDirectory());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            Worker worker = new Worker(id, process.pid(), Instant.now(), logFile);
            running.addLast(new Running(worker, process));
            log.info("started worker {} (pid {}, log {})", id, process.pid(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker: " + String.join(" ", command), e);
        }
    }

    /** SIGTERM to all at once, then waits for each; one that outlives the timeout is killed. */
    private void stopAll(List<Running> stopping) {
        stopping.forEach(entry -> entry.process().destroy());
        CompletableFuture.allOf(stopping.stream()
                .map(entry -> CompletableFuture.runAsync(() -> awaitExit(entry))).toArray(CompletableFuture[]::new)).join();
    }

    private void awaitExit(Running entry) {
        long started = System.nanoTime();
        try {
            if (!entry.process().waitFor(properties.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("worker {} (pid {}) still running {} after SIGTERM; killing it", entry.worker().id(),
                        entry.worker().pid(), properties.stopTimeout());
                entry.process().destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            entry.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("stopped worker {} (pid {}) in {} ms, exit status {}", entry.worker().id(), entry.worker().pid(),
                (System.nanoTime() - started) / 1_000_000, entry.process().isAlive() ? "?" : entry.process().exitValue());
    }

    @Override
    public synchronized void destroy() {
        List<Running> all = new ArrayList<>(running);
        running.clear();
        if (!all.isEmpty()) {
            log.info("stopping all {} workers", all.size());
        }
        stopAll(all);
    }
}

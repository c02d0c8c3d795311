package shop.autoscaler.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the supervisor runs cache-projector workers: {@code java [jvmOptions] -jar jar [arguments]}.
 *
 * @param jar          the projector's runnable jar
 * @param jvmOptions   JVM options of each worker (small heaps: a dozen may share a laptop)
 * @param arguments    the worker's program arguments; application.yml passes the autoscaler's own Kafka and
 *                     Redis settings, so workers always read the broker the lag is read from
 * @param logDirectory where each worker's output goes, one file per worker
 * @param min          workers that always run
 * @param max          most workers (0: no bound of its own); the partition count of the group's largest
 *                     topic always caps, since a worker beyond it would get no partition
 * @param stopTimeout  how long a SIGTERMed worker may take to finish its batch and leave the group before
 *                     it is killed
 * @param supervise    whether this autoscaler runs the workers; false where something else does (in
 *                     Kubernetes KEDA scales the Deployment to {@code desiredWorkers}), and the worker
 *                     count is then the group's member count
 */
@ConfigurationProperties("shop.autoscaler.workers")
public record WorkerProperties(
        @DefaultValue("cache-projector/target/cache-projector-0.1.0-SNAPSHOT-exec.jar") Path jar,
        @DefaultValue({"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"}) List<String> jvmOptions,
        @DefaultValue("--server.port=0") List<String> arguments,
        @DefaultValue("logs/workers") Path logDirectory,
        @DefaultValue("1") int min,
        @DefaultValue("0") int max,
        @DefaultValue("30s") Duration stopTimeout,
        @DefaultValue("true") boolean supervise) {
}

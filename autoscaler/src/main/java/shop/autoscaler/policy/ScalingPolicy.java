package shop.autoscaler.policy;

/**
 * Decides how many projector workers the group needs. Pure: no Kafka, no clock of its own (time
 * comes with each observation), so the supervisor, the simulator and the tests drive the same code.
 */
public interface ScalingPolicy {

    /** Called once per poll interval with what was observed; may keep state between calls. */
    Decision decide(Observation observation);
}

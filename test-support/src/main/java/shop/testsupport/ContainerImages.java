package shop.testsupport;

/**
 * The images every test runs. {@code infra/bootstrap.sh} makes sure each exists locally (pulled where a
 * registry answers, built as a stand-in where none does), so keep both in step: a test checks it.
 */
public final class ContainerImages {

    public static final String POSTGRES = "postgres:15";
    public static final String KAFKA = "apache/kafka:3.9.1";
    public static final String REDIS = "redis:7.0";

    private ContainerImages() {
    }
}

package shop.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The service's OpenAPI document: generated from the controllers, titled, and with the bearer scheme so
 * that Swagger UI's "Authorize" takes a token from {@code ./shop token}. */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    private static final String PROBLEM = "ProblemDetail";

    /** What any operation may answer besides its success. */
    private static final Map<String, String> EVERY_OPERATION = ordered(
            "400", "invalid request: malformed JSON, a wrong type, a missing or invalid field (listed in errors)",
            "404", "no such resource, or not yours",
            "406", "the Accept header excludes JSON",
            "503", "a backing service is down, or the view has not caught up with minVersion (Retry-After)");
    /** What an operation needing a token may answer. */
    private static final Map<String, String> WITH_A_TOKEN = ordered(
            "401", "no valid bearer token",
            "403", "the token's role may not do this");
    /** What a command (POST, PUT, DELETE) may answer. */
    private static final Map<String, String> COMMANDS = ordered(
            "409", "the resource's state forbids the command, or it changed meanwhile",
            "412", "If-Match names a version the resource has moved past",
            "413", "the body is larger than allowed",
            "415", "the body is not JSON");

    @Bean
    OpenAPI openApi(@Value("${spring.application.name}") String service) {
        return new OpenAPI()
                .info(new Info().title(service).version("v1")
                        .description("shop-es " + service + ". Errors are RFC 9457 problem+json. "
                                + "POSTs accept an Idempotency-Key; commands accept If-Match with a view's ETag."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * The platform's part of every operation, which the controllers do not declare: the problem answers its filters
     * and error handling give, and the Idempotency-Key a POST takes. An operation marked public (an empty
     * {@code security}) answers no 401 or 403.
     */
    @Bean
    OpenApiCustomizer platformAnswers() {
        return api -> {
            ModelConverters.getInstance().resolveAsResolvedSchema(new AnnotatedType(ProblemDetail.class))
                    .referencedSchemas.forEach(api.getComponents()::addSchemas);
            Content problem = new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new io.swagger.v3.oas.models.media.MediaType().schema(new io.swagger.v3.oas.models.media.Schema<>()
                            .$ref("#/components/schemas/" + PROBLEM)));
            api.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                boolean command = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
                        && method != PathItem.HttpMethod.OPTIONS;
                boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
                add(operation, EVERY_OPERATION, problem);
                if (!open) {
                    add(operation, WITH_A_TOKEN, problem);
                }
                if (command) {
                    add(operation, COMMANDS, problem);
                }
                if (method == PathItem.HttpMethod.POST) {
                    add(operation, Map.of("422", "this Idempotency-Key was used for a different request"), problem);
                    operation.addParametersItem(new HeaderParameter().name(IdempotencyKeys.HEADER).required(false)
                            .description("a retry with the same key and body gets the first answer again, with "
                                    + IdempotencyKeys.REPLAYED + ": true, and changes nothing")
                            .schema(new StringSchema().minLength(1).maxLength(255)));
                }
            }));
        };
    }

    private static void add(Operation operation, Map<String, String> answers, Content problem) {
        answers.forEach((status, description) -> {
            if (operation.getResponses().get(status) == null) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(description).content(problem));
            }
        });
    }

    private static Map<String, String> ordered(String... statusAndDescription) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < statusAndDescription.length; i += 2) {
            answers.put(statusAndDescription[i], statusAndDescription[i + 1]);
        }
        return answers;
    }
}

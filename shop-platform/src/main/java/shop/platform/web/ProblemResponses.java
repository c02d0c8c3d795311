package shop.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;

import shop.platform.domain.InvalidCommand;
import shop.platform.domain.NotFound;
import shop.platform.domain.RuleViolation;
import shop.platform.domain.StaleVersion;

/**
 * The one error format of every service: RFC 9457 problem details. Anything a client can send maps to a
 * 4xx that says what was wrong; an unavailable dependency is a 503; only a bug is a 500.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return notFound(NotFound.noAggregate(String.valueOf(e.getAggregateIdentifier())));
    }

    @ExceptionHandler(InvalidCommand.class)
    ProblemDetail invalidCommand(InvalidCommand e) {
        return invalid(e.getMessage(), List.of());
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        return problem(HttpStatus.CONFLICT, "Not allowed now", e.getMessage());
    }

    @ExceptionHandler(StaleVersion.class)
    ProblemDetail staleVersion(StaleVersion e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Precondition failed", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change", "the resource changed meanwhile; read it again and retry");
    }

    @ExceptionHandler(ViewNotCaughtUp.class)
    ResponseEntity<ProblemDetail> viewNotCaughtUp(ViewNotCaughtUp e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "View not caught up yet", e.getMessage()));
    }

    /**
     * The security firewall checks parameter names and values only when they are read, which a controller, an
     * actuator endpoint or form binding may do: a control character in one is the client's error, as in a header.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    /** Anything else is a bug (a 500), unless a dependency that is down caused it (a 503), however wrapped. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DependencyFailures.unavailable(e)) {
            return dependencyDown(e);
        }
        log.error("unhandled error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "an unexpected error occurred"));
    }

    /** A 503 with {@code Retry-After}: PostgreSQL, Redis or Kafka is down or not answering in time. */
    static ResponseEntity<ProblemDetail> dependencyDown(Throwable e) {
        log.warn("dependency unavailable: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                        "a backing service is unavailable; retry shortly"));
    }

    /**
     * Every error Spring MVC itself raises (405, 406, 415, ...) is written as problem+json whatever the request's
     * Accept says: negotiating it failed outright for an Accept header that does not parse, leaving no body.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, statusCode);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String parameter = e.getPropertyName() != null ? e.getPropertyName() : "a parameter";
        return createResponseEntity(invalid("parameter '" + parameter + "' has the wrong type or format",
                List.of(new FieldProblem(parameter, "wrong type or format"))), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(error -> errors.add(fieldError(error)));
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        ProblemDetail body = invalid("invalid fields: " + errors.stream().map(FieldProblem::field)
                .distinct().collect(Collectors.joining(", ")), errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors body) {
                // a @Valid request body: name its fields, not the Java parameter
                body.getFieldErrors().forEach(error -> errors.add(fieldError(error)));
            } else {
                result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(
                        String.valueOf(result.getMethodParameter().getParameterName()),
                        String.valueOf(error.getDefaultMessage()))));
            }
        });
        return ResponseEntity.badRequest().body(invalid("invalid fields: " + errors.stream()
                .map(FieldProblem::field).distinct().collect(Collectors.joining(", ")), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof RequestBodyLimit.TooLarge) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", cause.getMessage()));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ResponseEntity.badRequest().body(invalid("field '" + field + "' has the wrong type or format",
                    List.of(new FieldProblem(field, "wrong type or format"))));
        }
        JsonParser parser = cause instanceof StreamReadException read ? read.getProcessor() : null;
        if (parser != null && parser.getParsingContext() != null && parser.getParsingContext().getCurrentName() != null) {
            // e.g. a number too large for its field, a field given twice: the parser still knows where it was
            String field = fieldPath(parser.getParsingContext());
            return ResponseEntity.badRequest().body(invalid("field '" + field + "' has the wrong type or format",
                    List.of(new FieldProblem(field, "wrong type or format"))));
        }
        String detail = cause instanceof JsonMappingException
                ? "the request body has the wrong shape: a JSON object is expected"
                : cause instanceof JsonProcessingException ? "the request body is not valid JSON" : "the request body is missing or unreadable";
        return ResponseEntity.badRequest().body(invalid(detail, List.of()));
    }

    /** The dotted path of the field a parser was reading, as {@code shippingAddress.name} or {@code lines[2].sku}. */
    private static String fieldPath(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
            String step = level.inArray() ? "[" + level.getCurrentIndex() + "]" : level.getCurrentName();
            if (step != null) {
                path.insert(0, path.isEmpty() || path.charAt(0) == '[' ? step : step + ".");
            }
        }
        return path.toString();
    }

    /** One entry of a 400's {@code errors}: which field, and what is wrong with it. */
    record FieldProblem(String field, String message) {
    }

    private static FieldProblem fieldError(FieldError error) {
        return new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage()));
    }

    private static ProblemDetail invalid(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }

    /** The same, naming the refused path as its instance (left out when the path is no valid URI itself). */
    static ProblemDetail problem(HttpStatus status, String title, String detail, String path) {
        ProblemDetail problem = problem(status, title, detail);
        if (path != null) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException e) {
                // a path the container let through but java.net.URI refuses: no instance then
            }
        }
        return problem;
    }
}

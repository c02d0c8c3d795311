package shop.platform.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * The Accept header as RFC 9110 reads it: a media range with {@code q=0} is one the client refuses. Spring's own
 * strategy still offers it, so {@code Accept: application/json;q=0} got JSON, and a command ran. The refused
 * ranges are dropped; when nothing is left, nothing is acceptable (406). JSON refused beside a wildcard that
 * accepts the rest (every type but JSON) is beyond this: the wildcard still lets JSON through.
 */
class AcceptWithoutRefusedTypes extends HeaderContentNegotiationStrategy {

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
        List<MediaType> wanted = super.resolveMediaTypes(request).stream()
                .filter(type -> type.getQualityValue() > 0)
                .toList();
        if (wanted.isEmpty()) {
            throw new HttpMediaTypeNotAcceptableException("the Accept header refuses every media type (q=0)");
        }
        return wanted;
    }
}

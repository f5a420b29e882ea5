package io.picktartup.platform.boundary;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation failures as a 400 problem listing every field. Needed beside {@link ProblemMappers}: the JAX-RS
 * runtime ships its own mapper for {@code ValidationException}, which is closer to the exception than ours for
 * {@code Throwable} and answers with an empty body.
 */
@Provider
public class ValidationProblemMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        var mappers = new ProblemMappers();
        mappers.uri = uri;
        return mappers.toResponse(exception);
    }
}

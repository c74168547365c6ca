package io.ratchet.api;

import io.ratchet.launch.BadLaunchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every API error as an {@link ApiError} body: 400 naming the bad field, 404, 409, and
 * 500 for a failure of Ratchet's own (logged with its stack trace; the body says what
 * failed).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	@ExceptionHandler
	ResponseEntity<ApiError> refused(ApiException ex) {
		return error(ex.status(), ex.getMessage(), ex.field());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> badLaunch(BadLaunchException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> badValue(MethodArgumentTypeMismatchException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getName() + ": '" + ex.getValue() + "' is not "
				+ ((ex.getRequiredType() != null) ? "a valid " + ex.getRequiredType().getSimpleName() : "valid"),
				ex.getName());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException ex) {
		return error(HttpStatus.BAD_REQUEST,
				"the body is not the JSON expected, e.g. {\"job\": \"nowtest\", "
						+ "\"parameters\": {\"dataset\": \"churn\"}}: " + ex.getMostSpecificCause().getMessage(),
				"body");
	}

	@ExceptionHandler
	ResponseEntity<ApiError> notJson(HttpMediaTypeNotSupportedException ex) {
		return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json", "Content-Type");
	}

	@ExceptionHandler
	ResponseEntity<ApiError> failed(IllegalStateException ex) {
		log.error("API request failed: {}", ex.getMessage(), ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, ex.getMessage(), null);
	}

	private static ResponseEntity<ApiError> error(HttpStatus status, String message, String field) {
		return ResponseEntity.status(status)
			.body(new ApiError(status.value(), status.getReasonPhrase(), message, field));
	}

}

package io.ratchet.api;

import org.springframework.http.HttpStatus;

/** An API request refused with a status, a message and the field at fault. */
class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String field;

	ApiException(HttpStatus status, String field, String message) {
		super(message);
		this.status = status;
		this.field = field;
	}

	HttpStatus status() {
		return this.status;
	}

	String field() {
		return this.field;
	}

}

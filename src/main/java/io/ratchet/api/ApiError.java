package io.ratchet.api;

/**
 * The body of every API error.
 *
 * @param status the HTTP status
 * @param error its reason phrase
 * @param message what went wrong, in words
 * @param field the request field at fault (a query parameter, {@code job},
 * {@code parameters.asOf}, {@code body}), or {@code null}
 */
public record ApiError(int status, String error, String message, String field) {

}

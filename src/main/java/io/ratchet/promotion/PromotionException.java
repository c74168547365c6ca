package io.ratchet.promotion;

/**
 * A promotion, rollback or ratchet that cannot be done as asked; the message says why,
 * and nothing was changed.
 */
public class PromotionException extends RuntimeException {

	public PromotionException(String message) {
		super(message);
	}

	public PromotionException(String message, Throwable cause) {
		super(message, cause);
	}

}

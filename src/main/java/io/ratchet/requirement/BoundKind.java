package io.ratchet.requirement;

/** Which side of a bound a value crossed: below a minimum or above a maximum. */
public enum BoundKind {

	MIN, MAX

}

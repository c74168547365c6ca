package io.ratchet.data;

/**
 * What reading one month file found.
 *
 * @param rows data records read (blank lines are not records)
 * @param accepted valid rows handed on
 * @param rejected rows that failed validation ({@code rows = accepted + rejected})
 * @param unlabelled accepted rows with a missing label (counted in {@code accepted})
 */
public record ReadStats(long rows, long accepted, long rejected, long unlabelled) {
}

package io.leakwatch.contracts.incident;

/**
 * Where a claimed leak was seen.
 *
 * @param kind FORUM, SOCIAL_MEDIA, MEDIA, TIP or OTHER
 * @param url where the offer was seen; may be null for a tip
 * @param actor the seller's or poster's handle, as seen
 */
public record ReportSource(String kind, String url, String actor) {}

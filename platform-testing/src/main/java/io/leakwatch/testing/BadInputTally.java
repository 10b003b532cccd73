package io.leakwatch.testing;

import io.restassured.response.Response;
import java.util.concurrent.atomic.AtomicInteger;

/** What a service's {@code BadInputTest} tried, printed at the end so that a run tells its figures (issue 7, point 4). */
public final class BadInputTally {

    private final String service;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger fuzzed = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    public BadInputTally(String service) {
        this.service = service;
    }

    /** {@code count} corpus inputs were refused as they should be. */
    public void refused(int count) {
        refused.addAndGet(count);
    }

    /** A mutation was answered with {@code response} (already checked to be handled). */
    public void fuzzed(Response response) {
        fuzzed.incrementAndGet();
        if (response.statusCode() < 400) {
            accepted.incrementAndGet();
        }
    }

    public void print() {
        System.out.printf(
                "bad-input (%s): %d inputs tried, all refused with 4xx problem+json; fuzz: %d mutations tried,"
                        + " %d accepted, %d refused with 4xx problem+json, none 5xx%n",
                service, refused.get(), fuzzed.get(), accepted.get(), fuzzed.get() - accepted.get());
    }
}

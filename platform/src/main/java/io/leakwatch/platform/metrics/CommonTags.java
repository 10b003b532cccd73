package io.leakwatch.platform.metrics;

import io.leakwatch.platform.config.LeakwatchConfig;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Every meter of a service carries {@code service="<leakwatch.service>"}, so one dashboard can hold all three. */
@Singleton
class CommonTags {

    @Produces
    @Singleton
    @Unremovable
    MeterFilter serviceTag(LeakwatchConfig config) {
        return MeterFilter.commonTags(Tags.of("service", config.service()));
    }
}

package io.leakwatch.matching.rest;

/**
 * The registry at a glance.
 *
 * @param registryMembers distinct non-canary members whose latest status is not DECEASED (DESIGN.md)
 * @param versions every stored version of every member, canaries included
 * @param canarySets distinct canary sets seeded into the registry's data shares
 */
public record RegistryStats(
        long registryMembers, long active, long inactive, long deceased, long versions, long canarySets) {}

/**
 * The privacy toolkit that intake-service (sample upload) and matching-service (registry import) share: NIK
 * validation, field normalisation, keyed tokens and the Bloom-filter encoding of names.
 *
 * <p>Both sides must turn the same person into the same tokens, so this is the one place those rules live. The
 * classes are plain Java and JDK crypto (no Quarkus, no CDI) so that they can be unit-tested directly and used by a
 * command-line generator. Nothing here logs, and no {@code toString()} or exception message carries a plaintext
 * value, a token in full or the tokenisation key.
 */
package io.leakwatch.platform.privacy;

/**
 * The domain layer's foundation: the kinds of stored record ({@link dev.bulwark.controller.domain.Kind}) and their
 * typed access with compare-and-swap ({@link dev.bulwark.controller.domain.Records}), between the areas' domain
 * services above and the store below. It knows no HTTP and no area.
 */
package dev.bulwark.controller.domain;

/**
 * The shared kernel: what every module may use, split by concern. {@code web}: the filter
 * chain, request hygiene and the two error formats; {@code data}: ids, digests, database
 * failures and the change relay between instances; {@code cache}: the lookup caches and
 * their metrics; {@code config}: Facecard's settings, the clock, the OpenAPI document and
 * readiness as a metric. It depends on no feature module.
 */
@ApplicationModule(displayName = "Shared kernel", type = ApplicationModule.Type.OPEN)
package dev.facecard.shared;

import org.springframework.modulith.ApplicationModule;

package io.github.springsocketio.annotation;

import org.jspecify.annotations.Nullable;

/** Validates {@code @Valid} payload arguments; backed by Jakarta Bean Validation when it is on the class path. */
@FunctionalInterface
interface PayloadValidator {

	/**
	 * @param value the converted argument
	 * @param groups the validation groups of the parameter's annotation, possibly empty
	 * @throws RuntimeException the validator's exception when the value breaks its constraints
	 */
	void validate(@Nullable Object value, Object[] groups);

}

package io.github.springsocketio.annotation;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Reaches {@link BeanValidation} only when the Jakarta Bean Validation API is on the class path. It names no class of
 * that API, so it loads without it, which {@code BeanValidation} cannot: the rest of the package goes through here.
 */
final class BeanValidationSupport {

	private static final boolean PRESENT = ClassUtils.isPresent("jakarta.validation.Validator",
			BeanValidationSupport.class.getClassLoader());

	private BeanValidationSupport() {
	}

	/**
	 * @param beanFactory where to look for the application's validator
	 * @return the payload validator, or {@code null} without Bean Validation
	 * @see BeanValidation#validator
	 */
	static @Nullable PayloadValidator validator(ListableBeanFactory beanFactory) {
		return PRESENT ? BeanValidation.validator(beanFactory) : null;
	}

	/**
	 * @param ex a failure
	 * @return the error acknowledgement of a validation failure, or {@code null} when it is none
	 */
	static @Nullable EventError error(Throwable ex) {
		return PRESENT ? BeanValidation.error(ex) : null;
	}

}
